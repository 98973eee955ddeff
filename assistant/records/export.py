"""A patient's complete record for a subject-access request, and erasure of a patient.

``export_patient_json`` gathers everything Chairside holds about one patient: details,
suitability assessments, the questionnaires the patient answered, sessions with their
zones, products and amendments, the history of detail changes, the photos and the audit
entries about the patient. ``write_patient_json`` writes the photo files themselves into a
folder beside the JSON file (``<name>-photos/``). ``export_patient_pdf`` prints the same as
a readable summary. Both are audited ``export``.

``erase_patient`` answers a request for erasure: the personal details are replaced by a
tombstone ("Erased", everything else cleared), the old values in ``patient_history`` are
scrubbed, the patient's photos are removed (rows and files), and the clinical skeleton the
law requires clinics to keep (session dates, zones, depths, lots, signatures, the audit trail)
stays. Audit rows never hold a patient's personal details (patient edits record field names
only), so nothing append-only needs changing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import __version__
from assistant.consent.records import record_of as consent_record_of
from assistant.day.tables import Appointment, Complication, FollowUp
from assistant.db import Database
from assistant.errors import NotFound
from assistant.files import write_file_atomically
from assistant.intake.store import export_in as questionnaires_in
from assistant.models import (
    Assessment,
    Consent,
    Device,
    Patient,
    PatientHistory,
    Practitioner,
    TreatmentSession,
    utcnow,
)
from assistant.output_files import check_output_file
from assistant.photos import export_filename, list_photos
from assistant.records import audit

log = logging.getLogger(__name__)

EXPORT_FORMAT = "chairside-patient-record"
EXPORT_FORMAT_VERSION = 1
ERASED_NAME = "Erased"
WRONG_CONFIRMATION = (
    "The confirmation does not match patient {patient_id}'s number and full name exactly "
    "(as in their record, capitals and accents included); nothing was erased."
)
PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "email",
    "notes",
    "concerns",
    "search_key",
)


# Bookkeeping of the database, not information about the patient: left out of the export.
INTERNAL_PATIENT_FIELDS = ("search_key", "sort_key", "version")


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


def _get_patient(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def _collect(session: Session, patient_id: int) -> dict[str, Any]:
    patient = _get_patient(session, patient_id)
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


def _audit_export(
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


def _photo_entries(db: Database, patient_id: int) -> list[dict[str, Any]]:
    entries = []
    for photo in list_photos(db, patient_id):
        entry = photo.to_json()
        del entry["file"]  # where this workstation keeps it is not part of the record
        entries.append({**entry, "file_name": export_filename(photo)})
    return entries


def photos_folder_for(out: Path) -> Path:
    """Where ``write_patient_json`` puts the photo files: ``<name>-photos/`` beside ``out``."""
    return out.with_name(f"{out.stem}-photos")


def export_patient_json(
    db: Database, patient_id: int, *, actor: int | None = None, out: Path | None = None
) -> dict[str, Any]:
    """The patient's complete record as JSON values (audited as an export)."""
    with db.session() as session:
        data = _collect(session, patient_id)
        _audit_export(session, patient_id, actor, "JSON", out)
    data["photos"] = _photo_entries(db, patient_id)
    return data


def write_patient_json(
    db: Database, patient_id: int, out: Path, *, actor: int | None = None, force: bool = False
) -> Path:
    """Write the JSON export to ``out`` atomically (an existing file only with ``force``),
    and the photo files beside it; the export is audited once the file is written."""
    from assistant.photos import export_photos

    check_output_file(out, force=force)
    with db.session() as session:
        data = _collect(session, patient_id)
    data["photos"] = _photo_entries(db, patient_id)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    if data["photos"]:
        folder = photos_folder_for(out)
        folder.mkdir(exist_ok=True, mode=0o700)
        export_photos(db, patient_id, folder, actor=actor)
    write_file_atomically(out, text.encode("utf-8"), force=force)
    with db.session() as session:
        _audit_export(session, patient_id, actor, "JSON", out)
    return out


def __getattr__(name: str) -> Any:
    # Erasure moved to ``assistant.records.erasure``; older imports from here keep working.
    if name in ("ErasureResult", "erase_patient", "erasure_confirmation"):
        from assistant.records import erasure

        return getattr(erasure, name)
    if name in ("export_patient_pdf", "render_patient_pdf"):
        from assistant.records import export_pdf

        return getattr(export_pdf, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
