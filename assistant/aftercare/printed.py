"""The aftercare sheet as it prints, resolved before it is laid out: every step with its real
dates, the signs to call the clinic about, the numbers to call, and the next appointment.

``printed_sheet`` builds it from the sheet's facts (``AftercareSheet``) and the wording of
its language (``AftercareTemplate``); the PDF (``layout.story``) draws only what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.aftercare.dates import TimelineStep, timeline
from assistant.aftercare.sheet import AftercareSheet
from assistant.aftercare.template import AftercareTemplate
from assistant.text.languages import format_day, format_moment


@dataclass(frozen=True)
class Phone:
    """A number to call, with its label in the sheet's language ("Phone", "Out of hours")."""

    label: str
    number: str
    out_of_hours: bool = False


@dataclass(frozen=True)
class NextAppointment:
    """When the patient comes back: the booked appointment (``at``), the day chosen for the
    next session (``on``), or the week to book in (``book_week_of``, its Monday, from the
    interval the record implies); none of them when nothing is known. ``words``: as printed."""

    words: str
    at: datetime | None = None
    on: date | None = None
    book_week_of: date | None = None


@dataclass(frozen=True)
class PrintedSheet:
    """Everything the PDF prints for one sheet."""

    sheet: AftercareSheet
    template: AftercareTemplate
    steps: tuple[TimelineStep, ...]  # real start and end moments, in the template's order
    normal: tuple[str, ...]  # what is normal after the treatment
    warning_signs: tuple[str, ...]  # when to call the clinic
    phones: tuple[Phone, ...]  # the clinic's numbers that are filled in, day first
    next_appointment: NextAppointment


def next_appointment(sheet: AftercareSheet, template: AftercareTemplate) -> NextAppointment:
    """The next appointment as the sheet states it: a booked time wins over the chosen day,
    which wins over the week the interval points to."""
    if sheet.next_appointment_at is not None:
        at = sheet.next_appointment_at
        words = template.next_on_date.format(date=format_moment(at, sheet.language))
        return NextAppointment(words, at=at)
    if sheet.next_session is not None:
        words = template.next_on_date.format(date=format_day(sheet.next_session, sheet.language))
        return NextAppointment(words, on=sheet.next_session)
    if sheet.interval_weeks:
        due = sheet.treated_at.date() + timedelta(weeks=sheet.interval_weeks)
        monday = due - timedelta(days=due.weekday())
        words = template.next_book_week.format(week=format_day(monday, sheet.language))
        return NextAppointment(words, book_week_of=monday)
    return NextAppointment(template.next_unknown)


def next_appointment_text(sheet: AftercareSheet, template: AftercareTemplate) -> str:
    return next_appointment(sheet, template).words


def printed_sheet(
    sheet: AftercareSheet, template: AftercareTemplate, tz: ZoneInfo | None = None
) -> PrintedSheet:
    """``sheet`` in ``template``'s words with its dates resolved (``tz``: the clinic's zone,
    the system's by default)."""
    headings = template.headings
    numbers = (
        Phone(headings["phone"], sheet.clinic.phone.strip()),
        Phone(headings["out_of_hours"], sheet.clinic.out_of_hours_phone.strip(), True),
    )
    return PrintedSheet(
        sheet=sheet,
        template=template,
        steps=tuple(timeline(sheet, template, tz)),
        normal=tuple(template.normal),
        warning_signs=tuple(template.call_clinic),
        phones=tuple(phone for phone in numbers if phone.number),
        next_appointment=next_appointment(sheet, template),
    )
