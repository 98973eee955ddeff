"""Signing in: choose who you are and type your PIN. A wrong PIN is answered in place;
after several, the wait the core asks for is shown as a countdown and the button stays
disabled until it is over."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.clinic.store import PractitionerInfo, list_practitioners
from assistant.storage.db import Database
from assistant.text.dates import utcnow
from ui.access.pin_entry import Clock, PinChecker, message_label, pin_field

log = logging.getLogger(__name__)


class LoginDialog(QDialog):
    """Choose a practitioner and enter the PIN. ``practitioner`` holds who signed in."""

    def __init__(self, db: Database, clock: Clock = utcnow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Chairside"))
        self.db = db
        self.practitioner: PractitionerInfo | None = None
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Practitioner"))
        self.who.setMinimumHeight(40)
        for info in list_practitioners(db):
            if info.has_pin:
                self.who.addItem(info.name, info.id)
        self.pin = pin_field(self, self.tr("PIN or password"))
        self.message = message_label()
        self.sign_in = QPushButton(self.tr("&Sign in"))
        self.sign_in.setDefault(True)
        self.sign_in.setMinimumHeight(44)
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Practitioner"), self.who)
        form.addRow(self.tr("P&IN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in)
        layout.addWidget(quit_button)

        self.checker = PinChecker(db, clock, "sign in", self)
        self.checker.message.connect(self.message.setText)
        self.checker.waiting.connect(lambda on: self.sign_in.setEnabled(not on))
        self.checker.succeeded.connect(self._signed_in)
        self.sign_in.clicked.connect(self.try_sign_in)
        self.pin.returnPressed.connect(self.try_sign_in)
        self.who.currentIndexChanged.connect(self._practitioner_changed)
        self._practitioner_changed()
        self.pin.setFocus()

    def _practitioner_changed(self) -> None:
        practitioner_id = self.who.currentData()
        if practitioner_id is not None:
            self.checker.prepare(practitioner_id)

    def try_sign_in(self) -> None:
        practitioner_id = self.who.currentData()
        if practitioner_id is None or not self.sign_in.isEnabled():
            return
        pin = self.pin.text()
        self.pin.clear()
        self.checker.check(practitioner_id, pin)

    def _signed_in(self, info: PractitionerInfo) -> None:
        self.practitioner = info
        self.accept()
