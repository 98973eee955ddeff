"""Reading the checklist from ``resources/checklist.toml``, checking everything the engine
could misread, and finding the revision that produced a stored verdict."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from assistant.checklist.model import (
    RULE_OUTCOMES,
    After,
    Checklist,
    Choice,
    FactRule,
    Group,
    Outcome,
    Question,
    QuestionKind,
    Variant,
    Window,
)
from assistant.errors import InvalidInput
from assistant.resources import load_toml_file, resource_path

log = logging.getLogger("assistant.checklist")

CHECKLIST_RESOURCE = "checklist.toml"

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
    help_text = row.get("help", "")
    if not isinstance(help_text, str):
        raise InvalidInput(f"checklist.toml: {where} 'help' must be a text.", "help")
    earlier = row.get("earlier_bounds", [])
    if not isinstance(earlier, list) or (earlier and bounds is None):
        raise InvalidInput(
            f"checklist.toml: {where}: 'earlier_bounds' is a list, beside 'bounds'.",
            "earlier_bounds",
        )
    earlier_bounds = tuple(
        (low, high)
        for value in earlier
        for low, high in [
            (_window(value, where, "min"), _window(value, where, "max"))
            if isinstance(value, dict) else (None, None)
        ]
        if low is not None and high is not None
    )  # fmt: skip
    if len(earlier_bounds) != len(earlier):
        raise InvalidInput(
            f"checklist.toml: {where}: each of 'earlier_bounds' is {{ min = …, max = … }}.",
            "earlier_bounds",
        )
    return Question(
        earlier_bounds=earlier_bounds,
        help=help_text.strip(),
        after=_after(row, where, window),
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


def _after(row: Mapping[str, Any], where: str, window: Window | None) -> After | None:
    value = row.get("after")
    if value is None:
        return None
    after_window = _window(value, where, "window") if isinstance(value, dict) else None
    if window is None or after_window is None or (
        after_window.nominal_days <= window.nominal_days
    ):
        raise InvalidInput(
            f"checklist.toml: {where}: 'after' needs a window longer than the rule's own.",
            "after",
        )
    return After(
        after_window,
        _outcome(value, f"{where} 'after'"),
        _text(value, "message", f"{where} 'after'"),
        _actions(value, f"{where} 'after'"),
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


@cache
def checklist_texts(code: str) -> Mapping[str, str]:
    """The checklist's texts in the language ``code`` (English text -> translation), from
    ``resources/checklist-texts-CODE.toml``; empty for English or a language without one."""
    path = resource_path(f"checklist-texts-{code}.toml")
    if code == "en" or not path.is_file():
        return {}
    texts = load_toml_file(path).get("texts", {})
    return {str(k): str(v) for k, v in texts.items()} if isinstance(texts, dict) else {}


def translated_checklist(checklist: Checklist, code: str) -> Checklist:
    """``checklist`` with its questions, reasons, actions and group titles in the language
    ``code`` (texts without a translation stay in English); ids, outcomes, windows and
    sources are unchanged, so answers and verdicts mean the same."""
    texts = checklist_texts(code)
    if not texts:
        return checklist

    def t(text: str) -> str:
        return texts.get(text, text)

    def actions(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t(value) for value in values)

    def question(q: Question) -> Question:
        return replace(
            q,
            language=code,
            text=t(q.text),
            message=t(q.message),
            actions=actions(q.actions),
            options=tuple(
                replace(o, label=t(o.label), message=t(o.message) if o.message else o.message,
                        actions=actions(o.actions))
                for o in q.options
            ),  # fmt: skip
            variants={
                k: replace(v, message=t(v.message), actions=actions(v.actions))
                for k, v in q.variants.items()
            },
            help=t(q.help) if q.help else q.help,
            after=replace(q.after, message=t(q.after.message), actions=actions(q.after.actions))
            if q.after else None,
        )

    questions = {qid: question(q) for qid, q in checklist.questions.items()}
    groups = tuple(
        replace(g, title=t(g.title), questions=tuple(questions[q.id] for q in g.questions))
        for g in checklist.groups
    )
    fact_rules = tuple(
        replace(f, message=t(f.message), actions=actions(f.actions)) for f in checklist.fact_rules
    )
    return replace(checklist, groups=groups, fact_rules=fact_rules, questions=questions)
