"""The suitability checklist (contraindications): rules read from ``resources/checklist.toml``
and the engine that turns a patient's answers into a verdict.

The rules are data; this module only interprets them. A verdict is the most severe outcome of
every rule that fired, with each reason, its actions and, for dated deferrals, the first date
treatment may go ahead. The verdict records the checklist version that produced it.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from assistant import reference
from assistant.dates import age_on, format_long_date, parse_date
from assistant.errors import InvalidInput
from assistant.resources import load_toml_file, resource_path

log = logging.getLogger(__name__)

CHECKLIST_RESOURCE = "checklist.toml"

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
    configurable_outcomes: tuple[Outcome, ...] = ()
    variants: Mapping[Outcome, Variant] = field(default_factory=dict)
    zones_configurable: bool = False
    # Answers under an earlier revision's ids: old id -> choice id (yes to it = that choice).
    legacy: Mapping[str, str] = field(default_factory=dict)

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


ZONE_CONDITIONS = ("perioral", "facial")
_FACTS = {"fitzpatrick": "at_least", "age": "under", "device_age": None}


def _text(row: Mapping[str, Any], key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"checklist.toml: {where} needs a text '{key}'.", key)
    return value


def _actions(row: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = row.get("actions", [])
    if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
        raise InvalidInput(f"checklist.toml: {where} 'actions' must be a list of texts.", "actions")
    return tuple(value)


def _outcome(row: Mapping[str, Any], where: str) -> Outcome:
    value = row.get("outcome")
    if value not in {o.value for o in RULE_OUTCOMES}:
        allowed = ", ".join(o.value for o in RULE_OUTCOMES)
        raise InvalidInput(
            f"checklist.toml: {where} has outcome '{value}'; expected one of {allowed}.", "outcome"
        )
    return Outcome(value)


def _window(row: Mapping[str, Any], where: str, key: str = "window") -> Window | None:
    value = row.get(key)
    if value is None:
        return None
    if (
        not isinstance(value, dict)
        or not value
        or set(value) - {"months", "days"}
        or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value.values()
        )
    ):
        raise InvalidInput(
            f"checklist.toml: {where} {key} must be like {{ months = 6 }} or {{ days = 14 }}.",
            key,
        )
    return Window(months=value.get("months", 0), days=value.get("days", 0))


def _question(row: Mapping[str, Any], groups: set[str]) -> Question:
    qid = _text(row, "id", "a question")
    where = f"question '{qid}'"
    group = _text(row, "group", where)
    if group not in groups:
        raise InvalidInput(f"checklist.toml: {where} is in unknown group '{group}'.", "group")
    try:
        kind = QuestionKind(str(row.get("kind")))
    except ValueError:
        raise InvalidInput(
            f"checklist.toml: {where} has kind '{row.get('kind')}'; expected bool, date or choice.",
            "kind",
        ) from None
    window = _window(row, where)
    if (kind is QuestionKind.DATE) != (window is not None):
        raise InvalidInput(
            f"checklist.toml: {where}: a window is needed for date questions and only for them.",
            "window",
        )
    zones = row.get("zones")
    if zones is not None and zones not in ZONE_CONDITIONS:
        raise InvalidInput(
            f"checklist.toml: {where} has unknown zones condition '{zones}'.", "zones"
        )
    options = tuple(_choice(o, where) for o in row.get("options", []) if isinstance(o, dict))
    fires_on = tuple(str(v) for v in row.get("fires_on", []))
    if kind is QuestionKind.CHOICE and (
        not options
        or not (fires_on or any(o.outcome for o in options))
        or set(fires_on) - {o.id for o in options}
    ):
        raise InvalidInput(
            f"checklist.toml: {where} needs 'options', some with an outcome or named in "
            "'fires_on'.",
            "options",
        )
    outcome = _outcome(row, where)
    bounds = _bounds(row, where, window)
    configurable = tuple(
        _outcome({"outcome": o}, where) for o in row.get("configurable_outcomes", [])
    )
    if configurable and configurable[0] is not outcome:
        raise InvalidInput(
            f"checklist.toml: {where}: the first configurable outcome must be its outcome.",
            "configurable_outcomes",
        )
    variants = {
        _outcome({"outcome": key}, where): Variant(
            _text(value, "message", f"{where} variant '{key}'"),
            _actions(value, f"{where} variant '{key}'"),
        )
        for key, value in row.get("variants", {}).items()
    }
    legacy = row.get("legacy", {})
    if not isinstance(legacy, dict) or set(map(str, legacy.values())) - {o.id for o in options}:
        raise InvalidInput(
            f"checklist.toml: {where}: 'legacy' must map old ids to its choices.", "legacy"
        )
    return Question(
        id=qid,
        group=group,
        kind=kind,
        text=_text(row, "question", where),
        outcome=outcome,
        message=_text(row, "message", where),
        actions=_actions(row, where),
        window=window,
        zones=zones,
        options=options,
        fires_on=fires_on,
        sources=_sources(row, where),
        bounds=bounds,
        configurable_outcomes=configurable,
        variants=variants,
        zones_configurable=bool(row.get("zones_configurable", False)),
        legacy={str(k): str(v) for k, v in legacy.items()},
    )


def _choice(row: Mapping[str, Any], where: str) -> Choice:
    cid = _text(row, "id", f"{where} option")
    outcome = _outcome(row, f"{where} option '{cid}'") if "outcome" in row else None
    message = row.get("message")
    return Choice(
        id=cid,
        label=_text(row, "label", f"{where} option '{cid}'"),
        outcome=outcome,
        message=str(message) if message else None,
        actions=_actions(row, f"{where} option '{cid}'"),
    )


def _sources(row: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = row.get("sources", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InvalidInput(f"checklist.toml: {where} 'sources' must be a list of keys.", "sources")
    return tuple(value)


def _bounds(
    row: Mapping[str, Any], where: str, window: Window | None
) -> tuple[Window, Window] | None:
    value = row.get("bounds")
    if value is None:
        return None
    if window is None or not isinstance(value, dict):
        raise InvalidInput(f"checklist.toml: {where}: bounds need a window.", "bounds")
    low, high = _window(value, where, "min"), _window(value, where, "max")
    if (
        low is None
        or high is None
        or not low.nominal_days <= window.nominal_days <= high.nominal_days
    ):
        raise InvalidInput(
            f"checklist.toml: {where}: bounds must be {{ min = …, max = … }} around the window.",
            "bounds",
        )
    return (low, high)


def _fact_rule(row: Mapping[str, Any]) -> FactRule:
    rid = _text(row, "id", "a fact rule")
    where = f"fact rule '{rid}'"
    fact = row.get("fact")
    if fact not in _FACTS:
        raise InvalidInput(f"checklist.toml: {where} has unknown fact '{fact}'.", "fact")
    key = _FACTS[fact]
    threshold = row.get(key) if key else None
    if key and (not isinstance(threshold, int) or isinstance(threshold, bool)):
        raise InvalidInput(f"checklist.toml: {where} needs a whole number '{key}'.", fact)
    return FactRule(
        id=rid,
        fact=fact,
        threshold=threshold,
        outcome=_outcome(row, where),
        message=_text(row, "message", where),
        actions=_actions(row, where),
        sources=_sources(row, where),
    )


def checklist_from_data(data: Mapping[str, Any]) -> Checklist:
    """Build a checklist from parsed TOML, rejecting anything the engine could misread."""
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise InvalidInput("checklist.toml needs a 'version'.", "version")
    group_rows = data.get("groups", [])
    group_ids = [_text(g, "id", "a group") for g in group_rows]
    questions = [_question(row, set(group_ids)) for row in data.get("questions", [])]
    fact_rules = tuple(_fact_rule(row) for row in data.get("fact_rules", []))
    all_ids = [q.id for q in questions] + [r.id for r in fact_rules]
    duplicates = sorted({i for i in all_ids if all_ids.count(i) > 1})
    if duplicates:
        raise InvalidInput(f"checklist.toml: duplicate ids {', '.join(duplicates)}.", "id")
    groups = tuple(
        Group(
            id=gid,
            title=_text(row, "title", f"group '{gid}'"),
            questions=tuple(q for q in questions if q.group == gid),
        )
        for gid, row in zip(group_ids, group_rows, strict=True)
    )
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        raise InvalidInput("checklist.toml: [sources] must be a table of texts.", "sources")
    cited = {key for q in questions for key in q.sources} | {
        key for r in fact_rules for key in r.sources
    }
    if cited - set(sources) and sources:
        missing = ", ".join(sorted(cited - set(sources)))
        raise InvalidInput(f"checklist.toml: sources not in [sources]: {missing}.", "sources")
    return Checklist(
        version=version,
        groups=groups,
        fact_rules=fact_rules,
        questions={q.id: q for group in groups for q in group.questions},
        sources={str(k): str(v) for k, v in sources.items()},
    )


def load_checklist(path: Path | None = None) -> Checklist:
    """The checklist in ``path``, or the shipped one."""
    path = path if path is not None else resource_path(CHECKLIST_RESOURCE)
    return checklist_from_data(load_toml_file(path))


@cache
def default_checklist() -> Checklist:
    """The shipped checklist, read once per process."""
    return load_checklist()


@cache
def checklist_for_version(version: str) -> Checklist:
    """The checklist revision that produced a stored verdict (``2026.1``, or ``2026.2+clinic.3``
    whose texts are those of 2026.2), for display; the current one for an unknown revision."""
    base = version.split("+", 1)[0]
    current = default_checklist()
    if base == current.base_version:
        return current
    path = resource_path(f"checklist-{base}.toml")
    if not path.is_file():
        log.warning("checklist revision %r is not shipped; showing the current one", version)
        return current
    return load_checklist(path)


# --- Answers ---------------------------------------------------------------------------------


def _parse_answer(question: Question, value: object) -> Answer:
    if value is None:
        return None
    if question.kind is QuestionKind.BOOL:
        if not isinstance(value, bool):
            raise InvalidInput(
                f"{question.id}: the answer must be true or false, not '{value}'.", question.id
            )
        return value
    if question.kind is QuestionKind.DATE:
        return parse_date(value, question.id)
    if not isinstance(value, str) or value not in {o.id for o in question.options}:
        known = ", ".join(o.id for o in question.options)
        raise InvalidInput(
            f"{question.id}: '{value}' is not one of the choices ({known}).", question.id
        )
    return value


def parse_answers(checklist: Checklist, raw: Mapping[str, object]) -> dict[str, Answer]:
    """Validated answers keyed by question id. Accepts JSON-style values (ISO date strings)
    as well as already parsed ones. Unanswered questions are left out: they count as no,
    or never."""
    if not isinstance(raw, Mapping):
        raise InvalidInput("answers: expected an object of question ids to answers.", "answers")
    result: dict[str, Answer] = {}
    legacy = {old: q for q in checklist.questions.values() for old in q.legacy}
    for key, value in raw.items():
        if str(key) in legacy:
            continue
        question = checklist.question(str(key))
        result[question.id] = _parse_answer(question, value)
    for question in {q.id: q for q in legacy.values()}.values():
        _merge_legacy(question, raw, result)
    return result


def _merge_legacy(question: Question, raw: Mapping[str, object], result: dict[str, Answer]) -> None:
    """Yes/no answers under an earlier revision's ids, as this choice question's answer; yes to
    two of them (diabetes controlled and not controlled) is an input error."""
    given = {old: raw[old] for old in question.legacy if old in raw}
    if not given:
        return
    for old, value in given.items():
        if value is not None and not isinstance(value, bool):
            raise InvalidInput(f"{old}: the answer must be true or false, not '{value}'.", old)
    chosen = [question.legacy[old] for old, value in given.items() if value is True]
    if len(chosen) > 1:
        names = " and ".join(sorted(o for o, v in given.items() if v is True))
        raise InvalidInput(
            f"{question.id}: {names} cannot both be yes; answer one of "
            f"{', '.join(o.id for o in question.options)}.",
            question.id,
        )
    if chosen:
        answer: Answer = chosen[0]
    elif all(v is False for v in given.values()) and len(given) == len(question.legacy):
        answer = question.options[0].id  # no to every old question: the first choice ("no")
    else:
        answer = None
    current = result.get(question.id)
    if current is not None and answer is not None and current != answer:
        raise InvalidInput(
            f"{question.id}: '{current}' contradicts the older answers {', '.join(given)}.",
            question.id,
        )
    if current is None and answer is not None:
        result[question.id] = answer


def unanswered(checklist: Checklist, raw: Mapping[str, object]) -> list[str]:
    """Question ids with no answer in ``raw`` (an earlier revision's ids count for theirs)."""
    present = set(raw)
    return [
        q.id
        for group in checklist.groups
        for q in group.questions
        if q.id not in present and not (present & set(q.legacy))
    ]


def answers_to_json(answers: Mapping[str, Answer]) -> dict[str, bool | str | None]:
    """Answers as JSON values: dates as ISO strings."""
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in answers.items()
    }


