"""The aftercare sheet as it prints is typed data (``PrintedSheet``): every step with its real
dates, the warning signs, the numbers to call and the next appointment, resolved before the
PDF lays them out; the PDF prints what it holds."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from assistant.aftercare import (
    NextAppointment,
    Phone,
    PrintedSheet,
    TimelineStep,
    load_template,
    printed_sheet,
    render_printed,
    render_sheet,
    timeline,
)
from tests.test_aftercare_pdf import LONDON, make_clinic, make_sheet, pdf_text


def test_the_printed_sheet_holds_typed_values() -> None:
    template = load_template()
    sheet = make_sheet()
    printed = printed_sheet(sheet, template, LONDON)
    assert isinstance(printed, PrintedSheet)
    assert printed.steps == tuple(timeline(sheet, template, LONDON))
    assert printed.steps and all(isinstance(step, TimelineStep) for step in printed.steps)
    assert all(isinstance(step.start, datetime) for step in printed.steps)
    assert printed.steps[0].start == sheet.treated_at
    assert printed.warning_signs == template.call_clinic and printed.warning_signs
    assert printed.normal == template.normal
    assert printed.phones == (
        Phone("Phone", "020 7946 0321"),
        Phone("Out of hours", "07700 900123", out_of_hours=True),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        printed.phones = ()  # type: ignore[misc]


def test_only_the_numbers_filled_in_are_printed() -> None:
    sheet = make_sheet(clinic=make_clinic(phone="  ", out_of_hours_phone="07700 900123"))
    printed = printed_sheet(sheet, load_template(), LONDON)
    assert printed.phones == (Phone("Out of hours", "07700 900123", out_of_hours=True),)


def test_the_next_appointment_booked_chosen_or_the_week_to_book() -> None:
    template = load_template()
    booked = datetime(2026, 12, 22, 9, 30)
    chosen = date(2026, 12, 15)
    with_booking = make_sheet(next_appointment_at=booked, next_session=chosen)
    assert printed_sheet(with_booking, template, LONDON).next_appointment.at == booked
    with_day = printed_sheet(make_sheet(next_session=chosen), template, LONDON)
    assert with_day.next_appointment.on == chosen and with_day.next_appointment.at is None
    # 24 November 2026 + 4 weeks = Tuesday 22 December: book in the week of Monday 21st
    by_interval = printed_sheet(make_sheet(interval_weeks=4), template, LONDON)
    assert by_interval.next_appointment.book_week_of == date(2026, 12, 21)
    assert "21 December" in by_interval.next_appointment.words
    unknown = printed_sheet(make_sheet(interval_weeks=None), template, LONDON)
    assert unknown.next_appointment == NextAppointment(template.next_unknown)


def test_the_pdf_prints_what_the_printed_sheet_holds() -> None:
    template = load_template()
    sheet = make_sheet()
    printed = printed_sheet(sheet, template, LONDON)
    text = pdf_text(render_sheet(sheet, template, LONDON).data)
    assert printed.next_appointment.words.split(",")[0] in text
    for sign in printed.warning_signs[:2]:
        assert " ".join(sign.split()[:4]) in text
    for phone in printed.phones:
        assert phone.number in text
    # the layout reads nothing but the printed sheet: what it holds is what prints
    changed = dataclasses.replace(
        printed,
        warning_signs=("Call us if the redness spreads past the treated area.",),
        phones=(Phone("Phone", "0117 496 0999"),),
        next_appointment=NextAppointment("Come back on the day we agreed."),
    )
    data, pages = render_printed(changed)
    text = pdf_text(data)
    assert pages >= 1
    assert "Call us if the redness spreads past the treated area." in text
    assert "Come back on the day we agreed." in text
    assert "0117 496 0999" in text
    assert "07700 900123" not in text and "020 7946 0321" not in text
    assert printed.warning_signs[0] not in text
