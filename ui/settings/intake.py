"""Settings › Questionnaire: the patient's questionnaire on a phone, over the clinic's own
network. Off until turned on here; the address is the one of this computer that phones on
the clinic's network reach (the questionnaire is served there only while a link is open)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from assistant.intake.server import local_addresses
from assistant.settings import Settings


class IntakeSettings(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.enabled = QCheckBox(self.tr("Let patients answer the health questions on a phone"))
        self.enabled.setChecked(settings.intake_enabled)
        self.enabled.setMinimumHeight(32)
        self.address = QComboBox()
        self.address.setEditable(True)
        self.address.setMinimumHeight(32)
        self.address.setAccessibleName(self.tr("Address of this computer on the clinic's network"))
        for address in local_addresses():
            self.address.addItem(address)
        self.address.setCurrentText(settings.intake_address)
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("any free port"))
        self.port.setValue(settings.intake_port)
        self.port.setMinimumHeight(32)
        self.port.setAccessibleName(self.tr("Port"))
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 240)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.minutes.setValue(settings.intake_minutes)
        self.minutes.setMinimumHeight(32)
        self.minutes.setAccessibleName(self.tr("A link works for"))
        self.review_days = QSpinBox()
        self.review_days.setRange(1, 30)
        self.review_days.setSuffix(self.tr(" days"))
        self.review_days.setValue(settings.intake_review_days)
        self.review_days.setMinimumHeight(32)
        self.review_days.setAccessibleName(self.tr("Answers can be confirmed for"))
        self.note = QLabel(
            self.tr(
                "The phone must be on the clinic's own network (Wi-Fi). Answers are encrypted "
                "on the phone and reach only this computer; the link in the QR code works "
                "once, for one patient. Answers older than the days set here are shown for "
                "review only."
            )
        )
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(self.tr("Address of this computer"), self.address)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("A link works for"), self.minutes)
        form.addRow(self.tr("Answers can be confirmed for"), self.review_days)
        form.addRow(self.note)
        self.enabled.toggled.connect(self._save)
        self.address.currentTextChanged.connect(self._save)
        for box in (self.port, self.minutes, self.review_days):
            box.valueChanged.connect(self._save)

    def _save(self) -> None:
        self.settings.update(
            {
                "intake_enabled": self.enabled.isChecked(),
                "intake_address": self.address.currentText().strip(),
                "intake_port": self.port.value(),
                "intake_minutes": self.minutes.value(),
                "intake_review_days": self.review_days.value(),
            }
        )
