"""The records-you-can-trust side of the main window: the backup banner and backups, restore,
the idle lock and switching practitioner, the audit trail, a patient's export and erasure.

Kept out of ``main_window`` so that the window only composes; this object owns the widgets
and the wiring for these jobs and talks to ``assistant.auth``, ``backup`` and ``export``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
)

from assistant import auth, clinic, paths
from assistant.errors import ChairsideError
from assistant.records import backup, integrity
from assistant.records.chain import Verification
from ui.backup_banner import BackupBanner
from ui.integrity_banner import IntegrityBanner
from ui.login_dialog import IdleWatcher, LockScreen, LoginDialog
from ui.tasks import show_error

if TYPE_CHECKING:
    from ui.audit_view import AuditView
    from ui.backup_settings_page import BackupSettingsPage
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


class Safekeeping(QObject):
    practitionerChanged = Signal(int)
    databaseReplaced = Signal()
    patientErased = Signal(int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banner = BackupBanner()
        self.banner.backupRequested.connect(self.back_up_now)
        self.banner.update_from(window.settings)
        self.integrity_banner = IntegrityBanner()
        self.integrity_banner.auditRequested.connect(lambda: self.show_audit())
        self.integrity: Verification | None = None
        # Once the window has switched to the restored database, check that one.
        self.databaseReplaced.connect(lambda: QTimer.singleShot(0, self.check_integrity))
        self.idle_lock = auth.IdleLock(minutes=int(window.settings.get("idle_lock_minutes", 5)))
        self.idle_watcher = IdleWatcher(self.idle_lock, parent=self)
        self.idle_watcher.idle.connect(lambda: self.lock("idle"))
        self.lock_screen: LockScreen | None = None
        self.audit_view: AuditView | None = None

    # -- locking -------------------------------------------------------------------------------

    def start(self) -> None:
        self.idle_watcher.start()
        self.check_integrity()

    # -- the audit chain -----------------------------------------------------------------------

    def check_integrity(self) -> None:
        """What was added since the last verified point (the whole chain once a week), off
        the UI thread; a break shows the red banner."""
        db = self.window.db
        self.window.runner.run(
            lambda: integrity.startup_check(db),
            self._integrity_checked,
            lambda exc: log.warning("Could not check the audit chain: %s", exc),
        )

    def _integrity_checked(self, result: Verification) -> None:
        self.integrity = result
        if not result.intact:
            log.error("Audit chain check failed: %s", result.problem)
        self.integrity_banner.update_from(result)
        if self.audit_view is not None:
            self.audit_view.show_integrity(result)

    def lock(self, reason: str = "by hand") -> None:
        w = self.window
        if w.practitioner_id is None or (self.lock_screen and self.lock_screen.isVisible()):
            return
        info = next(
            (p for p in clinic.list_practitioners(w.db, True) if p.id == w.practitioner_id), None
        )
        if info is None:
            return
        if w.workflow is not None:
            w.workflow.flush()  # the draft is in the database before the screen is covered
        auth.record_lock(w.db, info.id, reason)
        self.lock_screen = LockScreen(w.db, info, parent=w)
        self.lock_screen.unlocked.connect(lambda _info: self.idle_watcher.resume())
        self.lock_screen.switchRequested.connect(self.switch_practitioner)
        self.lock_screen.cover()

    def switch_practitioner(self) -> None:
        w = self.window
        if w.practitioner_id is not None:
            auth.record_logout(w.db, w.practitioner_id)
        dialog = LoginDialog(w.db, parent=w)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.practitioner:
            self.practitionerChanged.emit(dialog.practitioner.id)
            if self.lock_screen is not None:
                self.lock_screen.uncover()
            self.idle_watcher.resume()

    # -- backups -------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        w = self.window
        self.banner.set_busy(True)

        def done(info: backup.BackupInfo) -> None:
            backup.note_backup(w.settings, info)
            self.banner.update_from(w.settings)
            w.statusBar().showMessage(self.tr("Backed up to {0}").format(info.path), 8000)

        def failed(exc: BaseException) -> None:
            self.banner.update_from(w.settings)
            show_error(w, exc)

        w.runner.run(
            lambda: backup.backup_now(
                w.db,
                backup.backup_folder(w.settings),
                int(w.settings.get("backup_keep", 14)),
                actor=w.practitioner_id,
            ),
            done,
            failed,
        )

    def restore_backup(self) -> None:
        from ui.database_problem_dialog import choose_backup_file, restore_backup

        w = self.window
        file = choose_backup_file(w)
        if file is None:
            return
        answer = QMessageBox.question(
            w,
            self.tr("Restore a backup"),
            self.tr(
                "Replace the records on this database with the backup {0}?\n\nThe records "
                "you have now are kept aside as a backup first."
            ).format(file.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        w.runner.wait()
        w.db.dispose()
        if restore_backup(paths.database_url(), file, w):
            self.databaseReplaced.emit()

    def on_exit(self) -> None:
        """The automatic backup at exit (at most daily) and the sign-out."""
        w = self.window
        try:
            info = backup.backup_on_exit(w.db, w.settings, actor=w.practitioner_id)
            if info is not None:
                backup.note_backup(w.settings, info)
        except ChairsideError as exc:
            QMessageBox.warning(w, self.tr("Backup"), str(exc))
        except Exception:  # a failed backup must never stop the window from closing
            log.exception("Backup at exit failed")
        if w.practitioner_id is not None:
            try:
                auth.record_logout(w.db, w.practitioner_id)
            except ChairsideError:
                log.warning("Could not record the sign-out", exc_info=True)
        self.idle_watcher.stop()

    def settings_page(self) -> BackupSettingsPage:
        from ui.backup_settings_page import BackupSettingsPage

        page = BackupSettingsPage(self.window.settings)
        page.backupRequested.connect(self.back_up_now)
        page.restoreRequested.connect(self.restore_backup)
        return page

    def settings_changed(self) -> None:
        settings = self.window.settings
        self.idle_lock.minutes = int(settings.get("idle_lock_minutes", 5))
        self.banner.update_from(settings)

    # -- audit trail, export, erasure ---------------------------------------------------------

    def show_audit(self, patient_id: int | None = None) -> None:
        from ui.audit_view import AuditView

        w = self.window
        if self.audit_view is None:
            view = AuditView(w.db)
            view.patientRequested.connect(w.show_patient)
            w.stack.addWidget(view)
            self.audit_view = view
        view = self.audit_view
        if not w.may_leave_current_page():
            return
        if patient_id is not None:
            view.show_patient(patient_id)
        else:
            view.reload()
        if self.integrity is not None:
            view.show_integrity(self.integrity)
        w.stack.setCurrentWidget(view)

    def forget_views(self) -> None:
        """After the database was replaced, views holding the old one are built again."""
        if self.audit_view is not None:
            self.window.stack.removeWidget(self.audit_view)
            self.audit_view.deleteLater()
            self.audit_view = None

    def export_patient(self, patient_id: int, ask_path: Callable[[], str] | None = None) -> None:
        from assistant.records.export import export_patient_pdf, write_patient_json

        w = self.window
        path = (
            ask_path()
            if ask_path
            else QFileDialog.getSaveFileName(
                w,
                self.tr("Export the patient's record"),
                str(Path.home() / f"patient-{patient_id}.pdf"),
                self.tr("Readable summary (*.pdf);;Complete record as JSON (*.json)"),
            )[0]
        )
        if not path:
            return
        out = Path(path)
        writer = write_patient_json if out.suffix.lower() == ".json" else export_patient_pdf
        w.runner.run(
            # The save dialog has asked before replacing an existing file.
            lambda: writer(w.db, patient_id, out, actor=w.practitioner_id, force=True),
            lambda written: w.statusBar().showMessage(
                self.tr("Exported to {0}").format(written), 8000
            ),
            parent=w,
        )

    def erase_patient(self, patient_id: int) -> None:
        from assistant.records.export import erase_patient, erasure_confirmation

        w = self.window
        expected = erasure_confirmation(w.db, patient_id)
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

        w.runner.run(
            lambda: erase_patient(w.db, patient_id, w.practitioner_id, typed), done, parent=w
        )
