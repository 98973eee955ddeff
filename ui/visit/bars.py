"""What stays above every step of a visit: who the patient is (name, age, Fitzpatrick type,
cautions and allergies as chips) and where the visit is (Checklist → Consent → Session →
Aftercare, each marked done, current or to do)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from assistant.checklist import Checklist, Outcome, Verdict
from assistant.patients.store import PatientRecord
from assistant.text.dates import age_on
from assistant.text.labels import data_label
from ui import icons, look

# Chips keep their own colours, black on a light tint, so they read in a dark palette too.
_CAUTION = "background-color:#fff0c2; color:#000000;"
_ALLERGY = "background-color:#ffd9d6; color:#000000;"


def allergies_answered(checklist: Checklist, answers: Mapping[str, object] | None) -> list[str]:
    """The allergy questions answered yes, in the checklist's words (without the '?')."""
    found = []
    for question in checklist.questions.values():
        if "allerg" in question.id and (answers or {}).get(question.id) is True:
            found.append(question.text.rstrip("?"))
    return found


def cautions_of(verdict: Verdict | None) -> list[str]:
    """The reasons of a verdict that call for care (every one above 'suitable')."""
    if verdict is None:
        return []
    return [r.message for r in verdict.reasons if r.outcome != Outcome.SUITABLE]


class PatientBar(QFrame):
    """The patient of the visit, always on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = QLabel()
        self.name_label.setFont(look.font(look.HEADING, bold=True))
        self.name_label.setAccessibleName(self.tr("Patient"))
        self.facts_label = QLabel()
        self.facts_label.setAccessibleName(self.tr("Age and Fitzpatrick type"))
        self.chips_label = QLabel()
        self.chips_label.setWordWrap(True)
        self.chips_label.setTextFormat(Qt.TextFormat.RichText)
        self.chips_label.setAccessibleName(self.tr("Cautions and allergies"))
        self.chips_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.name_label)
        top.addWidget(self.facts_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.chips_label)
        self._allergies: list[str] = []
        self._cautions: list[str] = []

    def show_patient(self, record: PatientRecord, today: date | None = None) -> None:
        today = today or date.today()
        details = record.details
        self.name_label.setText(record.display_name)
        facts = []
        if details.date_of_birth:
            facts.append(self.tr("age {0}").format(age_on(details.date_of_birth, today)))
        else:
            facts.append(self.tr("age not recorded"))
        if details.fitzpatrick:
            described = data_label("fitzpatrick", details.fitzpatrick)
            facts.append(self.tr("Fitzpatrick {0}").format(described))
        else:
            facts.append(self.tr("Fitzpatrick type not assessed"))
        self.facts_label.setText(" · ".join(facts))
        self.facts_label.setAccessibleDescription(" · ".join(facts))

    def set_allergies(self, allergies: Iterable[str]) -> None:
        self._allergies = list(allergies)
        self._draw_chips()

    def set_cautions(self, cautions: Iterable[str]) -> None:
        self._cautions = [c for c in cautions if c]
        self._draw_chips()

    def chips(self) -> list[str]:
        return [*self._allergies, *self._cautions]

    def _draw_chips(self) -> None:
        parts = [
            f'<span style="{_ALLERGY}">&nbsp;{html.escape(self.tr("Allergy"))}: '
            f"{html.escape(text)}&nbsp;</span>"
            for text in self._allergies
        ]
        parts += [
            f'<span style="{_CAUTION}">&nbsp;{html.escape(text)}&nbsp;</span>'
            for text in self._cautions
            if text not in self._allergies
        ]
        self.chips_label.setText(" &nbsp; ".join(parts))
        self.chips_label.setVisible(bool(parts))
        self.chips_label.setAccessibleDescription("; ".join(self.chips()))


class StepBar(QWidget):
    """Checklist → Consent → Session → Aftercare: which is on screen and which are done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Steps of the visit"))
        self.names = {
            "checklist": self.tr("Checklist"),
            "consent": self.tr("Consent"),
            "session": self.tr("Session"),
            "aftercare": self.tr("Aftercare"),
        }
        self.labels: dict[str, QLabel] = {}
        self.icons: dict[str, QLabel] = {}  # done ✓, now ◉, to do ○: the state in a shape too
        self._boxes: dict[str, QFrame] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, (step, name) in enumerate(self.names.items(), start=1):
            box = QFrame()
            box.setObjectName("visitStep")
            box.setMinimumHeight(32)
            box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            inside = QHBoxLayout(box)
            inside.setContentsMargins(8, 4, 8, 4)
            inside.setSpacing(8)
            label = QLabel(f"{number}. {name}")
            self.icons[step] = icons.icon_label("todo", icons.SMALL, role="text")
            inside.addStretch(1)
            inside.addWidget(self.icons[step])
            inside.addWidget(label, 0)
            inside.addStretch(1)
            layout.addWidget(box, 1)
            self.labels[step] = label
            self._boxes[step] = box

    def show_steps(self, current: str, done: Iterable[str]) -> None:
        finished = set(done)
        for number, (step, label) in enumerate(self.labels.items(), start=1):
            state = "current" if step == current else "done" if step in finished else "todo"
            words = (
                self.tr("done")
                if step in finished
                else self.tr("now")
                if step == current
                else self.tr("to do")
            )
            label.setText(f"{number}. {self.names[step]} · {words}")
            box = self._boxes[step]
            for widget in (box, label):
                widget.setProperty("step", state)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            label.setAccessibleName(
                self.tr("Step {0} of 4, {1}: {2}").format(number, self.names[step], words)
            )
            icons.set_icon(
                self.icons[step], state, icons.SMALL, "on-accent" if state == "current" else "text"
            )

    def state_of(self, step: str) -> str:
        return str(self.labels[step].property("step"))
