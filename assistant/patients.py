"""Patients: validation, create and edit (audited), and search as you type."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from assistant import patient_search, reference
from assistant.db import Database
from assistant.errors import InvalidInput, NotFound, StaleRecord
from assistant.models import Patient, PatientHistory, TreatmentSession
from assistant.patient_search import digits, fold
from assistant.records import audit
from assistant.text_safety import unsafe_characters

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^[0-9+()\-.\s/]*$")
MAX_NAME = 100
OLDEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class PatientDetails:
    """What the practitioner types about a patient."""

    first_name: str
    last_name: str
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    fitzpatrick: int | None = None
    skin_type: str | None = None
    concerns: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class PatientRecord:
    id: int
    details: PatientDetails
    created_at: datetime
    updated_at: datetime
    erased: bool = False
    version: int = 1  # pass it back to ``update_patient`` so a stale copy is refused

    @property
    def display_name(self) -> str:
        return f"{self.details.first_name} {self.details.last_name}".strip()


@dataclass(frozen=True)
class PatientRow:
    """One line of the patient list."""

    id: int
    first_name: str
    last_name: str
    date_of_birth: date | None
    phone: str
    fitzpatrick: int | None
    last_session: datetime | None = field(default=None)
    sort_key: str = ""  # where the row stands in the list (to read the page after it)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _digits(text: str) -> str:
    return digits(text)


def search_key(details: PatientDetails) -> str:
    parts = [fold(details.first_name), fold(details.last_name), _digits(details.phone)]
    if details.date_of_birth:
        parts.append(details.date_of_birth.isoformat())
    parts.append(fold(details.email))
    return " ".join(p for p in parts if p)[:400]


def validation_errors(details: PatientDetails, today: date | None = None) -> dict[str, str]:
    """Every problem with the details, by field name; empty when all is well."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if not details.first_name.strip():
        errors["first_name"] = "Enter the patient's first name."
    elif len(details.first_name) > MAX_NAME:
        errors["first_name"] = f"The first name is longer than {MAX_NAME} characters."
    if not details.last_name.strip():
        errors["last_name"] = "Enter the patient's last name."
    elif len(details.last_name) > MAX_NAME:
        errors["last_name"] = f"The last name is longer than {MAX_NAME} characters."
    for key, label in (
        ("first_name", "The first name"),
        ("last_name", "The last name"),
        ("phone", "The phone number"),
        ("email", "The email address"),
    ):
        if key not in errors and unsafe_characters(getattr(details, key)):
            errors[key] = (
                f"{label} holds control or text-direction characters "
                f"({', '.join(unsafe_characters(getattr(details, key)))}); retype it."
            )
    dob = details.date_of_birth
    if dob is not None:
        if dob > today:
            errors["date_of_birth"] = "The date of birth is in the future."
        elif dob.year < OLDEST_BIRTH_YEAR:
            errors["date_of_birth"] = f"The date of birth is before {OLDEST_BIRTH_YEAR}."
    if details.email and not EMAIL_PATTERN.match(details.email.strip()):
        errors["email"] = "The email address is not valid (expected name@example.com)."
    if details.phone and (
        not PHONE_PATTERN.match(details.phone) or len(_digits(details.phone)) < 6
    ):
        errors["phone"] = "The phone number should hold at least 6 digits (and + ( ) - only)."
    if details.fitzpatrick is not None and details.fitzpatrick not in range(1, 7):
        errors["fitzpatrick"] = "The Fitzpatrick type must be between I and VI."
    if details.skin_type is not None and details.skin_type not in {
        c.id for c in reference.skin_types()
    }:
        errors["skin_type"] = f"Unknown skin type '{details.skin_type}'."
    known_concerns = {c.id for c in reference.concerns()}
    unknown = [c for c in details.concerns if c not in known_concerns]
    if unknown:
        errors["concerns"] = f"Unknown concern '{unknown[0]}'."
    return errors


def validate(details: PatientDetails, today: date | None = None) -> PatientDetails:
    """The details tidied (spaces trimmed), or ``InvalidInput`` for the first problem."""
    tidy = PatientDetails(
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        date_of_birth=details.date_of_birth,
        phone=details.phone.strip(),
        email=details.email.strip(),
        fitzpatrick=details.fitzpatrick,
        skin_type=details.skin_type or None,
        concerns=tuple(dict.fromkeys(details.concerns)),
        notes=details.notes.strip(),
    )
    errors = validation_errors(tidy, today)
    if errors:
        name, message = next(iter(errors.items()))
        raise InvalidInput(message, name)
    return tidy


def _details_of(row: Patient) -> PatientDetails:
    return PatientDetails(
        first_name=row.first_name,
        last_name=row.last_name,
        date_of_birth=row.date_of_birth,
        phone=row.phone,
        email=row.email,
        fitzpatrick=row.fitzpatrick,
        skin_type=row.skin_type,
        concerns=tuple(row.concerns or ()),
        notes=row.notes,
    )


def _record_of(row: Patient) -> PatientRecord:
    return PatientRecord(
        id=row.id,
        details=_details_of(row),
        created_at=row.created_at,
        updated_at=row.updated_at,
        erased=row.erased_at is not None,
        version=row.version,
    )


