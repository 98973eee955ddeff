"""A patient's answers: validated against the checklist, earlier revisions' ids merged, and
written to and read from JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from assistant.checklist.loading import default_checklist
from assistant.checklist.model import Answer, Checklist, Question, QuestionKind
from assistant.errors import InvalidInput
from assistant.text.dates import parse_date


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
