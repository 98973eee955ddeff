"""The main window: composes the screens and wires their signals. No business rules here."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant import __version__
from assistant.demo.mark import has_data, is_demo_database
from assistant.patients.store import get_patient
from assistant.storage.db import Database, configure_mapped_classes
from assistant.storage.places import describe_database
from ui.app_context import GuiContext
from ui.patients.form import PatientForm
from ui.patients.listing import PatientList
from ui.patients.page import PatientPage
from ui.safekeeping import Safekeeping
from ui.start.preload import after_first_paint
from ui.visit.host import VisitWindow
from ui.visit.timeline import SessionTimeline

if TYPE_CHECKING:
    from ui.audit.view import AuditView
    from ui.day.host import DayHost

log = logging.getLogger(__name__)
WARM_UP_DELAY_MS = 100


class MainWindow(VisitWindow):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # Once the window is painted (counted from the paint, not the show, which a busy
        # machine's first layout can take longer than the delay to follow): what opening a
        # patient or a visit needs.
        after_first_paint(self, lambda: QTimer.singleShot(WARM_UP_DELAY_MS, self._load_the_rest))
        db = context.db
        self._show_title(db)
        self.resize(1280, 800)

        self.patient_list = PatientList(db)
        self.stack = QStackedWidget()
        self.welcome = QLabel(
            self.tr(
                "<h2>Welcome to Chairside</h2><p>Find a patient on the left (Ctrl+F), "
                "or create one with <b>New patient</b> (Ctrl+N).</p>"
            )
        )
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.patient_page = PatientPage()
        self.timeline = SessionTimeline(db, self.runner, 0)
        self.patient_page.set_history_widget(self.timeline)
        self._patient_form: PatientForm | None = None  # built when first needed
        self.workflow = None
        self.visit_view = None
        self.audit_view: AuditView | None = None
        self.day: DayHost | None = None  # the day screen, built when first shown
        for page in (self.welcome, self.patient_page):
            self.stack.addWidget(page)

        splitter = QSplitter()
        splitter.addWidget(self.patient_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 720])
        splitter.setChildrenCollapsible(False)

        self.safekeeping = Safekeeping(context, self)
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.safekeeping.integrity_banner)
        box.addWidget(self.safekeeping.banner)
        self.resume_button = QPushButton()
        self.resume_button.setMinimumHeight(40)
        self.resume_button.setAccessibleName(self.tr("Return to the open visit"))
        self.resume_button.clicked.connect(self.resume_visit)
        self.resume_button.setVisible(False)
        box.addWidget(self.resume_button)
        # The patient list and pages, or a visit over the whole window (ui.visit).
        self.browse = splitter
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        box.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        # What an operation changed reaches the screens that show it (ui.tasks).
        self.runner.operations.operationDidExecute.connect(
            self.patient_list.on_operation_did_execute
        )
        context.practitionerChanged.connect(self.set_practitioner)
        context.databaseReplaced.connect(self._database_replaced)
        self.safekeeping.aboutToLock.connect(self._flush_session)
        self.safekeeping.message.connect(self.statusBar().showMessage)
        self.safekeeping.patientErased.connect(self._patient_erased)
        self.safekeeping.auditRequested.connect(lambda: self.show_audit())
        self.safekeeping.integrityChecked.connect(self._integrity_checked)
        self.patient_page.exportRequested.connect(self.safekeeping.export_patient)
        self.patient_page.eraseRequested.connect(self.safekeeping.erase_patient)
        self.patient_page.auditRequested.connect(self.show_audit)
        self.patient_page.photosRequested.connect(self.open_photos)
        # the questionnaire host after the first screen
        from ui.intake.host import IntakeHost

        self.intake = IntakeHost(context, self)
        self.patient_page.intakeRequested.connect(self._offer_questionnaire)
        self.patient_page.patientModeRequested.connect(self.intake.patient_mode)
        self.intake.questionnaireArrived.connect(
            lambda q: self.workflow.questionnaire_arrived(q) if self.workflow else None
        )
        self.patient_page.bookRequested.connect(self.book_visit)
        self.patient_page.complicationRequested.connect(
            lambda patient: self.day_host().record_complication_for_patient(patient)
        )
        self.patient_page.complicationsRequested.connect(
            lambda patient: self.day_host().complications(patient)
        )

        self.patient_list.patientSelected.connect(self.show_patient)
        self.patient_list.newPatientRequested.connect(self.new_patient)
        self.patient_page.editRequested.connect(self.edit_patient)
        self.patient_page.newSessionRequested.connect(self.start_session)
        self.timeline.sessionOpened.connect(self.open_session)

        self._build_menus()
        self._show_place(db)
        # the day's tables after the first screen
        from assistant.day.presence import has_appointments

        if has_appointments(db):  # the day is the first screen once appointments exist
            QTimer.singleShot(0, self._first_screen)
        geometry = context.settings.window_geometry
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))

    # -- menus -------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_patient_action = self._action(
            self.tr("&New patient"), self.new_patient, QKeySequence.StandardKey.New
        )
        self.find_action = self._action(
            self.tr("&Find patient"), self.patient_list.focus_search, "Ctrl+L"
        )
        self.settings_action = self._action(
            self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        self.demo_action = self._action(self.tr("Open a &demo clinic…"), self.offer_demo_data)
        quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        for action in (self.new_patient_action, self.find_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.records_menu = bar.addMenu(self.tr("&Records"))
        self.recall_action = self._action(
            self.tr("&Recall: who received a lot…"), self.open_recall, "Ctrl+Shift+R"
        )
        self.records_menu.addAction(self.recall_action)
        self.audit_action = self._action(
            self.tr("&Audit trail"), lambda: self.show_audit(), "Ctrl+Shift+A"
        )
        self.records_menu.addAction(self.audit_action)
        self.records_menu.addSeparator()
        self.backup_action = self._action(
            self.tr("&Back up now"), lambda: self.safekeeping.back_up_now(), "Ctrl+Shift+B"
        )
        self.restore_action = self._action(
            self.tr("&Restore a backup…"), lambda: self.safekeeping.restore_backup()
        )
        self.records_menu.addAction(self.backup_action)
        self.records_menu.addAction(self.restore_action)
        self.records_menu.addSeparator()
        self.lock_action = self._action(
            self.tr("&Lock the screen"), lambda: self.safekeeping.lock("by hand"), "Ctrl+Shift+L"
        )
        self.switch_action = self._action(
            self.tr("&Switch practitioner…"), lambda: self.safekeeping.switch_practitioner()
        )
        self.records_menu.addAction(self.lock_action)
        self.records_menu.addAction(self.switch_action)
        # Stock: receiving a delivery by scanning its boxes, and what is on hand.
        self.stock_menu = bar.addMenu(self.tr("&Stock"))
        self.receive_action = self._action(self.tr("&Receive a delivery…"), self.open_stock)
        self.stock_action = self._action(self.tr("&Lots on hand and warnings…"), self.open_stock)
        self.stock_menu.addAction(self.receive_action)
        self.stock_menu.addAction(self.stock_action)
        day_menu = bar.addMenu(self.tr("&Day"))
        self.day_action = self._action(self.tr("The &day"), self.show_day, "Ctrl+D")
        day_menu.addAction(self.day_action)
        day_menu.addAction(
            self._action(self.tr("&Governance summary…"), lambda: self.day_host().open_summary())
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts))
        help_menu.addAction(self._action(self.tr("&About Chairside"), self.about))

    def day_host(self) -> DayHost:
        if self.day is None:
            # the day's screens only when the day is opened
            from ui.day.host import DayHost

            self.day = DayHost(self)
        return self.day

    def _first_screen(self) -> None:
        """The day, unless another page (a visit, a patient) was opened before it showed."""
        if self.workflow is None and self.stack.currentWidget() is self.welcome:
            self.show_day()

    def show_day(self) -> None:
        """Today's and tomorrow's appointments, and the calls due."""
        if self.may_leave_current_page():
            self.day_host().show()

    def book_visit(self, patient_id: int) -> None:
        self.day_host().book(patient_id)

    def show_shortcuts(self) -> None:
        # loaded on first use, off the first screen's start (466 ms)
        from ui.visit.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    # -- patients ----------------------------------------------------------------------------

    @property
    def patient_form(self) -> PatientForm:
        """The new or edited patient's form, built when first needed, not before the
        window is painted (about 15 ms)."""
        if self._patient_form is None:
            form = PatientForm(self.db, self.practitioner_id)
            form.operations = self.runner.operations  # a save is announced to every screen
            form.saved.connect(self._patient_saved)
            form.cancelled.connect(self._form_cancelled)
            self.stack.addWidget(form)
            self._patient_form = form
        return self._patient_form

    def may_leave_current_page(self) -> bool:
        """Before another page is shown: nothing typed may be lost."""
        if self.workflow is not None and self.visit_on_screen():
            if not self.workflow.flush():
                QMessageBox.warning(
                    self,
                    self.tr("Session not saved"),
                    self.tr(
                        "The session could not be saved just now, so it stays open. "
                        "Check the message on the form and try again."
                    ),
                )
                return False
            self._close_workflow()
            return True
        return self.may_leave_patient_form()

    def may_leave_patient_form(self) -> bool:
        """Before the form is left: offer to save typing that would otherwise be lost."""
        form = self._patient_form
        if form is None or self.stack.currentWidget() is not form or not form.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved patient details"),
            self.tr("The patient details you typed are not saved yet. Save them now?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            form.save()
            return not form.is_dirty()
        return answer == QMessageBox.StandardButton.Discard

    def show_patient(self, patient_id: int) -> None:
        if not self.may_leave_current_page():
            return
        record = get_patient(self.db, patient_id)
        self.patient_page.show_patient(record)
        self.timeline.set_patient(patient_id)
        self.stack.setCurrentWidget(self.patient_page)

    def new_patient(self) -> None:
        if not self.may_leave_current_page():
            return
        self.patient_form.start_new()
        self.patient_list.clear_selection()  # the form is nobody in the list yet
        self.stack.setCurrentWidget(self.patient_form)
        self.patient_form.first_name.setFocus()

    def edit_patient(self, patient_id: int) -> None:
        self.patient_form.load(get_patient(self.db, patient_id))
        self.stack.setCurrentWidget(self.patient_form)
        self.patient_form.first_name.setFocus()

    def _patient_saved(self, patient_id: int) -> None:
        self.show_patient(patient_id)
        self.patient_list.select_patient(patient_id)
        self.statusBar().showMessage(self.tr("Patient saved."), 4000)

    def _form_cancelled(self) -> None:
        self.patient_form.start_new()  # cancelling discards the typing on purpose
        if self.patient_page.record is not None:
            self.show_patient(self.patient_page.record.id)
        else:
            self.stack.setCurrentWidget(self.welcome)

    # -- sessions and records ------------------------------------------------------------------

    def open_recall(self) -> None:
        # loaded on first use, off the first screen's start (290 ms)
        from ui.stock.recall_dialog import RecallDialog

        RecallDialog(self.db, self.runner, self.practitioner_id, self).exec()

    def open_stock(self) -> None:
        # loaded on first use, off the first screen's start (200 ms)
        from ui.stock.window import StockWindow

        StockWindow(self.db, self.runner, self.settings, self.practitioner_id, self).exec()

    # -- settings and demo data --------------------------------------------------------------

    def open_settings(self) -> None:
        # loaded on first use, off the first screen's start (600 ms)
        from ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(
            self.db,
            self.settings,
            self.practitioner_id,
            self,
            templates=self.context.locations.templates_dir(),
            operations=self.runner.operations,
        )
        page = self.safekeeping.settings_page()
        dialog.extra_tab(page, self.tr("Backups and security"))
        # loaded on first use, off the first screen's start (5 ms)
        from ui.settings.photos import PhotoSettingsPage

        photo_page = PhotoSettingsPage(self.settings)
        dialog.extra_tab(photo_page, self.tr("Photos"))
        # Its pages announce their own saves; anything else written meanwhile, once it closes.
        self.runner.operations.perform_here(dialog.exec)
        page.save()
        photo_page.save()
        self.safekeeping.settings_changed()
        dialog.deleteLater()  # its pages stop hearing of operations

    def after_start(self) -> None:
        """Things to offer once the window is on screen (first start)."""
        self.safekeeping.start()
        self.show_demo_banner()
        if not self.settings.demo_offered and not has_data(self.db):
            self.settings.set("demo_offered", True)
            self.offer_demo_data()
            return
        self.offer_unfinished_drafts()

    def show_demo_banner(self) -> None:
        """In the demo clinic's window: "Set up my clinic", one click away."""
        # the demo mark's check (one query) for every clinic
        from assistant.demo.mark import is_demo_database

        if is_demo_database(self.db):
            # the demo banner (and the demo clinic's modules) only in the demo clinic
            from ui.start.first_start import DemoBanner

            self.demo_banner = DemoBanner(self.context.locations.data_dir, self)
            central = self.centralWidget()
            layout = central.layout() if central is not None else None
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, self.demo_banner)

    def offer_demo_data(self) -> None:
        """A demo clinic in a folder and window of its own (never in this database)."""
        # loaded on first use, off the first screen's start (200 ms)
        from ui.start.demo_offer import DemoOffer

        DemoOffer(self, self.runner, self.context.locations.data_dir).ask()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Chairside"),
            self.tr(
                "<h3>Chairside {0}</h3><p>Patients, suitability checklist, session records "
                "and aftercare sheets for microneedling.</p><p>Data folder: {1}<br>"
                "Database: {2}</p>"
            ).format(__version__, self.context.locations.data_dir, self.db.url),
        )

    @staticmethod
    def _load_the_rest() -> None:
        """Import the session store and the visit screens and configure the mapped classes
        while the practitioner reads the window (about 70 ms and 100 ms), so the window is
        painted sooner and the first patient opens as fast as the next."""
        # loaded 100 ms after the window shows, so the first visit opens at once
        import assistant.photos  # noqa: F401
        import assistant.sessions  # noqa: F401
        import ui.visit.view  # noqa: F401

        configure_mapped_classes()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake.in_patient_mode():  # the patient cannot close it: the PIN comes first
            event.ignore()
            return
        if not self.may_leave_current_page():
            event.ignore()
            return
        self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64().data()).decode())
        self.runner.wait()
        self.intake.stop()
        self.safekeeping.on_exit()
        event.accept()

    # -- the audit trail ------------------------------------------------------------------------

    def show_audit(self, patient_id: int | None = None) -> None:
        # loaded on first use, off the first screen's start (23 ms)
        from ui.audit.view import AuditView

        if not self.may_leave_current_page():
            return
        if self.audit_view is None:
            self.audit_view = AuditView(self.db, runner=self.runner)
            self.audit_view.patientRequested.connect(self.show_patient)
            self.audit_view.closeRequested.connect(self._close_audit)
            self.stack.addWidget(self.audit_view)
            # The trail's columns need the window's width: the patient list steps aside
            # while it shows, and comes back with any other page.
            self.stack.currentChanged.connect(self._audit_shown_or_left)
        if patient_id is not None:
            record = self.patient_page.record
            name = record.display_name if record is not None and record.id == patient_id else ""
            self.audit_view.show_patient(patient_id, name)
        else:
            self.audit_view.reload()
        if self.safekeeping.integrity is not None:
            self.audit_view.show_integrity(self.safekeeping.integrity)
        self.stack.setCurrentWidget(self.audit_view)

    def _audit_shown_or_left(self, _index: int) -> None:
        audit = self.audit_view is not None and self.stack.currentWidget() is self.audit_view
        self.patient_list.setVisible(not audit)

    def _close_audit(self) -> None:
        record = self.patient_page.record
        if record is not None:
            self.show_patient(record.id)
        else:
            self.stack.setCurrentWidget(self.welcome)

    def _integrity_checked(self, result: Any) -> None:
        if self.audit_view is not None:
            self.audit_view.show_integrity(result)

    # -- who is signed in, and a replaced database ---------------------------------------------

    def set_practitioner(self, practitioner_id: int) -> None:
        """Everything recorded from now on carries this practitioner."""
        if self._patient_form is not None:
            self._patient_form.actor = practitioner_id
        if self.workflow is not None:
            self.workflow.flush()
            self._session_finished(0)

    def _database_replaced(self, db: Database) -> None:
        """Every view re-reads the database the context now holds."""
        if self.workflow is not None:
            self._close_workflow()
        self.intake.stop()
        if self._patient_form is not None:
            self._patient_form.db = db
        self.patient_list.model.db = db
        self.timeline.set_database(db)
        if self.audit_view is not None:
            self.stack.removeWidget(self.audit_view)
            self.audit_view.deleteLater()
            self.audit_view = None
        self.patient_page.record = None
        self.patient_list.refresh()
        self.stack.setCurrentWidget(self.welcome)
        if self.day is not None:
            self.day.set_database(db)
        self._show_title(db)
        self._show_place(db)

    def _offer_questionnaire(self, patient_id: int) -> None:
        record = self.patient_page.record
        name = record.display_name if record is not None and record.id == patient_id else ""
        self.intake.offer_phone(patient_id, name)

    def _show_title(self, db: Database) -> None:
        demo = is_demo_database(db)
        self.setWindowTitle(
            self.tr("Chairside — DEMO (made-up patients)") if demo else self.tr("Chairside")
        )

    def _show_place(self, db: Database) -> None:
        self.statusBar().showMessage(describe_database(db.url))

    def _patient_erased(self, _patient_id: int) -> None:
        self.patient_page.record = None
        self.stack.setCurrentWidget(self.welcome)
        self.statusBar().showMessage(self.tr("The patient's personal details were erased."), 8000)
