"""When the database cannot be opened: what is wrong, what to do, and three ways on —
open another database, restore a backup, or quit (and try again when it is only locked).

``ask_what_to_do`` is what start-up calls: it returns the URL to try next, or None to quit.
Nothing here touches the file itself; restoring goes through ``assistant.storage.backup.restore``,
which checks the backup and keeps the current file aside first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import ChairsideError, DatabaseUnavailable
from assistant.storage.backup import restore
from ui import icons

log = logging.getLogger(__name__)


class Choice(Enum):
    OPEN_ANOTHER = "open"
    RESTORE = "restore"
    RETRY = "retry"
    QUIT = "quit"


class DatabaseProblemDialog(QDialog):
    """Shows a ``DatabaseUnavailable`` message; ``choice`` holds the button pressed."""

    def __init__(
        self, error: DatabaseUnavailable, url: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chairside cannot open the database"))
        self.choice = Choice.QUIT
        icon = QLabel()
        icons.set_icon(icon, "warning", 48)
        icon.setAccessibleName(self.tr("Warning"))
        self.reason = QLabel(f"<b>{error.reason}</b>")
        self.reason.setWordWrap(True)
        self.advice = QLabel(error.advice)
        self.advice.setWordWrap(True)
        self.where = QLabel(self.tr("Database: {0}").format(url) if url else "")
        self.where.setWordWrap(True)

        self.open_button = QPushButton(self.tr("&Open another…"))
        self.restore_button = QPushButton(self.tr("&Restore a backup…"))
        self.retry_button = QPushButton(self.tr("&Try again"))
        self.quit_button = QPushButton(self.tr("&Quit"))
        # Trying again only helps when another program may let go of the file.
        self.retry_button.setVisible("locked" in error.reason.lower())
        for button, choice in (
            (self.open_button, Choice.OPEN_ANOTHER),
            (self.restore_button, Choice.RESTORE),
            (self.retry_button, Choice.RETRY),
            (self.quit_button, Choice.QUIT),
        ):
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        self.quit_button.setDefault(True)

        text = QVBoxLayout()
        for label in (self.reason, self.advice, self.where):
            text.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.restore_button, self.retry_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice == Choice.QUIT:
            self.reject()
        else:
            self.accept()


# lupdate reads the strings of translate("DatabaseProblemDialog", "…") calls (not of a wrapper)
translate = QApplication.translate


def choose_database_file(parent: QWidget | None = None, folder: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("DatabaseProblemDialog", "Open a Chairside database"),
        str(folder or Path.home()),
        translate(
            "DatabaseProblemDialog", "Chairside databases (*.sqlite3 *.sqlite *.db);;All files (*)"
        ),
    )
    return Path(name) if name else None


def choose_backup_file(parent: QWidget | None = None, folder: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("DatabaseProblemDialog", "Restore a backup"),
        str(folder or Path.home()),
        translate(
            "DatabaseProblemDialog", "Chairside backups (*.sqlite3 *.sqlite *.db);;All files (*)"
        ),
    )
    return Path(name) if name else None


def restore_backup(
    url: str,
    file: Path,
    parent: QWidget | None = None,
    *,
    backups: Path | None = None,
    actor: int | None = None,
    key: bytes | None = None,
) -> bool:
    """Restore ``file`` over the database at ``url`` (the one in use is kept aside in
    ``backups``; ``key`` the clinic's, when it is encrypted); explain the outcome either
    way."""
    try:
        result = restore(url, file, backups_folder=backups, actor=actor, key=key)
    except ChairsideError as exc:
        QMessageBox.warning(
            parent, translate("DatabaseProblemDialog", "Restore a backup"), str(exc)
        )
        return False
    text = translate("DatabaseProblemDialog", "Restored the database from {0}.").format(
        result.source.name
    )
    if result.migrated:
        text += " " + translate(
            "DatabaseProblemDialog", "It was upgraded to this version of Chairside."
        )
    if result.kept_aside:
        text += " " + translate(
            "DatabaseProblemDialog", "The database you had before is kept as {0}."
        ).format(result.kept_aside)
    QMessageBox.information(parent, translate("DatabaseProblemDialog", "Restore a backup"), text)
    return True


def ask_what_to_do(
    error: DatabaseUnavailable,
    url: str,
    *,
    ask: Callable[[DatabaseUnavailable, str], Choice] | None = None,
    choose_database: Callable[[], Path | None] | None = None,
    choose_backup: Callable[[], Path | None] | None = None,
    backups: Path | None = None,
    key: bytes | None = None,
) -> str | None:
    """The database URL to try next (the same one after a restore or "Try again"), or None
    to quit. ``backups`` is the data folder's backups folder. The choosers are injectable so
    tests need no file dialog."""
    choose_database = choose_database or (
        lambda: choose_database_file(None, backups.parent if backups else None)
    )
    choose_backup = choose_backup or (lambda: choose_backup_file(None, backups))

    def ask_dialog(err: DatabaseUnavailable, where: str) -> Choice:
        dialog = DatabaseProblemDialog(err, where)
        dialog.exec()
        return dialog.choice

    ask = ask or ask_dialog
    while True:
        choice = ask(error, url)
        if choice == Choice.QUIT:
            return None
        if choice == Choice.RETRY:
            return url
        if choice == Choice.OPEN_ANOTHER:
            path = choose_database()
            if path is not None:
                return f"sqlite:///{path}"
            continue
        backup = choose_backup()
        if backup is not None and restore_backup(url, backup, backups=backups, key=key):
            return url
