"""The suitability checklist (contraindications): rules read from ``resources/checklist.toml``
and the engine that turns a patient's answers into a verdict.

The rules are data; this package only interprets them. A verdict is the most severe outcome of
every rule that fired, with each reason, its actions and, for dated deferrals, the first date
treatment may go ahead. The verdict records the checklist version that produced it.

``model`` holds the checklist as data, ``loading`` reads and checks it, ``answers`` validates
and converts a patient's answers, ``engine`` evaluates them; everything is re-exported here.
"""

from __future__ import annotations

from assistant.checklist.answers import (
    answers_from_json,
    answers_to_json,
    parse_answers,
    unanswered,
)
from assistant.checklist.engine import (
    AssessmentResult,
    PatientFacts,
    Reason,
    Verdict,
    after_reason_text,
    describe,
    describe_outcome,
    describe_reason,
    evaluate,
    question_actions,
    question_message,
)
from assistant.checklist.loading import (
    CHECKLIST_RESOURCE,
    ZONE_CONDITIONS,
    checklist_for_version,
    checklist_from_data,
    default_checklist,
    load_checklist,
)
from assistant.checklist.model import (
    RULE_OUTCOMES,
    Answer,
    Checklist,
    Choice,
    FactRule,
    Group,
    Outcome,
    Question,
    QuestionKind,
    Variant,
    Window,
    add_months,
)
from assistant.text.dates import age_on, format_long_date, parse_date

__all__ = [
    "CHECKLIST_RESOURCE",
    "RULE_OUTCOMES",
    "ZONE_CONDITIONS",
    "Answer",
    "AssessmentResult",
    "Checklist",
    "Choice",
    "FactRule",
    "Group",
    "Outcome",
    "PatientFacts",
    "Question",
    "QuestionKind",
    "Reason",
    "Variant",
    "Verdict",
    "Window",
    "add_months",
    "age_on",
    "answers_from_json",
    "answers_to_json",
    "checklist_for_version",
    "checklist_from_data",
    "default_checklist",
    "describe",
    "describe_outcome",
    "describe_reason",
    "evaluate",
    "format_long_date",
    "load_checklist",
    "parse_answers",
    "parse_date",
    "after_reason_text",
    "question_actions",
    "question_message",
    "unanswered",
]