def answers_from_json(
    data: Mapping[str, object], checklist: Checklist | None = None
) -> dict[str, Answer]:
    """The inverse of :func:`answers_to_json`, validated against the checklist."""
    return parse_answers(checklist or default_checklist(), data)


# --- Evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientFacts:
    """What the patient record says, used by the fact rules."""

    date_of_birth: date | None = None
    fitzpatrick: int | None = None
    # The device planned for the session, when known: its cleared age fires a caution.
    device_name: str | None = None
    device_cleared_age: int | None = None


@dataclass(frozen=True)
class Reason:
    id: str
    outcome: Outcome
    message: str
    actions: tuple[str, ...] = ()
    until: date | None = None  # dated deferral: treatment may go ahead on or after this date

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "outcome": self.outcome.value,
            "message": self.message,
            "actions": list(self.actions),
        }


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    defer_until: date | None
    reasons: tuple[Reason, ...]
    checklist_version: str

    @property
    def actions(self) -> tuple[str, ...]:
        """Every action to take before treating, each once, in order."""
        return tuple(action for reason in self.reasons for action in reason.actions)

    @property
    def has_undated_deferral(self) -> bool:
        return any(r.outcome is Outcome.DEFER and r.until is None for r in self.reasons)

    def to_dict(self) -> dict[str, object]:
        return {
            "outcome": self.outcome.value,
            "defer_until": self.defer_until.isoformat() if self.defer_until else None,
            "checklist_version": self.checklist_version,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }

    def headline(self) -> str:
        """The verdict in one sentence."""
        return describe_outcome(self)

    def describe(self) -> str:
        """The verdict as a practitioner reads it: outcome, reasons, actions."""
        lines = [self.headline()]
        if self.reasons:
            lines.append("")
            lines.append("Reasons:")
            for reason in self.reasons:
                lines.append(f"  - {reason.outcome.label}: {describe_reason(reason)}")
        if self.actions:
            lines.append("")
            lines.append("Before treating:")
            lines.extend(f"  - {action}" for action in self.actions)
        lines.append("")
        lines.append(f"Checklist version {self.checklist_version}.")
        return "\n".join(lines)


