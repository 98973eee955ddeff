"""The calendar file a patient takes home (RFC 5545, one ``VEVENT``, with ``icalendar``).

The clinic's name is the organiser, its address the location, and the summary says
"Microneedling appointment" in the patient's language; nothing about their health goes in
(no depths, zones, reasons or notes), since the file lives in the patient's own calendar."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress, vText

from assistant import __version__
from assistant.audit import trail as audit
from assistant.clinic.profile import ClinicProfile
from assistant.clinic.store import get_clinic
from assistant.day.appointments import AppointmentInfo, get_appointment
from assistant.output_files import write_private_file
from assistant.patients.store import get_patient
from assistant.resources import load_toml
from assistant.storage.db import Database


def calendar_summary(language: str) -> str:
    """ "Microneedling appointment" in ``language`` (English when there are no words)."""
    words = load_toml("day.toml")["calendar_summary"]
    return str(words.get(language) or words["en"])


def appointment_ics(
    appointment: AppointmentInfo,
    clinic: ClinicProfile,
    language: str,
    now: datetime | None = None,
) -> bytes:
    """The appointment as an ``.ics`` file: times are local wall time (floating), as booked."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Chairside//{__version__}//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@chairside")
    event.add("dtstamp", now or datetime.now().replace(microsecond=0))
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", calendar_summary(language))
    if clinic.name:
        organizer = vCalAddress(f"mailto:{clinic.email}" if clinic.email else "invalid:nomail")
        organizer.params["cn"] = vText(clinic.name)
        event["organizer"] = organizer
    if clinic.address:
        event.add("location", ", ".join(line.strip() for line in clinic.address.splitlines()
                                        if line.strip()))  # fmt: skip
    if clinic.phone:
        event.add("contact", f"{clinic.name} {clinic.phone}".strip())
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _ics_of(db: Database, appointment_id: int) -> tuple[AppointmentInfo, bytes]:
    appointment = get_appointment(db, appointment_id)
    patient = get_patient(db, appointment.patient_id)
    return appointment, appointment_ics(appointment, get_clinic(db), patient.details.language)


def appointment_calendar_text(db: Database, appointment_id: int) -> str:
    """What the QR code of the appointment carries: the calendar file itself (a phone's camera
    offers to add its ``VEVENT`` to the calendar), so nothing about the patient's health."""
    return _ics_of(db, appointment_id)[1].decode("utf-8")


def save_appointment_ics(
    db: Database, appointment_id: int, out: Path, actor: int | None, *, force: bool = False
) -> Path:
    """Write the patient's calendar file (never over a file unless ``force``), then audit it."""
    appointment, data = _ics_of(db, appointment_id)
    written = write_private_file(out, data, force=force)
    with db.session() as session:
        audit.record(
            session,
            "export",
            "appointment",
            appointment_id,
            actor=actor,
            patient_id=appointment.patient_id,
            summary=f"Saved the calendar file of appointment {appointment_id} to {written}",
        )
    return written
