"""Settings › Interface: the language of Chairside's window for this computer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from assistant.settings import Settings
from ui.translations import INTERFACE_LANGUAGES

# Each language named in itself: whoever needs to switch may not read the current one.
_NAMES = {"en": "English", "es": "Español"}


class InterfaceSettings(QWidget):
    """The practitioner's language; it takes effect the next time Chairside starts."""

    changed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = QComboBox()
        for code in INTERFACE_LANGUAGES:
            self.language.addItem(_NAMES[code], code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(settings.interface_language))
        )
        self.language.setAccessibleName(self.tr("Language of the interface"))
        self.language.setMinimumHeight(32)
        self.note = QLabel(
            self.tr("Chairside shows its window in this language from the next start. "
                    "Aftercare sheets follow each patient's own language.")
        )  # fmt: skip
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Interface language"), self.language)
        form.addRow(self.note)
        self.language.currentIndexChanged.connect(self._save)

    def _save(self) -> None:
        code = str(self.language.currentData())
        self.settings.set("interface_language", code)  # saved at once
        self.changed.emit(code)
