"""Dates and times, parsed and written one way across Chairside.

Stored system times are naive UTC (``utcnow``). Dates shown in words ("Tuesday 24 November
2026") are English whatever the system locale, so a printed record reads the same on every
workstation.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from assistant.errors import InvalidInput

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def utcnow() -> datetime:
    """Current time as naive UTC, the form every ``*_at`` system column stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def format_date(day: date, with_year: bool = True) -> str:
    """The date in words, "Tuesday 24 November 2026", in English whatever the locale."""
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def format_long_date(day: date) -> str:
    """A date in words with its year: "Tuesday 23 February 2027"."""
    return format_date(day, with_year=True)


def format_moment(moment: datetime, reference_year: int | None = None) -> str:
    """Date and time in words, "Wednesday 25 November, 18:30" (with the year when it is not
    ``reference_year``)."""
    with_year = reference_year is None or moment.year != reference_year
    return f"{format_date(moment.date(), with_year)}, {moment:%H:%M}"


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years of age on a date. Someone born on 29 February turns a year older on
    1 March in common years."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def format_day(day: date) -> str:
    """The date without its weekday: "24 November 2026"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_short_date(day: date | datetime) -> str:
    """For tables and lists: "4 Nov 2026"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def format_short_moment(moment: datetime) -> str:
    """For tables and lists: "4 Nov 2026 09:30"."""
    return f"{format_short_date(moment)} {moment:%H:%M}"


def parse_date(value: object, field_name: str) -> date:
    """An ISO date (YYYY-MM-DD) or ``InvalidInput`` naming the field."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(
        f"{field_name}: '{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-24.",
        field_name,
    )


def parse_typed_date(text: str) -> date | None:
    """A date typed as 31/12/1990, 31.12.1990, 31-12-1990 or 1990-12-31.

    Returns None for an empty field; raises ValueError naming the problem otherwise.
    """
    text = text.strip()
    if not text:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    day_first = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif day_first:
        day, month, year = (int(g) for g in day_first.groups())
    else:
        raise ValueError("Type the date as day/month/year, e.g. 31/12/1990.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text} is not a real date.") from None
