"""Whether a signed consent covers the session, read from the consent records.

The form never asks the practitioner to tick "consent on file": when it opens, and whenever
its zones, device or date change, the patient's consents are read off the UI thread and the
treatment section shows what they say (``TreatmentSection.show_consent``). Signing checks the
records again, so a consent withdrawn meanwhile is still caught."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer

from assistant.consent import get_consent
from assistant.consent.validity import ConsentContext, ConsentStatus, consent_status
from assistant.storage.db import Database
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from assistant.sessions import SessionRecord
    from ui.session_form.header import HeaderSection
    from ui.session_form.treatment import TreatmentSection
    from ui.session_form.zone_table_model import ZoneTableModel

DELAY_MS = 300  # a burst of edits reads the records once


class WatchedForm(Protocol):
    """What the watch reads of the session form: the record (signed or not), the zones, the
    device and the day; the treatment section shows the answer."""

    @property
    def record(self) -> SessionRecord: ...
    @property
    def zone_model(self) -> ZoneTableModel: ...
    @property
    def header(self) -> HeaderSection: ...
    @property
    def treatment(self) -> TreatmentSection: ...


def read_consent(
    db: Database, patient_id: int, wanted: ConsentContext
) -> tuple[ConsentStatus, date | None]:
    """The records' answer, with the day the covering consent was signed."""
    status = consent_status(db, patient_id, wanted)
    if not status.valid or status.consent_id is None:
        return status, None
    return status, get_consent(db, status.consent_id).signed_on


class ConsentWatch(QObject):
    def __init__(
        self, form: WatchedForm, db: Database, runner: TaskRunner, patient_id: int
    ) -> None:
        super().__init__(form.treatment)  # it lives, and answers, as long as the section
        self._form = form
        self._db = db
        self._runner = runner
        self._patient_id = patient_id
        self._generation = 0
        self.answered = False  # the records have been read at least once
        self._reasons = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.check)
        model = form.zone_model
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._timer.start)
        form.treatment.deviceChanged.connect(self._timer.start)
        form.header.treated_edit.dateTimeChanged.connect(self._timer.start)
        self.check()

    def check(self) -> None:
        self._timer.stop()
        form = self._form
        if form.record.is_signed:
            return  # the signed document says it; nothing changes any more
        zones = tuple(dict.fromkeys(z.zone for z in form.zone_model.entries()))
        day: date = form.header.treated_edit.date().toPython()  # type: ignore[assignment]
        wanted = ConsentContext(day, zones, form.treatment.device_box.currentData())
        db, patient_id = self._db, self._patient_id
        self._generation += 1
        generation = self._generation
        self._runner.run(
            lambda: read_consent(db, patient_id, wanted),
            lambda result: self._show(result, generation),
            parent=self._form.treatment,
            owner=self,
        )

    def _show(self, result: tuple[ConsentStatus, date | None], generation: int) -> None:
        if generation != self._generation:
            return  # an older reading, overtaken by a later edit
        status, signed_on = result
        why = " ".join(status.reasons)
        self._reasons = "" if status.valid else why or status.message
        self.answered = True
        self._form.treatment.show_consent(status.valid, signed_on, why)

    def refusal(self) -> str:
        """Why the session cannot be signed for want of a consent ("" when one covers it, or
        while the records are still being read: signing checks them again)."""
        if not self.answered or not self._reasons:
            return ""
        return "\N{WARNING SIGN} " + self.tr(
            "This session cannot be signed without a valid consent. {why} Take the patient's "
            "consent in the consent step (More › Take a new consent…)."
        ).format(why=self._reasons)
