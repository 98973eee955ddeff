"""A banner across the top of the window when there has been no backup for a week (or none
at all): an icon, the words, and a "Back up now" button. Hidden otherwise."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from assistant.records.backup import backup_overdue, days_since_last_backup
from assistant.settings import Settings


class BackupBanner(QFrame):
    backupRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Backup warning"))
        self.icon = QLabel()
        self.icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(24, 24)
        )
        self.icon.setAccessibleName(self.tr("Warning"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("&Back up now"))
        self.button.setMinimumHeight(36)
        self.button.clicked.connect(self.backupRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def update_from(self, settings: Settings, now: datetime | None = None) -> None:
        """Show or hide the banner for this workstation's last backup time."""
        if not backup_overdue(settings, now):
            self.hide()
            return
        days = days_since_last_backup(settings, now)
        if days is None:
            self.text.setText(self.tr("No backup has been made yet."))
        else:
            self.text.setText(
                self.tr("No backup for 1 day.")
                if days == 1
                else self.tr("No backup for {0} days.").format(days)
            )
        self.button.setEnabled(True)
        self.show()

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        if busy:
            self.text.setText(self.tr("Backing up…"))
