"""Dates on the aftercare sheet: the timeline's real moments and their wording in the sheet's
language (``languages``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.aftercare.sheet import AftercareSheet
from assistant.aftercare.template import AftercareTemplate, Offset
from assistant.text.languages import format_day, format_moment

# The English phrasing, for a step worded without a template.
_ENGLISH_WHEN = {
    "when_until": "Until {end}",
    "when_from_until": "From {start} until {end}",
    "when_prescribed": "As prescribed",
    "when_from_prescribed": "From {start}, as prescribed",
}


@dataclass(frozen=True)
class TimelineStep:
    text: str
    start: datetime  # naive local wall time
    end: datetime | None  # None: as prescribed
    from_treatment: bool  # starts as soon as the treatment ends

    def when(
        self, treated_at: datetime, template: AftercareTemplate | None = None, language: str = "en"
    ) -> str:
        """The period in words: "Until Wednesday 25 November, 18:30" or "From … until …", in
        the template's phrasing and the language's dates."""
        phrases = template.headings if template is not None else _ENGLISH_WHEN
        year = treated_at.year
        start = format_moment(self.start, language, year)
        if self.end is None:
            key = "when_prescribed" if self.from_treatment else "when_from_prescribed"
            return phrases[key].format(start=start, end="")
        end = format_moment(self.end, language, year)
        key = "when_until" if self.from_treatment else "when_from_until"
        return phrases[key].format(start=start, end=end)


def _shift(moment: datetime, offset: Offset, tz: ZoneInfo | None) -> datetime:
    if offset.unit == "d":
        return moment + timedelta(days=offset.amount)  # same wall time on a later day
    if offset.amount == 0:
        return moment
    if tz is None:
        # Naive datetimes are local time for timestamp()/fromtimestamp(): the C library applies
        # the system's daylight-saving rules, on every platform.
        return datetime.fromtimestamp(moment.timestamp() + offset.amount * 3600)
    elapsed = moment.replace(tzinfo=tz).astimezone(UTC) + timedelta(hours=offset.amount)
    return elapsed.astimezone(tz).replace(tzinfo=None)


def timeline(
    sheet: AftercareSheet, template: AftercareTemplate, tz: ZoneInfo | None = None
) -> list[TimelineStep]:
    """Each step with real start and end times (``tz`` defaults to the system's zone)."""
    start = sheet.treated_at.replace(tzinfo=None)
    conditions = {"cold_sore_caution": sheet.cold_sore_caution}
    rules = {
        "sweat_window_hours": sheet.sweat_window_hours,
        "scalp_products_hours": sheet.scalp_products_hours,
    }
    areas = sheet.areas
    result = []
    for step in template.steps:
        if step.only_when is not None and not conditions.get(step.only_when, False):
            continue
        if areas.isdisjoint(step.areas):
            continue
        end = step.end
        hours = rules.get(step.follows) if step.follows is not None else None
        if hours is not None:
            end = Offset(hours, "h")
        result.append(
            TimelineStep(
                text=step.text,
                start=_shift(start, step.start, tz),
                end=_shift(start, end, tz) if end is not None else None,
                from_treatment=step.start.amount == 0,
            )
        )
    return result


def next_appointment_text(sheet: AftercareSheet, template: AftercareTemplate) -> str:
    if sheet.next_appointment_at is not None:
        return template.next_on_date.format(
            date=format_moment(sheet.next_appointment_at, sheet.language)
        )
    if sheet.next_session is not None:
        return template.next_on_date.format(date=format_day(sheet.next_session, sheet.language))
    if sheet.interval_weeks:
        due = sheet.treated_at.date() + timedelta(weeks=sheet.interval_weeks)
        monday = due - timedelta(days=due.weekday())
        return template.next_book_week.format(week=format_day(monday, sheet.language))
    return template.next_unknown
