"""The warnings panel: every warning the form would store with the session, with an icon
and text (never colour alone), or why the draft would be refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from assistant.sessions import SessionWarning
from assistant.text.screen_dates import screen_decimals
from ui import icons


class WarningsSection(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Warnings"))
        self.setAccessibleName(self.tr("Warnings"))
        self._layout = QVBoxLayout(self)
        self._content: QWidget | None = None
        self.texts: list[str] = []

    def show_warnings(self, warnings: list[SessionWarning], refused: str) -> None:
        if self._content is not None:
            self._layout.removeWidget(self._content)
            self._content.hide()
            self._content.deleteLater()
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        lines: list[tuple[str, str]] = []
        if refused:
            lines.append(("error", screen_decimals(refused)))
        lines += [("warning", screen_decimals(w.message)) for w in warnings]
        if not lines:
            lines.append(("ok", self.tr("No warnings.")))
        for pixmap, text in lines:
            row = QHBoxLayout()
            row.addWidget(icons.icon_label(pixmap), 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setAccessibleName(
                self.tr("Warning")
                if pixmap != "ok"
                else self.tr("No warnings")
            )
            row.addWidget(label, 1)
            content_layout.addLayout(row)
        self._layout.addWidget(content)
        self._content = content
        self.texts = [text for _, text in lines]
