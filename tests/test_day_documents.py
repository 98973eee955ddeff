"""What the day prints: the booked appointment on the aftercare sheet, the regulator's report
of a complication (its fields, never the patient's name) and the governance summary with its
charts."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta

from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing

from assistant.aftercare import next_appointment_text, render_pdf_bytes, template_for
from assistant.clinic import store as clinic
from assistant.clinic.profile import ClinicProfile
from assistant.day.appointments import BookingRequest, book_appointment
from assistant.day.calendar import appointment_ics, calendar_summary
from assistant.day.complications import ComplicationDetails, add_complication
from assistant.day.report import complication_report_pdf
from assistant.day.summary import build_summary, depth_band, summary_pdf, summary_story
from assistant.sessions import ZoneEntry, aftercare_sheet_for_session
from assistant.storage.db import Database
from tests.day_support import TODAY, sign, treated_patient
from tests.sessions_support import TREATED


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_aftercare_sheet_prints_the_booked_appointment(db: Database) -> None:
    t = treated_patient(db)
    sheet = aftercare_sheet_for_session(db, t.session)
    template, _warning = template_for(sheet)
    assert "15 December" not in next_appointment_text(sheet, template)
    book_appointment(db, BookingRequest(t.patient, datetime(2026, 12, 15, 16, 30)), None, TODAY)
    sheet = aftercare_sheet_for_session(db, t.session)
    assert sheet.next_appointment_at == datetime(2026, 12, 15, 16, 30)
    words = next_appointment_text(sheet, template)
    assert words == "Tuesday 15 December 2026, 16:30"
    assert words in pdf_text(render_pdf_bytes(sheet)).replace("\n", " ")
    spanish = replace(sheet, language="es")
    assert "15 de diciembre de 2026" in next_appointment_text(spanish, template_for(spanish)[0])


def test_the_calendar_file_says_the_visit_in_the_patients_language_only() -> None:
    from icalendar import Calendar

    from assistant.day.appointments import AppointmentInfo

    visit = AppointmentInfo(7, 1, datetime(2026, 12, 22, 10, 0), 60, None, 3, 4,
                            "Check the scar on the chin", "booked", None, None, None)  # fmt: skip
    profile = ClinicProfile(name="Lumen Skin", address="1 Rue Haute\nParis", email="a@b.fr")
    (event,) = Calendar.from_ical(appointment_ics(visit, profile, "fr")).walk("VEVENT")
    assert str(event["summary"]) == calendar_summary("fr") == "Rendez-vous de microneedling"
    assert str(event["organizer"]) == "mailto:a@b.fr"
    assert str(event["location"]) == "1 Rue Haute, Paris"
    assert "scar" not in appointment_ics(visit, profile, "fr").decode()
    assert calendar_summary("xx") == "Microneedling appointment"


def test_the_report_prints_the_regulators_fields_and_never_the_name(db: Database) -> None:
    t = treated_patient(db, "Marguerite", "Oyelaran")
    info = add_complication(
        db,
        t.session,
        ComplicationDetails("granuloma", date(2026, 11, 19), "severe", "Nodules at the jaw",
                            serious=True, treatment_given="Intralesional steroid",
                            udi="(01)00812345678905(17)270630(10)DP16-2611A"),
        t.clinic.practitioner,
        TODAY,
    )  # fmt: skip
    text = pdf_text(complication_report_pdf(db, info.id, TODAY))
    flat = " ".join(text.split())
    assert "Marguerite" not in text and "Oyelaran" not in text and "07700" not in text
    for field in (
        "MHRA Yellow Card",
        "FDA MedWatch Form 3500",
        "Age at the event 38 years",
        "Sex not recorded",
        "Date of event (onset) 2026-11-19",
        "Date of this report 2026-11-20",
        "Granuloma (foreign-body reaction)",
        "Brand name / manufacturer Dermapen",
        "Model 4",
        "Serial number DP4-1",
        "Lot number DP16-2611A",
        "(01)00812345678905(17)270630(10)DP16-2611A",
        "Cheeks 1.5 3",
        "Hyaluronic acid 1.5%",
        "Intralesional steroid",
        "Dr Naomi Clarke",
    ):
        assert field in flat, field


def test_the_summary_counts_and_draws_its_charts(db: Database) -> None:
    t = treated_patient(db)
    sign(db, t.clinic, t.patient, TREATED + timedelta(days=30),
         zones=(ZoneEntry("forehead", 0.25, 1, "8", "erythema"),))  # fmt: skip
    add_complication(db, t.session, ComplicationDetails("infection", date(2026, 11, 18),
                     "moderate"), None, TODAY)  # fmt: skip
    clinic.save_clinic(db, ClinicProfile(name="Lumen Skin"), None)
    summary = build_summary(db, date(2026, 11, 1), date(2026, 12, 31))
    assert summary.sessions == 2 and summary.complications == 1 and summary.per_100 == 50.0
    assert summary.sessions_by_month == {"2026-11": 1, "2026-12": 1}
    assert [(r.label, r.per_100) for r in summary.by_kind] == [("Infection (bacterial)", 50.0)]
    assert {r.label: (r.sessions, r.complications) for r in summary.by_depth} == {
        "≤ 0.5 mm": (1, 0),
        "≤ 1.5 mm": (1, 1),
    }
    assert [(r.label, r.per_100) for r in summary.by_lot] == [("DP16-2611A", 50.0)]
    story = summary_story(summary, 480, "Lumen Skin")
    assert sum(isinstance(f, Drawing) for f in story) == 7
    data = summary_pdf(db, date(2026, 11, 1), date(2026, 12, 31))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    text = pdf_text(data)
    assert "Okafor" not in text and "Amara" not in text
    assert "Complications per 100 sessions, by kind" in text
    assert [depth_band(d) for d in (0.5, 1.5, 1.6, None)] == [
        "≤ 0.5 mm", "≤ 1.5 mm", "> 1.5 mm", "no depth"]  # fmt: skip
