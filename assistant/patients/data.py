"""What Chairside holds about one patient, gathered from every table as JSON values (the
questionnaires they answered and their appointments, calls and complications included): read by
the exports (``assistant.patients.export`` writes it as JSON, ``export_pdf`` prints it) and
used by the erasure to find the patient. An export is audited here too, the same way for
each format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import __version__
from assistant.audit import trail as audit
from assistant.consent.issued import record_of as consent_record_of
from assistant.day.tables import Appointment, Complication, FollowUp
from assistant.errors import NotFound
from assistant.intake.store import export_in as questionnaires_in
from assistant.photos import export_filename, list_photos
from assistant.storage.db import Database
from assistant.storage.models import (
    Assessment,
    Consent,
    Device,
    Patient,
    PatientHistory,
    Practitioner,
    TreatmentSession,
    utcnow,
)

EXPORT_FORMAT = "chairside-patient-record"
EXPORT_FORMAT_VERSION = 1

# Bookkeeping of the database, not information about the patient: left out of the export.
INTERNAL_PATIENT_FIELDS = ("sort_key", "version")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _columns(row: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Every column of an ORM row as JSON values (new columns are exported without changes)."""
    skipped = set(skip)
    return {
        attr.key: _plain(getattr(row, attr.key))
        for attr in sa_inspect(row).mapper.column_attrs
        if attr.key not in skipped
    }


def get_patient(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def collect(session: Session, patient_id: int) -> dict[str, Any]:
    patient = get_patient(session, patient_id)
    names = {pid: name for pid, name in session.execute(select(Practitioner.id, Practitioner.name))}
    devices = {
        d.id: f"{d.make} {d.model}" + (f" (serial {d.serial})" if d.serial else "")
        for d in session.scalars(select(Device))
    }
    assessments = [
        {**_columns(a), "practitioner": names.get(a.practitioner_id or -1, "")}
        for a in session.scalars(
            select(Assessment).where(Assessment.patient_id == patient_id).order_by(Assessment.id)
        )
    ]
    sessions = []
    for s in session.scalars(
        select(TreatmentSession)
        .where(TreatmentSession.patient_id == patient_id)
        .order_by(TreatmentSession.treated_at, TreatmentSession.id)
    ):
        sessions.append(
            {
                **_columns(s),
                "practitioner": names.get(s.practitioner_id or -1, ""),
                "signed_by": names.get(s.signed_by_id or -1, ""),
                "device": devices.get(s.device_id or -1, ""),
                "zones": [_columns(z, skip=("session_id",)) for z in s.zones],
                "products": [_columns(p, skip=("session_id",)) for p in s.products],
                "amendments": [
                    {
                        **_columns(a, skip=("session_id",)),
                        "practitioner": names.get(a.practitioner_id or -1, ""),
                    }
                    for a in s.amendments
                ],
            }
        )
    history = [
        {
            **_columns(h, skip=("patient_id",)),
            "practitioner": names.get(h.practitioner_id or -1, ""),
        }
        for h in session.scalars(
            select(PatientHistory)
            .where(PatientHistory.patient_id == patient_id)
            .order_by(PatientHistory.id)
        )
    ]
    events = audit.query_events(session, patient_id=patient_id, limit=1_000_000)
    trail = [
        {
            "id": e.id,
            "at": _plain(e.at),
            "practitioner": e.practitioner,
            "practitioner_id": e.practitioner_id,
            "workstation": e.workstation,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "summary": e.summary,
            "changes": _plain(e.changes),
        }
        for e in reversed(events)
    ]
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _plain(utcnow().replace(microsecond=0)) + "Z",
        "exported_by": "Chairside " + __version__,
        "patient": _columns(patient, skip=INTERNAL_PATIENT_FIELDS),
        "assessments": assessments,
        "sessions": sessions,
        "consents": [
            consent_record_of(session, row).to_json()
            for row in session.scalars(
                select(Consent).where(Consent.patient_id == patient_id).order_by(Consent.id)
            )
        ],
        "questionnaires": questionnaires_in(session, patient_id),
        "appointments": _rows(session, Appointment, patient_id),
        "follow_ups": _rows(session, FollowUp, patient_id),
        "complications": _rows(session, Complication, patient_id),
        "detail_changes": history,
        "photos": [],
        "audit": trail,
    }


def _rows(session: Session, table: Any, patient_id: int) -> list[dict[str, Any]]:
    """The patient's rows of one of the day's tables (appointments, calls, complications)."""
    return [
        _columns(row, skip=("patient_id",))
        for row in session.scalars(
            select(table).where(table.patient_id == patient_id).order_by(table.id)
        )
    ]


def audit_export(
    session: Session, patient_id: int, actor: int | None, what: str, out: Path | None
) -> None:
    audit.record(
        session,
        "export",
        "patient",
        patient_id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Exported the record of patient {patient_id} as {what}",
        changes={"format": what, "file": str(out) if out else None},
    )


def photo_entries(db: Database, patient_id: int) -> list[dict[str, Any]]:
    entries = []
    for photo in list_photos(db, patient_id):
        entry = photo.to_json()
        del entry["file"]  # where this workstation keeps it is not part of the record
        entries.append({**entry, "file_name": export_filename(photo)})
    return entries
