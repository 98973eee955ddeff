"""The booked visit as a QR code of its calendar event: what the dialog draws decodes (zbar,
as a phone's camera would) to the same VEVENT as the calendar file — the clinic, the time and
place, and nothing about the patient's health."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from pytestqt.qtbot import QtBot

from assistant.clinic import store as clinic
from assistant.clinic.profile import ClinicProfile
from assistant.day.appointments import patient_appointments
from assistant.day.calendar import appointment_calendar_text
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database
from tests.consent_support import give_consent
from tests.day_support import sign
from tests.sessions_support import make_clinic
from ui.day.booking_dialog import BookingDialog
from ui.tasks import TaskRunner

TREATED = datetime.combine(date.today() - timedelta(days=3), time(10, 30))  # at 1.5 mm
SAFE = TREATED.date() + timedelta(weeks=4)


def decoded(picture: Path) -> str:
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbar-tools is not installed")
    read = subprocess.run([zbarimg, "-q", "--raw", str(picture)], capture_output=True, check=True)
    return read.stdout.decode("utf-8").strip()


def event_of(text: str) -> dict[str, str]:
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    return {key: value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
            for key, value in event.items() if key != "DTSTAMP"}  # fmt: skip


def test_the_booked_visit_shows_a_qr_code_of_its_calendar_event(
    qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    c = make_clinic(db)
    clinic.save_clinic(db, ClinicProfile(name="Clínica Lumen", address="12 High Street\nBath",
                       phone="01225 000000"), None)  # fmt: skip
    patient = create_patient(db, PatientDetails(first_name="Zoë", last_name="Łukasiewicz",
                             date_of_birth=date(1990, 3, 4), language="es"), None).id  # fmt: skip
    give_consent(db, patient, c.practitioner, c.device, signed_on=TREATED.date() - timedelta(10))
    sign(db, c, patient, TREATED, course_number=1, course_total=4)

    dialog = BookingDialog(db, runner, patient, c.practitioner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.qr_code.isVisible()  # nothing to scan before the visit is booked
    dialog.note.setText("Rosacea flare, check isotretinoin")
    dialog.book_button.click()
    (booked,) = patient_appointments(db, patient)
    assert dialog.qr_code.isVisible() and dialog.qr_label.isVisible()
    assert dialog.ics_button.isVisible()

    picture = tmp_path / "visit.png"
    dialog.qr_code.grab().save(str(picture))
    text = decoded(picture)
    assert "BEGIN:VEVENT" in text and "END:VEVENT" in text
    assert event_of(text) == event_of(appointment_calendar_text(db, booked.id))
    event = event_of(text)
    assert event["DTSTART"] == f"{SAFE:%Y%m%d}T100000"
    assert "Clínica Lumen" in text and event["LOCATION"] == r"12 High Street\, Bath"
    for health in ("Rosacea", "isotretinoin", "1.5", "mm", "Zoë", "Łukasiewicz"):
        assert health not in text
