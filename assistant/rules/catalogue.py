"""Every clinical value a clinic may set: its shipped default, the bounds it may move within
and its sources, read from the data files (``checklist.toml``, ``treatment.toml``).

Values are written with their unit ("3 months", "14 days", "0.5 mm", "48 hours", "4 weeks");
a number alone is a count or a Fitzpatrick type. ``parse_value`` turns a text into the
canonical text stored for the rule, or raises ``InvalidInput`` naming the rule and its bounds.
"""

from __future__ import annotations

import re
from functools import cache

from assistant import reference
from assistant.checklist.loading import default_checklist
from assistant.checklist.model import Checklist, QuestionKind, Window
from assistant.errors import InvalidInput
from assistant.resources import load_toml
from assistant.rules.definition import RuleDefinition
from assistant.rules.words import (
    bounds_words,
    choice_of_words,
    rule_label,
    unit_of_words,
    value_words,
)
from assistant.text.i18n import _

# Kinds of value: how a text is read and compared with the bounds.
WINDOW, OUTCOME, SCOPE, DEPTH, COUNT, FITZPATRICK, WEEKS, HOURS = (
    "window", "outcome", "scope", "depth", "count", "fitzpatrick", "weeks", "hours",
)  # fmt: skip
_ROMAN = {numeral: value for value, numeral in reference.FITZPATRICK_NUMERALS.items()}
_ROMAN_OF = reference.FITZPATRICK_NUMERALS
_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([^\W\d_]*)\s*$")
_UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "mo": "months", "month": "months", "months": "months",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "mm": "mm", "": "",
}  # fmt: skip


def _window_text(window: Window) -> str:
    return window.describe() if window.months or window.days else "0 days"


def _mm(value: float) -> str:
    return f"{reference.format_mm(value)} mm"


def _unit(word: str) -> str | None:
    """The canonical unit of a unit as typed, in English or the practitioner's language."""
    word = word.lower()
    return _UNITS.get(word) or _UNITS.get(unit_of_words(word) or "")


def _amount(rule: RuleDefinition, text: str) -> tuple[float, str]:
    match = _AMOUNT.match(text)
    unit = _unit(match.group(2)) if match else None
    if match is None or unit is None:
        raise _refused(rule, text, _("{rule} ({label}): '{text}' is not a value such as "
                                     "{example}; allowed: {bounds}."))  # fmt: skip
    return float(match.group(1)), unit


def _example(rule: RuleDefinition) -> str:
    examples = {
        WINDOW: ("3 months", "6 weeks", "14 days"),
        DEPTH: ("0.5 mm",),
        COUNT: ("3",),
        FITZPATRICK: ("4", "IV"),
        WEEKS: ("4 weeks",),
        HOURS: ("48 hours",),
    }.get(rule.kind)
    if examples is None:
        return bounds_words(rule)
    return ", ".join(f'"{value_words(e)}"' for e in examples)


def _refused(rule: RuleDefinition, text: str, message: str) -> InvalidInput:
    """``message`` (with ``{rule}``, ``{label}``, ``{text}``, ``{bounds}`` and perhaps
    ``{example}``) about ``text`` as a value of ``rule``."""
    return InvalidInput(
        message.format(
            rule=rule.id,
            label=rule_label(rule),
            text=text,
            bounds=bounds_words(rule),
            example=_example(rule),
        ),
        rule.id,
    )


def window_of(text: str) -> Window:
    """A canonical window text ("3 months", "14 days", "6 weeks") as a ``Window``."""
    amount, unit = text.split()
    number = int(amount)
    if unit.startswith("month"):
        return Window(months=number)
    return Window(days=number * (7 if unit.startswith("week") else 1))


