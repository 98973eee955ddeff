"""Dates and depths on screen, in the practitioner's language.

``assistant.text.dates`` words every date that is stored, printed or exported in English, the
same on every workstation. What the practitioner reads on screen (the checklist's header,
a deferral's date, the timeline, the patient list) follows the interface's language
(``assistant.text.i18n.current_language``) instead, worded by CLDR through Babel as the
handouts' dates are (``assistant.text.languages``): "miércoles, 4 de noviembre de 2026",
"4 nov 2026". In English, or a language Chairside has no dates for, these are exactly
``assistant.text.dates``'s words.

Never use these for anything written to a file, a PDF or the database.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import format_date, format_skeleton

from assistant.text import dates as english
from assistant.text.i18n import current_language
from assistant.text.languages import LANGUAGES, Language, babel_locale, format_day, format_moment


def _screen_language() -> Language | None:
    """The interface's language when its dates differ from the English ones."""
    code = current_language()
    if code == "en" or code not in LANGUAGES:
        return None
    return LANGUAGES[code]


def screen_date(day: date, with_year: bool = True) -> str:
    """The date in words: "miércoles, 4 de noviembre de 2026" ("Wednesday 4 November
    2026")."""
    lang = _screen_language()
    if lang is None:
        return english.format_date(day, with_year)
    return format_day(day, lang.code, with_year)


def screen_long_date(day: date) -> str:
    """A date in words with its year and weekday."""
    return screen_date(day, with_year=True)


def screen_day(day: date) -> str:
    """The date without its weekday: "4 de noviembre de 2026" ("4 November 2026")."""
    lang = _screen_language()
    if lang is None:
        return english.format_day(day)
    return str(format_date(day, "long", locale=babel_locale(lang.locale)))


def screen_short_date(day: date | datetime) -> str:
    """For tables and lists: "4 nov 2026" ("4 Nov 2026")."""
    lang = _screen_language()
    if lang is None:
        return english.format_short_date(day)
    plain = date(day.year, day.month, day.day)
    return str(format_skeleton("yMMMd", plain, locale=babel_locale(lang.locale)))


def screen_short_moment(moment: datetime, seconds: bool = False) -> str:
    """For tables and lists: "4 nov 2026 09:30" (with ``seconds``, "09:30:15")."""
    time = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    return f"{screen_short_date(moment)} {time}"


def screen_moment(moment: datetime, reference_year: int | None = None) -> str:
    """Date and time in words ("miércoles, 25 de noviembre, 18:30"), with the year when it
    is not ``reference_year``."""
    lang = _screen_language()
    if lang is None:
        return english.format_moment(moment, reference_year)
    return format_moment(moment, lang.code, reference_year)


def screen_month(day: date | datetime) -> str:
    """A month and its year, for an answer given as a month: "marzo de 2025" ("March
    2025")."""
    lang = _screen_language()
    locale = babel_locale(lang.locale if lang is not None else "en_GB")
    return str(format_skeleton("yMMMM", date(day.year, day.month, 1), locale=locale))


def _decimal_sign() -> str:
    """The decimal sign of the interface's language ("," in Spanish)."""
    lang = _screen_language()
    if lang is None:
        return "."
    # Babel's number data loads only when a screen in another language shows a depth
    from babel.numbers import get_decimal_symbol

    return str(get_decimal_symbol(babel_locale(lang.code)))


def screen_mm(value: float) -> str:
    """A depth on screen as practitioners write it (0.25, 1.5), with the decimal sign of the
    interface's language: "0,8" in Spanish. Never for anything stored, printed or exported
    (``assistant.reference.format_mm``)."""
    # the reference data only when a depth is shown
    from assistant.reference import format_mm

    return format_mm(value).replace(".", _decimal_sign())


# a depth or a range of depths: "0.8 mm", "0.25–0.5 mm" (never a version such as "2026.3")
_DEPTHS = re.compile(r"\d+(?:\.\d+)?(?:\s?[–-]\s?\d+(?:\.\d+)?)?\s?mm\b")


_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def screen_number(text: str) -> str:
    """A stored decimal number ("0.8") with the interface's decimal sign; anything else as
    it is."""
    return text.replace(".", _decimal_sign()) if _DECIMAL.match(text) else text


def screen_decimals(text: str) -> str:
    """Text the core worded with depths in millimetres ("0.8 mm is above 0.75 mm",
    "0.25–0.5 mm"), with the interface's decimal sign in them, for the screen only: a warning
    stored with a signed record keeps its own words, and only its display changes."""
    sign = _decimal_sign()
    if sign == ".":
        return text
    return _DEPTHS.sub(lambda depth: depth.group(0).replace(".", sign), text)
