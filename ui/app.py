"""Starting the window: the application object, the error hook, opening the database."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLabel, QLineEdit, QMessageBox

from assistant import __version__
from assistant.context import AppContext
from assistant.context import sign_in as sign_in_with_pin
from assistant.errors import ChairsideError, DatabaseUnavailable
from assistant.resources import resource_path
from assistant.text.i18n import use_language
from ui.access.unlock_dialog import UnlockDialog
from ui.start import preload
from ui.start.encryption_setup import EncryptionChoiceDialog, RecoveryKeyDialog
from ui.tasks import TaskRunner
from ui.translations import install_translators

if TYPE_CHECKING:
    from assistant.clinic.store import PractitionerInfo
    from assistant.storage.db import Database
    from ui.access.login_dialog import LoginDialog
    from ui.access.new_pin_dialog import NewPinDialog
    from ui.start.first_practitioner_dialog import FirstPractitionerDialog

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
        # the look (fonts, palette) once the application exists
        from ui.look import apply_look

        apply_look(self)  # the shipped fonts, registered at start, and the style sheet


def install_excepthook(log_dir: Path) -> None:
    """Unexpected errors are logged with their traceback and shown, never silently lost."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("Unexpected error", exc_info=(kind, value, tb))
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            # no window can be shown from a worker thread: the log (and the terminal) has it
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
            if not prepare_encryption(context, url):
                return None
            if url == context.database_url:  # perhaps opened already, by the PIN that unlocked it
                return context.database()
            return context.replace_database(url)
        except DatabaseUnavailable as exc:
            log.error("Cannot open the database (%s)", type(exc).__name__)
            # the problem dialog only when the database cannot be opened (11 ms)
            from ui.start import database_problem_dialog

            choice = database_problem_dialog.ask_what_to_do(
                exc, url, backups=context.locations.backup_dir(), key=context.database_key
            )
            if choice is None:
                return None
            url = choice


def prepare_encryption(context: AppContext, url: str | None = None) -> bool:
    """Before the database opens: a new one asks whether to encrypt it; an encrypted one is
    unlocked by a practitioner's PIN or the recovery key. False when the user quits.
    ``DatabaseUnavailable`` (a missing or damaged key file) goes to the problem dialog."""
    url = url or context.database_url
    context.discard_unfinished_setup(url)
    kind = context.database_kind(url)
    if kind == "new" and url == context.locations.default_database_url:
        choice = EncryptionChoiceDialog()
        if choice.exec() != QDialog.DialogCode.Accepted:
            return False
        context.encrypt_new = choice.encrypt
        if not choice.encrypt:
            context.settings.set("encryption_offered", True)  # chosen plain: not asked again
    if context.needs_unlock(url):
        dialog = UnlockDialog(context, url)
        # the window's modules load while the PIN is typed, once the dialog is on screen
        ahead = preload.LoadingAhead(dialog.runner)
        preload.after_first_paint(dialog, ahead.start)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            ahead.stop()  # quitting: what is loading ends first, the window's modules never
            if dialog.problem is not None:
                raise dialog.problem  # unlocked, but the database cannot be opened
            return False
    return True


def first_start_chooses_demo(context: AppContext) -> bool:
    """On the very first start, "Try the demo clinic" or "Set up my clinic"; True when the
    demo was chosen (and its window opened)."""
    url = context.database_url
    if url != context.locations.default_database_url or context.database_kind(url) != "new":
        return False
    if context.settings.demo_offered:
        return False
    # the first-start dialog (and the demo clinic's modules) only on the very first start
    from ui.start.first_start import FirstStartDialog, open_demo_clinic

    dialog = FirstStartDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return True  # closed: nothing set up, nothing to open
    if dialog.choice != "demo":
        context.settings.set("demo_offered", True)  # not asked again in the window
        return False
    return open_demo_clinic(context.locations.data_dir) or True


def demo_sign_in(db: Database) -> PractitionerInfo | None:
    """The demo clinic signs its first practitioner in by itself: nothing to set up."""
    # the demo's modules only for the demo clinic
    from assistant.clinic.store import list_practitioners
    from assistant.demo.clinic import DEMO_PIN
    from assistant.demo.mark import is_demo_database
    from assistant.errors import ChairsideError

    if not is_demo_database(db):
        return None
    for practitioner in list_practitioners(db):
        try:
            return sign_in_with_pin(db, practitioner.id, DEMO_PIN).practitioner
        except ChairsideError:
            continue
    return None


