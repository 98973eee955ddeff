"""Starting the window: the application object, the error hook, opening the database."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from assistant import __version__
from assistant.clinic import PractitionerInfo
from assistant.context import AppContext
from assistant.db import Database
from assistant.errors import DatabaseUnavailable
from assistant.resources import resource_path

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


def install_excepthook(log_dir: Path) -> None:
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
            ).format(value, log_dir),
        )

    sys.excepthook = hook


def open_database(context: AppContext) -> Database | None:
    """Open the context's database, or explain what is wrong and let the user choose what to
    do. A database chosen instead becomes the context's, so everything later (a restore, the
    About box) works on the database actually open."""
    url = context.database_url
    while True:
        try:
            if url == context.database_url:
                return context.database()
            return context.replace_database(url)
        except DatabaseUnavailable as exc:
            log.error("Cannot open the database %s: %s", url, exc)
            from ui import database_problem_dialog

            choice = database_problem_dialog.ask_what_to_do(
                exc, url, backups=context.locations.backup_dir()
            )
            if choice is None:
                return None
            url = choice


def sign_in(db: Database) -> PractitionerInfo | None:
    """A new database asks for the first practitioner; otherwise a practitioner signs in.
    None when the window is closed instead."""
    from assistant.auth import needs_first_practitioner
    from ui.first_practitioner_dialog import FirstPractitionerDialog
    from ui.login_dialog import LoginDialog

    dialog: FirstPractitionerDialog | LoginDialog = (
        FirstPractitionerDialog(db) if needs_first_practitioner(db) else LoginDialog(db)
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.practitioner


def run_gui(context: AppContext) -> int:
    install_excepthook(context.locations.log_dir())
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = ChairsideApplication(sys.argv[:1])
    from assistant.i18n import use_language
    from ui.translations import install_translators

    language = context.settings.interface_language
    use_language(language)  # the core's messages (warnings, errors) too
    # kept with the application: a translator only works while it exists
    app.setProperty("translators", install_translators(app, language))
    db = open_database(context)
    if db is None:
        return 1
    practitioner = sign_in(db)
    if practitioner is None:
        context.close()
        return 0
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow

    context.practitioner_id = practitioner.id
    window = MainWindow(GuiContext(context))
    window.show()
    window.after_start()
    code = app.exec()
    context.close()
    return int(code)
