"""One checklist question as a row of controls that starts unanswered.

A yes/no question is two checkable buttons, a dated question "Never" or "On a date" with the
date, a choice question a list whose first entry is "Not answered". Nothing is pre-selected:
an unanswered question is marked in words, and the page's Continue waits for it. When the
patient's last assessment answered the question, a "Last time: … — keep" button offers that
answer for this question alone; it is never applied without a press.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from assistant import reference
from assistant.checklist import Answer, Checklist, Question, QuestionKind, parse_answers
from assistant.errors import InvalidInput
from assistant.patients.store import OLDEST_BIRTH_YEAR
from assistant.text.dates import parse_typed_date
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_date
from ui.session_form.common import hold_longest_date
from ui.translations import screen_locale

TARGET_HEIGHT = 32  # large enough to hit with gloved hands
NO_PREVIOUS = object()  # no answer from the last assessment to offer
log = logging.getLogger(__name__)


def usable_previous(checklist: Checklist, raw: Mapping[str, object] | None) -> dict[str, Answer]:
    """The previous answers this checklist still understands (a newer version may have
    dropped or changed a question); the others are left for the practitioner to ask."""
    result: dict[str, Answer] = {}
    for key, value in (raw or {}).items():
        try:
            parsed = parse_answers(checklist, {key: value})
        except InvalidInput:
            log.info("previous answer %r no longer applies; not offered", key)
            continue
        for qid, answer in parsed.items():
            # "Not answered" is nothing to keep, except "never" for a dated question.
            if answer is not None or checklist.questions[qid].kind is QuestionKind.DATE:
                result[qid] = answer
    return result


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _answer_button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setCheckable(True)
    button.setAutoDefault(False)
    button.setMinimumHeight(TARGET_HEIGHT)
    button.setMinimumWidth(64)
    button.setAccessibleName(accessible)
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    # The chosen answer stands out by weight and contrast, not only by a shade of grey
    # (resources/style.qss: one application-wide rule, not a style sheet per button).
    button.setProperty("answer", True)
    return button


class QuestionRow(QObject):
    """The controls of one question, laid out on one row of a group's grid."""

    changed = Signal()
    stepRequested = Signal(int)  # Up/Down, or an answer given by Y/N: the question above/below

    def __init__(
        self,
        question: Question,
        assessed_on: date,
        previous: Answer | object = NO_PREVIOUS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self._assessed_on = assessed_on
        self._previous = previous
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setObjectName("question")  # style.qss: an unanswered one has a quiet edge
        # The answer's controls go straight into the group's grid (``place``): no container
        # widget per question, which starting a visit would build and lay out 44 times.
        self.controls: list[QWidget] = []
        self.focus_chain: list[QWidget] = []
        self.yes: QPushButton | None = None
        self.no: QPushButton | None = None
        self.never: QPushButton | None = None
        self.on_date: QPushButton | None = None
        self.date_edit: QDateEdit | None = None
        self.combo: QComboBox | None = None
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        text = question.text
        if question.kind is QuestionKind.BOOL:
            self.yes = _answer_button(self.tr("Yes"), self.tr("{q} Yes").format(q=text))
            self.no = _answer_button(self.tr("No"), self.tr("{q} No").format(q=text))
            for button in (self.yes, self.no):
                self._group.addButton(button)
                self.controls.append(button)
                self.focus_chain.append(button)
            self.label.setBuddy(self.yes)
        elif question.kind is QuestionKind.DATE:
            self.never = _answer_button(self.tr("Never"), self.tr("{q} Never").format(q=text))
            self.on_date = _answer_button(
                self.tr("On a date"), self.tr("{q} On a date").format(q=text)
            )
            self.date_edit = QDateEdit()
            self.date_edit.setCalendarPopup(True)
            self.date_edit.setDisplayFormat("d MMM yyyy")
            self.date_edit.setLocale(screen_locale())
            self.date_edit.setMaximumDate(qdate(assessed_on))
            self.date_edit.setDate(qdate(assessed_on))
            self.date_edit.setEnabled(False)
            self.date_edit.setMinimumHeight(TARGET_HEIGHT)
            self.date_edit.setAccessibleName(self.tr("{q} Date").format(q=text))
            hold_longest_date(self.date_edit)
            self.date_edit.dateChanged.connect(self._emit_changed)
            for button in (self.never, self.on_date):
                self._group.addButton(button)
                self.controls.append(button)
            self.controls.append(self.date_edit)
            self.focus_chain += [self.never, self.on_date, self.date_edit]
            self.label.setBuddy(self.never)
        else:
            self.combo = QComboBox()
            # Index 0 is "not answered"; it carries no item data (PySide miscounts None).
            self.combo.addItem(self.tr("Not answered"))
            for option in question.options:
                self.combo.addItem(option.label, option.id)
            self.combo.setMinimumHeight(TARGET_HEIGHT)
            self.combo.setAccessibleName(text)
            self.combo.currentIndexChanged.connect(self._emit_changed)
            self.controls.append(self.combo)
            self.focus_chain.append(self.combo)
            self.label.setBuddy(self.combo)
        self._group.buttonToggled.connect(self._button_toggled)
        for answer_button in self._group.buttons():
            answer_button.installEventFilter(self)
        self.keep_button: QPushButton | None = None
        self._grid: tuple[QGridLayout, int] | None = None
        if previous is not NO_PREVIOUS:
            self.offer_previous(previous)
        self._show_state()

    def offer_previous(self, previous: Answer | object) -> None:
        """The "Last time: … — keep" button: the last assessment's answer on offer,
        applied only when pressed (once, when the row is made or its page filled)."""
        if self.keep_button is not None:
            raise RuntimeError("a question row offers one previous answer")
        self._previous = previous
        text = self.question.text
        self.keep_button = QPushButton(
            self.tr("Last time: {answer} — keep").format(answer=self.describe(previous))
        )
        self.keep_button.setAutoDefault(False)
        self.keep_button.setMinimumHeight(TARGET_HEIGHT)
        self.keep_button.setAccessibleName(
            self.tr("{q} Keep last time's answer: {answer}").format(
                q=text, answer=self.describe(previous)
            )
        )
        self.keep_button.clicked.connect(self.keep_previous)
        self.focus_chain.append(self.keep_button)
        if self._grid is not None:
            self._grid[0].addWidget(self.keep_button, self._grid[1], 4)
        self._show_state()

    # --- Layout ------------------------------------------------------------------------------

    def place(self, grid: QGridLayout, row: int) -> None:
        """The label in column 0, the answer's controls in columns 1 to 3 (a single one
        spans them), "Last time … keep" in column 4."""
        self._grid = (grid, row)
        grid.addWidget(self.label, row, 0)
        if len(self.controls) == 1:
            grid.addWidget(self.controls[0], row, 1, 1, 3)
        else:
            for column, widget in enumerate(self.controls, start=1):
                grid.addWidget(widget, row, column)
        if self.keep_button is not None:
            grid.addWidget(self.keep_button, row, 4)

    # --- Answer ------------------------------------------------------------------------------

    def is_answered(self) -> bool:
        if self.combo is not None:
            return self.combo.currentIndex() > 0
        # Not ``checkedButton() is not None``: PySide 6.12 under Python 3.11 drops a
        # reference to None each time a call returns None, which crashes in the end.
        return any(button.isChecked() for button in self._group.buttons())

    def answer(self) -> Answer:
        """The answer given (None for never, or while unanswered: see ``is_answered``)."""
        if self.yes is not None:
            return self.yes.isChecked() if self.is_answered() else None
        if self.date_edit is not None:
            if self.on_date is not None and self.on_date.isChecked():
                day: date = self.date_edit.date().toPython()  # type: ignore[assignment]
                return day
            return None
        assert self.combo is not None
        if self.combo.currentIndex() <= 0:
            return None
        value: str = self.combo.currentData()
        return value

    def set_answer(self, value: Answer | object) -> None:
        """Answer the question; ``clear()`` makes it unanswered again."""
        if self.yes is not None and self.no is not None:
            (self.yes if value is True else self.no).setChecked(True)
        elif self.never is not None and self.on_date is not None and self.date_edit is not None:
            if isinstance(value, date):
                self.date_edit.setDate(qdate(value))
                self.on_date.setChecked(True)
            else:
                self.never.setChecked(True)
        elif self.combo is not None:
            index = self.combo.findData(value) if value is not None else -1
            self.combo.setCurrentIndex(max(index, 0))

    def clear(self) -> None:
        if self.combo is not None:
            self.combo.setCurrentIndex(0)
            return
        self._group.setExclusive(False)
        for button in self._group.buttons():
            button.setChecked(False)
        self._group.setExclusive(True)

    def has_previous(self) -> bool:
        return self._previous is not NO_PREVIOUS

    def keep_previous(self) -> None:
        if self.has_previous():
            self.set_answer(self._previous)

    def describe(self, value: Answer | object) -> str:
        """An answer in words, as on the "Last time" button."""
        kind = self.question.kind
        if kind is QuestionKind.BOOL:
            return self.tr("Yes") if value is True else self.tr("No")
        if kind is QuestionKind.DATE:
            return screen_short_date(value) if isinstance(value, date) else self.tr("never")
        option = self.question.option(str(value)) if value is not None else None
        return option.label if option else self.tr("not answered")

    # --- Keyboard ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Left and right arrows move between a question's answers, as in a radio group; Up
        and Down go to the question above or below; Y and N answer a yes/no question and go
        on to the next one."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            buttons = self._group.buttons()
            if watched not in buttons or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return super().eventFilter(watched, event)
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(key, 0)
            if step:
                index = buttons.index(watched) + step
                if 0 <= index < len(buttons):
                    buttons[index].setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.stepRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Y, Qt.Key.Key_N) and self.yes is not None:
                self.set_answer(key == Qt.Key.Key_Y)
                self.stepRequested.emit(1)
                return True
        return super().eventFilter(watched, event)

    def focus(self) -> None:
        """The keyboard on this question: its chosen answer, or its first."""
        chosen = [b for b in self._group.buttons() if b.isChecked()]
        target = chosen[0] if chosen else self.focus_chain[0] if self.focus_chain else None
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    # --- State -------------------------------------------------------------------------------

    def _button_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        if self.date_edit is not None and self.on_date is not None:
            self.date_edit.setEnabled(self.on_date.isChecked())
        self._emit_changed()

    def _emit_changed(self) -> None:
        self._show_state()
        self.changed.emit()

    def _show_state(self) -> None:
        # An unanswered question is marked quietly (an accent edge, style.qss) and says so
        # to a screen reader; the text itself stays the question. Plain text, as a rich
        # text label costs twice as much to lay out and paint (44 of them start a visit).
        answered = self.is_answered()
        text = self.question.text
        if self.question.help:  # where else to answer (aspirin on a doctor's advice)
            text = f"{text}\n{self.question.help}"
        self.label.setText(text)
        self.label.setAccessibleName(
            text if answered else self.tr("Not answered: {q}").format(q=text)
        )
        if self.label.property("answered") != answered:
            self.label.setProperty("answered", answered)
            if self.label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                self.label.style().unpolish(self.label)
                self.label.style().polish(self.label)
        if self.keep_button is not None:
            same = self.is_answered() and self.answer() == self._previous
            self.keep_button.setEnabled(not same)


