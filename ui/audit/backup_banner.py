"""A banner across the top of the window when there has been no backup for a week (or none
at all while the database holds records): an icon, the words, and a "Back up now" button.
Hidden otherwise: a new, empty database has nothing to lose yet, so it does not warn."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from assistant.settings import Settings
from assistant.storage.backup import backup_overdue, days_since_last_backup
from ui.banner import Banner


class BackupBanner(Banner):
    backupRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Backup warning"),
            "warning",
            self.tr("Warning"),
            self.tr("&Back up now"),
            parent=parent,
        )
        self.button.clicked.connect(self.backupRequested)

    def update_from(
        self, settings: Settings, now: datetime | None = None, has_records: bool = True
    ) -> None:
        """Show or hide the banner for this workstation's last backup time; ``has_records``
        False (no patient yet) keeps it hidden until there is something to back up."""
        if not backup_overdue(settings, now):
            self.hide()
            return
        days = days_since_last_backup(settings, now)
        if days is None:
            if not has_records:
                self.hide()
                return
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
