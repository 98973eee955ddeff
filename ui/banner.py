"""The row across the top of the window that the banners share: an icon, the words, and one
button. Each banner says when it shows and what its button does."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import icons


class Banner(QFrame):
    """Hidden until its owner has something to say."""

    def __init__(
        self,
        name: str,
        icon: str,
        icon_name: str,
        button_text: str,
        icon_size: int = 24,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(name)
        self.icon = QLabel()
        self.icon.setAccessibleName(icon_name)
        self.icon_size = icon_size
        self.set_icon(icon)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(button_text)
        self.button.setMinimumHeight(36)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def set_icon(self, icon: str) -> None:
        """``icon``: a meaning of ``ui.icons`` ("info", "warning", "error")."""
        icons.set_icon(self.icon, icon, self.icon_size)
