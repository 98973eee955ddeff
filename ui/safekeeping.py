"""The records-you-can-trust side of the window: the backup banner and backups, restore,
the idle lock and switching practitioner, a patient's export and erasure.

It works from the application context (database, settings, runner, who is signed in) and a
parent widget for its dialogs; it never reaches into the main window. What the window must
do in answer it learns from signals: ``aboutToLock`` (save what is typed first),
``message`` (for the status bar), ``patientErased``. A replaced database and a new
practitioner are announced by the context itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from assistant.access import auth
from assistant.audit import integrity
from assistant.audit.chain import Verification
from assistant.clinic import store as clinic
from assistant.demo.mark import has_data
from assistant.errors import ChairsideError
from assistant.operations import OpChanges
from assistant.storage import backup
from assistant.storage.db import ADVICE_RESTORE, check_whole_file
from ui.access.idle_watcher import IdleWatcher
from ui.access.lock_screen import LockScreen
from ui.access.login_dialog import LoginDialog
from ui.app_context import GuiContext
from ui.audit.backup_banner import BackupBanner
from ui.audit.integrity_banner import IntegrityBanner
from ui.plain_export import plain_export_caption
from ui.tasks import show_error

if TYPE_CHECKING:
    from ui.settings.backup_page import BackupSettingsPage

log = logging.getLogger(__name__)


class Safekeeping(QObject):
    aboutToLock = Signal()
    message = Signal(str, int)
    patientErased = Signal(int)
    auditRequested = Signal()
    integrityChecked = Signal(object)  # Verification

    def __init__(self, context: GuiContext, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.context = context
        self.parent_widget = parent_widget
        self.banner = BackupBanner()
        self.banner.backupRequested.connect(self.back_up_now)
        self.refresh_backup_banner()
        context.runner.operations.operationDidExecute.connect(self.on_operation_did_execute)
        self.integrity_banner = IntegrityBanner()
        self.integrity_banner.auditRequested.connect(self.auditRequested)
        self.integrity: Verification | None = None
        # Once every view has switched to the restored database, check that one.
        context.databaseReplaced.connect(lambda _db: QTimer.singleShot(0, self.check_integrity))
        self.idle_lock = auth.IdleLock(minutes=context.settings.idle_lock_minutes)
        self.idle_watcher = IdleWatcher(self.idle_lock, parent=self)
        self.idle_watcher.idle.connect(lambda: self.lock("idle"))
        self.lock_screen: LockScreen | None = None

    # -- locking -------------------------------------------------------------------------------

    def start(self) -> None:
        self.idle_watcher.start()
        self.check_integrity()
        self.check_file()

    # -- the database file ---------------------------------------------------------------------

    def check_file(self, today: date | None = None) -> None:
        """SQLite's check of every page of the file, once a day, off the UI thread (opening
        checks only the header and the schema, so a large clinic opens at once); damage
        found is shown with the advice to restore a backup."""
        c = self.context
        path, key = c.db.sqlite_path, c.db.key
        day = (today or date.today()).isoformat()
        if path is None or c.settings["file_checked_on"] == day:
            return

        def done(problems: list[str]) -> None:
            if not problems:
                c.settings.set("file_checked_on", day)
                return
            log.error("The database file is damaged (%d problem(s))", len(problems))
            QMessageBox.warning(
                self.parent_widget,
                self.tr("The database file is damaged"),
                self.tr(
                    "SQLite's check found damage in {0}:\n{1}\n\n{2}"
                ).format(path, problems[0], ADVICE_RESTORE),
            )

        # On the pool beside the saves' thread: reading every page must not hold up a save.
        c.runner.run(
            lambda: check_whole_file(path, key),
            done,
            lambda exc: log.warning("Could not check the database file: %s", exc),
            owner=self,
            render=True,
        )

    # -- the audit chain -----------------------------------------------------------------------

    def check_integrity(self) -> None:
        """What was added since the last verified point (the whole chain once a week), off
        the UI thread; a break shows the red banner."""
        db = self.context.db
        self.context.runner.run(
            lambda: integrity.startup_check(db),
            self._integrity_checked,
            lambda exc: log.warning("Could not check the audit chain: %s", exc),
        )

    def _integrity_checked(self, result: Verification) -> None:
        self.integrity = result
        if not result.intact:
            log.error("Audit chain check failed: %s", result.problem)
        self.integrity_banner.update_from(result)
        self.integrityChecked.emit(result)

    def lock(self, reason: str = "by hand") -> None:
        c = self.context
        if c.practitioner_id is None or (self.lock_screen and self.lock_screen.isVisible()):
            return
        info = next(
            (p for p in clinic.list_practitioners(c.db, True) if p.id == c.practitioner_id), None
        )
        if info is None:
            return
        self.aboutToLock.emit()  # the draft is in the database before the screen is covered
        auth.record_lock(c.db, info.id, reason)
        self.lock_screen = LockScreen(c.db, info, parent=self.parent_widget)
        self.lock_screen.unlocked.connect(lambda _info: self.idle_watcher.resume())
        self.lock_screen.switchRequested.connect(self.switch_practitioner)
        self.lock_screen.cover()

    def switch_practitioner(self) -> None:
        c = self.context
        if c.practitioner_id is not None:
            auth.record_logout(c.db, c.practitioner_id)
        dialog = LoginDialog(c.db, parent=self.parent_widget)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.practitioner:
            c.set_practitioner(dialog.practitioner.id)
            if self.lock_screen is not None:
                self.lock_screen.uncover()
            self.idle_watcher.resume()

    # -- backups -------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        c = self.context
        self.banner.set_busy(True)
        db, actor = c.db, c.practitioner_id
        folder = backup.backup_folder(c.settings, c.locations.backup_dir())
        keep = c.settings.backup_keep

        def done(info: backup.BackupInfo) -> None:
            backup.note_backup(c.settings, info)
            self.refresh_backup_banner()
            self.message.emit(self.tr("Backed up to {0}").format(info.path), 8000)

        def failed(exc: BaseException) -> None:
            self.refresh_backup_banner()
            show_error(self.parent_widget, exc)

        c.runner.run(
            lambda: backup.backup_now(db, folder, keep, actor=actor),
            done,
            failed,
        )

    def restore_backup(self) -> None:
        # read when called: tests replace choose_backup_file in its module
        from ui.start.database_problem_dialog import choose_backup_file, restore_backup

        c = self.context
        parent = self.parent_widget
        file = choose_backup_file(parent, c.locations.backup_dir())
        if file is None:
            return
        answer = QMessageBox.question(
            parent,
            self.tr("Restore a backup"),
            self.tr(
                "Replace the records on this database with the backup {0}?\n\nThe records "
                "you have now are kept aside as a backup first."
            ).format(file.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        c.runner.wait()
        c.core.release_database()
        url = c.core.database_url  # the database actually open, wherever it was chosen
        restored = restore_backup(
            url,
            file,
            parent,
            backups=c.locations.backup_dir(),
            actor=c.practitioner_id,
            key=c.core.database_key,
        )
        # Reopened whether or not the restore went through: the engine was closed for it.
        c.replace_database()
        if restored:
            self.message.emit(self.tr("Restored the backup {0}.").format(file.name), 8000)

    def on_exit(self) -> None:
        """The automatic backup at exit (at most daily) and the sign-out."""
        c = self.context
        try:
            info = backup.backup_on_exit(
                c.db,
                c.settings,
                actor=c.practitioner_id,
                default_folder=c.locations.backup_dir(),
            )
            if info is not None:
                backup.note_backup(c.settings, info)
        except ChairsideError as exc:
            QMessageBox.warning(self.parent_widget, self.tr("Backup"), str(exc))
        except Exception:  # a failed backup must never stop the window from closing
            log.exception("Backup at exit failed")
        if c.practitioner_id is not None:
            try:
                auth.record_logout(c.db, c.practitioner_id)
            except ChairsideError:
                log.warning("Could not record the sign-out", exc_info=True)
        self.idle_watcher.stop()

    def settings_page(self) -> BackupSettingsPage:
        # loaded on first use, off the first screen's start (6 ms)
        from ui.settings.backup_page import BackupSettingsPage

        page = BackupSettingsPage(self.context.settings, self.context.locations.backup_dir())
        page.backupRequested.connect(self.back_up_now)
        page.restoreRequested.connect(self.restore_backup)
        return page

    def on_operation_did_execute(self, changes: OpChanges, _handler: object) -> None:
        """Patients changed (the first one makes a record worth backing up): the banner."""
        if changes.patients:
            self.refresh_backup_banner()

    def refresh_backup_banner(self) -> None:
        """The backup banner for this workstation; quiet while the database has no patient."""
        self.banner.update_from(self.context.settings, has_records=has_data(self.context.db))

    def settings_changed(self) -> None:
        settings = self.context.settings
        self.idle_lock.minutes = settings.idle_lock_minutes
        self.refresh_backup_banner()

    # -- export, erasure ----------------------------------------------------------------------

    def export_patient(self, patient_id: int, ask_path: Callable[[], str] | None = None) -> None:
        # the PDF toolkit loads on the first export (340 ms off the window's start)
        from assistant.patients.export import write_patient_json
        from assistant.patients.export_pdf import export_patient_pdf

        c = self.context
        path = (
            ask_path()
            if ask_path
            else QFileDialog.getSaveFileName(
                self.parent_widget,
                plain_export_caption(self.tr("Export the patient's record")),
                str(Path.home() / f"patient-{patient_id}.pdf"),
                self.tr("Readable summary (*.pdf);;Complete record as JSON (*.json)"),
            )[0]
        )
        if not path:
            return
        out = Path(path)
        writer = write_patient_json if out.suffix.lower() == ".json" else export_patient_pdf
        db, actor = c.db, c.practitioner_id
        c.runner.run(
            # The save dialog has asked before replacing an existing file.
            lambda: writer(db, patient_id, out, actor=actor, force=True),
            lambda written: self.message.emit(self.tr("Exported to {0}").format(written), 8000),
            parent=self.parent_widget,
        )

    def erase_patient(self, patient_id: int) -> None:
        # loaded on the first erasure (520 ms off the window's start)
        from assistant.patients.erasure import erase_patient, erasure_confirmation

        c = self.context
        w = self.parent_widget
        expected = erasure_confirmation(c.db, patient_id)
        first = QMessageBox.warning(
            w,
            self.tr("Erase a patient"),
            self.tr(
                "Erase the personal details of {0}?\n\nName, birth date, contact details, "
                "notes and concerns are removed for good. The clinical record of treatments "
                "(dates, zones, depths, lots) is kept, as the law requires."
            ).format(expected),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if first != QMessageBox.StandardButton.Yes:
            return
        typed, ok = QInputDialog.getText(
            w,
            self.tr("Confirm the erasure"),
            self.tr("To confirm, type exactly:\n{0}").format(expected),
            QLineEdit.EchoMode.Normal,
        )
        if not ok:
            return

        def done(result: object) -> None:
            if getattr(result, "wipe_pending", False):
                QMessageBox.information(
                    w,
                    self.tr("Erased"),
                    self.tr(
                        "The patient's details are erased from the records. Another workstation "
                        "has the database open, so the old details may still be on disk in "
                        "space the database no longer uses; Chairside wipes it the next time "
                        "it opens the database."
                    ),
                )
            kept = getattr(result, "mentions_kept", ())
            if kept:
                QMessageBox.information(
                    w,
                    self.tr("Erased"),
                    self.tr(
                        "The patient's details are erased. These clinical notes still mention "
                        "them and were kept unchanged; review them:\n\n{0}"
                    ).format("\n".join(kept)),
                )
            self.patientErased.emit(patient_id)

        db, actor = c.db, c.practitioner_id
        folders = backup.backup_folders(c.settings, c.locations.backup_dir())
        c.runner.run(
            lambda: erase_patient(db, patient_id, actor, typed, folders), done, parent=w
        )
