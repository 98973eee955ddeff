"""The suitability checklist screen: questions grouped as in the data file, each one
answered on purpose, a verdict once every question is answered, and an override that needs a
written reason.

Every question starts unanswered (a question left unanswered is not a "no"): Continue says
how many remain and waits for them. Answers from the patient's last assessment are offered
beside each question ("Last time: No — keep") and only used when the practitioner presses
that question's button; they are never applied silently. When the patient's record lacks
the date of birth or the Fitzpatrick type, the page asks for them too.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assistant.checklist import (
    Answer,
    AssessmentResult,
    Checklist,
    Outcome,
    PatientFacts,
    Verdict,
    evaluate,
)
from assistant.errors import InvalidInput
from assistant.reference import fitzpatrick_numeral
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_long_date
from ui import icons
from ui.checklist.access import RowAccess
from ui.checklist.patient_said import PatientSaid
from ui.checklist.rows import PatientFactsBox, QuestionRow, usable_previous
from ui.checklist.verdict import MIN_OVERRIDE_WORDS, VerdictPanel

log = logging.getLogger(__name__)

_ICON_SIZE = 32
_OVERRIDABLE = (Outcome.DEFER, Outcome.NOT_SUITABLE)
_EDGES = {
    Outcome.SUITABLE: "suitable",
    Outcome.CAUTION: "caution",
    Outcome.DEFER: "unsuitable",
    Outcome.NOT_SUITABLE: "unsuitable",
}
_ICONS = {
    Outcome.SUITABLE: "suitable",
    Outcome.CAUTION: "caution",
    Outcome.DEFER: "defer",
    Outcome.NOT_SUITABLE: "unsuitable",
}


class ChecklistPage(RowAccess, QWidget):
    """One patient's suitability assessment for the planned zones on ``assessed_on``."""

    verdictChanged = Signal(object)  # Verdict, or None while it cannot be given yet
    accepted = Signal(object)  # AssessmentResult

    def __init__(
        self,
        checklist: Checklist,
        facts: PatientFacts | None,  # None: a blank page, filled later (``blank``)
        zones: Iterable[str],
        assessed_on: date,
        previous_answers: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
        patient_said: PatientSaid | None = None,
    ) -> None:
        super().__init__(parent)
        self._build(checklist, assessed_on, patient_said)
        if facts is not None:
            self.fill(facts, zones, previous_answers)

    @classmethod
    def blank(
        cls, checklist: Checklist, assessed_on: date, parent: QWidget | None = None
    ) -> ChecklistPage:
        """A page with every question and no patient yet, built ahead of a visit
        (``ui.visit.spare``); ``fill`` gives it its one patient before it is shown."""
        return cls(checklist, None, (), assessed_on, parent=parent)

    def _build(
        self, checklist: Checklist, assessed_on: date, patient_said: PatientSaid | None
    ) -> None:
        # The patient's own answers beside the questions, to confirm (ui.checklist.patient_said)
        self.patient_said = patient_said
        self._checklist = checklist
        self._record_facts = PatientFacts()
        self._facts = self._record_facts
        self._zones: tuple[str, ...] = ()
        self._assessed_on = assessed_on
        self._previous: dict[str, Answer] = {}
        self._filled = False
        self._verdict: Verdict | None = None
        self._provisional: Verdict | None = None
        self._error: str | None = None
        self._rows: dict[str, QuestionRow] = {}
        self._tab_chain: list[QWidget] = []
        self.facts_box: PatientFactsBox | None = None

        self.setAccessibleName(self.tr("Suitability checklist"))
        outer = QVBoxLayout(self)
        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        self.header_label.setAccessibleName(self.tr("Assessment details"))
        outer.addWidget(self.header_label)
        self.previous_banner = self._build_previous_banner()
        outer.addWidget(self.previous_banner)
        if patient_said is not None:
            outer.addWidget(patient_said.banner())

        # The page is built from the outside in: each container is in place before its
        # contents are added, so every widget joins the window (and takes its style) once,
        # instead of whole subtrees being restyled at each step (starting a visit: about
        # 20 ms per pass over the questions).
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        self.questions_scroll = QScrollArea()
        self.questions_scroll.setWidgetResizable(True)
        self.questions_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.questions_scroll.setAccessibleName(self.tr("Questions"))
        columns.addWidget(self.questions_scroll, 3)
        # On a short screen the verdict's column scrolls as a whole (its reasons keep their
        # full height) rather than making the window taller than the screen.
        self.side_scroll = QScrollArea()
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setAccessibleName(self.tr("Verdict and actions"))
        columns.addWidget(self.side_scroll, 2)
        self._build_questions()
        self.side_panel = VerdictPanel(checklist, parent=self.side_scroll)
        self.side_scroll.setWidget(self.side_panel)
        self._adopt(self.side_panel)

    def fill(
        self,
        facts: PatientFacts,
        zones: Iterable[str],
        previous_answers: Mapping[str, object] | None = None,
    ) -> None:
        """The page's one patient: the record's facts (what is missing is asked), the planned
        zones and the last assessment's answers on offer. Once only: a page is never
        refilled for another patient, so nothing of one can show on another's visit."""
        if self._filled:
            raise RuntimeError("a checklist page serves one visit only")
        self._filled = True
        self._record_facts = facts
        self._facts = facts
        self._zones = tuple(zones)
        self._previous = usable_previous(self._checklist, previous_answers)
        self._show_header()
        self.previous_banner.setVisible(bool(self._previous))
        ask_birth = facts.date_of_birth is None
        ask_fitzpatrick = facts.fitzpatrick is None
        if ask_birth or ask_fitzpatrick:
            self.facts_box = PatientFactsBox(ask_birth, ask_fitzpatrick, self._assessed_on)
            self.facts_box.changed.connect(self._refresh)
            self._questions_layout.insertWidget(0, self.facts_box)
        for qid, previous in self._previous.items():
            if qid in self._rows:
                self._rows[qid].offer_previous(previous)
        self._tab_chain = self._focus_order()
        for first, second in zip(self._tab_chain, self._tab_chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._refresh()

    def is_filled(self) -> bool:
        return self._filled

    @property
    def checklist(self) -> Checklist:
        return self._checklist

    @property
    def assessed_on(self) -> date:
        return self._assessed_on

    def _focus_order(self) -> list[QWidget]:
        """The patient details asked for, each group's confirm button and questions, then
        the override and Continue."""
        chain: list[QWidget] = list(self.facts_box.focus_chain) if self.facts_box else []
        said = self.patient_said
        for group_id, ids in self._group_ids:
            if said is not None and group_id in said.confirm_buttons:
                chain.append(said.confirm_buttons[group_id])
            for qid in ids:
                chain += self._rows[qid].focus_chain
        return [*chain, self.override_check, self.override_reason_edit,
                self.next_unanswered_button, self.continue_button]  # fmt: skip

    # --- Building the form ---------------------------------------------------------------

    def _show_header(self) -> None:
        names = []
        for zone_id in self._zones:
            names.append(data_label("zones", zone_id))
        parts = [
            self.tr("Assessment on {date}").format(date=screen_long_date(self._assessed_on)),
            self.tr("Zones: {zones}").format(zones=", ".join(names) or self.tr("none chosen")),
        ]
        if self._facts.fitzpatrick is not None:
            roman = fitzpatrick_numeral(self._facts.fitzpatrick)
            parts.append(self.tr("Fitzpatrick type {type}").format(type=roman))
        self.header_label.setText(" · ".join(parts))

    def set_zones(self, zones: Iterable[str]) -> None:
        """The planned zones changed (the perioral rules depend on them): the answers and
        the details typed stay as they are."""
        self._zones = tuple(zones)
        self._show_header()
        self._refresh()

    def _build_previous_banner(self) -> QFrame:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(banner)
        icon = QLabel()
        icons.set_icon(icon, "info", _ICON_SIZE)
        layout.addWidget(icon)
        self.previous_label = QLabel(
            self.tr(
                "Answers from the last assessment are shown beside each question. Ask the "
                'patient again; press "keep" on a question only when the answer is unchanged.'
            )
        )
        self.previous_label.setWordWrap(True)
        layout.addWidget(self.previous_label, 1)
        banner.setVisible(False)
        return banner

    def _build_questions(self) -> None:
        container = QWidget()
        layout = QVBoxLayout(container)
        self._questions_layout = layout
        self.questions_scroll.setWidget(container)
        self._groups: list[tuple[QGroupBox, str, list[str]]] = []
        self._group_ids: list[tuple[str, list[str]]] = []
        for group in self._checklist.groups:
            box = QGroupBox(group.title, container)
            box.setAccessibleName(group.title)
            ids = [q.id for q in group.questions]
            self._groups.append((box, group.title, ids))
            self._group_ids.append((group.id, ids))
            layout.addWidget(box)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            said = self.patient_said
            first = said.add_group(grid, group, self._rows) if said is not None else 0
            for row_number, question in enumerate(group.questions):
                row = QuestionRow(question, self._assessed_on, parent=box)
                if said is not None:  # what the patient said goes on the grid row below
                    said.place(grid, row, first + 2 * row_number)
                else:
                    row.place(grid, row_number)
                row.changed.connect(self._refresh)
                row.stepRequested.connect(lambda step, qid=question.id: self._step(qid, step))
                self._rows[question.id] = row
        layout.addStretch(1)

    def _adopt(self, panel: VerdictPanel) -> None:
        """The panel's widgets as the page's own attributes (the main window and tests use
        them), wired to the page."""
        self.verdict_icon = panel.verdict_icon
        self.verdict_label = panel.verdict_label
        self.reasons_label = panel.reasons_label
        self.why_label = panel.why_label
        self.version_label = panel.version_label
        self.override_box = panel.override_box
        self.override_check = panel.override_check
        self.override_reason_edit = panel.override_reason_edit
        self.continue_hint = panel.continue_hint
        self.next_unanswered_button = panel.next_unanswered_button
        self.continue_button = panel.continue_button
        self.override_check.toggled.connect(self._update_continue)
        self.override_reason_edit.textChanged.connect(self._update_continue)
        self.next_unanswered_button.clicked.connect(self.focus_next_unanswered)
        self.continue_button.clicked.connect(self._accept)

    def show_why(self, link: str) -> None:
        self.side_panel.show_why(link)

    # --- Answers ---------------------------------------------------------------------------

    def answers(self) -> dict[str, Answer]:
        """Every answered question's answer (no = False, never = None); unanswered questions
        are left out (see ``unanswered``)."""
        return {qid: row.answer() for qid, row in self._rows.items() if row.is_answered()}

    def unanswered(self) -> list[str]:
        """The ids of the questions not answered yet, in the order shown."""
        return [qid for qid, row in self._rows.items() if not row.is_answered()]

    def remaining(self) -> int:
        """Questions and missing patient details still to answer."""
        missing = self.facts_box.missing() if self.facts_box is not None else 0
        return len(self.unanswered()) + missing

    def set_answers(self, answers: Mapping[str, Answer]) -> None:
        """Answer the questions mentioned; the others are left as they are."""
        for qid, value in answers.items():
            if qid in self._rows:
                self._rows[qid].set_answer(value)
        self._refresh()

    def clear_answers(self) -> None:
        for row in self._rows.values():
            row.clear()
        self._refresh()

    def previous_answers(self) -> dict[str, Answer]:
        """The previous answers on offer (each applied only by its own "keep" button)."""
        return dict(self._previous)

    def focus_next_unanswered(self) -> None:
        """Move the keyboard focus to the first question (or patient detail) still open."""
        target: QWidget | None = None
        if self.facts_box is not None:
            target = self.facts_box.first_missing()
        if target is None:
            for qid in self.unanswered():
                target = self._rows[qid].focus_chain[0]
                break
        if target is not None:
            self.questions_scroll.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _step(self, qid: str, step: int) -> None:
        """The keyboard to the question above or below ``qid`` (Up, Down, or after Y/N)."""
        ids = list(self._rows)
        index = ids.index(qid) + step
        if 0 <= index < len(ids):
            row = self._rows[ids[index]]
            row.focus()
            if row.focus_chain:
                self.questions_scroll.ensureWidgetVisible(row.focus_chain[0])

    def _show_progress(self) -> None:
        """Each group's title says how far it is answered ("3 of 12 answered")."""
        for box, title, ids in self._groups:
            answered = sum(1 for qid in ids if self._rows[qid].is_answered())
            box.setTitle(
                self.tr("{group} · {n} of {total} answered").format(
                    group=title, n=answered, total=len(ids)
                )
            )

    def patient_facts(self) -> PatientFacts:
        """The facts the rules use: the record's, with what the page asked for filled in."""
        if self.facts_box is None:
            return self._record_facts
        return replace(
            self._record_facts,
            date_of_birth=self._record_facts.date_of_birth or self.facts_box.date_of_birth(),
            fitzpatrick=(
                self._record_facts.fitzpatrick
                if self._record_facts.fitzpatrick is not None
                else self.facts_box.fitzpatrick()
            ),
        )

    # --- Verdict ---------------------------------------------------------------------------

    def verdict(self) -> Verdict | None:
        """The verdict, once every question is answered and the input can be evaluated;
        None before."""
        return self._verdict

    def provisional_verdict(self) -> Verdict | None:
        """What the answers given so far add up to (shown as "so far" while some remain)."""
        return self._provisional

    def _refresh(self) -> None:
        previous = self._verdict
        self._facts = self.patient_facts()
        try:
            self._provisional = evaluate(
                self._checklist, self.answers(), self._facts, self._zones, self._assessed_on
            )
            self._error = None
        except InvalidInput as exc:
            self._provisional = None
            self._error = str(exc)
        self._verdict = self._provisional if self.remaining() == 0 else None
        self._show_progress()
        self._show_verdict()
        self._update_continue()
        if self._verdict != previous or self._verdict is None:
            self.verdictChanged.emit(self._verdict)

    def _show_verdict(self) -> None:
        verdict = self._provisional
        remaining = self.remaining()
        if verdict is None:
            icon = "unsuitable"
            self.verdict_label.setText(self.tr("Cannot evaluate the checklist"))
            self.reasons_label.setText(html.escape(self._error or ""))
        else:
            parts: list[str] = []
            if remaining:
                icon = "unknown"
                self.verdict_label.setText(self._waiting_text(remaining))
                if verdict.reasons:
                    so_far = self.tr("So far, from the answers given")
                    parts.append(f"<p><i>{html.escape(so_far)}</i></p>")
            else:
                icon = _ICONS[verdict.outcome]
                self.verdict_label.setText(self.side_panel.headline(verdict))
            if verdict.reasons:
                reasons = html.escape(self.tr("Reasons"))
                parts.append(f"<p><b>{reasons}</b></p><ul>")
                parts += [self.side_panel.reason_html(r) for r in verdict.reasons]
                parts.append("</ul>")
            if verdict.actions:
                parts.append(f"<p><b>{html.escape(self.tr('Before treating'))}</b></p><ul>")
                parts += [f"<li>{html.escape(a)}</li>" for a in verdict.actions]
                parts.append("</ul>")
            self.reasons_label.setText("".join(parts))
        icons.set_icon(self.verdict_icon, icon, _ICON_SIZE)
        self.verdict_icon.setAccessibleName(self.verdict_label.text())
        edge = "unknown"
        if verdict is not None and not remaining:
            edge = _EDGES[verdict.outcome]
        self.side_panel.show_outcome(edge)
        self.side_panel.fit_height()
        shown = self._verdict
        self.override_box.setVisible(shown is not None and shown.outcome in _OVERRIDABLE)

    def _waiting_text(self, remaining: int) -> str:
        if remaining == 1:
            return self.tr("No verdict yet: 1 question is not answered")
        return self.tr("No verdict yet: {n} questions are not answered").format(n=remaining)

    # --- Override and continue -------------------------------------------------------------

    def needs_override(self) -> bool:
        return self._verdict is not None and self._verdict.outcome in _OVERRIDABLE

    def override_reason(self) -> str | None:
        """The written override reason when the verdict needs one and it is long enough."""
        if not (self.needs_override() and self.override_check.isChecked()):
            return None
        text = " ".join(self.override_reason_edit.toPlainText().split())
        return text if len(text.split()) >= MIN_OVERRIDE_WORDS else None

    def can_continue(self) -> bool:
        if self._verdict is None:
            return False
        return not self.needs_override() or self.override_reason() is not None

    def _update_continue(self) -> None:
        allowed = self.can_continue()
        remaining = self.remaining()
        self.continue_button.setEnabled(allowed)
        self.next_unanswered_button.setVisible(remaining > 0)
        if remaining == 1:
            self.continue_button.setText(self.tr("Continue (1 question left)"))
        elif remaining:
            self.continue_button.setText(
                self.tr("Continue ({n} questions left)").format(n=remaining)
            )
        else:
            self.continue_button.setText(self.tr("Continue"))
        # setText replaces a button's shortcut with the text's mnemonic: set it again.
        self.continue_button.setShortcut(QKeySequence(self.tr("Ctrl+Return")))
        if self._provisional is None:
            hint = self.tr("Correct the input above to continue.")
        elif remaining:
            hint = self.tr(
                "Ask every question: each one still marked at its left edge needs a yes or "
                'no, "never" or a date (Next unanswered finds it).'
            )
        elif allowed:
            hint = ""
        elif not self.override_check.isChecked():
            hint = self.tr("To continue, override the verdict and write why.")
        else:
            hint = self.tr("Write the reason for the override (at least {n} words).").format(
                n=MIN_OVERRIDE_WORDS
            )
        self.continue_hint.setText(hint)
        self.continue_hint.setVisible(bool(hint))

    def _accept(self) -> None:
        if not self.can_continue() or self._verdict is None:
            return
        result = AssessmentResult(
            answers=self.answers(),
            verdict=self._verdict,
            override_reason=self.override_reason(),
            assessed_on=self._assessed_on,
            date_of_birth_recorded=self._recorded_birth(),
            fitzpatrick_recorded=self._recorded_fitzpatrick(),
        )
        log.info(
            "checklist accepted: %s%s",
            self._verdict.outcome,
            " (overridden)" if result.override_reason else "",
        )
        self.accepted.emit(result)

    def _recorded_birth(self) -> date | None:
        return self.facts_box.date_of_birth() if self.facts_box is not None else None

    def _recorded_fitzpatrick(self) -> int | None:
        return self.facts_box.fitzpatrick() if self.facts_box is not None else None