def _apply(row: Patient, details: PatientDetails) -> None:
    row.first_name = details.first_name
    row.last_name = details.last_name
    row.date_of_birth = details.date_of_birth
    row.phone = details.phone
    row.email = details.email
    row.fitzpatrick = details.fitzpatrick
    row.skin_type = details.skin_type
    row.concerns = list(details.concerns)
    row.notes = details.notes
    row.search_key = search_key(details)
    row.sort_key = patient_search.sort_key(details.first_name, details.last_name)


def add_patient(session: Session, details: PatientDetails, actor: int | None) -> Patient:
    """Insert inside an open transaction (used by the demo loader and ``create_patient``)."""
    details = validate(details)
    row = Patient()
    _apply(row, details)
    session.add(row)
    session.flush()
    patient_search.index_patient(session, row)
    audit.record(
        session,
        "create",
        "patient",
        row.id,
        actor=actor,
        patient_id=row.id,
        summary=f"Created patient record {row.id}",
    )
    return row


def create_patient(db: Database, details: PatientDetails, actor: int | None) -> PatientRecord:
    with db.session() as session:
        return _record_of(add_patient(session, details, actor))


def update_patient(
    db: Database,
    patient_id: int,
    details: PatientDetails,
    actor: int | None,
    expected_version: int | None = None,
) -> PatientRecord:
    """Save the details. ``expected_version`` is the version of the copy edited: when
    someone saved the patient since, ``StaleRecord`` (holding the record as saved now) is
    raised and nothing is written."""
    details = validate(details)
    try:
        return _update(db, patient_id, details, actor, expected_version)
    except StaleDataError:
        raise _stale(db, patient_id) from None


def _stale(db: Database, patient_id: int) -> StaleRecord:
    current = get_patient(db, patient_id)
    return StaleRecord(
        f"Patient {patient_id} was changed by someone else while you were editing; "
        "compare the two versions and keep one or merge them.",
        current,
    )


def _update(
    db: Database,
    patient_id: int,
    details: PatientDetails,
    actor: int | None,
    expected_version: int | None,
) -> PatientRecord:
    with db.session() as session:
        row = _get(session, patient_id)
        if expected_version is not None and row.version != expected_version:
            raise StaleDataError("stale copy")
        before = asdict(_details_of(row))
        _apply(row, details)
        patient_search.index_patient(session, row)
        changes = audit.diff(before, asdict(details))
        if changes:
            # The audit row is permanent, so it names the fields only; the values go to
            # patient_history, which erasing the patient can scrub.
            event = audit.record(
                session,
                "change",
                "patient",
                row.id,
                actor=actor,
                patient_id=row.id,
                summary=f"Changed {', '.join(changes)} of patient {row.id}",
                changes={"fields": sorted(changes)},
            )
            session.flush()
            session.add_all(
                PatientHistory(
                    patient_id=row.id,
                    audit_event_id=event.id,
                    at=event.at,
                    practitioner_id=actor,
                    field=name,
                    old_value=old,
                    new_value=new,
                )
                for name, (old, new) in changes.items()
            )
        session.flush()
        return _record_of(row)


def _get(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def get_patient(db: Database, patient_id: int) -> PatientRecord:
    with db.session() as session:
        return _record_of(_get(session, patient_id))


def count_patients(db: Database, text: str = "", at_most: int | None = None) -> int:
    """How many patients match ``text``; with ``at_most``, counting stops past that many."""
    with db.session() as session:
        return patient_search.count(session, text, at_most)


def search_patients(
    db: Database,
    text: str = "",
    limit: int = 200,
    offset: int = 0,
    after: PatientRow | None = None,
) -> Sequence[PatientRow]:
    """Patients matching every word of ``text`` (name, phone, birth date), in list order
    (family name, then given name, accents aside), from ``offset`` or after the row ``after``."""
    return find_patients(db, text, limit, offset=offset, after=after).rows


@dataclass(frozen=True)
class PatientPage:
    rows: Sequence[PatientRow]
    more: bool  # another page follows
    count: int  # how many match, exact up to the bound asked for
    count_exact: bool


def find_patients(
    db: Database,
    text: str = "",
    limit: int = 200,
    *,
    offset: int = 0,
    after: PatientRow | None = None,
    count_bound: int = patient_search.COUNT_BOUND,
    counted: bool = True,
) -> PatientPage:
    """One page of the patient list and the bounded number of matches, in one read."""
    with db.session() as session:
        found = patient_search.find(
            session,
            text,
            limit,
            after=(after.sort_key, after.id) if after is not None else None,
            offset=offset,
            count_bound=count_bound,
            counted=counted,
        )
        rows = found.patients
        last_sessions: dict[int, datetime] = {}
        if rows:
            ids = [r.id for r in rows]
            visits = TreatmentSession.__table__.c  # Core, as the search itself
            for pid, when in session.execute(
                select(visits.patient_id, func.max(visits.treated_at))
                .where(visits.patient_id.in_(ids))
                .group_by(visits.patient_id)
            ):
                last_sessions[pid] = when
        page = [
            PatientRow(
                id=r.id,
                first_name=r.first_name,
                last_name=r.last_name,
                date_of_birth=r.date_of_birth,
                phone=r.phone,
                fitzpatrick=r.fitzpatrick,
                last_session=last_sessions.get(r.id),
                sort_key=r.sort_key,
            )
            for r in rows
        ]
        return PatientPage(page, found.more, found.count, found.count_exact)