def _number(rule: RuleDefinition, text: str) -> float:
    """The value as a number in the rule's own unit, or ``InvalidInput`` for a wrong unit."""
    if rule.kind == FITZPATRICK and text.strip().upper() in _ROMAN:
        return _ROMAN[text.strip().upper()]
    amount, unit = _amount(rule, text)
    expected = {DEPTH: ("mm", ""), COUNT: ("",), FITZPATRICK: ("",), WEEKS: ("weeks",)}
    if rule.kind == WINDOW:
        if unit not in ("days", "weeks", "months") or amount != int(amount):
            raise _refused(rule, text, _("{rule} ({label}): '{text}' is not a whole number of "
                                         "days, weeks or months; allowed: {bounds}."))  # fmt: skip
        return window_of(f"{int(amount)} {unit}").nominal_days
    if rule.kind == HOURS:
        if unit not in ("hours", "days") or amount != int(amount):
            raise _refused(rule, text, _("{rule} ({label}): '{text}' is not a whole number of "
                                         "hours; allowed: {bounds}."))  # fmt: skip
        return amount * (24 if unit == "days" else 1)
    if unit not in expected[rule.kind]:
        raise _refused(rule, text, _("{rule} ({label}): '{text}' is in the wrong unit; "
                                     "allowed: {bounds}."))  # fmt: skip
    if rule.kind != DEPTH and amount != int(amount):
        raise _refused(rule, text, _("{rule} ({label}): '{text}' is not a whole number; "
                                     "allowed: {bounds}."))  # fmt: skip
    return amount


def within_bounds(rule: RuleDefinition, canonical: str) -> bool:
    """Whether a canonical value lies within the rule's bounds as shipped now (a value the
    clinic set under an earlier revision may not)."""
    if rule.choices:
        return canonical in rule.choices
    assert rule.low is not None and rule.high is not None
    return _between(rule, canonical, rule.low, rule.high)


def within_earlier_bounds(rule: RuleDefinition, canonical: str) -> bool:
    """Whether a canonical value lies within the bounds of an earlier revision."""
    return any(_between(rule, canonical, low, high) for low, high in rule.earlier)


def _between(rule: RuleDefinition, canonical: str, low: str, high: str) -> bool:
    value = _number(rule, canonical)
    return _number(rule, low) - 1e-9 <= value <= _number(rule, high) + 1e-9


def parse_value(rule: RuleDefinition, text: str, *, check_bounds: bool = True) -> str:
    """The canonical text for ``text`` as a value of ``rule``; ``InvalidInput`` naming the
    rule and its bounds for a value in the wrong unit or outside the bounds (the bounds are
    left unchecked with ``check_bounds=False``: a stored value set under an earlier
    revision is read as it is, and flagged)."""
    text = str(text).strip()
    if rule.choices:
        choice = text if text in rule.choices else choice_of_words(text)
        if choice not in rule.choices:
            raise _refused(rule, text, _("{rule} ({label}): '{text}' is not one of the "
                                         "choices; allowed: {bounds}."))  # fmt: skip
        return str(choice)
    value = _number(rule, text)
    assert rule.low is not None and rule.high is not None
    low, high = _number(rule, rule.low), _number(rule, rule.high)
    if check_bounds and not low - 1e-9 <= value <= high + 1e-9:
        raise _refused(rule, text, _("{rule} ({label}): '{text}' is outside the bounds; "
                                     "allowed: {bounds}."))  # fmt: skip
    if rule.kind == WINDOW:
        amount, unit = _amount(rule, text)
        return f"{int(amount)} {unit}"
    if rule.kind == DEPTH:
        return _mm(value)
    if rule.kind == HOURS:
        return f"{int(value)} hours"
    if rule.kind == WEEKS:
        return _weeks(int(value))
    if rule.kind == FITZPATRICK:
        return _ROMAN_OF[int(value)]
    return str(int(value))


def _weeks(count: int) -> str:
    return f"{count} week" + ("s" if count != 1 else "")


def numeric(rule: RuleDefinition, canonical: str) -> float:
    """A canonical value as a number in the rule's unit (days for windows)."""
    return _number(rule, canonical)


def _checklist_rules(checklist: Checklist) -> list[RuleDefinition]:
    rules: list[RuleDefinition] = []
    for group in checklist.groups:
        for q in group.questions:
            sources = checklist.rule_sources(q.id)
            label = q.text.rstrip("?")
            if q.kind is QuestionKind.DATE and q.bounds is not None and q.window is not None:
                earlier = tuple(
                    (_window_text(low), _window_text(high)) for low, high in q.earlier_bounds
                )
                rules.append(
                    RuleDefinition(
                        q.id, label, WINDOW, _window_text(q.window),
                        _window_text(q.bounds[0]), _window_text(q.bounds[1]), (), sources,
                        earlier=earlier,
                    )
                )  # fmt: skip
            if q.configurable_outcomes:
                # a dated question's id already names its window
                own = q.kind is not QuestionKind.DATE or q.bounds is None
                rules.append(
                    RuleDefinition(
                        q.id if own else f"{q.id}_outcome",
                        label if own else f"{label}: outcome",
                        OUTCOME, q.outcome.value,
                        choices=tuple(o.value for o in q.configurable_outcomes), sources=sources,
                        question=q.id,
                    )
                )  # fmt: skip
            if q.zones_configurable:
                rules.append(
                    RuleDefinition(
                        "cold_sore_zones" if q.id == "cold_sore_history" else f"{q.id}_zones",
                        f"{label}: zones where it applies",
                        SCOPE,
                        q.zones or "perioral",
                        choices=("perioral", "facial"),
                        sources=sources,
                    )
                )
    return rules