def describe_outcome(verdict: Verdict) -> str:
    if verdict.outcome is Outcome.NOT_SUITABLE:
        return "Not suitable: do not treat; refer to a physician where a reason says so."
    if verdict.outcome is Outcome.DEFER:
        if verdict.defer_until and verdict.has_undated_deferral:
            return (
                f"Defer: not before {format_long_date(verdict.defer_until)}, "
                "and not until every condition listed has resolved."
            )
        if verdict.defer_until:
            return f"Defer: not before {format_long_date(verdict.defer_until)}."
        return "Defer: not today; not until every condition listed has resolved."
    if verdict.outcome is Outcome.CAUTION:
        return "Caution: may treat once the actions listed are done."
    return "Suitable: nothing in the checklist stands in the way of treatment."


def describe_reason(reason: Reason) -> str:
    if reason.outcome is Outcome.DEFER:
        if reason.until is not None:
            return f"{reason.message} Not before {format_long_date(reason.until)}."
        return f"{reason.message} Until resolved."
    return reason.message


def describe(verdict: Verdict) -> str:
    return verdict.describe()


def _validate_facts(facts: PatientFacts, assessed_on: date) -> None:
    fitzpatrick = facts.fitzpatrick
    if fitzpatrick is not None and (
        isinstance(fitzpatrick, bool)
        or not isinstance(fitzpatrick, int)
        or not 1 <= fitzpatrick <= 6
    ):
        raise InvalidInput(
            f"fitzpatrick: '{fitzpatrick}' is not a Fitzpatrick type; expected 1 to 6.",
            "fitzpatrick",
        )
    dob = facts.date_of_birth
    if dob is not None and dob > assessed_on:
        raise InvalidInput(
            f"date_of_birth: {dob.isoformat()} is after the assessment date "
            f"{assessed_on.isoformat()}.",
            "date_of_birth",
        )


