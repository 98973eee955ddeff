"""The languages handouts (the aftercare sheet, the consent) can be printed in, and dates
worded in each of them.

Dates come from CLDR through Babel ("miércoles, 25 de noviembre", "Thứ Tư, 25 tháng 11",
"11月25日星期三"), never from hand-written month names; English keeps the wording of
``assistant.text.dates`` ("Wednesday 25 November, 18:30").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_datetime, format_time, get_datetime_format, match_skeleton

from assistant.errors import InvalidInput
from assistant.text import dates as english


@dataclass(frozen=True)
class Language:
    code: str  # as stored on the patient and given to --language
    name: str  # in English, for the practitioner
    native: str  # in the language itself, for the patient
    locale: str  # Babel's locale for dates
    family: str  # assistant.pdf.families
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "RTL" if self.rtl else "LTR"


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English", "en_GB", "noto"),
        Language("es", "Spanish", "Español", "es", "noto"),
        Language("fr", "French", "Français", "fr", "noto"),
        Language("de", "German", "Deutsch", "de", "noto"),
        Language("pl", "Polish", "Polski", "pl", "noto"),
        Language("pt", "Portuguese", "Português", "pt", "noto"),
        Language("vi", "Vietnamese", "Tiếng Việt", "vi", "noto"),
        Language("ar", "Arabic", "العربية", "ar", "noto", rtl=True),
        Language("zh", "Chinese (Simplified)", "简体中文", "zh_Hans_CN", "cjk"),
    )
}
DEFAULT_LANGUAGE = "en"


def available_languages() -> str:
    """The codes one may ask for, with their names: "en (English), es (Spanish), …"."""
    return ", ".join(f"{code} ({language.name})" for code, language in LANGUAGES.items())


def language(code: str | None) -> Language:
    """The language for ``code`` (case and region ignored: "es-MX" is Spanish); an unknown
    code is ``InvalidInput`` listing the available ones."""
    key = (code or DEFAULT_LANGUAGE).strip().lower().replace("_", "-").split("-")[0]
    if key not in LANGUAGES:
        raise InvalidInput(
            f"There are no handouts in the language '{code}'. "
            f"Available: {available_languages()}.",
            "language",
        )
    return LANGUAGES[key]


@cache
def babel_locale(locale: str) -> Locale:
    """Babel's locale, parsed once: every date on a sheet would parse it again."""
    return Locale.parse(locale)


@cache
def _date_pattern(locale: str, with_year: bool, weekday: bool = True) -> str:
    """The locale's pattern for a weekday (unless not ``weekday``), day and month (and
    year) in words."""
    skeletons = babel_locale(locale).datetime_skeletons
    skeleton = ("y" if with_year else "") + "MMMM" + ("EEEE" if weekday else "") + "d"
    pattern = str(skeletons[match_skeleton(skeleton, skeletons)].pattern)
    # CLDR's closest skeleton may abbreviate; the patient gets the words in full
    pattern = re.sub(r"(?<!E)E{1,3}(?!E)", "EEEE", pattern)
    pattern = re.sub(r"(?<!c)c{1,3}(?!c)", "cccc", pattern)
    pattern = re.sub(r"(?<!M)M{3}(?!M)", "MMMM", pattern)
    # a word the language puts between month and year ("tháng 7 năm 2026"): CLDR writes it
    # in the month-and-year pattern, not always in the closest full one
    month_year = str(skeletons.get("yMMMM", ""))
    word = re.search(r"MMMM\s*('[^']+')\s*y", month_year)
    if with_year and word and word.group(1) not in pattern:
        pattern = re.sub(r"MMMM,?\s*y", f"MMMM {word.group(1)} y", pattern)
    return pattern


def format_birth_date(day: date, code: str) -> str:
    """A date of birth in words, without its weekday: "12 April 1988", "12 tháng 4 năm 1988"."""
    lang = language(code)
    if lang.code == "en":
        return f"{day.day} {day:%B %Y}"
    pattern = _date_pattern(lang.locale, True, weekday=False)
    moment = datetime(day.year, day.month, day.day)
    return str(format_datetime(moment, pattern, locale=babel_locale(lang.locale)))


def format_day(day: date, code: str, with_year: bool = True) -> str:
    """The date in words in the language: "miércoles, 25 de noviembre de 2026"."""
    lang = language(code)
    if lang.code == "en":
        return english.format_date(day, with_year)
    moment = datetime(day.year, day.month, day.day)
    pattern = _date_pattern(lang.locale, with_year)
    return str(format_datetime(moment, pattern, locale=babel_locale(lang.locale)))


def format_moment(moment: datetime, code: str, reference_year: int | None = None) -> str:
    """Date and time in words in the language ("miércoles, 25 de noviembre, 18:30"), with the
    year when it is not ``reference_year``."""
    lang = language(code)
    if lang.code == "en":
        return english.format_moment(moment, reference_year)
    with_year = reference_year is None or moment.year != reference_year
    day = format_day(moment.date(), code, with_year)
    locale = babel_locale(lang.locale)
    time = format_time(moment, "short", locale=locale)
    return str(get_datetime_format("long", locale=locale)).format(time, day)