class PatientFactsBox(QGroupBox):
    """Asks for the date of birth and the Fitzpatrick type when the patient's record lacks
    them: the age and pigmentation rules depend on them, so they are not skipped silently.
    What is entered here is saved to the patient when the checklist is accepted."""

    changed = Signal()

    def __init__(self, ask_birth: bool, ask_fitzpatrick: bool, today: date) -> None:
        super().__init__()
        self.setTitle(self.tr("Missing from the patient's record"))
        self.setAccessibleName(self.title())
        self._today = today
        grid = QGridLayout(self)
        note = QLabel(
            self.tr(
                "The rules on age and skin type need these. "
                "They are saved to the patient's record when you continue."
            )
        )
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 2)
        self.focus_chain: list[QWidget] = []
        self.birth_edit: QLineEdit | None = None
        self.birth_problem = QLabel()
        self.birth_problem.setProperty("role", "error")
        self.birth_problem.setWordWrap(True)
        self.birth_problem.hide()
        self.fitzpatrick_combo: QComboBox | None = None
        self._birth_label = QLabel()
        self._fitz_label = QLabel()
        for label in (self._birth_label, self._fitz_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        if ask_birth:
            self.birth_edit = QLineEdit()
            self.birth_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
            self.birth_edit.setMinimumHeight(TARGET_HEIGHT)
            self.birth_edit.setAccessibleName(self.tr("Date of birth"))
            self.birth_edit.textChanged.connect(self._emit_changed)
            self._birth_label.setBuddy(self.birth_edit)
            grid.addWidget(self._birth_label, 1, 0)
            grid.addWidget(self.birth_edit, 1, 1)
            grid.addWidget(self.birth_problem, 2, 0, 1, 2)
            self.focus_chain.append(self.birth_edit)
        if ask_fitzpatrick:
            self.fitzpatrick_combo = QComboBox()
            self.fitzpatrick_combo.addItem(self.tr("Not answered"))
            for choice in reference.fitzpatrick_types():
                self.fitzpatrick_combo.addItem(data_label("fitzpatrick", choice.id), int(choice.id))
            self.fitzpatrick_combo.setMinimumHeight(TARGET_HEIGHT)
            self.fitzpatrick_combo.setAccessibleName(self.tr("Fitzpatrick skin type"))
            self.fitzpatrick_combo.currentIndexChanged.connect(self._emit_changed)
            self._fitz_label.setBuddy(self.fitzpatrick_combo)
            grid.addWidget(self._fitz_label, 3, 0)
            grid.addWidget(self.fitzpatrick_combo, 3, 1)
            self.focus_chain.append(self.fitzpatrick_combo)
        grid.setColumnStretch(0, 1)
        self._show_state()

    def date_of_birth(self) -> date | None:
        """The date typed, when it is a valid date of birth."""
        if self.birth_edit is None:
            return None
        try:
            day = parse_typed_date(self.birth_edit.text())
        except ValueError:
            return None
        if day is None or day > self._today or day.year < OLDEST_BIRTH_YEAR:
            return None
        return day

    def fitzpatrick(self) -> int | None:
        if self.fitzpatrick_combo is None or self.fitzpatrick_combo.currentIndex() <= 0:
            return None
        value: int = self.fitzpatrick_combo.currentData()
        return value

    def missing(self) -> int:
        """How many of the asked details are still without a valid answer."""
        count = 0
        if self.birth_edit is not None and self.date_of_birth() is None:
            count += 1
        if self.fitzpatrick_combo is not None and self.fitzpatrick() is None:
            count += 1
        return count

    def first_missing(self) -> QWidget | None:
        if self.birth_edit is not None and self.date_of_birth() is None:
            return self.birth_edit
        if self.fitzpatrick_combo is not None and self.fitzpatrick() is None:
            return self.fitzpatrick_combo
        return None

    def _birth_problem(self) -> str:
        if self.birth_edit is None or not self.birth_edit.text().strip():
            return ""
        try:
            day = parse_typed_date(self.birth_edit.text())
        except ValueError as exc:
            return str(exc)
        if day is not None and day > self._today:
            return self.tr("The date of birth is in the future.")
        if day is not None and day.year < OLDEST_BIRTH_YEAR:
            return self.tr("The date of birth is before {year}.").format(year=OLDEST_BIRTH_YEAR)
        return ""

    def _emit_changed(self) -> None:
        self._show_state()
        self.changed.emit()

    def _show_state(self) -> None:
        marker = html.escape(self.tr("Not answered:"))
        birth = html.escape(self.tr("Date of birth"))
        if self.birth_edit is not None and self.date_of_birth() is None:
            birth = f"<b>{marker}</b> {birth}"
        self._birth_label.setText(birth)
        fitz = html.escape(self.tr("Fitzpatrick skin type"))
        if self.fitzpatrick_combo is not None and self.fitzpatrick() is None:
            fitz = f"<b>{marker}</b> {fitz}"
        self._fitz_label.setText(fitz)
        problem = self._birth_problem()
        self.birth_problem.setText(problem)
        self.birth_problem.setVisible(bool(problem))
