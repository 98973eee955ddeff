"""The visit screen: the whole window for one patient's visit. The patient bar and the step
bar stay on top, the current step (``ui.visit.workflow``) fills the middle, and the bottom
row holds the way back to the patient list (the draft is kept) and Back/Next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from assistant.checklist import Verdict
from assistant.patients.store import PatientRecord
from ui import icons, look
from ui.session_form.common import TARGET_HEIGHT
from ui.visit.bars import PatientBar, StepBar, allergies_answered, cautions_of
from ui.visit.workflow import SessionWorkflow

NEXT_KEY = "Alt+Right"
BACK_KEY = "Alt+Left"
LIST_KEY = "Alt+Up"


class VisitView(QWidget):
    """Hosts one ``SessionWorkflow``; the main window shows it over the patient list."""

    listRequested = Signal()  # back to the patient list; the visit stays open
    patient: PatientRecord  # once ``begin`` has given it

    def __init__(
        self,
        workflow: SessionWorkflow,
        patient: PatientRecord | None,  # None: built ahead of a visit, ``begin`` gives it
        previous_answers: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workflow = workflow
        self.patient_bar = PatientBar()
        self.step_bar = StepBar()
        workflow.step_label.setVisible(False)  # the step bar says it

        self.list_button = QPushButton(self.tr("Patient list"))
        self.list_button.setAccessibleName(self.tr("Back to the patient list, keeping the visit"))
        self.list_button.setToolTip(
            self.tr("Back to the patient list; the visit stays open as it is ({0})").format(
                LIST_KEY
            )
        )
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back to the previous step"))
        self.back_button.setIcon(icons.icon("back", "text"))
        self.back_button.setToolTip(self.tr("The previous step ({0})").format(BACK_KEY))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.next_button.setToolTip(self.tr("The next step ({0})").format(NEXT_KEY))
        for button in (self.list_button, self.back_button, self.next_button):
            button.setMinimumHeight(TARGET_HEIGHT + 4)
        self.list_button.clicked.connect(self.listRequested)
        self.back_button.clicked.connect(workflow.go_back)
        self.next_button.clicked.connect(workflow.go_next)
        # Shortcuts live on the view, so they work whichever control has the focus.
        for key, slot in (
            (NEXT_KEY, self._next),
            (BACK_KEY, self._back),
            (LIST_KEY, self.listRequested.emit),
        ):
            QShortcut(QKeySequence(key), self).activated.connect(slot)

        # One bottom row: the patient list, the step's own actions and message, Back, Next.
        nav = workflow.actions_layout
        nav.insertWidget(0, self.list_button)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.patient_bar)
        layout.addWidget(self.step_bar)
        layout.addWidget(workflow, 1)

        workflow.stepChanged.connect(self._step_changed)
        workflow.verdictChanged.connect(self._verdict_changed)
        self._step_changed(workflow.step)
        if patient is not None:
            self.begin(patient, previous_answers)

    def begin(self, patient: PatientRecord, previous_answers: dict[str, Any] | None) -> None:
        """The visit's patient on the bar (once: a view serves one visit)."""
        if hasattr(self, "patient"):
            raise RuntimeError("a visit screen serves one patient only")
        self.patient = patient
        self.setAccessibleName(self.tr("Visit with {0}").format(patient.display_name))
        self.patient_bar.show_patient(patient)
        checklist = self.workflow.checklist
        self.patient_bar.set_allergies(allergies_answered(checklist, previous_answers))

    def _next(self) -> None:
        if self.next_button.isEnabled():
            self.workflow.go_next()

    def _back(self) -> None:
        if self.back_button.isEnabled():
            self.workflow.go_back()

    def _verdict_changed(self, verdict: Verdict | None) -> None:
        # While questions remain the checklist gives no verdict, but what the answers so far
        # call for (an allergy, a caution) belongs on the patient bar at once.
        page = self.workflow.checklist_page
        if verdict is None and page is not None:
            verdict = page.provisional_verdict()
        self.patient_bar.set_cautions(cautions_of(verdict))

    def step_controls(self, step: str) -> list[QWidget]:
        """The controls of a step, top to bottom, in the order Tab visits them."""
        workflow = self.workflow
        if step == "checklist":
            page = workflow.checklist_page
            zones = [workflow.zone_picker.change_button, *workflow.zone_checks.values()]
            return [*zones, *(page.tab_chain() if page else [])]
        if step == "session" and workflow.form is not None:
            form = workflow.form
            return [*form.tab_chain(), form.amend_button]
        if step == "aftercare":
            sheet = workflow.aftercare_step.sheet
            if sheet is not None:  # the sheet in the step: its choices, then Save and Print
                return [sheet.language_box, sheet.large_print_box, sheet.save_button,
                        sheet.print_button]  # fmt: skip
            return [workflow.aftercare_step.preview_button]
        return []

    def order_tabs(self) -> None:
        """Tab goes through the step, then its actions, then Back, Next and the list."""
        workflow = self.workflow
        own = (self.list_button, self.back_button, self.next_button)
        tail = [
            button
            for button in workflow.actions_bar.findChildren(QPushButton)
            if not button.isHidden() and button not in own
        ]
        chain = [
            *self.step_controls(workflow.step),
            *tail,
            self.back_button,
            self.next_button,
            self.list_button,
        ]
        chain = list(dict.fromkeys(w for w in chain if not w.isHidden()))
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _step_changed(self, step: str) -> None:
        workflow = self.workflow
        self.step_bar.show_steps(step, workflow.done)
        self.back_button.setEnabled(workflow.can_go_back())
        self.order_tabs()
        self.next_button.setEnabled(workflow.can_go_next())
        names = self.step_bar.names
        steps = list(names)
        index = steps.index(step)
        self.next_button.setText(self.tr("Finish") if step == "aftercare" else self.tr("Next"))
        # One primary action a step: Next, except while the session waits to be signed or
        # the patient's consent to be issued, or the sheet to be printed (then Sign…, Issue…
        # or Print… is the step's action).
        signing = step == "session" and "session" not in workflow.done
        consenting = (
            step == "consent"
            and workflow.consent_page is not None
            and workflow.stack.currentWidget() is workflow.consent_page
        )
        printing = (
            step == "aftercare"
            and "aftercare" not in workflow.done
            and workflow.aftercare_step.sheet is not None
        )
        primary = not (signing or consenting or printing)
        look.set_role(self.next_button, "primary" if primary else "")
        self.next_button.setIcon(icons.icon("next", "on-accent" if primary else "text"))
        self.next_button.setToolTip(
            (
                self.tr("Finish the visit ({0})")
                if step == "aftercare"
                else self.tr("Next: {0} ({1})").format(names[steps[index + 1]], "{0}")
            ).format(NEXT_KEY)
        )
        if index:
            self.back_button.setToolTip(
                self.tr("Back: {0} ({1})").format(names[steps[index - 1]], BACK_KEY)
            )
