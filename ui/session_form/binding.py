"""Between a session record and the form's sections: each section fills itself from the
draft and reads its own part back (``ui.session_form.parts``); this joins them. The values
the zones imply (the interval, the recommended next date) come from the core
(``assistant.sessions.derived_values``), the same function saving stores them with.

Only the sections' public faces are used here (a test reads this module to hold it so).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.sessions import DerivedValues, SessionContext, SessionDraft, derived_values
from ui.session_form.header import HeaderSection
from ui.session_form.outcome import AfterSection, NextSection, ResponseSection
from ui.session_form.parts import merge
from ui.session_form.products import ProductsSection
from ui.session_form.treatment import TreatmentSection
from ui.session_form.zones import ZonesSection


@dataclass(frozen=True)
class FormSections:
    """The sections that hold a draft's values, in the form's order."""

    header: HeaderSection
    treatment: TreatmentSection
    zones: ZonesSection
    next_section: NextSection
    products: ProductsSection
    response: ResponseSection
    after: AfterSection

    def fill(self, draft: SessionDraft, context: SessionContext) -> None:
        """Show ``draft`` in every section (without marking anything changed)."""
        self.treatment.loading = True
        try:
            self.header.fill(draft)
            self.treatment.fill(draft)
            self.response.fill(draft)
            self.after.fill(draft)
            self.zones.set_limits(
                self.treatment.limits(), context.patient.fitzpatrick, context.treatment
            )
            self.zones.fill(draft)
            self.products.fill(draft)
            recommended = derived_values(draft, context.treatment).recommended_next_date
            self.next_section.fill(draft, recommended)
        finally:
            self.treatment.loading = False

    def read(self, recorded: SessionDraft) -> SessionDraft:
        """The draft exactly as the sections show it, over ``recorded`` (the draft as last
        stored: what no section shows, and the values the core derived, stay as they are;
        an expired cartridge is left out)."""
        header = self.header.read()
        return merge(
            recorded,
            header,
            self.treatment.read(recorded, header.treated_at),
            self.zones.read(),
            self.products.read(),
            self.response.read(),
            self.after.read(header.treated_at.date()),
            self.next_section.read(),
        )

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock every control (a signed record is read-only)."""
        for section in (
            self.header, self.treatment, self.zones, self.next_section, self.products,
            self.response, self.after,
        ):  # fmt: skip
            section.set_read_only(read_only)

    def show_next_date(self, context: SessionContext) -> DerivedValues:
        """The core's recommended next date for the zones and start on screen, beside the
        date field (which follows it until edited by hand); returns what was shown."""
        header = self.header.read()
        shown = SessionDraft(treated_at=header.treated_at, zones=self.zones.read().zones)
        derived = derived_values(shown, context.treatment)
        self.next_section.set_minimum(header.treated_at.date())
        self.next_section.show_recommended(derived)
        return derived
