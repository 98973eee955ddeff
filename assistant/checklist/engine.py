"""The engine: the verdict for a patient's answers, record facts and planned zones, and the
verdict in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from assistant import reference
from assistant.checklist.answers import answers_to_json, parse_answers
from assistant.checklist.model import (
    Answer,
    Checklist,
    FactRule,
    Outcome,
    Question,
    QuestionKind,
    Window,
)
from assistant.errors import InvalidInput
from assistant.text.dates import age_on, format_long_date


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
    shown: object = threshold
    if rule.fact == "fitzpatrick":
        shown = reference.FITZPATRICK_NUMERALS.get(threshold or 0, str(threshold))
    return rule.message.replace("{threshold}", str(shown)).replace(
        "{device}", facts.device_name or "the device"
    )




def _with_window(text: str, window: Window | None, language: str) -> str:
    if window is None:
        return text
    words = window.describe()
    if language != "en":
        from assistant.rules.words import value_words  # the rules build on the checklist

        words = value_words(words, language)
    return text.replace("{window}", words)


def question_message(question: Question) -> str:
    """The reason text with the window in force written in, in the language of the text
    ("en los últimos 6 meses")."""
    return _with_window(question.message, question.window, question.language)


def question_actions(question: Question) -> tuple[str, ...]:
    """The actions with the window in force written in ("avoiding them for 10 days")."""
    return tuple(_with_window(a, question.window, question.language) for a in question.actions)


def after_reason_text(question: Question) -> tuple[str, tuple[str, ...]]:
    """The message and actions of the rule's ``after`` period, its window written in."""
    assert question.after is not None
    window, language = question.after.window, question.language
    return (
        _with_window(question.after.message, window, language),
        tuple(_with_window(a, window, language) for a in question.after.actions),
    )


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
    outcome, message = question.outcome, question_message(question)
    actions = question_actions(question)
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
        after = question.after
        if not fired and after is not None and after.window.end(answer) > assessed_on:
            message, actions = after_reason_text(question)
            return Reason(question.id, after.outcome, message, actions, None)
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
    # Details the patient's record lacked and the checklist asked for: saved to the patient
    # (audited) with the assessment.
    date_of_birth_recorded: date | None = None
    fitzpatrick_recorded: int | None = None

    @property
    def overridden(self) -> bool:
        return self.override_reason is not None

    def answers_to_json(self) -> dict[str, bool | str | None]:
        return answers_to_json(self.answers)
