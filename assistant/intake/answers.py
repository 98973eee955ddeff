"""What the patient said, and what it means for the checklist.

The page sends, per question id: ``"yes"``, ``"no"`` or ``"not_sure"`` (yes/no questions);
``"YYYY-MM"``, ``"never"`` or ``"not_sure"`` (dates, as a month and year); a choice id or
``"not_sure"`` (choices). A question the patient left out is absent.

"Not sure" is never a "no": like a question left out, it leaves the checklist question
unanswered, for the practitioner to ask. A month counts from its last day (the
conservative end), but never from after the day the answers were received.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from assistant.checklist.model import Answer, QuestionKind
from assistant.errors import InvalidInput
from assistant.intake.links import DEVICES
from assistant.intake.wording import Wording

YES, NO, NOT_SURE, NEVER = "yes", "no", "not_sure", "never"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_GUARDIAN = 120


@dataclass(frozen=True)
class Received:
    """A questionnaire as it arrived, checked against the wording it was answered in."""

    language: str
    wording_version: str
    device: str
    answers: dict[str, str]
    guardian: dict[str, str] | None


def month_of(value: str) -> tuple[int, int] | None:
    match = _MONTH.match(value)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (year, month) if 1 <= month <= 12 and year >= 1900 else None


def month_end(year: int, month: int, received_on: date) -> date:
    """The last day of the month, or the day received if that is earlier."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    return min(last, received_on)


def _check_value(kind: QuestionKind, options: tuple[str, ...], value: object, received_on: date,
                 qid: str) -> str:  # fmt: skip
    if not isinstance(value, str):
        raise InvalidInput(f"{qid}: the answer must be text.", qid)
    if value == NOT_SURE:
        return value
    if kind is QuestionKind.BOOL and value in (YES, NO):
        return value
    if kind is QuestionKind.CHOICE and value in options:
        return value
    if kind is QuestionKind.DATE:
        if value == NEVER:
            return value
        month = month_of(value)
        if month is not None:
            if month > (received_on.year, received_on.month):
                raise InvalidInput(f"{qid}: {value} is in the future.", qid)
            return value
    raise InvalidInput(f"{qid}: '{value[:40]}' is not an answer to this question.", qid)


def _one_line(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{field}: must be text.", field)
    text = " ".join(value.split())
    if len(text) > MAX_GUARDIAN or any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E for c in text):
        raise InvalidInput(f"{field}: not a plain line of text.", field)
    return text


def parse_received(plaintext: bytes, wording: Wording, received_on: date, device: str
                   ) -> Received:  # fmt: skip
    """The decrypted message, checked: every answer belongs to a question of ``wording``
    and is one of that question's answers; the guardian's name and relation are plain lines."""
    try:
        data: Any = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidInput("The answers are not in the right form.") from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise InvalidInput("The answers are not in the right form.")
    if data.get("language") != wording.language or data.get("version") != wording.version:
        raise InvalidInput("The answers were given in another wording than the link's.")
    answers: dict[str, str] = {}
    for qid, value in data["answers"].items():
        question = wording.question(str(qid))
        if question is None:
            raise InvalidInput(f"'{str(qid)[:40]}' is not one of the questions.", "answers")
        options = tuple(i for i, _ in question.options)
        answers[question.id] = _check_value(question.kind, options, value, received_on, qid)
    guardian = None
    if isinstance(data.get("guardian"), dict):
        raw = data["guardian"]
        guardian = {
            "name": _one_line(raw.get("name", ""), "guardian name"),
            "relation": _one_line(raw.get("relation", ""), "guardian relation"),
        }
        if not any(guardian.values()):
            guardian = None
    kind = data.get("device")
    if device != "this_computer":
        device = kind if kind in DEVICES and kind != "this_computer" else "phone"
    return Received(wording.language, wording.version, device, answers, guardian)


def checklist_answer(kind: QuestionKind, said: str, received_on: date) -> tuple[bool, Answer]:
    """What the patient's answer proposes for the checklist: ``(False, None)`` when it leaves
    the question unanswered ("not sure"), else ``(True, answer)``: yes/no as True/False, a
    month as its last day (see ``month_end``), "never" as None, a choice as its id."""
    if said == NOT_SURE:
        return False, None
    if kind is QuestionKind.BOOL:
        return True, said == YES
    if kind is QuestionKind.DATE:
        if said == NEVER:
            return True, None
        month = month_of(said)
        if month is None:
            return False, None
        return True, month_end(month[0], month[1], received_on)
    return True, said


def proposed_answers(kinds: Mapping[str, QuestionKind], said: Mapping[str, str],
                     received_on: date) -> dict[str, Answer]:  # fmt: skip
    """The checklist answers the patient's answers propose, "not sure" left out."""
    result: dict[str, Answer] = {}
    for qid, value in said.items():
        if qid not in kinds:
            continue
        answered, answer = checklist_answer(kinds[qid], value, received_on)
        if answered:
            result[qid] = answer
    return result