def _treatment_rules() -> list[RuleDefinition]:
    data = load_toml("treatment.toml")
    words = reference.treatment_sources()
    limits = data["limits"]
    configurable = data.get("configurable", {})
    rules: list[RuleDefinition] = []
    kinds = {
        "passes_max": COUNT,
        "pigmented_skin_min_fitzpatrick": FITZPATRICK,
        "pigmented_skin_depth_warn_mm": DEPTH,
        "pigmented_skin_passes_warn": COUNT,
        "sweat_window_hours": HOURS,
        "scalp_products_hours": HOURS,
    }
    for key, row in configurable.items():
        kind = kinds[key]
        default = row.get("default", limits.get(key))

        def text(value: object, kind: str = kind) -> str:
            if kind == DEPTH:
                return _mm(float(value))  # type: ignore[arg-type]
            if kind == HOURS:
                return f"{value} hours"
            if kind == FITZPATRICK:
                return _ROMAN_OF[int(value)]  # type: ignore[call-overload]
            return str(value)

        rules.append(
            RuleDefinition(
                key, row["label"], kind, text(default), text(row["min"]), text(row["max"]),
                (), tuple(words.get(s, s) for s in row.get("sources", ())),
            )
        )  # fmt: skip
    previous = 0.0
    for row in data["intervals"]:
        depth = float(row["max_depth_mm"])
        rules.append(
            RuleDefinition(
                interval_rule_id(depth, last=row is data["intervals"][-1]),
                f"Interval after a session deeper than {reference.format_mm(previous)} mm "
                f"and up to {reference.format_mm(depth)} mm",
                WEEKS, _weeks(row["weeks"]), _weeks(row["min_weeks"]),
                _weeks(row["max_weeks"]), (),
                tuple(words.get(s, s) for s in row.get("sources", ())),
            )
        )  # fmt: skip
        previous = depth
    low, high = _mm(limits["depth_min_mm"]), _mm(limits["depth_max_mm"])
    for zone in reference.zones().values():
        sources = tuple(words.get(s, s) for s in zone.sources)
        values = [("typical_min_mm", "typical depth from", zone.typical_min_mm),
                  ("typical_max_mm", "typical depth up to", zone.typical_max_mm),
                  ("warn_above_mm", "warn above", zone.warn_above_mm)]  # fmt: skip
        for key, words_of, value in values:
            if value is None:
                continue
            rules.append(
                RuleDefinition(
                    f"zone_{zone.id}_{key}", f"{zone.name}: {words_of}", DEPTH, _mm(value),
                    low, high, (), sources,
                )
            )  # fmt: skip
    return rules


def interval_rule_id(max_depth_mm: float, last: bool = False) -> str:
    return "interval_deeper" if last else f"interval_up_to_{str(max_depth_mm).replace('.', '_')}_mm"


@cache
def catalogue() -> dict[str, RuleDefinition]:
    """Every configurable value by rule id, in the order the rule sheet lists them."""
    rules = _checklist_rules(default_checklist()) + _treatment_rules()
    return {rule.id: rule for rule in rules}


def definition(rule_id: str) -> RuleDefinition:
    """The rule with this id, or ``InvalidInput`` listing where to find the ids."""
    try:
        return catalogue()[rule_id]
    except KeyError:
        raise InvalidInput(
            _(
                "Unknown rule '{rule}'. `chairside rules show` lists every rule a clinic may set."
            ).format(rule=rule_id),
            "rule_id",
        ) from None


__all__ = [
    "RuleDefinition",
    "catalogue",
    "definition",
    "numeric",
    "parse_value",
    "window_of",
    "within_bounds",
    "within_earlier_bounds",
]
