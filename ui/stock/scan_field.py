"""A field a barcode scanner types into.

Keyboard-wedge scanners type what they read as keystrokes and end with Enter; with this field
focused, what arrives is a scan (or the code typed by hand, also ended with Enter). A GS1 code
needs its group separator (ASCII 29): scanners send it as Ctrl+] or as the character itself,
and a line edit would drop it, so it is kept here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

GROUP_SEPARATOR = "\x1d"


class ScanField(QLineEdit):
    """Emits ``scanned(code)`` on Enter and empties itself for the next box."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(36)
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self._finish)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.text() == GROUP_SEPARATOR or (control and event.key() == Qt.Key.Key_BracketRight):
            self.insert(GROUP_SEPARATOR)
            return
        super().keyPressEvent(event)

    def _finish(self) -> None:
        code = self.text()
        if code.strip():
            self.clear()
            self.scanned.emit(code)
