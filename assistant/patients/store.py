"""Patients: validation, create and edit (audited), and search as you type."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from assistant import reference
from assistant.audit import trail as audit
from assistant.errors import InvalidInput, NotFound, StaleRecord
from assistant.patients import search as patient_search
from assistant.patients.names import NAME_ORDER_FAMILY_FIRST as NAME_ORDER_FAMILY_FIRST
from assistant.patients.names import NAME_ORDER_GIVEN_FIRST, NAME_ORDERS, display_name
from assistant.patients.search import digits
from assistant.patients.search import fold as fold  # kept importable from here
from assistant.storage.db import Database
from assistant.storage.models import Patient, PatientHistory, TreatmentSession
from assistant.text.i18n import _
from assistant.text.languages import LANGUAGES, available_languages
from assistant.text.safety import unsafe_characters

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
    name_order: str = "given_first"  # or "family_first" (Vietnamese, Chinese, Hungarian…)
    preferred_name: str = ""  # shown instead of the names when given

    @property
    def display_name(self) -> str:
        return display_name(self)
    # handouts: the patient's language (an aftercare language code) and large print
    language: str = "en"
    large_print: bool = False


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
        return display_name(self.details)


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
    name_order: str = "given_first"
    preferred_name: str = ""
    sort_key: str = ""  # where the row stands in the list (to read the page after it)

    @property
    def display_name(self) -> str:
        return display_name(self)


def _digits(text: str) -> str:
    return digits(text)


def validation_errors(details: PatientDetails, today: date | None = None) -> dict[str, str]:
    """Every problem with the details, by field name; empty when all is well."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if not details.first_name.strip():
        errors["first_name"] = _("Enter the patient's first name.")
    elif len(details.first_name) > MAX_NAME:
        errors["first_name"] = _("The first name is longer than {n} characters.").format(
            n=MAX_NAME
        )
    if not details.last_name.strip():
        errors["last_name"] = _("Enter the patient's last name.")
    elif len(details.last_name) > MAX_NAME:
        errors["last_name"] = _("The last name is longer than {n} characters.").format(
            n=MAX_NAME
        )
    if details.name_order not in NAME_ORDERS:
        errors["name_order"] = _("Unknown name order '{order}'.").format(order=details.name_order)
    if len(details.preferred_name) > MAX_NAME:
        errors["preferred_name"] = _(
            "The preferred name is longer than {n} characters."
        ).format(n=MAX_NAME)
    unsafe_messages = {
        "first_name": _(
            "The first name holds control or text-direction characters ({chars}); retype it."
        ),
        "last_name": _(
            "The last name holds control or text-direction characters ({chars}); retype it."
        ),
        "preferred_name": _(
            "The preferred name holds control or text-direction characters ({chars}); "
            "retype it."
        ),
        "phone": _(
            "The phone number holds control or text-direction characters ({chars}); retype it."
        ),
        "email": _(
            "The email address holds control or text-direction characters ({chars}); "
            "retype it."
        ),
    }
    for key, message in unsafe_messages.items():
        if key not in errors and unsafe_characters(getattr(details, key)):
            chars = ", ".join(unsafe_characters(getattr(details, key)))
            errors[key] = message.format(chars=chars)
    dob = details.date_of_birth
    if dob is not None:
        if dob > today:
            errors["date_of_birth"] = _("The date of birth is in the future.")
        elif dob.year < OLDEST_BIRTH_YEAR:
            errors["date_of_birth"] = _("The date of birth is before {year}.").format(
                year=OLDEST_BIRTH_YEAR
            )
    if details.email and not EMAIL_PATTERN.match(details.email.strip()):
        errors["email"] = _("The email address is not valid (expected name@example.com).")
    if details.phone and (
        not PHONE_PATTERN.match(details.phone) or len(_digits(details.phone)) < 6
    ):
        errors["phone"] = _("The phone number should hold at least 6 digits (and + ( ) - only).")
    if details.fitzpatrick is not None and details.fitzpatrick not in range(1, 7):
        errors["fitzpatrick"] = _("The Fitzpatrick type must be between I and VI.")
    if details.skin_type is not None and details.skin_type not in {
        c.id for c in reference.skin_types()
    }:
        errors["skin_type"] = _("Unknown skin type '{id}'.").format(id=details.skin_type)
    known_concerns = {c.id for c in reference.concerns()}
    unknown = [c for c in details.concerns if c not in known_concerns]
    if unknown:
        errors["concerns"] = _("Unknown concern '{id}'.").format(id=unknown[0])
    if details.language not in LANGUAGES:
        errors["language"] = _(
            "There are no handouts in the language '{code}'. Available: {available}."
        ).format(code=details.language, available=available_languages())
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
        name_order=details.name_order,
        preferred_name=" ".join(details.preferred_name.split()),
        language=(details.language or "en").strip().lower(),
        large_print=bool(details.large_print),
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
        name_order=row.name_order or NAME_ORDER_GIVEN_FIRST,
        preferred_name=row.preferred_name or "",
        language=row.language or "en",
        large_print=bool(row.large_print),
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
    row.name_order = details.name_order
    row.preferred_name = details.preferred_name
    row.language = details.language
    row.large_print = details.large_print
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
        return _change_in(session, row, details, actor)


def record_missing_facts_in(
    session: Session,
    patient_id: int,
    date_of_birth: date | None,
    fitzpatrick: int | None,
    actor: int | None,
) -> None:
    """Fill in the date of birth and Fitzpatrick type the record lacks (the checklist asked
    for them), inside the caller's transaction, audited like any other change. A value the
    record already holds is never replaced this way."""
    row = _get(session, patient_id)
    current = _details_of(row)
    details = replace(
        current,
        date_of_birth=current.date_of_birth or date_of_birth,
        fitzpatrick=current.fitzpatrick if current.fitzpatrick is not None else fitzpatrick,
    )
    if details != current:
        _change_in(session, row, validate(details), actor)


def _change_in(
    session: Session, row: Patient, details: PatientDetails, actor: int | None
) -> PatientRecord:
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
                name_order=r.name_order,
                preferred_name=r.preferred_name,
                sort_key=r.sort_key,
            )
            for r in rows
        ]
        return PatientPage(page, found.more, found.count, found.count_exact)
