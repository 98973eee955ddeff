"""Recording a follow-up call (its outcome and note) and an adverse event (the complication
form: kind, onset, severity, what was done; the session's device, lot and depths are shown,
they come from the session itself)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.day.complications import (
    ComplicationDetails,
    ComplicationInfo,
    SessionFacts,
    add_complication,
    update_complication,
)
from assistant.day.followups import POSSIBLE_COMPLICATION, FollowUpInfo, complete_followup
from assistant.day.vocabulary import choices
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from assistant.text.dates import parse_typed_date
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_date
from ui.tasks import TaskRunner
from ui.translations import screen_locale


def _combo(kind: str, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for key in choices(kind):
        combo.addItem(data_label(kind, key), key)
    return combo


class _Dialog(QDialog):
    """A form with an error line and Save/Cancel (each dialog connects Save to its own call)."""

    def __init__(self, db: Database, runner: TaskRunner, actor: int | None,
                 parent: QWidget | None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._actor = actor
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)

    def _finish_layout(self, save: Callable[[], None]) -> None:
        self.buttons.accepted.connect(save)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText("\N{WARNING SIGN} " + str(error))


class FollowupDialog(_Dialog):
    """A follow-up call done: the outcome (when said) and the note."""

    saved = Signal(object)  # FollowUpInfo
    complicationRequested = Signal(int)  # session id: "possible complication" opens the form

    def __init__(self, db: Database, runner: TaskRunner, call: FollowUpInfo, actor: int | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(db, runner, actor, parent)
        self.call = call
        self.setWindowTitle(self.tr("Follow-up call"))
        self.layout_.addWidget(
            QLabel(
                self.tr("{0}, due {1}: {2}").format(
                    call.patient_name, screen_short_date(call.due_on), call.reason
                )
            )
        )
        self.outcome = _combo("followup_outcomes", self.tr("(not said)"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note of the call"))
        self.note.setPlaceholderText(self.tr("e.g. redness as expected, no pain"))
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.form.addRow(self.tr("Note"), self.note)
        self._finish_layout(self._save)

    def _save(self) -> None:
        outcome: Any = self.outcome.currentData()
        self.buttons.setEnabled(False)
        self._runner.run(
            partial(complete_followup, self._db, self.call.id, self.note.text(), self._actor,
                    outcome),
            self._saved,
            self._failed,
            parent=self,
        )  # fmt: skip

    def _saved(self, call: FollowUpInfo) -> None:
        self.saved.emit(call)
        self.accept()
        if call.outcome == POSSIBLE_COMPLICATION:
            self.complicationRequested.emit(call.session_id)


def facts_words(facts: SessionFacts) -> str:
    """The session a complication is recorded against, in one paragraph."""
    return " · ".join(
        part
        for part in (
            screen_short_date(facts.treated_at),
            f"{facts.device_make} {facts.device_model} {facts.device_serial}".strip(),
            facts.cartridge_lot and f"{facts.cartridge} {facts.cartridge_lot}".strip(),
            ", ".join(
                f"{data_label('zones', z.zone)} {z.depth_mm:g} mm × {z.passes}"
                for z in facts.zones
            ),
            ", ".join(f"{p.name} {p.lot}".strip() for p in facts.products),
        )
        if part
    )


class ComplicationDialog(_Dialog):
    """An adverse event recorded against a session."""

    saved = Signal(object)  # ComplicationInfo

    def __init__(self, db: Database, runner: TaskRunner, session_id: int, facts: str,
                 actor: int | None, parent: QWidget | None = None,
                 existing: ComplicationInfo | None = None) -> None:  # fmt: skip
        super().__init__(db, runner, actor, parent)
        self.session_id = session_id
        self.existing = existing
        self.setWindowTitle(
            self.tr("Record a complication") if existing is None
            else self.tr("Complication {0}").format(existing.id)
        )  # fmt: skip
        about = QLabel(self.tr("Session {0}: {1}").format(session_id, facts))
        about.setWordWrap(True)
        about.setAccessibleName(self.tr("The session"))
        self.layout_.addWidget(about)
        self.kind = _combo("complication_kinds")
        self.onset = QDateEdit(QDate.currentDate())
        self.onset.setLocale(screen_locale())
        self.onset.setCalendarPopup(True)
        self.onset.setDisplayFormat("d MMM yyyy")
        self.severity = _combo("severities")
        self.serious = QComboBox()
        for text, value in (
            (self.tr("(not assessed)"), None),
            (self.tr("yes"), True),
            (self.tr("no"), False),
        ):
            self.serious.addItem(text, value)
        self.serious.setToolTip(
            self.tr(
                "Serious, as the regulators define it: life-threatening, hospitalisation, "
                "permanent impairment, or intervention needed to prevent it"
            )
        )
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(80)
        self.treatment = QLineEdit()
        self.referral = QLineEdit()
        self.udi = QLineEdit()
        self.udi.setPlaceholderText(self.tr("From the device's label, when there is one"))
        self.outcome = _combo("complication_outcomes", self.tr("(not yet known)"))
        self.resolved = QLineEdit()
        self.resolved.setPlaceholderText(self.tr("dd/mm/yyyy, once resolved"))
        self.reported_to = _combo("regulators", self.tr("(not reported)"))
        self.reported_on = QLineEdit()
        self.reported_on.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.reference = QLineEdit()
        for label, widget in (
            (self.tr("Kind"), self.kind),
            (self.tr("Onset"), self.onset),
            (self.tr("Severity"), self.severity),
            (self.tr("Serious"), self.serious),
            (self.tr("Description"), self.description),
            (self.tr("Treatment given"), self.treatment),
            (self.tr("Referral"), self.referral),
            (self.tr("Device UDI"), self.udi),
            (self.tr("Outcome"), self.outcome),
            (self.tr("Resolved on"), self.resolved),
            (self.tr("Reported to"), self.reported_to),
            (self.tr("Reported on"), self.reported_on),
            (self.tr("Reference number"), self.reference),
        ):
            widget.setAccessibleName(label)
            self.form.addRow(label, widget)
        self._finish_layout(self._save)
        if existing is not None:
            self._show(existing.details)

    def _show(self, d: ComplicationDetails) -> None:
        for combo, value in (
            (self.kind, d.kind),
            (self.severity, d.severity),
            (self.serious, d.serious),
            (self.outcome, d.outcome),
            (self.reported_to, d.reported_to),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.onset.setDate(QDate(d.onset_on.year, d.onset_on.month, d.onset_on.day))
        self.description.setPlainText(d.description)
        self.treatment.setText(d.treatment_given)
        self.referral.setText(d.referral)
        self.udi.setText(d.udi)
        self.resolved.setText(f"{d.resolved_on:%d/%m/%Y}" if d.resolved_on else "")
        self.reported_on.setText(f"{d.reported_on:%d/%m/%Y}" if d.reported_on else "")
        self.reference.setText(d.report_reference)

    def _typed_date(self, edit: QLineEdit) -> date | None:
        try:
            return parse_typed_date(edit.text())
        except ValueError as exc:
            raise InvalidInput(
                self.tr("{0}: {1}").format(edit.accessibleName(), exc), "date"
            ) from None

    def details(self) -> ComplicationDetails:
        day = self.onset.date()
        onset = date(day.year(), day.month(), day.day())
        return ComplicationDetails(
            kind=str(self.kind.currentData()),
            onset_on=onset,
            severity=str(self.severity.currentData()),
            description=self.description.toPlainText(),
            serious=self.serious.currentData(),
            treatment_given=self.treatment.text(),
            referral=self.referral.text(),
            udi=self.udi.text().strip(),
            outcome=self.outcome.currentData(),
            resolved_on=self._typed_date(self.resolved),
            reported_to=self.reported_to.currentData(),
            reported_on=self._typed_date(self.reported_on),
            report_reference=self.reference.text().strip(),
        )

    def _save(self) -> None:
        try:
            details = self.details()
        except InvalidInput as exc:
            self.message.setText("\N{WARNING SIGN} " + str(exc))
            return
        self.buttons.setEnabled(False)
        if self.existing is None:
            work = partial(add_complication, self._db, self.session_id, details, self._actor)
        else:
            work = partial(update_complication, self._db, self.existing.id, details, self._actor)
        self._runner.run(work, self._saved, self._failed, parent=self)

    def _saved(self, info: ComplicationInfo) -> None:
        self.saved.emit(info)
        self.accept()
