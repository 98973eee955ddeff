"""A visit, step by step: the suitability checklist for the planned zones, the consent, the
session record, then (once signed) the aftercare sheet. ``STEPS`` names them; ``step`` is the
one on screen and ``done`` those finished; ``go_next``/``go_back`` move between them (the
visit screen, ``ui.visit``, draws the step bar and the Back/Next buttons around this widget).

Step 1 asks which zones are planned (the checklist needs them: the cold-sore rule applies to
perioral zones) and shows the checklist. When the practitioner continues, the assessment is
stored and a draft session created with the planned zones; when no consent covers those zones
the consent step (``ui.consent.page``) comes next, saying why; then the session form. More ›
"Take a new consent…" opens the consent step again for the zones and device in the form.
An existing session id opens step 2 directly (an unfinished draft, or a signed record).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.checklist import AssessmentResult, Checklist, PatientFacts, default_checklist
from assistant.consent import ConsentContext, ConsentStatus, consent_status
from assistant.sessions import (
    SessionContext,
    get_session,
    session_context,
    start_session,
)
from assistant.storage.db import Database
from ui.checklist.page import ChecklistPage
from ui.consent.list_dialog import ConsentsDialog
from ui.consent.page import ConsentPage
from ui.session_form import SessionForm
from ui.session_form.common import TARGET_HEIGHT
from ui.tasks import TaskRunner
from ui.visit.aftercare_step import AftercareStep
from ui.visit.loading import Loaded, load_visit, patient_said
from ui.visit.zone_picker import ZonePicker

log = logging.getLogger(__name__)

STEPS = ("checklist", "consent", "session", "aftercare")


class SessionWorkflow(QWidget):
    aftercareRequested = Signal(int)  # session id
    bookRequested = Signal(int)  # patient id: book the next visit
    aftercareSheetWanted = Signal(int)  # session id: the sheet to show in the aftercare step
    finished = Signal(int)  # session id, or 0 when left before a session was created
    sessionCreated = Signal(int)
    photosRequested = Signal(int, int)  # patient id, session id
    stepChanged = Signal(str)  # one of STEPS
    verdictChanged = Signal(object)  # the checklist's Verdict (or None)
    checklistShown = Signal(object)  # the Checklist its page asks (the next visit's is built)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        settings: Any,
        patient_id: int | None,  # None: built ahead of a visit, ``begin`` gives it one
        practitioner_id: int | None,
        parent: QWidget | None = None,
        session_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._settings = settings
        self._patient_id = 0
        self._actor = practitioner_id
        self._blank: ChecklistPage | None = None  # built ahead, for the first patient only
        self._facts = PatientFacts()
        self._previous_answers: dict[str, Any] | None = None
        self._questionnaire: Any = None  # the patient's latest questionnaire, if any
        self._checklist: Checklist = default_checklist()
        self.checklist_page: ChecklistPage | None = None
        self.consent_page: ConsentPage | None = None
        self.form: SessionForm | None = None
        self.step = "checklist"
        self.done: set[str] = set()
        self.setAccessibleName(self.tr("Session"))

        self.stack = QStackedWidget()
        self.step_label = QLabel()
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)
        self.step_label.setAccessibleName(self.tr("Step"))

        self.checklist_step = QWidget()
        step_layout = QVBoxLayout(self.checklist_step)
        step_layout.setContentsMargins(0, 0, 0, 0)
        step_layout.addWidget(self._build_zone_picker())
        self.checklist_holder = QVBoxLayout()
        step_layout.addLayout(self.checklist_holder, 1)
        self.stack.addWidget(self.checklist_step)
        self.form_holder = QWidget()
        self.form_layout = QVBoxLayout(self.form_holder)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.form_holder)
        self.consent_summary = QLabel()
        self.consent_summary.setWordWrap(True)
        self.consent_summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.consent_summary.setAccessibleName(self.tr("Consent"))
        self.stack.addWidget(self.consent_summary)
        self.aftercare_step = AftercareStep()
        self.aftercare_step.previewRequested.connect(self._aftercare)
        self.aftercare_step.bookRequested.connect(lambda: self.bookRequested.emit(self.patient_id))
        self.aftercare_step.sheetShown.connect(lambda: self.stepChanged.emit(self.step))
        self.stack.addWidget(self.aftercare_step)

        self.message_label = QLabel()
        self.message_label.setProperty("role", "error")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(self.tr("Problem"))
        self.aftercare_button = QPushButton(self.tr("Aftercare sheet…"))
        self.aftercare_button.setMinimumHeight(TARGET_HEIGHT)
        self.aftercare_button.setAccessibleName(self.tr("Aftercare sheet"))
        self.aftercare_button.setShortcut(QKeySequence(self.tr("Ctrl+P")))
        self.aftercare_button.setToolTip(self.tr("Preview and print the aftercare sheet (Ctrl+P)"))
        self.aftercare_button.setVisible(False)
        self.aftercare_button.clicked.connect(self._aftercare)
        # The step's secondary actions share one "More" menu, so the bottom row keeps one
        # primary action (Sign, or the aftercare sheet once signed) and fits 1024 px in any
        # language.
        self.photos_action = QAction(self.tr("Photos of this visit…"), self)
        self.photos_action.setVisible(False)
        self.photos_action.triggered.connect(self._photos)
        self.consent_action = QAction(self.tr("Take a new consent…"), self)
        self.consent_action.setVisible(False)
        self.consent_action.triggered.connect(self.ask_for_consent)
        self.consents_action = QAction(self.tr("The patient's consents…"), self)
        self.consents_action.triggered.connect(self.show_consents)
        more = QMenu(self)
        more.addActions([self.photos_action, self.consents_action, self.consent_action])
        self.more_button = QPushButton(self.tr("More"))
        self.more_button.setMinimumHeight(TARGET_HEIGHT)
        self.more_button.setAccessibleName(self.tr("More actions for this visit"))
        self.more_button.setToolTip(self.tr("Photos and consents of this visit"))
        self.more_button.setMenu(more)
        self.more_button.setProperty("menu", True)  # room for the arrow (style.qss)
        # The visit screen moves this row into its own bottom row, beside Back/Next.
        self.actions_bar = QWidget()
        bottom = QHBoxLayout(self.actions_bar)
        self.actions_layout = bottom
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.aftercare_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.actions_bar)
        if patient_id is not None:
            self.begin(patient_id, practitioner_id, session_id)

    def begin(self, patient_id: int, actor: int | None, session_id: int | None = None) -> None:
        """The visit's one patient (a workflow built ahead gets it here, once)."""
        if self._patient_id:
            raise RuntimeError("a visit's workflow serves one patient only")
        self._patient_id, self._actor = patient_id, actor
        if session_id is not None:
            self.step_label.setText(self.tr("Session record"))
            self.done.update(("checklist", "consent"))
            self._set_step("session")
            db = self._db
            self._runner.run(
                lambda: session_context(db, session_id), self._show_form, self._failed, parent=self
            )
        else:
            self.step_label.setText(self.tr("Step 1 of 2: planned zones and suitability checklist"))
            db, patient = self._db, self._patient_id
            self._runner.run(
                lambda: load_visit(db, patient), self._patient_loaded, self._failed, parent=self
            )

    # --- step 1 ----------------------------------------------------------------------------

    def _build_zone_picker(self) -> ZonePicker:
        self.zone_picker = ZonePicker()
        self.zone_checks = self.zone_picker.checks
        self.zone_picker.changed.connect(self._zones_changed)
        return self.zone_picker

    @property
    def patient_id(self) -> int:
        return self._patient_id

    @property
    def checklist(self) -> Checklist:
        """The checklist in force (the shipped one until the clinic's is loaded)."""
        return self._checklist

    def planned_zones(self) -> list[str]:
        return self.zone_picker.planned()

    def _patient_loaded(self, loaded: Loaded) -> None:
        self._facts, self._previous_answers, self._checklist, carried, questionnaire = loaded
        self._questionnaire = questionnaire
        if carried is not None and not self.planned_zones():
            # The zones of the last signed session, ticked and said so (settings carried
            # forward); the checklist is still asked afresh.
            self.zone_picker.set_planned([z.zone for z in carried.zones], carried.treated_at)
        self._build_checklist({})

    def _build_checklist(self, answers: dict[str, Any]) -> None:
        if self.checklist_page is not None:
            self.checklist_holder.removeWidget(self.checklist_page)
            self.checklist_page.hide()
            self.checklist_page.deleteLater()
        said, today = patient_said(self._questionnaire, self._settings), date.today()
        page, self._blank = self._blank, None
        made_for = (page.checklist, page.assessed_on) if page is not None else None
        if page is not None and (said or made_for != (self._checklist, today)):
            page.deleteLater()  # a questionnaire, or other rules or day: a page of its own
            page = None
        if page is not None:  # built ahead in its place, never shown: filled for this patient
            page.fill(self._facts, self.planned_zones(), self._previous_answers)
        else:
            page = ChecklistPage(self._checklist, self._facts, self.planned_zones(), today,
                                 self._previous_answers, parent=self.checklist_step,
                                 patient_said=said)  # fmt: skip
        if answers:
            page.set_answers(answers)
        page.accepted.connect(self._checklist_accepted)
        page.verdictChanged.connect(self.verdictChanged)
        self.verdictChanged.emit(page.verdict())  # the verdict it opened with
        self.checklist_holder.addWidget(page)
        page.show()
        self.checklist_page = page
        self.checklistShown.emit(self._checklist)
        if self.step == "checklist":
            self.stepChanged.emit(self.step)  # the visit screen links the new page's tab order

    def prepare_checklist(self, checklist: Checklist) -> None:
        """Before its patient: the checklist's questions built, unseen, for ``begin``."""
        if not self._patient_id and self._blank is None:
            self._blank = ChecklistPage.blank(checklist, date.today(), parent=self.checklist_step)
            self._blank.hide()  # until its patient's visit shows it

    def questionnaire_arrived(self, questionnaire: Any) -> None:
        """The patient's answers arrived while the checklist is open: shown beside the
        questions at once, the answers already given kept."""
        if questionnaire.patient_id != self._patient_id or self.step != "checklist":
            return
        self._questionnaire = questionnaire
        if self.checklist_page is not None:
            self._build_checklist(self.checklist_page.answers())

    def _zones_changed(self) -> None:
        if self.checklist_page is not None:
            # The checklist depends on the zones (perioral rules); answers stay as given.
            self.checklist_page.set_zones(self.planned_zones())

    def _checklist_accepted(self, result: AssessmentResult) -> None:
        zones = self.planned_zones()
        self.message_label.clear()
        if self.checklist_page is not None:
            self.checklist_page.continue_button.setEnabled(False)
        said = self.checklist_page.patient_said if self.checklist_page is not None else None
        confirmed = said.to_confirm(result.answers) if said is not None else {}
        questionnaire = said.questionnaire.id if said is not None else None
        days = int(getattr(self._settings, "intake_review_days", 7))

        def start() -> SessionContext:
            context = start_session(self._db, self._patient_id, result, zones, self._actor)
            if confirmed and questionnaire is not None:
                # Beside the patient's answers: the practitioner's, changed ones marked.
                from assistant.intake.store import confirm_answers
                from assistant.text.dates import utcnow

                confirm_answers(self._db, questionnaire, confirmed, self._actor,
                                now=utcnow(), review_days=days)  # fmt: skip
            return context

        self._runner.run(
            start,
            self._started,
            self._failed,
            parent=self,
        )

    def _started(self, context: SessionContext) -> None:
        self.sessionCreated.emit(context.record.id)
        self.done.add("checklist")
        if self.checklist_page is not None:  # accepted: Back shows it as it was answered
            questions = self.checklist_page.questions_scroll.widget()
            if questions is not None:
                questions.setEnabled(False)
            self.checklist_page.side_panel.setEnabled(False)
            for check in self.zone_checks.values():
                check.setEnabled(False)
        zones = tuple(z.zone for z in context.record.draft.zones)
        wanted = ConsentContext(date.today(), zones, None)
        self._runner.run(
            lambda: consent_status(self._db, self._patient_id, wanted),
            lambda status: self._consent_checked(status, context),
            self._failed,
            parent=self,
        )

    # --- the consent step ------------------------------------------------------------------

    def _consent_checked(self, status: ConsentStatus, context: SessionContext) -> None:
        if status.valid:
            self._consent_covered()
            self._show_form(context)
            return
        zones = [z.zone for z in context.record.draft.zones]
        self._show_consent(zones, None, status.reasons, lambda: self._show_form(context))

    def _show_consent(
        self, zones: list[str], device_id: int | None, reasons: Any, then: Any
    ) -> None:
        if self.consent_page is not None:
            self.stack.removeWidget(self.consent_page)
            self.consent_page.deleteLater()
        page = ConsentPage(
            self._db, self._runner, self._patient_id, self._actor, zones, reasons, device_id
        )
        page.issued.connect(lambda _consent_id: self._consent_covered())
        page.issued.connect(lambda _consent_id: then())
        page.cancelled.connect(then)
        page.cancel_button.setVisible(False)  # the visit's Next goes on without it
        self.stack.addWidget(page)
        self.consent_page = page
        self.stack.setCurrentWidget(page)
        self.step_label.setText(self.tr("Consent: the patient reads and signs"))
        self._set_step("consent")

    def _consent_covered(self) -> None:
        self.done.add("consent")
        self.consent_summary.setText(
            self.tr(
                "A signed consent covers this visit's zones and device.\n\n"
                "More › Take a new consent… takes another one, for example when the plan "
                "changes."
            )
        )

    def ask_for_consent(self) -> None:
        """A new consent for the zones and device now in the form."""
        if self.form is None or not self.form.flush():
            return
        draft = get_session(self._db, self.form.session_id).draft
        zones = [z.zone for z in draft.zones]
        self._show_consent(zones, draft.device_id, (), self._back_to_form)

    def show_consents(self) -> None:
        """The patient's consents: save or print the PDF as issued, record a withdrawal."""
        ConsentsDialog(self._db, self._patient_id, self._actor, self).exec()

    def _back_to_form(self) -> None:
        if self.form is not None:
            self.form.consent_watch.check()  # a consent may have been issued meanwhile
        self.stack.setCurrentWidget(self.form_holder)
        self.step_label.setText(self.tr("The session record"))
        self._set_step("session")

    # --- step 2 ----------------------------------------------------------------------------

    def _show_form(self, context: SessionContext) -> None:
        if self.form is not None:  # back from the consent step
            self._back_to_form()
            return
        form = SessionForm(self._db, self._runner, self._settings, context, self._actor)
        form.signed.connect(self._signed)
        form.header.title_label.setVisible(False)  # the visit's patient bar names the patient
        # Save and Sign join the bottom row, beside Back/Next: the record gets the height.
        after_message = self.actions_layout.indexOf(self.message_label) + 1
        self.actions_layout.insertWidget(after_message, form.actions_bar, 1)
        self.form_layout.addWidget(form)
        self.form = form
        self.stack.setCurrentWidget(self.form_holder)
        signed = context.record.is_signed
        self.step_label.setText(
            self.tr("Session record (signed)") if signed else self.tr("The session record")
        )
        self.aftercare_button.setVisible(signed)
        self.photos_action.setVisible(True)
        self.consent_action.setVisible(not signed)
        if signed:
            self.done.add("session")
        self.aftercare_step.show_record(context.record)
        self._set_step("session")
        form.setFocus(Qt.FocusReason.OtherFocusReason)

    def _signed(self, session_id: int) -> None:
        self.step_label.setText(self.tr("Session record (signed)"))
        self.consent_action.setVisible(False)
        self.aftercare_button.setVisible(True)
        self.done.add("session")
        if self.form is not None:
            self.aftercare_step.show_record(self.form.record)
        self._set_step("session")
        self.aftercare_button.setFocus()

    def _aftercare(self) -> None:
        if self.form is not None:
            self.aftercareRequested.emit(self.form.session_id)

    def _photos(self) -> None:
        if self.form is not None:
            self.photosRequested.emit(self._patient_id, self.form.session_id)

    def _failed(self, error: BaseException) -> None:
        log.warning("session workflow: %s", error)
        self.message_label.setText("\N{WARNING SIGN} " + str(error))
        if self.checklist_page is not None:
            self.checklist_page.continue_button.setEnabled(self.checklist_page.can_continue())

    # --- moving between the steps ----------------------------------------------------------

    def _set_step(self, step: str) -> None:
        self.step = step
        if self.form is not None:
            self.form.actions_bar.setVisible(step == "session")
            # On the aftercare step its own button previews the sheet.
            self.aftercare_button.setVisible("session" in self.done and step != "aftercare")
        self.stepChanged.emit(step)

    def _forward_from_checklist(self) -> None:
        if self.consent_page is not None and "consent" not in self.done:
            self.stack.setCurrentWidget(self.consent_page)
            self.step_label.setText(self.tr("Consent: the patient reads and signs"))
            self._set_step("consent")
        elif self.form is not None:
            self._back_to_form()

    def can_go_back(self) -> bool:
        if self.step == "consent":
            return "checklist" in self.done and self.checklist_page is not None
        if self.step == "session":
            return "checklist" in self.done
        return self.step == "aftercare"

    def can_go_next(self) -> bool:
        if self.step == "checklist":
            return self.checklist_page is not None
        if self.step == "session":
            return "session" in self.done
        return self.step in ("consent", "aftercare")

    def go_next(self) -> None:
        """Next: continue the checklist, leave the consent step, go on to the aftercare
        sheet once the record is signed, or finish the visit."""
        if self.step == "checklist" and "checklist" in self.done:
            self._forward_from_checklist()  # back on the accepted checklist: on again
        elif self.step == "checklist" and self.checklist_page is not None:
            if self.checklist_page.continue_button.isEnabled():
                self.checklist_page.continue_button.click()
            else:
                hint = self.checklist_page.continue_hint.text()
                self.message_label.setText("\N{WARNING SIGN} " + (hint or self.tr(
                    "The checklist cannot be continued yet.")))
        elif self.step == "consent":
            if self.consent_page is not None and self.stack.currentWidget() is self.consent_page:
                self.consent_page.cancelled.emit()
            else:
                self._back_to_form()
        elif self.step == "session":
            if "session" in self.done:
                self.show_aftercare_step()
            else:
                self.message_label.setText("\N{WARNING SIGN} " + self.tr(
                    "Sign the record first (Ctrl+Shift+S); the aftercare sheet comes next."))
        elif self.step == "aftercare":
            self.finish()

    def go_back(self) -> None:
        """Back: from the aftercare sheet to the record, from the record to the consent."""
        self.message_label.clear()
        if self.step == "consent" and self.can_go_back():
            # the accepted checklist, to read again; its answers are kept as given
            self.stack.setCurrentWidget(self.checklist_step)
            self.step_label.setText(self.tr("Suitability checklist"))
            self._set_step("checklist")
        elif self.step == "aftercare":
            self._back_to_form()
        elif self.step == "session" and self.can_go_back():
            if not self.flush():
                return
            self.stack.setCurrentWidget(self.consent_summary)
            if not self.consent_summary.text():
                self.consent_summary.setText(self.tr(
                    "More › Take a new consent… takes a consent for the zones and device in the "
                    "record."))
            self.step_label.setText(self.tr("Consent"))
            self._set_step("consent")

    def show_aftercare_step(self) -> None:
        self.message_label.clear()
        self.stack.setCurrentWidget(self.aftercare_step)
        self.step_label.setText(self.tr("The aftercare sheet"))
        self._set_step("aftercare")
        self.aftercare_step.preview_button.setFocus()
        if self.aftercare_step.sheet is None and self.form is not None:
            # the sheet, prepared off the UI thread, shown in the step (if still there)
            self.aftercareSheetWanted.emit(self.form.session_id)

    def aftercare_printed(self) -> None:
        self.done.add("aftercare")
        self.aftercare_step.show_printed()
        self.stepChanged.emit(self.step)

    # --- leaving ---------------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        return self.form.session_id if self.form is not None else None

    def flush(self) -> bool:
        """Save the draft now (the main window calls this before closing or navigating)."""
        return self.form.flush() if self.form is not None else True

    def finish(self) -> None:
        self.flush()
        self.finished.emit(self.session_id or 0)
