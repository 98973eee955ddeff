"""Labels that come from data, in the practitioner's language.

Zone names, concerns, skin types, Fitzpatrick descriptions and the other pick lists are
written in English in ``resources/treatment.toml`` and ``picklists.toml``, where their ids
are what is stored. On screen they are shown in the interface's language
(``assistant.text.i18n.current_language``) from ``resources/labels-CODE.toml``, looked up by
kind and id; a label missing there stays in English. Stored values and exports keep the
ids and the English words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from functools import cache

from assistant import reference
from assistant.audit.words import ENTITY_WORDS
from assistant.resources import load_toml_file, resource_path
from assistant.text.i18n import current_language
from assistant.text.languages import LANGUAGES

# The product kinds are fixed in code (assistant.clinic.store.PRODUCT_KINDS); their English words.
PRODUCT_KIND_WORDS = {
    "serum": "Serum",
    "glide": "Glide",
    "anaesthetic": "Anaesthetic",
    "post_care": "Post-care",
    "prp": "PRP",
}
# The words of the clinical rules' values that Settings › Clinical rules shows in the
# practitioner's language ([rule_units] and [rule_choices]). The rules' own labels are
# looked up with the rule's English label as the default (``assistant.rules.words``), so
# this module needs nothing of the rules.
RULE_UNITS = ("day", "days", "week", "weeks", "month", "months", "hour", "hours", "and", "or")
RULE_CHOICES = ("not_suitable", "caution", "defer", "perioral", "facial")


def _choices(choices: tuple[reference.Choice, ...]) -> dict[str, str]:
    return {c.id: c.label for c in choices}


def _rule_units() -> dict[str, str]:
    return {word: word for word in RULE_UNITS}


def _rule_choices() -> dict[str, str]:
    return {choice: choice for choice in RULE_CHOICES}


def _session_fields() -> dict[str, str]:
    # only when asked for: the session record is off the first screen's path
    from assistant.sessions.record import SessionDraft, field_label

    return {f.name: field_label(f.name) for f in fields(SessionDraft)}


def _languages() -> dict[str, str]:
    return {code: lang.name for code, lang in LANGUAGES.items()}


def _day(kind: str) -> Mapping[str, str]:
    # the day's vocabulary only when the day's labels are read
    from assistant.day.vocabulary import choices

    return choices(kind)


# Each kind is read when first asked for: the patient form's concerns need neither the
# session record nor the clinical rules (loading those cost the window 80 ms at start).
_ENGLISH: dict[str, Callable[[], Mapping[str, str]]] = {
    "zones": lambda: {z.id: z.name for z in reference.zones().values()},
    "zone_notes": lambda: {z.id: z.notes for z in reference.zones().values() if z.notes},
    "endpoints": lambda: _choices(reference.endpoints()),
    "fitzpatrick": lambda: _choices(reference.fitzpatrick_types()),
    "skin_type": lambda: _choices(reference.skin_types()),
    "concerns": lambda: _choices(reference.concerns()),
    "glogau": lambda: _choices(reference.glogau_types()),
    "product_kinds": lambda: dict(PRODUCT_KIND_WORDS),
    "audit_records": lambda: dict(ENTITY_WORDS),
    "phrases": lambda: {"per_sub_area": "per sub-area"},
    "languages": _languages,
    "rule_units": _rule_units,
    "rule_choices": _rule_choices,
    "session_fields": _session_fields,
    # The complications register and the follow-up calls (resources/day.toml).
    "complication_kinds": lambda: _day("complication_kinds"),
    "severities": lambda: _day("severities"),
    "complication_outcomes": lambda: _day("complication_outcomes"),
    "followup_outcomes": lambda: _day("followup_outcomes"),
    "regulators": lambda: _day("regulators"),
}


@cache
def english_kind(kind: str) -> Mapping[str, str]:
    """The labels of one kind as the data files write them (English); empty for an unknown
    kind."""
    build = _ENGLISH.get(kind)
    return build() if build is not None else {}


def english_labels() -> Mapping[str, Mapping[str, str]]:
    """Every label of the data by kind and id, as the data files write them (English)."""
    return {kind: english_kind(kind) for kind in _ENGLISH}


@cache
def translated_labels(code: str) -> Mapping[str, Mapping[str, str]]:
    """The labels of ``resources/labels-CODE.toml`` by kind and id, with the zone names of
    the language's aftercare sheet (``resources/aftercare-CODE.toml``: one list of zone
    names per language, so the screen, the handout and the consent agree); empty for
    English or a language with neither file."""
    if code == "en":
        return {}
    tables: dict[str, Mapping[str, str]] = {}
    path = resource_path(f"labels-{code}.toml")
    if path.is_file():
        tables = {
            str(kind): {str(key): str(text) for key, text in table.items()}
            for kind, table in load_toml_file(path).items()
            if isinstance(table, dict)
        }
    handout = resource_path(f"aftercare-{code}.toml")
    zones = load_toml_file(handout).get("zones", {}) if handout.is_file() else {}
    if isinstance(zones, dict) and zones:
        tables["zones"] = {str(key): str(text).strip() for key, text in zones.items()}
    return tables


def data_label(
    kind: str, key: object, code: str | None = None, default: str | None = None
) -> str:
    """The label of ``key`` (a zone id, a concern id, a Fitzpatrick type…) in the list
    ``kind`` in the language ``code`` (by default the practitioner's); the English label when
    there is no translation, and ``default`` (or the key itself) when the data does not know
    it."""
    key = str(key)
    translated = translated_labels(code or current_language()).get(kind, {}).get(key)
    if translated:
        return translated
    english = english_kind(kind).get(key)
    if english is not None:
        return english
    return default if default is not None else key


def typical_range(zone: reference.Zone, code: str | None = None) -> str:
    """A zone's typical depth as the practitioner reads it, in their language."""
    if zone.typical_min_mm is None or zone.typical_max_mm is None:
        return data_label("phrases", "per_sub_area", code)
    return zone.typical_range
