""" "Questionnaire on a phone": the QR code of a one-use link for one patient, where the
window listens, and whether the answers have arrived. The code's link carries the key that
encrypts the answers; the patient's name is shown here only, never on the phone."""

from __future__ import annotations

import ipaddress
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from assistant.intake.links import LinkState
from assistant.intake.service import Offer
from assistant.text.dates import utcnow
from assistant.text.screen_dates import screen_short_moment
from ui.day.qr_code import QrCode


def _local(moment: datetime) -> datetime:
    """A naive UTC time as this computer's wall time."""
    # only when a time is shown
    from datetime import UTC

    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class IntakeDialog(QDialog):
    def __init__(
        self,
        offer: Offer,
        patient_name: str,
        address: str,
        port: int,
        state: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.offer = offer
        self._state = state  # () -> LinkState of the offer
        self.setWindowTitle(self.tr("Questionnaire on a phone"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("{name} scans this code with the phone's camera and answers in {language}.")
            .format(name=patient_name, language=offer.language_name)
        )  # fmt: skip
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        self.code = QrCode()
        self.code.set_text(offer.url)
        self.code.setAccessibleName(self.tr("QR code of the questionnaire's link"))
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        self.listening = QLabel(
            self.tr(
                "Listening on {address}, port {port}, for this patient only. The link works "
                "once, until {time}; the phone must be on the clinic's network."
            ).format(address=address, port=port, time=screen_short_moment(_local(offer.expires_at)))
        )
        self.listening.setWordWrap(True)
        layout.addWidget(self.listening)
        if ipaddress.ip_address(address).is_loopback:
            self.loopback = QLabel(
                self.tr(
                    "This address is this computer's own: a phone cannot reach it. Choose the "
                    "address on the clinic's network in Settings › Questionnaire."
                )
            )
            self.loopback.setWordWrap(True)
            self.loopback.setProperty("role", "error")
            layout.addWidget(self.loopback)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("State of the questionnaire"))
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()

    def refresh(self) -> None:
        state = self._state()  # type: ignore[operator]
        if state is LinkState.USED:
            self.status.setText(
                self.tr("The answers have arrived. They wait in the checklist, to confirm.")
            )
            self.code.set_text("")
            self.code.setAccessibleName(self.tr("The link has been used"))
            self._timer.stop()
        elif state is LinkState.EXPIRED or utcnow() >= self.offer.expires_at:
            self.status.setText(self.tr("The link has expired. Close this and make a new one."))
            self.code.set_text("")
            self.code.setAccessibleName(self.tr("The link has expired"))
            self._timer.stop()
        else:
            self.status.setText(self.tr("Waiting for the answers…"))