def _fact_fires(rule: FactRule, facts: PatientFacts, assessed_on: date) -> bool:
    if rule.fact == "fitzpatrick":
        return (
            facts.fitzpatrick is not None
            and rule.threshold is not None
            and facts.fitzpatrick >= rule.threshold
        )
    threshold = rule.threshold if rule.fact == "age" else facts.device_cleared_age
    return (
        facts.date_of_birth is not None
        and threshold is not None
        and age_on(facts.date_of_birth, assessed_on) < threshold
    )


def _fact_message(rule: FactRule, facts: PatientFacts) -> str:
    threshold = rule.threshold if rule.fact != "device_age" else facts.device_cleared_age
    shown = _ROMAN.get(threshold or 0, str(threshold)) if rule.fact == "fitzpatrick" else threshold
    return rule.message.replace("{threshold}", str(shown)).replace(
        "{device}", facts.device_name or "the device"
    )


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


def question_message(question: Question) -> str:
    """The reason text with the window in force written in."""
    if question.window is not None:
        return question.message.replace("{window}", question.window.describe())
    return question.message


def _in_scope(question: Question, zones: Sequence[reference.Zone]) -> bool:
    if question.zones == "perioral":
        return any(z.perioral for z in zones)
    if question.zones == "facial":
        return any(z.facial for z in zones)
    return True


