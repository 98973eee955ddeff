"""Dates on the aftercare sheet: the timeline's real moments and their wording in English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.aftercare.sheet import AftercareSheet
from assistant.aftercare.template import AftercareTemplate, Offset
from assistant.dates import format_date, format_moment


@dataclass(frozen=True)
class TimelineStep:
    text: str
    start: datetime  # naive local wall time
    end: datetime | None  # None: as prescribed
    from_treatment: bool  # starts as soon as the treatment ends

    def when(self, treated_at: datetime) -> str:
        """The period in words: "Until Wednesday 25 November, 18:30" or "From … until …"."""
        if self.end is None:
            if self.from_treatment:
                return "As prescribed"
            return f"From {format_moment(self.start, treated_at.year)}, as prescribed"
        end = format_moment(self.end, treated_at.year)
        if self.from_treatment:
            return f"Until {end}"
        return f"From {format_moment(self.start, treated_at.year)} until {end}"


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
    result = []
    for step in template.steps:
        if step.only_when is not None and not conditions.get(step.only_when, False):
            continue
        end = step.end
        if step.follows == "sweat_window_hours" and sheet.sweat_window_hours is not None:
            end = Offset(sheet.sweat_window_hours, "h")
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
    if sheet.next_session is not None:
        return template.next_on_date.format(date=format_date(sheet.next_session))
    if sheet.interval_weeks:
        due = sheet.treated_at.date() + timedelta(weeks=sheet.interval_weeks)
        monday = due - timedelta(days=due.weekday())
        return template.next_book_week.format(week=format_date(monday))
    return template.next_unknown
