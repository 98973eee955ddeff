""" "Let the patient answer here": the window becomes the patient's questionnaire, in the
patient's language, one group of questions at a time, with nothing else reachable (it
covers the window and keeps keys and shortcuts from reaching it). Leaving needs the signed-in
practitioner's PIN. The answers are stored as a questionnaire from "this computer", to
confirm at the chair like answers from a phone; the screen then forgets them.

The words are the patient's wording (``resources/intake*.toml``), not the interface's
translation: the patient reads their own language, whatever the practitioner's is."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from babel.dates import format_date, get_month_names
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assistant.intake.answers import NEVER, NOT_SURE, Received
from assistant.intake.wording import PatientGroup, PatientQuestion, Wording
from assistant.text.languages import language as handout_language
from ui.access.pin_entry import PinChecker, message_label, pin_field

log = logging.getLogger(__name__)
TARGET = 56  # large targets for someone not used to the screen
# What must not reach the window underneath (as the lock screen keeps them from it).
KEY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
    }
)


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setCheckable(True)
    button.setAutoDefault(False)
    button.setMinimumHeight(TARGET)
    button.setProperty("answer", True)
    return button


class _QuestionBox(QFrame):
    """One question: its text, why it is asked, and its answers as large buttons."""

    def __init__(self, question: PatientQuestion, words: Wording, answers: dict[str, str],
                 today: date) -> None:  # fmt: skip
        super().__init__()
        self.question = question
        self._answers = answers
        layout = QVBoxLayout(self)
        text = QLabel(question.text)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setProperty("role", "question")
        layout.addWidget(text)
        if question.why:
            why = QLabel(f"{words.page['why']}: {question.why}")
            why.setWordWrap(True)
            why.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(why)
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        page = words.page
        if question.kind.value == "bool":
            values = [("yes", page["yes"]), ("no", page["no"]), (NOT_SURE, page["not_sure"])]
        elif question.kind.value == "date":
            values = [(NEVER, page["never"]), (NOT_SURE, page["not_sure"])]
            self.month = QComboBox()
            self.year = QComboBox()
            months = get_month_names("wide", locale=handout_language(words.language).locale)
            self.month.addItem("—", "")
            for number in range(1, 13):
                self.month.addItem(months[number], f"{number:02d}")
            self.year.addItem("—", "")
            for year in range(today.year, today.year - 81, -1):
                self.year.addItem(str(year), str(year))
            for combo, name in ((self.month, page["month"]), (self.year, page["year"])):
                combo.setMinimumHeight(TARGET)
                combo.setAccessibleName(f"{question.text} {name}")
                combo.currentIndexChanged.connect(lambda _i: self._month_chosen(today))
            when = QLabel(page["when"])
            layout.addWidget(when)
            dates = QHBoxLayout()
            dates.addWidget(self.month, 2)
            dates.addWidget(self.year, 1)
            layout.addLayout(dates)
        else:
            values = [*question.options, (NOT_SURE, page["not_sure"])]
        for value, label in values:
            button = _button(label)
            button.setAccessibleName(f"{question.text} {label}")
            button.setProperty("value", value)
            self.group.addButton(button)
            row.addWidget(button)
        self.group.buttonClicked.connect(self._clicked)
        layout.addLayout(row)
        self._restore(answers.get(question.id))

    def _restore(self, given: str | None) -> None:
        """Going back to a group shows the answers already given."""
        for button in self.group.buttons():
            button.setChecked(button.property("value") == given)
        if self.question.kind.value == "date" and given and given[:4].isdigit():
            for combo, value in ((self.year, given[:4]), (self.month, given[5:7])):
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.blockSignals(False)

    def _clicked(self, button: QPushButton) -> None:
        self._answers[self.question.id] = str(button.property("value"))
        if self.question.kind.value == "date":
            for combo in (self.month, self.year):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)

    def _month_chosen(self, today: date) -> None:
        month, year = self.month.currentData(), self.year.currentData()
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)
        if month and year and (int(year), int(month)) <= (today.year, today.month):
            self._answers[self.question.id] = f"{year}-{month}"
        else:
            self._answers.pop(self.question.id, None)


class PatientMode(QWidget):
    """Covers ``parent`` with the questionnaire for one patient until the PIN is given."""

    finished = Signal()

    def __init__(self, words: Wording, clinic: str, guardian: bool,
                 save: Callable[[Received, Callable[[], None]], None],
                 checker: PinChecker, practitioner_id: int, parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self.words = words
        self._save = save
        self._checker = checker
        self._practitioner = practitioner_id
        self._answers: dict[str, str] = {}
        self._asks_guardian = guardian
        self._guardian = {"name": "", "relation": ""}
        self.setProperty("patientMode", True)
        self.setAutoFillBackground(True)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if words.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.setAccessibleName(words.page["title"])
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.progress = QLabel(clinic)
        top.addWidget(self.progress, 1)
        self.staff_button = QPushButton(words.page["staff"])
        self.staff_button.setAccessibleName(words.page["staff"])
        self.staff_button.clicked.connect(self._ask_pin)
        top.addWidget(self.staff_button)
        outer.addLayout(top)
        self.pages = QScrollArea()
        self.pages.setWidgetResizable(True)
        self.pages.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.pages, 1)
        self.pin_row = QWidget()
        pin_layout = QHBoxLayout(self.pin_row)
        self.pin = pin_field(self.pin_row, self.tr("Practitioner's PIN"))
        self.pin_message = message_label()
        self.unlock_button = QPushButton(self.tr("Back to the practitioner's view"))
        self.unlock_button.setMinimumHeight(44)
        for widget in (self.pin, self.unlock_button, self.pin_message):
            pin_layout.addWidget(widget)
        self.pin_row.hide()
        outer.addWidget(self.pin_row)
        nav = QHBoxLayout()
        self.back_button = QPushButton(words.page["back"])
        self.next_button = QPushButton(words.page["start"])
        for button in (self.back_button, self.next_button):
            button.setMinimumHeight(TARGET)
            button.setAutoDefault(False)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button, 2)
        outer.addLayout(nav)
        self.back_button.clicked.connect(lambda: self._go(-1))
        self.next_button.clicked.connect(lambda: self._go(1))
        self.unlock_button.clicked.connect(self._try_pin)
        self.pin.returnPressed.connect(self._try_pin)
        checker.message.connect(self.pin_message.setText)
        checker.succeeded.connect(self._leave)
        self.guardian_fields: dict[str, QLineEdit] = {}
        self._steps: list[Any] = ["intro", *(["guardian"] if guardian else []),
                                  *words.groups, "review", "thanks"]  # fmt: skip
        self._step = 0
        self._show()

    # -- covering the window --------------------------------------------------------------

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.show()
        self.raise_()
        self.next_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        parent = self.parentWidget()
        if kind == QEvent.Type.Resize and watched is parent and parent is not None:
            self.setGeometry(parent.rect())
        elif kind in KEY_EVENTS and not (
            isinstance(watched, QWidget) and (watched is self or self.isAncestorOf(watched))
        ):
            return True  # the window underneath gets no keys or shortcuts
        return False

    def _ask_pin(self) -> None:
        self.pin_row.show()
        self._checker.prepare(self._practitioner)
        self.pin.setFocus()

    def _try_pin(self) -> None:
        pin = self.pin.text()
        self.pin.clear()
        self._checker.check(self._practitioner, pin)

    def _leave(self, _info: object) -> None:
        self.end()

    def end(self) -> None:
        """Give the window back (after the PIN was checked)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._answers.clear()
        self.hide()
        self.finished.emit()
        self.deleteLater()

    # -- the steps ------------------------------------------------------------------------

    def step_name(self) -> str:
        step = self._steps[self._step]
        return step.id if isinstance(step, PatientGroup) else str(step)

    def _go(self, delta: int) -> None:
        step = self._steps[self._step]
        if step == "review" and delta > 0:
            self.next_button.setEnabled(False)
            self._save(self._received(), self._saved)
            return
        self._step = max(0, min(len(self._steps) - 2, self._step + delta))
        self._show()

    def _saved(self) -> None:
        self._answers.clear()
        self._guardian = {"name": "", "relation": ""}
        self._step = len(self._steps) - 1
        self._show()

    def _received(self) -> Received:
        guardian = None
        if self._asks_guardian:
            guardian = {k: " ".join(v.split()) for k, v in self._guardian.items()}
        return Received(self.words.language, self.words.version, "this_computer",
                        dict(self._answers), guardian if guardian and any(guardian.values())
                        else None)  # fmt: skip

    def _show(self) -> None:
        page, step = self.words.page, self._steps[self._step]
        content = QWidget()
        layout = QVBoxLayout(content)
        self.next_button.setText(page["next"])
        self.next_button.setEnabled(True)
        self.back_button.setVisible(step not in ("intro", "thanks"))
        self.next_button.setVisible(step != "thanks")

        def title(text: str) -> None:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setProperty("role", "heading")
            layout.addWidget(label)

        def para(text: str) -> None:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)

        groups = [s for s in self._steps if isinstance(s, PatientGroup)]
        if step == "intro":
            title(page["title"])
            para(page["intro"].replace("{clinic}", self.progress.text()))
            self.next_button.setText(page["start"])
        elif step == "guardian":
            title(page["guardian_title"])
            para(page["guardian_intro"])
            for key in ("name", "relation"):
                para(page[f"guardian_{key}"])
                field = QLineEdit(self._guardian[key])
                field.textChanged.connect(lambda text, key=key: self._guardian.update({key: text}))
                self.guardian_fields[key] = field
                field.setMinimumHeight(TARGET)
                field.setMaxLength(120)
                field.setAccessibleName(page[f"guardian_{key}"])
                layout.addWidget(field)
        elif isinstance(step, PatientGroup):
            title(step.title)
            para(step.intro)
            para(page["part"].format(n=groups.index(step) + 1, total=len(groups)))
            for question in step.questions:
                layout.addWidget(_QuestionBox(question, self.words, self._answers, date.today()))
            if step is groups[-1]:
                self.next_button.setText(page["review"])
        elif step == "review":
            title(page["review"])
            para(page["review_intro"])
            for group in groups:
                para(f"— {group.title}")
                for question in group.questions:
                    para(f"{question.text}  {self._said(question)}")
            self.next_button.setText(page["send"])
        else:
            title(page["thanks_title"])
            para(page["thanks_here"])
        layout.addStretch(1)
        self.pages.setWidget(content)

    def _said(self, question: PatientQuestion) -> str:
        value = self._answers.get(question.id)
        page = self.words.page
        if value is None:
            return page["not_answered"]
        if value in ("yes", "no", NOT_SURE, NEVER):
            return page[value]
        if question.kind.value == "date":
            locale = handout_language(self.words.language).locale
            return format_date(date(int(value[:4]), int(value[5:7]), 1), "LLLL y", locale=locale)
        return dict(question.options).get(value, value)
