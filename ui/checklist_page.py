"""The suitability checklist screen: questions grouped as in the data file, a verdict that
updates as answers change, and an override that needs a written reason.

Answers from the patient's last assessment are offered in a banner and only filled in when
the practitioner asks; they are never applied silently.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.checklist import (
    Answer,
    AssessmentResult,
    Checklist,
    Outcome,
    PatientFacts,
    Question,
    QuestionKind,
    Reason,
    Verdict,
    evaluate,
    format_long_date,
    parse_answers,
)
from assistant.errors import InvalidInput

log = logging.getLogger(__name__)

MIN_OVERRIDE_WORDS = 3
_TARGET_HEIGHT = 30  # large enough to hit with gloved hands
_ICON_SIZE = 32
_NEVER = QDate(1900, 1, 1)
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
_OVERRIDABLE = (Outcome.DEFER, Outcome.NOT_SUITABLE)
_ICONS = {
    Outcome.SUITABLE: QStyle.StandardPixmap.SP_DialogApplyButton,
    Outcome.CAUTION: QStyle.StandardPixmap.SP_MessageBoxInformation,
    Outcome.DEFER: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Outcome.NOT_SUITABLE: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _usable_previous(checklist: Checklist, raw: Mapping[str, object] | None) -> dict[str, Answer]:
    """The previous answers this checklist still understands (a newer version may have
    dropped or changed a question); the others are left for the practitioner to ask."""
    result: dict[str, Answer] = {}
    for key, value in (raw or {}).items():
        try:
            result.update(parse_answers(checklist, {key: value}))
        except InvalidInput:
            log.info("previous answer %r no longer applies; not offered", key)
    return result


class ChecklistPage(QWidget):
    """One patient's suitability assessment for the planned zones on ``assessed_on``."""

    verdictChanged = Signal(object)  # Verdict, or None while the input cannot be evaluated
    accepted = Signal(object)  # AssessmentResult

    def __init__(
        self,
        checklist: Checklist,
        facts: PatientFacts,
        zones: Iterable[str],
        assessed_on: date,
        previous_answers: Mapping[str, object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._checklist = checklist
        self._facts = facts
        self._zones = tuple(zones)
        self._assessed_on = assessed_on
        self._previous = _usable_previous(checklist, previous_answers)
        self._verdict: Verdict | None = None
        self._error: str | None = None
        self._bool_boxes: dict[str, QCheckBox] = {}
        self._never_boxes: dict[str, QCheckBox] = {}
        self._date_edits: dict[str, QDateEdit] = {}
        self._choice_boxes: dict[str, QComboBox] = {}
        self._tab_chain: list[QWidget] = []

        self.setAccessibleName(self.tr("Suitability checklist"))
        outer = QVBoxLayout(self)
        outer.addWidget(self._build_header())
        self.previous_banner = self._build_previous_banner()
        outer.addWidget(self.previous_banner)

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        questions_scroll = QScrollArea()
        questions_scroll.setWidgetResizable(True)
        questions_scroll.setAccessibleName(self.tr("Questions"))
        questions_scroll.setWidget(self._build_questions())
        columns.addWidget(questions_scroll, 3)
        columns.addWidget(self._build_side_panel(), 2)

        self._tab_chain += [self.override_check, self.override_reason_edit, self.continue_button]
        for first, second in zip(self._tab_chain, self._tab_chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._refresh()

    # --- Building the form ---------------------------------------------------------------

    def _build_header(self) -> QLabel:
        names = []
        for zone_id in self._zones:
            known = reference.zones().get(zone_id)
            names.append(known.name if known else zone_id)
        parts = [
            self.tr("Assessment on {date}").format(date=format_long_date(self._assessed_on)),
            self.tr("Zones: {zones}").format(zones=", ".join(names) or self.tr("none chosen")),
        ]
        if self._facts.fitzpatrick is not None:
            roman = _ROMAN.get(self._facts.fitzpatrick, str(self._facts.fitzpatrick))
            parts.append(self.tr("Fitzpatrick type {type}").format(type=roman))
        label = QLabel(" · ".join(parts))
        label.setWordWrap(True)
        label.setAccessibleName(self.tr("Assessment details"))
        return label

    def _build_previous_banner(self) -> QFrame:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(banner)
        icon = QLabel()
        icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            .pixmap(_ICON_SIZE, _ICON_SIZE)
        )
        layout.addWidget(icon)
        self.previous_label = QLabel(
            self.tr(
                "Answers from the last assessment are available. They are not filled in: "
                "use them only to review each answer with the patient."
            )
        )
        self.previous_label.setWordWrap(True)
        layout.addWidget(self.previous_label, 1)
        self.use_previous_button = QPushButton(self.tr("Use previous answers"))
        self.use_previous_button.setMinimumHeight(_TARGET_HEIGHT)
        self.use_previous_button.setAccessibleName(self.tr("Use previous answers"))
        self.use_previous_button.clicked.connect(self.use_previous_answers)
        layout.addWidget(self.use_previous_button)
        banner.setVisible(bool(self._previous))
        if self._previous:
            self._tab_chain.append(self.use_previous_button)
        return banner

    def _build_questions(self) -> QWidget:
        container = QWidget()
        layout = QVBoxLayout(container)
        for group in self._checklist.groups:
            box = QGroupBox(group.title)
            box.setAccessibleName(group.title)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            for row, question in enumerate(group.questions):
                self._add_question(grid, row, question)
            layout.addWidget(box)
        layout.addStretch(1)
        return container

    def _add_question(self, grid: QGridLayout, row: int, question: Question) -> None:
        if question.kind is QuestionKind.BOOL:
            # The question wraps in its own label, so a narrow window never scrolls sideways.
            text = QLabel(question.text)
            text.setWordWrap(True)
            box = QCheckBox(self.tr("Yes"))
            box.setAccessibleName(question.text)
            box.setMinimumHeight(_TARGET_HEIGHT)
            box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            box.toggled.connect(self._refresh)
            text.setBuddy(box)
            grid.addWidget(text, row, 0)
            grid.addWidget(box, row, 1, 1, 2)
            self._bool_boxes[question.id] = box
            self._tab_chain.append(box)
            return
        label = QLabel(question.text)
        label.setWordWrap(True)
        grid.addWidget(label, row, 0)
        if question.kind is QuestionKind.DATE:
            never = QCheckBox(self.tr("Never"))
            never.setChecked(True)
            never.setMinimumHeight(_TARGET_HEIGHT)
            never.setAccessibleName(self.tr("{question} Never").format(question=question.text))
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            # The minimum date stands for "never", shown as a dash rather than a real date.
            edit.setMinimumDate(_NEVER)
            edit.setSpecialValueText(self.tr("—"))
            edit.setMaximumDate(_qdate(self._assessed_on))
            edit.setDate(_NEVER)
            edit.setEnabled(False)
            edit.setMinimumHeight(_TARGET_HEIGHT)
            edit.setAccessibleName(self.tr("{question} Date").format(question=question.text))
            label.setBuddy(never)
            never.toggled.connect(lambda checked, e=edit: self._never_toggled(e, checked))
            never.toggled.connect(self._refresh)
            edit.dateChanged.connect(self._refresh)
            grid.addWidget(never, row, 1)
            grid.addWidget(edit, row, 2)
            self._never_boxes[question.id] = never
            self._date_edits[question.id] = edit
            self._tab_chain += [never, edit]
            return
        combo = QComboBox()
        combo.addItem(self.tr("Not asked"), None)
        for option in question.options:
            combo.addItem(option.label, option.id)
        combo.setMinimumHeight(_TARGET_HEIGHT)
        combo.setAccessibleName(question.text)
        label.setBuddy(combo)
        combo.currentIndexChanged.connect(self._refresh)
        grid.addWidget(combo, row, 1, 1, 2)
        self._choice_boxes[question.id] = combo
        self._tab_chain.append(combo)

    def _build_side_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)

        verdict_box = QGroupBox(self.tr("Verdict"))
        verdict_layout = QVBoxLayout(verdict_box)
        headline = QHBoxLayout()
        self.verdict_icon = QLabel()
        self.verdict_icon.setFixedSize(_ICON_SIZE, _ICON_SIZE)
        headline.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        font = self.verdict_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.verdict_label.setFont(font)
        self.verdict_label.setAccessibleName(self.tr("Verdict"))
        headline.addWidget(self.verdict_label, 1)
        verdict_layout.addLayout(headline)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.reasons_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons_label.setAccessibleName(self.tr("Reasons and actions"))
        self.reasons_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        reasons_scroll = QScrollArea()
        reasons_scroll.setWidgetResizable(True)
        reasons_scroll.setAccessibleName(self.tr("Reasons and actions"))
        reasons_scroll.setFrameShape(QFrame.Shape.NoFrame)
        reasons_scroll.setWidget(self.reasons_label)
        # The scroll area paints its widget's background; the label should look like text.
        reasons_scroll.viewport().setAutoFillBackground(False)
        self.reasons_label.setAutoFillBackground(False)
        verdict_layout.addWidget(reasons_scroll, 1)
        self.reasons_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reasons_label.linkActivated.connect(self.show_why)
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setAccessibleName(self.tr("Why this rule"))
        self.why_label.setVisible(False)
        verdict_layout.addWidget(self.why_label)
        self.version_label = QLabel(
            self.tr("Checklist version {version}").format(version=self._checklist.version)
        )
        verdict_layout.addWidget(self.version_label)
        layout.addWidget(verdict_box, 1)

        self.override_box = QGroupBox(self.tr("Override"))
        override_layout = QVBoxLayout(self.override_box)
        self.override_check = QCheckBox(self.tr("Override the verdict"))
        self.override_check.setMinimumHeight(_TARGET_HEIGHT)
        self.override_check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.override_check.setAccessibleName(self.tr("Override the verdict"))
        self.override_check.toggled.connect(self._update_continue)
        override_layout.addWidget(self.override_check)
        reason_label = QLabel(
            self.tr("Reason for treating despite the verdict (at least {n} words):").format(
                n=MIN_OVERRIDE_WORDS
            )
        )
        reason_label.setWordWrap(True)
        override_layout.addWidget(reason_label)
        self.override_reason_edit = QPlainTextEdit()
        self.override_reason_edit.setTabChangesFocus(True)
        self.override_reason_edit.setFixedHeight(80)
        self.override_reason_edit.setAccessibleName(self.tr("Override reason"))
        self.override_reason_edit.setEnabled(False)
        self.override_reason_edit.textChanged.connect(self._update_continue)
        self.override_check.toggled.connect(self.override_reason_edit.setEnabled)
        reason_label.setBuddy(self.override_reason_edit)
        override_layout.addWidget(self.override_reason_edit)
        layout.addWidget(self.override_box)

        self.continue_hint = QLabel()
        self.continue_hint.setWordWrap(True)
        layout.addWidget(self.continue_hint)
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setMinimumHeight(_TARGET_HEIGHT + 6)
        self.continue_button.setShortcut(QKeySequence(self.tr("Ctrl+Return")))
        self.continue_button.setToolTip(self.tr("Continue (Ctrl+Return)"))
        self.continue_button.setAccessibleName(self.tr("Continue"))
        self.continue_button.clicked.connect(self._accept)
        layout.addWidget(self.continue_button)
        return panel

    def _never_toggled(self, edit: QDateEdit, never: bool) -> None:
        if never:
            edit.setDate(_NEVER)
        elif edit.date() == _NEVER:
            edit.setDate(_qdate(self._assessed_on))
        edit.setEnabled(not never)

    # --- Answers ---------------------------------------------------------------------------

    def answers(self) -> dict[str, Answer]:
        """Every question's current answer (no = False, never = None)."""
        result: dict[str, Answer] = {}
        for qid, box in self._bool_boxes.items():
            result[qid] = box.isChecked()
        for qid, never in self._never_boxes.items():
            day: date | None = None
            if not never.isChecked():
                day = self._date_edits[qid].date().toPython()  # type: ignore[assignment]
            result[qid] = day
        for qid, combo in self._choice_boxes.items():
            result[qid] = combo.currentData()
        return result

    def set_answers(self, answers: Mapping[str, Answer]) -> None:
        """Fill the form with these answers; questions not mentioned become no / never."""
        for qid, box in self._bool_boxes.items():
            box.setChecked(answers.get(qid) is True)
        for qid, never in self._never_boxes.items():
            value = answers.get(qid)
            never.setChecked(not isinstance(value, date))
            if isinstance(value, date):
                self._date_edits[qid].setDate(_qdate(value))
        for qid, combo in self._choice_boxes.items():
            index = combo.findData(answers.get(qid))
            combo.setCurrentIndex(max(index, 0))
        self._refresh()

    def previous_answers(self) -> dict[str, Answer]:
        """The previous answers on offer (not necessarily applied)."""
        return dict(self._previous)

    def use_previous_answers(self) -> None:
        self.set_answers(self._previous)
        self.previous_label.setText(
            self.tr(
                "Previous answers filled in. Review each answer with the patient before continuing."
            )
        )
        self.use_previous_button.setEnabled(False)

    # --- Verdict ---------------------------------------------------------------------------

    def verdict(self) -> Verdict | None:
        """The verdict as shown, or None while the input cannot be evaluated."""
        return self._verdict

    def _refresh(self) -> None:
        previous = self._verdict
        try:
            self._verdict = evaluate(
                self._checklist, self.answers(), self._facts, self._zones, self._assessed_on
            )
            self._error = None
        except InvalidInput as exc:
            self._verdict = None
            self._error = str(exc)
        self._show_verdict()
        self._update_continue()
        if self._verdict != previous or self._verdict is None:
            self.verdictChanged.emit(self._verdict)

    def _outcome_words(self, outcome: Outcome) -> str:
        return {
            Outcome.SUITABLE: self.tr("Suitable"),
            Outcome.CAUTION: self.tr("Caution"),
            Outcome.DEFER: self.tr("Defer"),
            Outcome.NOT_SUITABLE: self.tr("Not suitable"),
        }[outcome]

    def _headline(self, verdict: Verdict) -> str:
        if verdict.outcome is Outcome.NOT_SUITABLE:
            return self.tr("Not suitable: do not treat")
        if verdict.outcome is Outcome.DEFER:
            if verdict.defer_until is not None and verdict.has_undated_deferral:
                return self.tr("Defer: not before {date}, and not until resolved").format(
                    date=format_long_date(verdict.defer_until)
                )
            if verdict.defer_until is not None:
                return self.tr("Defer: not before {date}").format(
                    date=format_long_date(verdict.defer_until)
                )
            return self.tr("Defer: not today, not until resolved")
        if verdict.outcome is Outcome.CAUTION:
            return self.tr("Caution: may treat once the actions are done")
        return self.tr("Suitable: nothing in the checklist stands in the way")

    def _reason_html(self, reason: Reason) -> str:
        text = html.escape(reason.message)
        if reason.outcome is Outcome.DEFER:
            if reason.until is not None:
                text += " " + html.escape(
                    self.tr("Not before {date}.").format(date=format_long_date(reason.until))
                )
            else:
                text += " " + html.escape(self.tr("Until resolved."))
        if self._checklist.rule_sources(reason.id):
            why = html.escape(self.tr("Why this rule?"))
            text += f' <a href="why:{html.escape(reason.id)}">{why}</a>'
        return f"<li><b>{html.escape(self._outcome_words(reason.outcome))}</b>: {text}</li>"

    def show_why(self, link: str) -> None:
        """The sources of the rule behind a reason, shown under the reasons."""
        rule_id = link.removeprefix("why:")
        sources = self._checklist.rule_sources(rule_id)
        lines = [self.tr("Why this rule ({rule}): its sources").format(rule=rule_id)]
        lines += [f"• {source}" for source in sources]
        self.why_label.setText("\n".join(lines))
        self.why_label.setVisible(True)

    def _show_verdict(self) -> None:
        verdict = self._verdict
        if verdict is None:
            icon = QStyle.StandardPixmap.SP_MessageBoxCritical
            self.verdict_label.setText(self.tr("Cannot evaluate the checklist"))
            self.reasons_label.setText(html.escape(self._error or ""))
        else:
            icon = _ICONS[verdict.outcome]
            self.verdict_label.setText(self._headline(verdict))
            parts: list[str] = []
            if verdict.reasons:
                parts.append(f"<p><b>{html.escape(self.tr('Reasons'))}</b></p><ul>")
                parts += [self._reason_html(r) for r in verdict.reasons]
                parts.append("</ul>")
            if verdict.actions:
                parts.append(f"<p><b>{html.escape(self.tr('Before treating'))}</b></p><ul>")
                parts += [f"<li>{html.escape(a)}</li>" for a in verdict.actions]
                parts.append("</ul>")
            self.reasons_label.setText("".join(parts))
        self.verdict_icon.setPixmap(self.style().standardIcon(icon).pixmap(_ICON_SIZE, _ICON_SIZE))
        self.verdict_icon.setAccessibleName(self.verdict_label.text())
        self.override_box.setVisible(verdict is not None and verdict.outcome in _OVERRIDABLE)

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
        self.continue_button.setEnabled(allowed)
        if self._verdict is None:
            hint = self.tr("Correct the input above to continue.")
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
        )
        log.info(
            "checklist accepted: %s%s",
            self._verdict.outcome,
            " (overridden)" if result.override_reason else "",
        )
        self.accepted.emit(result)

    # --- Access for the main window and tests -------------------------------------------

    def tab_chain(self) -> list[QWidget]:
        """The page's controls in their tab order (a host links them to its own)."""
        return list(self._tab_chain)

    def bool_box(self, question_id: str) -> QCheckBox:
        return self._bool_boxes[question_id]

    def never_box(self, question_id: str) -> QCheckBox:
        return self._never_boxes[question_id]

    def date_edit(self, question_id: str) -> QDateEdit:
        return self._date_edits[question_id]

    def choice_box(self, question_id: str) -> QComboBox:
        return self._choice_boxes[question_id]
