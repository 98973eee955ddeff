"""The checklist as data: outcomes, questions, windows and the checklist itself."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from assistant.errors import InvalidInput

Answer = bool | date | str | None
"""One answer: yes/no, the date of the last occurrence (``None`` for never), or a choice id."""


class Outcome(StrEnum):
    SUITABLE = "suitable"
    CAUTION = "caution"
    DEFER = "defer"
    NOT_SUITABLE = "not_suitable"

    @property
    def severity(self) -> int:
        """0 for suitable up to 3 for not suitable: the verdict is the highest that fired."""
        return _SEVERITY[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_SEVERITY = {
    Outcome.SUITABLE: 0,
    Outcome.CAUTION: 1,
    Outcome.DEFER: 2,
    Outcome.NOT_SUITABLE: 3,
}
_LABELS = {
    Outcome.SUITABLE: "Suitable",
    Outcome.CAUTION: "Caution",
    Outcome.DEFER: "Defer",
    Outcome.NOT_SUITABLE: "Not suitable",
}
# Outcomes a rule may give; "suitable" is only ever the absence of any.
RULE_OUTCOMES = (Outcome.CAUTION, Outcome.DEFER, Outcome.NOT_SUITABLE)


class QuestionKind(StrEnum):
    BOOL = "bool"
    DATE = "date"
    CHOICE = "choice"


# --- Calendar arithmetic ------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """``start`` plus calendar months, clamped to the end of a shorter month
    (2026-08-31 + 6 months = 2027-02-28)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


@dataclass(frozen=True)
class Window:
    """How long a dated rule keeps firing after the last occurrence."""

    months: int = 0
    days: int = 0

    def end(self, last: date) -> date:
        """The first date the rule no longer fires: ``last`` + months, then + days."""
        return date.fromordinal(add_months(last, self.months).toordinal() + self.days)

    @property
    def nominal_days(self) -> float:
        """Length in days, a month counted as 365.25 / 12 days: for comparing with bounds."""
        return self.months * 365.25 / 12 + self.days

    def describe(self) -> str:
        if not self.months and not self.days:
            return "0 days"
        if not self.months and self.days % 7 == 0 and self.days >= 42:
            weeks = self.days // 7
            return f"{weeks} weeks"
        parts = []
        if self.months:
            parts.append(f"{self.months} month" + ("s" if self.months != 1 else ""))
        if self.days:
            parts.append(f"{self.days} day" + ("s" if self.days != 1 else ""))
        return " and ".join(parts)


# --- The checklist as data ------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    # An option may carry its own outcome, message and actions (diabetes: controlled gives
    # caution, not well controlled gives defer).
    outcome: Outcome | None = None
    message: str | None = None
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variant:
    """The message and actions a rule uses when the clinic chose another outcome for it."""

    message: str
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class After:
    """What a dated rule still gives once its window has passed, until ``window`` from the
    last date (chemotherapy: a caution with clearance for 12 months after the last dose)."""

    window: Window
    outcome: Outcome
    message: str
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    group: str
    kind: QuestionKind
    text: str
    outcome: Outcome
    message: str
    actions: tuple[str, ...] = ()
    window: Window | None = None
    # "perioral": fires only when a planned zone is perioral; "facial": any facial zone.
    zones: str | None = None
    options: tuple[Choice, ...] = ()
    fires_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # What the clinic may change: the window between bounds, the outcome among these, the
    # zone scope of a zone-bound rule.
    bounds: tuple[Window, Window] | None = None
    # the bounds of earlier revisions (a clinic value set within them is kept, flagged)
    earlier_bounds: tuple[tuple[Window, Window], ...] = ()
    configurable_outcomes: tuple[Outcome, ...] = ()
    variants: Mapping[Outcome, Variant] = field(default_factory=dict)
    zones_configurable: bool = False
    # Answers under an earlier revision's ids: old id -> choice id (yes to it = that choice).
    legacy: Mapping[str, str] = field(default_factory=dict)
    # The language of its texts (assistant.checklist.loading.translated_checklist), in which
    # the window is worded into the message too.
    language: str = "en"
    # A line shown under the question on screen: what to answer, or where else to answer.
    help: str = ""
    after: After | None = None

    def option(self, choice_id: str) -> Choice | None:
        return next((o for o in self.options if o.id == choice_id), None)


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class FactRule:
    """A rule on the patient record rather than on an answer: Fitzpatrick type, age."""

    id: str
    # "fitzpatrick" (fires at ``at_least``), "age" (fires ``under``) or "device_age" (fires
    # under the cleared age of the device in use, when it has one)
    fact: str
    threshold: int | None
    outcome: Outcome
    message: str
    actions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checklist:
    version: str
    groups: tuple[Group, ...]
    fact_rules: tuple[FactRule, ...]
    questions: Mapping[str, Question] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def base_version(self) -> str:
        """The shipped revision, without the clinic's "+clinic.N"."""
        return self.version.split("+", 1)[0]

    def rule_sources(self, rule_id: str) -> tuple[str, ...]:
        """The sources of a question or fact rule, in words."""
        rule: Question | FactRule | None = self.questions.get(rule_id) or next(
            (r for r in self.fact_rules if r.id == rule_id), None
        )
        if rule is None:
            return ()
        return tuple(self.sources.get(key, key) for key in rule.sources)

    def question(self, question_id: str) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            raise InvalidInput(
                f"Unknown checklist question '{question_id}'.", question_id
            ) from None
