"""The patient's record in words for the PDF export: stored codes as their labels ("fine_lines"
-> "Fine lines", Fitzpatrick 2 -> "II: burns easily, tans minimally") and dates as people
read them, times in local time ("17 November 2026", "Tuesday 17 November 2026, 10:30").
The JSON export keeps the stored values; only the readable summary uses these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from assistant import reference
from assistant.audit.words import field_words
from assistant.checklist import Outcome
from assistant.text.dates import format_day, format_moment
from assistant.text.labels import PRODUCT_KIND_WORDS
from assistant.text.languages import LANGUAGES

# Calendar dates (no time of day).
DATE_KEYS = frozenset(
    {
        "date_of_birth",
        "assessed_on",
        "defer_until",
        "cartridge_expiry",
        "next_session_date",
        "expiry_date",
        "consent_date",
    }
)
# Times of the treatment as the practitioner entered them (wall clock, not UTC).
WALL_CLOCK_KEYS = frozenset({"treated_at", "ended_at"})
STATE_WORDS = {"draft": "Draft", "signed": "Signed", "discarded": "Discarded"}
KIND_WORDS = PRODUCT_KIND_WORDS


def _labels(choices: Any) -> dict[str, str]:
    return {c.id: c.label for c in choices}


def local_moment(stored_utc: datetime) -> datetime:
    """A system time (stored as naive UTC) in this computer's local time."""
    return stored_utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.rstrip("Z"))
        except ValueError:
            return None
    return None


def _as_date(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def in_words(key: str, value: Any) -> Any:
    """``value`` of the stored field ``key`` as a reader expects it; unknown values as they
    are (nothing is hidden)."""
    if value is None or value == "" or value == []:
        return value
    if isinstance(value, list):
        return [in_words(key, v) for v in value]
    if key in DATE_KEYS:
        day = _as_date(value)
        return format_day(day) if day else value
    if key.endswith("_at") or key == "at":
        moment = _as_datetime(value)
        if moment is None:
            return value
        return format_moment(moment if key in WALL_CLOCK_KEYS else local_moment(moment))
    if key == "fitzpatrick":
        return _labels(reference.fitzpatrick_types()).get(str(value), value)
    if key == "skin_type":
        return _labels(reference.skin_types()).get(str(value), value)
    if key == "concerns":
        return _labels(reference.concerns()).get(str(value), value)
    if key in ("zone", "zones"):
        zone = reference.zones().get(str(value))
        return zone.name if zone else value
    if key == "endpoint":
        return _labels(reference.endpoints()).get(str(value), value)
    if key == "outcome":
        try:
            return Outcome(str(value)).label
        except ValueError:
            return value
    if key == "state":
        return STATE_WORDS.get(str(value), value)
    if key == "kind":
        return KIND_WORDS.get(str(value), value)
    if key == "field":
        return field_words(str(value))
    if key == "language":
        known = LANGUAGES.get(str(value))
        return known.name if known else value
    if key == "large_print":
        return "Yes" if value else "No"
    return value