def _question_reason(
    question: Question, answer: Answer, zones: Sequence[reference.Zone], assessed_on: date
) -> Reason | None:
    """The reason this question gives, or ``None`` when it does not fire."""
    if not _in_scope(question, zones):
        return None
    until: date | None = None
    outcome, message, actions = question.outcome, question_message(question), question.actions
    if question.kind is QuestionKind.BOOL:
        fired = answer is True
    elif question.kind is QuestionKind.CHOICE:
        option = question.option(answer) if isinstance(answer, str) else None
        fired = option is not None and (
            option.outcome is not None or option.id in question.fires_on
        )
        if option is not None and option.outcome is not None:
            outcome = option.outcome
            message = option.message or message
            actions = option.actions
    else:
        if not isinstance(answer, date):
            return None
        if answer > assessed_on:
            raise InvalidInput(
                f"{question.id}: {answer.isoformat()} is after the assessment date "
                f"{assessed_on.isoformat()}; a last date cannot be in the future.",
                question.id,
            )
        assert question.window is not None  # checked when the checklist is loaded
        end = question.window.end(answer)
        fired = end > assessed_on
        if outcome is Outcome.DEFER:
            until = end
    if not fired:
        return None
    return Reason(question.id, outcome, message, actions, until)


def evaluate(
    checklist: Checklist,
    answers: Mapping[str, object],
    facts: PatientFacts,
    zones: Iterable[str],
    assessed_on: date,
) -> Verdict:
    """The verdict for these answers, patient facts and planned zones on ``assessed_on``.

    Raises ``InvalidInput`` naming the field for an unknown question or zone, a wrong answer
    type, a last date after ``assessed_on``, a Fitzpatrick type outside 1–6 or a date of birth
    after ``assessed_on``.
    """
    parsed = parse_answers(checklist, answers)
    _validate_facts(facts, assessed_on)
    planned = [reference.zone(z, "zones") for z in zones]

    fired: list[Reason] = []
    for group in checklist.groups:
        for question in group.questions:
            reason = _question_reason(question, parsed.get(question.id), planned, assessed_on)
            if reason is not None:
                fired.append(reason)
    for rule in checklist.fact_rules:
        if _fact_fires(rule, facts, assessed_on):
            fired.append(Reason(rule.id, rule.outcome, _fact_message(rule, facts), rule.actions))

    # Most severe first (stable: data order within an outcome); each action listed once.
    fired.sort(key=lambda r: -r.outcome.severity)
    seen: set[str] = set()
    reasons: list[Reason] = []
    for reason in fired:
        actions = tuple(a for a in reason.actions if a not in seen)
        seen.update(actions)
        reasons.append(Reason(reason.id, reason.outcome, reason.message, actions, reason.until))

    outcome = max((r.outcome for r in reasons), key=lambda o: o.severity, default=Outcome.SUITABLE)
    dated = [r.until for r in reasons if r.outcome is Outcome.DEFER and r.until is not None]
    return Verdict(
        outcome=outcome,
        defer_until=max(dated) if dated else None,
        reasons=tuple(reasons),
        checklist_version=checklist.version,
    )


@dataclass(frozen=True)
class AssessmentResult:
    """What the practitioner accepted: the answers, the verdict exactly as shown, and the
    written reason when they overrode a defer or not-suitable verdict."""

    answers: Mapping[str, Answer]
    verdict: Verdict
    override_reason: str | None
    assessed_on: date

    @property
    def overridden(self) -> bool:
        return self.override_reason is not None

    def answers_to_json(self) -> dict[str, bool | str | None]:
        return answers_to_json(self.answers)
