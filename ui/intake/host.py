"""The window's side of the patient's questionnaire: one server for the window (started
with the first link, stopped when no link is open, when the database is replaced and when
the window closes), the "Questionnaire on a phone" dialog, "Let the patient answer here",
and the status bar saying where it listens and for whom."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from assistant.errors import ChairsideError
from assistant.operations import OpChanges

if TYPE_CHECKING:
    from assistant.intake.service import IntakeDesk, Offer
    from assistant.intake.store import Questionnaire

log = logging.getLogger(__name__)
CHECK_MS = 2000


class IntakeHost(QObject):
    questionnaireArrived = Signal(object)  # Questionnaire, on the UI thread
    _arrivedFromServer = Signal(object)  # emitted on the server's thread, queued to this one

    def __init__(self, context: Any, window: QMainWindow) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.desk: IntakeDesk | None = None
        self._names: dict[int, str] = {}
        self.dialog: Any = None
        self.mode: Any = None
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Questionnaire server"))
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        self._arrivedFromServer.connect(self._arrived)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)

    # -- on a phone ---------------------------------------------------------------------------

    def offer_phone(self, patient_id: int, patient_name: str) -> None:
        settings = self.context.settings
        if not settings.intake_enabled:
            QMessageBox.information(
                self.window,
                self.tr("Questionnaire on a phone"),
                self.tr(
                    "Questionnaires on a phone are turned off. A practitioner can turn them "
                    "on in Settings › Questionnaire, and choose this computer's address on "
                    'the clinic\'s network. "Let the patient answer here" works without it.'
                ),
            )
            return
        try:
            desk = self._desk()
        except ChairsideError as exc:  # an address that is not this computer's, say
            QMessageBox.warning(self.window, self.tr("Questionnaire on a phone"), str(exc))
            return
        minutes = settings.intake_minutes
        actor = self.context.practitioner_id
        self._names[patient_id] = patient_name
        self.context.runner.run(
            lambda: desk.offer(patient_id, minutes, actor=actor),
            lambda offer: self._show_offer(offer, patient_name),
            owner=self,
        )

    def _desk(self) -> IntakeDesk:
        settings = self.context.settings
        if self.desk is None or self.desk.db is not self.context.db:
            # the questionnaire's server with its first link: 15 ms off the window's start
            from assistant.intake.service import IntakeDesk

            self.stop()
            self.desk = IntakeDesk(
                self.context.db,
                settings.intake_address,
                settings.intake_port,
                on_received=self._arrivedFromServer.emit,
            )
        return self.desk

    def _show_offer(self, offer: Offer, patient_name: str) -> None:
        # the offer dialog only when a questionnaire is offered
        from ui.intake.dialog import IntakeDialog

        desk = self.desk
        assert desk is not None
        self._timer.start(CHECK_MS)
        self._check()
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = IntakeDialog(
            offer, patient_name, desk.address, desk.port, lambda: desk.state(offer), self.window
        )
        self.dialog.show()

    def _arrived(self, questionnaire: Questionnaire) -> None:
        name = self._names.get(questionnaire.patient_id, "")
        self.window.statusBar().showMessage(
            self.tr("{name}'s answers have arrived, to confirm in the checklist.").format(
                name=name
            ),
            10000,
        )
        if self.dialog is not None:
            self.dialog.refresh()
        self._check()
        # The server's thread stored it, outside the task runner: told here, as an operation.
        self.context.runner.operations.announce(OpChanges.of("records"))
        self.questionnaireArrived.emit(questionnaire)

    def _check(self) -> None:
        """Say where the window listens and for whom; stop listening once no link is open."""
        desk = self.desk
        waiting = desk.open_offers() if desk is not None else []
        if desk is None or not waiting:
            if desk is not None and desk.listening:
                desk.stop()
            self.status_label.hide()
            self._timer.stop()
            return
        names = ", ".join(dict.fromkeys(self._names.get(p, str(p)) for p in waiting))
        self.status_label.setText(
            self.tr("Questionnaire: listening on {address}:{port} for {names}").format(
                address=desk.address, port=desk.port, names=names
            )
        )
        self.status_label.show()

    # -- on this computer -------------------------------------------------------------------

    def patient_mode(self, patient_id: int) -> None:
        """The window becomes the patient's questionnaire until a practitioner's PIN."""
        # the patient's questionnaire screens only when one is filled in
        from assistant.clinic.store import get_clinic
        from assistant.intake.service import needs_guardian
        from assistant.intake.store import save_received
        from assistant.intake.wording import wording
        from assistant.patients.store import get_patient
        from assistant.text.dates import utcnow
        from ui.access.pin_entry import PinChecker
        from ui.intake.patient_mode import PatientMode

        db, actor = self.context.db, self.context.practitioner_id
        if actor is None:
            return
        # Short local reads, as when a patient's page opens.
        patient = get_patient(db, patient_id)
        words = wording(patient.details.language)
        guardian = needs_guardian(patient.details.date_of_birth, utcnow().date())
        checker = PinChecker(db, utcnow, "end patient mode", self)

        def save(received: Any, done: Any) -> None:
            def stored(questionnaire: Questionnaire) -> None:
                done()
                self.questionnaireArrived.emit(questionnaire)

            self.context.runner.run(
                lambda: save_received(db, patient_id, received, actor), stored, owner=self
            )

        self.mode = PatientMode(
            words, get_clinic(db).name, guardian, save, checker, actor, self.window
        )
        self.mode.finished.connect(checker.deleteLater)
        self.mode.finished.connect(self._mode_ended)
        self.mode.cover()

    def _mode_ended(self) -> None:
        self.mode = None

    def in_patient_mode(self) -> bool:
        return self.mode is not None

    def stop(self) -> None:
        """Stop listening: every link given out stops working."""
        if self.desk is not None:
            self.desk.stop()
        self.desk = None
        self.status_label.hide()
        self._timer.stop()
