"""A new database asks for its first practitioner: name, registration and a PIN or password."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.access import auth
from assistant.clinic.store import PractitionerInfo
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from ui.access.pin_entry import message_label, pin_field

log = logging.getLogger(__name__)


class FirstPractitionerDialog(QDialog):
    """The first start: who is setting Chairside up, with the PIN they will sign in with."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Chairside"))
        self.db = db
        self.practitioner: PractitionerInfo | None = None
        intro = QLabel(
            self.tr(
                "Set up the first practitioner. Everything you record will carry your name; "
                "you sign in with this PIN (at least 4 digits) or password (at least 8 "
                "characters)."
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.credentials = QLineEdit()
        self.credentials.setAccessibleName(self.tr("Credentials"))
        self.credentials.setPlaceholderText(self.tr("e.g. registration number"))
        self.pin = pin_field(self, self.tr("PIN or password"))
        self.repeat = pin_field(self, self.tr("PIN or password again"))
        self.message = message_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("&Create and sign in"))
        buttons.accepted.connect(self.create_practitioner)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Credentials"), self.credentials)
        form.addRow(self.tr("&PIN or password"), self.pin)
        form.addRow(self.tr("PIN or password &again"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Wide enough for the hints: the introduction in a few lines, every placeholder whole.
        metrics = self.fontMetrics()
        self.setMinimumWidth(max(520, metrics.horizontalAdvance("m") * 48))

    def create_practitioner(self) -> None:
        if self.pin.text() != self.repeat.text():
            self.message.setText(self.tr("The two entries are not the same."))
            self.repeat.setFocus()
            return
        try:
            info = auth.create_first_practitioner(
                self.db, self.name.text(), self.credentials.text(), self.pin.text()
            )
            self.practitioner = auth.verify_login(self.db, info.id, self.pin.text())
        except InvalidInput as exc:
            self.message.setText(str(exc))
            (self.name if exc.field == "name" else self.pin).setFocus()
            return
        self.accept()
