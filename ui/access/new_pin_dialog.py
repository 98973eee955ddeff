"""After the recovery key opened the database: a practitioner chooses a new PIN and signs in
with it (``assistant.access.auth.set_pin``, then ``assistant.context.sign_in``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from assistant.access import auth
from assistant.clinic.store import PractitionerInfo, list_practitioners
from assistant.context import sign_in
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from ui.access.pin_entry import message_label, pin_field


class NewPinDialog(QDialog):
    """After the recovery key: a practitioner chooses a new PIN (and signs in with it)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a new PIN"))
        self.db = db
        self.practitioner: PractitionerInfo | None = None
        intro = QLabel(
            self.tr(
                "The recovery key opened the database. Choose who you are and a new PIN; "
                "colleagues keep their own PINs."
            )
        )
        intro.setWordWrap(True)
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Practitioner"))
        for info in list_practitioners(db):
            self.who.addItem(info.name, info.id)
        self.pin = pin_field(self, self.tr("New PIN or password"))
        self.repeat = pin_field(self, self.tr("New PIN again"))
        self.message = message_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Practitioner"), self.who)
        form.addRow(self.tr("&New PIN"), self.pin)
        form.addRow(self.tr("PIN &again"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        practitioner_id = self.who.currentData()
        if practitioner_id is None:
            return
        if self.pin.text() != self.repeat.text():
            self.message.setText(self.tr("The two PINs are not the same."))
            return
        try:
            auth.set_pin(self.db, int(practitioner_id), self.pin.text(), actor=int(practitioner_id))
            self.practitioner = sign_in(
                self.db, int(practitioner_id), self.pin.text(), purpose="recovery key"
            ).practitioner
        except InvalidInput as exc:
            self.message.setText(str(exc))
            return
        self.accept()
