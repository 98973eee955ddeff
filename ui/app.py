"""Starting the window: the application object, the error hook, opening the database."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from assistant import __version__, paths
from assistant.clinic import PractitionerInfo
from assistant.db import Database, init_db
from assistant.errors import DatabaseUnavailable
from assistant.resources import resource_path
from assistant.settings import Settings

log = logging.getLogger(__name__)


class ChairsideApplication(QApplication):
    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.setApplicationName("Chairside")
        self.setApplicationDisplayName("Chairside")
        self.setOrganizationName("Chairside")
        self.setApplicationVersion(__version__)
        icon = resource_path("icons", "chairside.svg")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        style = resource_path("style.qss")
        if style.exists():
            self.setStyleSheet(style.read_text(encoding="utf-8"))


def install_excepthook() -> None:
    """Unexpected errors are logged with their traceback and shown, never silently lost."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("Unexpected error", exc_info=(kind, value, tb))
        if QApplication.instance() is None:
            traceback.print_exception(kind, value, tb)
            return
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Chairside"),
            QCoreApplication.translate(
                "app",
                "Something unexpected went wrong: {0}\n\nYour saved records are safe. The "
                "details are in the log file in {1}.",
            ).format(value, paths.log_dir()),
        )

    sys.excepthook = hook


def open_database(url: str) -> Database | None:
    """Open the database, or explain what is wrong and let the user choose what to do."""
    while True:
        try:
            return init_db(url)
        except DatabaseUnavailable as exc:
            log.error("Cannot open the database %s: %s", url, exc)
            from ui.database_problem_dialog import ask_what_to_do

            choice = ask_what_to_do(exc, url)
            if choice is None:
                return None
            url = choice


def sign_in(db: Database) -> PractitionerInfo | None:
    """A new database asks for the first practitioner; otherwise a practitioner signs in.
    None when the window is closed instead."""
    from assistant.auth import needs_first_practitioner
    from ui.login_dialog import FirstPractitionerDialog, LoginDialog

    dialog: FirstPractitionerDialog | LoginDialog = (
        FirstPractitionerDialog(db) if needs_first_practitioner(db) else LoginDialog(db)
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.practitioner


def run_gui(args: argparse.Namespace) -> int:
    install_excepthook()
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = ChairsideApplication(sys.argv[:1])
    settings = Settings()
    db = open_database(paths.database_url())
    if db is None:
        return 1
    practitioner = sign_in(db)
    if practitioner is None:
        db.dispose()
        return 0
    from ui.main_window import MainWindow

    window = MainWindow(db, settings, practitioner_id=practitioner.id)
    window.show()
    window.after_start()
    code = app.exec()
    db.dispose()
    return int(code)
