"""The aftercare sheet's contents: the clinic, the patient and the treatment to print.

Plain data, so the template, the dates and the PDF can all depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from assistant.clinic.profile import ClinicProfile

Paper = Literal["A4", "Letter"]
PAPERS: tuple[str, ...] = get_args(Paper)


@dataclass(frozen=True)
class ZoneDepth:
    """One row of the optional depth table."""

    zone: str
    depth_mm: float
    passes: int


@dataclass(frozen=True)
class AftercareSheet:
    clinic: ClinicProfile
    patient_name: str
    practitioner: str
    treated_at: datetime  # end of the treatment, naive local wall time
    zones: tuple[str, ...]  # zone ids from resources/treatment.toml
    next_session: date | None = None
    # The booked appointment (local wall time), printed with its time; it wins over the date.
    next_appointment_at: datetime | None = None
    interval_weeks: int | None = None
    notes: str = ""
    zone_depths: tuple[ZoneDepth, ...] = ()
    show_depth_table: bool = False  # patients need instructions, not settings
    # The antiviral step is printed only when the checklist's cold-sore caution fired.
    cold_sore_caution: bool = False
    # The clinic's sweat window in force (hours); None: the template's own.
    sweat_window_hours: int | None = None
    # The clinic's wait before hair dye, styling products or minoxidil (hours); None: the
    # template's own.
    scalp_products_hours: int | None = None
    # The audit chain head when the sheet was made ("audit #1234 · 0123456789ab"), printed
    # small in the footer: a paper copy the database cannot be rewritten to agree with.
    record_anchor: str = ""
    # The patient's language (assistant.text.languages) and large print (body >= 16 pt).
    language: str = "en"
    large_print: bool = False

    @property
    def areas(self) -> frozenset[str]:
        """The kinds of area treated ("face", "body", "scalp"): the sheet prints their steps.
        A sheet without zones prints every step (nothing is assumed about the areas)."""
        # the zone table only when a sheet prints its steps
        from assistant.reference import zones

        known = zones()
        kinds = frozenset(known[z].area for z in self.zones if z in known)
        return kinds or frozenset(("face", "body", "scalp"))
