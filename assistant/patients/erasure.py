"""Erasing a patient's personal details on request: name, birth date, contact details,
notes and concerns go, and so do the patient's photos (rows and files) and the
questionnaires they answered themselves; the clinical record of treatments stays, as the
law requires. The erasure is confirmed by typing the patient's
number and name, audited in the same transaction, and scrubs the old values kept in
``patient_history``."""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.consent import erase_consents_in
from assistant.day.appointments import erase_appointments_in
from assistant.errors import InvalidInput
from assistant.intake.store import erase_in as erase_questionnaires_in
from assistant.patients.data import get_patient
from assistant.patients.search import index_patient
from assistant.photos import delete_stored, remove_patient_photos
from assistant.photos.backup import remove_backup_copies
from assistant.storage.db import Database, wipe_free_space
from assistant.storage.models import (
    Amendment,
    Assessment,
    Patient,
    PatientHistory,
    TreatmentSession,
    ZoneTreatment,
    utcnow,
)

log = logging.getLogger(__name__)

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
)


@dataclass(frozen=True)
class ErasureResult:
    patient_id: int
    erased_at: datetime
    history_rows_scrubbed: int
    # Clinical text kept by law that still mentions the patient (for the practitioner to review).
    mentions_kept: tuple[str, ...] = ()
    # Another connection kept the old pages in use; the next start finishes wiping them.
    wipe_pending: bool = False
    backup_photo_copies_removed: int = 0


def erasure_confirmation(db: Database, patient_id: int) -> str:
    """What the user must type to confirm: the patient's number and full name."""
    with db.session() as session:
        row = get_patient(session, patient_id)
        return f"{row.id} {row.first_name} {row.last_name}".strip()


def _identifiers(row: Patient) -> list[str]:
    found = [f"{row.first_name} {row.last_name}".strip(), row.email.strip()]
    if len(row.preferred_name.strip()) >= 3:
        found.append(row.preferred_name.strip())
    if len(row.last_name.strip()) >= 3:
        found.append(row.last_name.strip())
    digits = re.sub(r"\D", "", row.phone)
    if len(digits) >= 6:
        found += [row.phone.strip(), digits]
    if row.date_of_birth:
        found += [row.date_of_birth.isoformat(), row.date_of_birth.strftime("%d/%m/%Y")]
    return [f.casefold() for f in found if f]


def _mentions(session: Session, patient_id: int, identifiers: list[str]) -> tuple[str, ...]:
    def mentions(text: Any) -> bool:
        haystack = (text if isinstance(text, str) else json.dumps(text, default=str)).casefold()
        return any(i in haystack for i in identifiers)

    places: list[str] = []
    sessions = list(
        session.scalars(select(TreatmentSession).where(TreatmentSession.patient_id == patient_id))
    )
    for s in sessions:
        for column in ("notes", "reactions", "adverse_events", "post_care"):
            if mentions(getattr(s, column)):
                places.append(f"{column.replace('_', ' ')} of session {s.id}")
        for z in session.scalars(select(ZoneTreatment).where(ZoneTreatment.session_id == s.id)):
            if mentions(z.notes):
                places.append(f"zone notes of session {s.id}")
        for m in session.scalars(select(Amendment).where(Amendment.session_id == s.id)):
            if mentions([m.old_value, m.new_value, m.reason]):
                places.append(f"amendment {m.id} of session {s.id}")
    for a in session.scalars(select(Assessment).where(Assessment.patient_id == patient_id)):
        if mentions([a.answers, a.override_reason]):
            places.append(f"assessment {a.id}")
    return tuple(places)


def erase_patient(
    db: Database,
    patient_id: int,
    actor: int | None,
    confirmation: str,
    backup_folders: Iterable[Path] = (),
) -> ErasureResult:
    """Replace the patient's personal details with a tombstone (audited ``erase``).

    ``confirmation`` must be the patient's number and full name (``erasure_confirmation``):
    the second confirmation, after the screen's or the command's own question. The
    patient's photo files go from the data folder and from the ``photos/`` of each of
    ``backup_folders`` (the clinic's backup folder and the default one)."""
    erased_at = utcnow()
    with db.session() as session:
        if db.is_sqlite:
            # Overwrite the old values on disk too, not only in the tables.
            session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
        row = get_patient(session, patient_id)
        if row.erased_at is not None:
            raise InvalidInput(f"Patient {patient_id} has already been erased.", "patient")
        expected = f"{row.id} {row.first_name} {row.last_name}".strip()
        # Exactly as written, and never echoed: whoever typed it wrong may not know the name.
        if not hmac.compare_digest(confirmation.encode(), expected.encode()):
            raise InvalidInput(WRONG_CONFIRMATION.format(patient_id=patient_id), "confirm")
        mentions = _mentions(session, row.id, _identifiers(row))
        row.first_name = ERASED_NAME
        row.last_name = ""
        row.preferred_name = ""
        row.name_order = "given_first"
        row.date_of_birth = None
        row.phone = ""
        row.email = ""
        row.notes = ""
        row.concerns = []
        row.language = "en"  # a language can say where someone comes from
        row.large_print = False
        row.erased_at = erased_at
        index_patient(session, row)  # its search terms go; the sort key is the tombstone's
        scrubbed = 0
        for entry in session.scalars(
            select(PatientHistory).where(PatientHistory.patient_id == patient_id)
        ):
            entry.old_value = None
            entry.new_value = None
            scrubbed += 1
        photos_removed, doomed_photos = remove_patient_photos(session, patient_id)
        appointments = erase_appointments_in(session, patient_id, erased_at)
        consents = erase_consents_in(session, patient_id, erased_at)
        questionnaires = erase_questionnaires_in(session, patient_id)
        session.flush()
        audit.record(
            session,
            "erase",
            "patient",
            patient_id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Erased the personal details of patient {patient_id}",
            changes={
                "fields": list(PERSONAL_FIELDS),
                "history_rows_scrubbed": scrubbed,
                "photos_removed": photos_removed,
                "consents_blanked": consents,
                "questionnaires_removed": questionnaires,
                "appointments_blanked": appointments,
            },
        )
    delete_stored(db, doomed_photos)
    # the photo store only when erased photos' backup copies go
    from assistant.photos.storage import store_for

    keyed = [store_for(db).disk_name(name) for name in doomed_photos]
    backup_copies = remove_backup_copies(backup_folders, [*doomed_photos, *keyed])
    pending = False
    if db.is_sqlite and db.sqlite_path is not None:
        pending = not wipe_free_space(db.engine, db.sqlite_path)
    log.info("Erased the personal details of patient %s", patient_id)
    return ErasureResult(patient_id, erased_at, scrubbed, mentions, pending, backup_copies)