def sign_in(db: Database, context: AppContext | None = None) -> PractitionerInfo | None:
    """A new database asks for the first practitioner (then shows its recovery key); the
    practitioner who unlocked an encrypted database is signed in; after the recovery key a
    practitioner chooses a new PIN; otherwise a practitioner signs in. None when the window
    is closed instead."""
    unlocked = by_recovery = None
    if context is not None:
        # Who unlocked the database at start: the same PIN signed them in (``sign_in``).
        unlocked, context.unlocked_by = context.unlocked_by, None
        by_recovery, context.unlocked_with_recovery = context.unlocked_with_recovery, False
    if unlocked is not None:
        return unlocked
    # The sign-in rules and dialogs that read the open database load with it: an encrypted
    # clinic's unlock dialog opens before SQLAlchemy loads (start-up).
    from assistant.access.auth import needs_first_practitioner
    from ui.access.login_dialog import LoginDialog
    from ui.access.new_pin_dialog import NewPinDialog
    from ui.start.first_practitioner_dialog import FirstPractitionerDialog

    if not needs_first_practitioner(db) and (demo := demo_sign_in(db)) is not None:
        return demo
    dialog: FirstPractitionerDialog | LoginDialog | NewPinDialog
    if needs_first_practitioner(db):
        dialog = FirstPractitionerDialog(db)
    elif by_recovery:
        dialog = NewPinDialog(db)
    else:
        dialog = LoginDialog(db)
    # the window's modules load while the PIN is typed, once the dialog is on screen
    ahead = preload.LoadingAhead(TaskRunner())
    preload.after_first_paint(dialog, ahead.start)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        ahead.stop()  # closed: what is loading ends first, the window's modules never
        return None
    show_recovery_key(db)
    return dialog.practitioner


def show_recovery_key(db: Database) -> None:
    """A new encrypted database's recovery key, shown once after setup."""
    if db.recovery_code is None:
        return
    RecoveryKeyDialog(db.recovery_code).exec()
    db.recovery_code = None


def offer_encryption(
    context: AppContext, db: Database, practitioner: PractitionerInfo
) -> Database:
    """A plain database in the data folder is offered encryption once, at start: the
    practitioner's PIN wraps the new key, the recovery key is shown, and the plain copies
    are overwritten and removed if they agree. Returns the database now open."""
    # only when encrypting: the photo store comes with it (73 ms)
    from assistant.access.auth import verify_login
    from assistant.storage.encrypt import encrypt_database, overwrite_and_remove, plain_backups

    settings = context.settings
    if db.encryption != "plain" or not context.is_default_database or settings.encryption_offered:
        return db
    settings.set("encryption_offered", True)
    title = QCoreApplication.translate("app", "Encrypt the records")
    answer = QMessageBox.question(
        None,
        title,
        QCoreApplication.translate(
            "app",
            "This clinic's database is not encrypted: anyone who copies the data folder can "
            "read it. Encrypt it now? An encrypted copy is checked row by row before it "
            "replaces the plain file.",
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return db
    pin, ok = QInputDialog.getText(
        None,
        title,
        QCoreApplication.translate("app", "Your PIN or password, to protect the key:"),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return db
    try:
        verify_login(db, practitioner.id, pin, purpose="encrypt the database")
        context.release_database()
        result = encrypt_database(db, practitioner.id, practitioner.name, pin)
        signed_in = sign_in_with_pin(context, practitioner.id, pin, purpose="encrypt the database")
        db = signed_in.database
        context.unlocked_by = None
    except ChairsideError as exc:
        QMessageBox.warning(None, title, str(exc))
        return context.database()
    RecoveryKeyDialog(result.recovery_code).exec()
    plain = [*result.plain_copies, *plain_backups(context.locations.backup_dir())]
    remove = QMessageBox.question(
        None,
        title,
        QCoreApplication.translate(
            "app",
            "The database is encrypted. Overwrite and remove the {0} plain copies (the old "
            "file and unencrypted backups) now?",
        ).format(len(plain)),
    )
    if remove == QMessageBox.StandardButton.Yes:
        overwrite_and_remove(plain)
    return db


def encryption_label(db: Database) -> str:
    """What the status bar says about the database in use."""
    kind = db.encryption
    if kind == "encrypted":
        return QCoreApplication.translate("app", "Encrypted database")
    if kind == "plain":
        return QCoreApplication.translate("app", "Plain database (not encrypted)")
    return QCoreApplication.translate("app", "Database server (encryption at rest: the server's)")


def run_gui(context: AppContext) -> int:
    install_excepthook(context.locations.log_dir())
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = ChairsideApplication(sys.argv[:1])

    language = context.settings.interface_language
    use_language(language)  # the core's messages (warnings, errors) too
    # kept with the application: a translator only works while it exists
    app.setProperty("translators", install_translators(app, language))
    if first_start_chooses_demo(context):
        return 0  # the demo runs in a window of its own; this clinic stays unset
    db = open_database(context)
    if db is None:
        return 1
    practitioner = sign_in(db, context)
    if practitioner is None:
        context.close()
        return 0
    # the window's modules load after sign-in, so the sign-in dialog opens first
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow

    context.practitioner_id = practitioner.id
    db = offer_encryption(context, db, practitioner)
    gui_context = GuiContext(context)
    window = MainWindow(gui_context)
    kind = QLabel(encryption_label(db))
    kind.setObjectName("databaseKind")
    window.statusBar().addPermanentWidget(kind)
    context.on_database_replaced(lambda new: kind.setText(encryption_label(new)))
    preload.after_first_paint(window, window.after_start)  # a question waits for the window
    window.show()
    code = app.exec()
    context.close()
    return int(code)
