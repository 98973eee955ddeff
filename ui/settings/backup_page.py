"""The "Backups and security" page of Settings: the backup folder, how many to keep, backing
up on exit, the time of the last backup, and the idle time before the window locks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant import paths
from assistant.settings import Settings
from assistant.storage.backup import days_since_last_backup, last_backup_at
from assistant.text.screen_dates import screen_short_moment


class BackupSettingsPage(QWidget):
    """``backupRequested`` / ``restoreRequested``: the main window runs them."""

    backupRequested = Signal()
    restoreRequested = Signal()

    def __init__(
        self, settings: Settings, default_folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.default_folder = default_folder or paths.backup_dir()
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Backup folder"))
        self.folder.setPlaceholderText(str(self.default_folder))
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self._choose_folder)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setAccessibleName(self.tr("Backups to keep"))
        self.on_exit = QCheckBox(self.tr("Back up when Chairside closes (at most once a day)"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("Never"))
        self.idle_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self.last = QLabel()
        self.last.setAccessibleName(self.tr("Last backup"))
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore a backup…"))
        for button in (self.backup_button, self.restore_button):
            button.setMinimumHeight(36)
        self.backup_button.clicked.connect(self.backupRequested)
        self.restore_button.clicked.connect(self.restoreRequested)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Backup folder"), folder_row)
        form.addRow(self.tr("&Keep the last"), self.keep)
        form.addRow("", self.on_exit)
        form.addRow(self.tr("Last backup"), self.last)
        form.addRow(self.tr("&Lock the window after"), self.idle_minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        self.folder.setText(self.settings.backup_folder)
        self.keep.setValue(self.settings.backup_keep)
        self.on_exit.setChecked(self.settings.backup_on_exit)
        self.idle_minutes.setValue(self.settings.idle_lock_minutes)
        self.show_last_backup()

    def show_last_backup(self, now: datetime | None = None) -> None:
        last = last_backup_at(self.settings)
        if last is None:
            self.last.setText(self.tr("None yet on this workstation"))
            return
        days = days_since_last_backup(self.settings, now) or 0
        when = screen_short_moment(last)
        if days == 0:
            self.last.setText(self.tr("{0} (today)").format(when))
        elif days == 1:
            self.last.setText(self.tr("{0} (1 day ago)").format(when))
        else:
            self.last.setText(self.tr("{0} ({1} days ago)").format(when, days))

    def save(self) -> None:
        self.settings.update(
            {
                "backup_folder": self.folder.text().strip(),
                "backup_keep": self.keep.value(),
                "backup_on_exit": self.on_exit.isChecked(),
                "idle_lock_minutes": self.idle_minutes.value(),
            }
        )

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Backup folder"), self.folder.text() or str(self.default_folder)
        )
        if folder:
            self.folder.setText(folder)
