"""The main window's side of a visit: starting or reopening one, showing it over the patient
list (``VisitView``), going back to the list with the visit kept, finishing it, and the
aftercare sheet it prints. ``MainWindow`` builds on this class."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QStackedWidget, QWidget

from assistant.patients.store import get_patient
from assistant.text.screen_dates import screen_short_moment
from ui.tasks import show_error

if TYPE_CHECKING:
    from assistant.settings import Settings
    from assistant.storage.db import Database
    from ui.app_context import GuiContext
    from ui.patients.listing import PatientList
    from ui.patients.page import PatientPage
    from ui.tasks import TaskRunner
    from ui.visit.spare import SpareVisit
    from ui.visit.view import VisitView
    from ui.visit.workflow import SessionWorkflow


class VisitWindow(QMainWindow):
    """A main window that can give one visit the whole window."""

    context: GuiContext
    pages: QStackedWidget  # the patient list and pages, or the visit
    browse: QWidget  # the patient list and the patient's pages
    stack: QStackedWidget
    patient_list: PatientList
    patient_page: PatientPage
    resume_button: QPushButton
    workflow: SessionWorkflow | None = None
    visit_view: VisitView | None = None
    spare_visit: SpareVisit | None = None  # the next visit's screen, built ahead

    # The context is the one source for these; the properties keep call sites short.

    @property
    def db(self) -> Database:
        return self.context.db

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def runner(self) -> TaskRunner:
        return self.context.runner

    @property
    def practitioner_id(self) -> int | None:
        return self.context.practitioner_id

    if TYPE_CHECKING:  # the main window's own, which the visit calls

        def show_patient(self, patient_id: int) -> None: ...

        def may_leave_current_page(self) -> bool: ...

        def book_visit(self, patient_id: int) -> None: ...

    # -- starting and leaving a visit ----------------------------------------------------------

    def start_session(self, patient_id: int) -> None:
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from ui.visit.spare import SpareVisit
        from ui.visit.workflow import SessionWorkflow

        if not self._close_suspended_visit():
            return
        if self.spare_visit is None:
            self.spare_visit = SpareVisit(self)
        view = self.spare_visit.take()  # the screen built ahead, when there is one
        if view is not None:
            view.workflow.begin(patient_id, self.practitioner_id)
            self._show_workflow(view.workflow, view)
            return
        self._show_workflow(
            SessionWorkflow(self.db, self.runner, self.settings, patient_id, self.practitioner_id)
        )

    def open_session(self, session_id: int) -> None:
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from assistant.sessions import get_session
        from ui.visit.workflow import SessionWorkflow

        if not self.may_leave_current_page() or not self._close_suspended_visit():
            return
        record = get_session(self.db, session_id)
        self._show_workflow(
            SessionWorkflow(
                self.db,
                self.runner,
                self.settings,
                record.patient_id,
                self.practitioner_id,
                session_id=session_id,
            )
        )

    def _show_workflow(self, workflow: SessionWorkflow, view: VisitView | None = None) -> None:
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from assistant.sessions import last_assessment_answers
        from ui.visit.view import VisitView

        self._close_workflow()
        patient = get_patient(self.db, workflow.patient_id)
        previous = last_assessment_answers(self.db, patient.id)
        if view is None:
            view = VisitView(workflow, patient, previous)
        else:  # built ahead: this visit's patient on it
            view.begin(patient, previous)
        self.workflow = workflow
        self.visit_view = view
        workflow.finished.connect(self._session_finished)
        workflow.aftercareRequested.connect(self.show_aftercare)
        workflow.bookRequested.connect(self.book_visit)
        workflow.aftercareSheetWanted.connect(lambda sid: self.show_aftercare(sid, in_step=True))
        workflow.photosRequested.connect(self.open_photos)
        view.listRequested.connect(self.back_to_list)
        if self.spare_visit is not None:  # the next visit's screen, built while this one is read
            workflow.checklistShown.connect(self.spare_visit.prepare)
            if workflow.checklist_page is not None:  # its patient was read at once
                self.spare_visit.prepare(workflow.checklist)
        if self.pages.indexOf(view) < 0:
            self.pages.addWidget(view)
        self.pages.setCurrentWidget(view)
        self.resume_button.setVisible(False)
        view.next_button.setFocus()

    def open_photos(self, patient_id: int, session_id: int | None = None) -> None:
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from ui.photos.windows import open_photos_window

        open_photos_window(self, patient_id, session_id)

    def visit_on_screen(self) -> bool:
        return self.visit_view is not None and self.pages.currentWidget() is self.visit_view

    def back_to_list(self) -> None:
        """The patient list again; the visit stays open (its draft saved) to return to."""
        if self.workflow is None or self.visit_view is None:
            return
        self.workflow.flush()
        self.pages.setCurrentWidget(self.browse)
        self.resume_button.setText(
            self.tr("Return to the visit with {0}").format(self.visit_view.patient.display_name)
        )
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from ui.visit.view import LIST_KEY

        self.resume_button.setShortcut(LIST_KEY)  # setText drops it: the same key goes back
        self.resume_button.setVisible(True)
        self.patient_list.select_patient(self.visit_view.patient.id)
        self.patient_list.focus_search()

    def resume_visit(self) -> None:
        if self.visit_view is not None:
            self.pages.setCurrentWidget(self.visit_view)
            self.resume_button.setVisible(False)
            self.visit_view.next_button.setFocus()

    def _close_suspended_visit(self) -> bool:
        """Before another visit starts: the one left open behind the list is saved and
        closed (its draft stays on the patient's page)."""
        if self.workflow is None or self.visit_on_screen():
            return True
        if not self.workflow.flush():
            return False
        self._close_workflow()
        return True

    def _close_workflow(self) -> None:
        if self.visit_view is not None:
            self.pages.removeWidget(self.visit_view)
            self.visit_view.deleteLater()
            self.visit_view = None
        if self.workflow is not None:
            self.workflow.deleteLater()
            self.workflow = None
        self.pages.setCurrentWidget(self.browse)
        self.resume_button.setVisible(False)

    def _session_finished(self, _session_id: int) -> None:
        patient_id = self.visit_view.patient.id if self.visit_view is not None else None
        self._close_workflow()  # the list has read the signed session (operationDidExecute)
        if patient_id is not None:
            self.show_patient(patient_id)

    # -- the aftercare sheet ---------------------------------------------------------------------

    def show_aftercare(self, session_id: int, in_step: bool = False) -> None:
        """Read the sheet on the database thread, lay it out on the render pool, then show
        the preview; the window stays responsive throughout."""
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from assistant.aftercare import load_active_template
        from assistant.sessions import aftercare_sheet_for_session

        db = self.db
        templates = self.context.locations.templates_dir()
        self.statusBar().showMessage(self.tr("Preparing the aftercare sheet…"))

        def load() -> tuple[Any, Any, str | None, Any]:
            # the translation reviews only when a sheet is made
            from assistant.text.translation_review import approved_translations

            sheet = aftercare_sheet_for_session(db, session_id)
            template, problem = load_active_template(templates)
            return sheet, template, problem, approved_translations(db)

        def loaded(result: tuple[Any, Any, str | None, Any]) -> None:
            # the visit's modules load after the first screen (the sessions package: 400 ms)
            from assistant.aftercare import render_sheet
            from ui.visit.aftercare_dialog import PREVIEW_DPI, page_images

            sheet, template, problem, approvals = result

            def render() -> tuple[Any, Any]:  # on the render pool: the PDF and its pages
                rendered = render_sheet(sheet, template)
                return rendered, page_images(rendered.data, PREVIEW_DPI)

            self.runner.run(
                render,
                lambda done: self._show_aftercare_preview(
                    session_id, sheet, template, done[0], problem, done[1], in_step, approvals
                ),
                parent=self,
                render=True,
            )

        self.runner.run(load, loaded, parent=self)

    def _show_aftercare_preview(
        self,
        session_id: int,
        sheet: Any,
        template: Any,
        rendered: Any,
        problem: str | None,
        images: Any = None,
        in_step: bool = False,
        approvals: Any = None,
    ) -> None:
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from assistant.sessions import mark_aftercare_printed
        from ui.visit.aftercare_dialog import AftercarePreviewDialog

        self.statusBar().clearMessage()
        workflow = self.workflow
        on_step = workflow is not None and workflow.step == "aftercare"
        if in_step and not on_step:
            return  # the visit moved on (or closed) while the sheet was prepared
        try:
            dialog = AftercarePreviewDialog(
                sheet, template, self, rendered=rendered, runner=self.runner, images=images,
                approvals=approvals,
            )
        except Exception as exc:  # shown to the user; the session itself is safe
            show_error(self, exc)
            return
        if problem:
            dialog.setWindowTitle(dialog.windowTitle() + self.tr(" (default wording)"))
            self.statusBar().showMessage(problem, 15000)
        db, actor = self.db, self.practitioner_id
        dialog.printed.connect(
            lambda: self.runner.run(
                lambda: mark_aftercare_printed(db, session_id, actor), parent=self
            )
        )
        dialog.saved.connect(  # a saved PDF is handed over like a printed sheet
            lambda path: self.runner.run(
                lambda: mark_aftercare_printed(db, session_id, actor, Path(path).name),
                parent=self,
            )
        )
        if workflow is not None:
            dialog.printed.connect(workflow.aftercare_printed)
            dialog.saved.connect(lambda _path: workflow.aftercare_printed())
        if workflow is not None and in_step:
            workflow.aftercare_step.show_sheet(dialog)  # the sheet in the step itself
            return
        dialog.exec()

    def offer_unfinished_drafts(self) -> None:
        # the visit's modules load after the first screen (the sessions package: 400 ms)
        from assistant.sessions import unfinished_drafts

        drafts = unfinished_drafts(self.db)
        if not drafts:
            return
        draft = drafts[0]
        more = len(drafts) - 1
        text = self.tr(
            "An unfinished session for {0}, started {1}, was kept as a draft ({2} zones)."
        ).format(draft.patient_name, screen_short_moment(draft.treated_at), draft.zones)
        if more:
            text += " " + self.tr(
                "{0} more unfinished drafts are listed on their patients' pages."
            ).format(more)
        answer = QMessageBox.question(
            self, self.tr("Unfinished session"), text + "\n\n" + self.tr("Open it now?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.patient_page.show_patient(get_patient(self.db, draft.patient_id))
            self.open_session(draft.session_id)

    def _flush_session(self) -> None:
        if self.workflow is not None:
            self.workflow.flush()
