"""Issuing a consent, withdrawing it, and reading the consents on record.

A consent is issued only complete: the patient's name, the planned areas and the device filled
in, the patient's drawn signature, the practitioner's countersignature (their PIN, checked as
at sign-in and audited the same way) and, for a patient under 18, a parent's or guardian's
name, relation and signature. Anything missing is ``InvalidInput`` naming the field, checked
before the PIN is asked for, so a blank consent can never be issued.

The patient reads and signs the forms in one language: the one asked for, else the patient's
own (``patient.language``). The consent records it, and its PDF is set in it."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.access import auth
from assistant.audit import trail as audit
from assistant.audit.chain import chain_head
from assistant.consent import signature
from assistant.consent.issued import (
    SCOPES,
    ConsentRecord,
    PhotoChoices,
    record_of,
)
from assistant.consent.templates import (
    PHOTO,
    TREATMENT,
    area_names,
    areas_text,
    current_template_in,
    fill,
    labels,
    photo_choice_labels,
    reviewed,
)
from assistant.errors import InvalidInput, NotFound
from assistant.patients.store import display_name
from assistant.storage.db import Database
from assistant.storage.models import (
    Clinic,
    Consent,
    ConsentWithdrawal,
    Device,
    Patient,
    Practitioner,
)
from assistant.storage.models import utcnow as utcnow
from assistant.text.i18n import _
from assistant.text.languages import DEFAULT_LANGUAGE, language
from assistant.text.translation_review import consent_approved_in

log = logging.getLogger(__name__)

ADULT_AGE = 18
MAX_NAME_CHARS = 200

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class GuardianSignature:
    """A parent's or guardian's signature, for a patient under 18."""

    name: str
    relation: str
    strokes: Sequence[Sequence[Sequence[float]]]


@dataclass(frozen=True)
class ConsentRequest:
    """What the consent step gathers before the practitioner countersigns."""

    patient_id: int
    practitioner_id: int
    areas: tuple[str, ...]  # zone ids or their plain names
    device_id: int | None
    patient_strokes: Sequence[Sequence[Sequence[float]]]
    guardian: GuardianSignature | None = None
    photo: PhotoChoices = field(default_factory=PhotoChoices)
    treatment: str = TREATMENT
    language: str | None = None  # a language code; None: the patient's language


@dataclass(frozen=True)
class ConsentPreview:
    """The filled-in forms as the patient reads them before signing."""

    title: str
    text: str
    template_version: int
    photo_title: str
    photo_text: str
    photo_questions: dict[str, str]
    needs_guardian: bool
    patient_name: str
    language: str = DEFAULT_LANGUAGE  # the forms' language
    reviewed: bool = True  # False: no fluent clinician has reviewed this translation yet


def local_now() -> datetime:
    return datetime.now()


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _areas(areas: Sequence[str]) -> tuple[str, ...]:
    zones = reference.zones()
    by_name = {zone.name.casefold(): zone_id for zone_id, zone in zones.items()}
    result: list[str] = []
    for area in areas:
        key = area.strip()
        zone_id = key if key in zones else by_name.get(key.casefold())
        if zone_id is None:
            raise InvalidInput(f"'{area}' is not a treatment area Chairside knows.", "areas")
        if zone_id not in result:
            result.append(zone_id)
    if not result:
        raise InvalidInput(_("Choose the planned areas before the consent is signed."), "areas")
    return tuple(result)


def _patient(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    if row.erased_at is not None:
        raise InvalidInput(f"Patient {patient_id} has been erased.", "patient")
    return row


def _device(session: Session, device_id: int | None) -> Device:
    row = session.get(Device, device_id) if device_id is not None else None
    if row is None:
        raise InvalidInput(_("Choose the device before the consent is signed."), "device_id")
    return row


def _practitioner(session: Session, practitioner_id: int) -> Practitioner:
    row = session.get(Practitioner, practitioner_id)
    if row is None:
        raise InvalidInput(_("Choose the practitioner who countersigns."), "practitioner_id")
    return row


def device_label(row: Device) -> str:
    return f"{row.make} {row.model}".strip()


def _needs_guardian(row: Patient, today: date) -> bool:
    if row.date_of_birth is None:
        raise InvalidInput(
            _(
                "Record the patient's date of birth first: a patient under 18 needs a "
                "parent's or guardian's signature too."
            ),
            "date_of_birth",
        )
    return age_on(row.date_of_birth, today) < ADULT_AGE


def consent_language(row: Patient, code: str | None) -> str:
    """The code of the language the forms are read in: ``code``, else the patient's
    (``InvalidInput`` listing the available ones for an unknown code)."""
    return language(code if code is not None and code.strip() else row.language).code


def _filled(
    session: Session,
    row: Patient,
    areas: tuple[str, ...],
    device: Device,
    practitioner: Practitioner,
    code: str,
) -> tuple[dict[str, str], ConsentPreview]:
    name = display_name(row)
    values = {
        "patient_name": name,
        "areas": areas_text(area_names(areas, code), code),
        "device": device_label(device),
        "practitioner": practitioner.name,
    }
    treatment = current_template_in(session, TREATMENT, code)
    photo = current_template_in(session, PHOTO, code)
    preview = ConsentPreview(
        title=treatment.title,
        text=fill(treatment.body, values),
        template_version=treatment.version,
        photo_title=photo.title,
        photo_text=fill(photo.body, values),
        photo_questions=photo_choice_labels(code),
        needs_guardian=False,
        patient_name=name,
        language=code,
        reviewed=reviewed(code) or consent_approved_in(session, code),
    )
    return values, preview


def preview_consent(
    db: Database,
    patient_id: int,
    areas: Sequence[str],
    device_id: int | None,
    practitioner_id: int,
    today: date | None = None,
    language: str | None = None,
) -> ConsentPreview:
    """The filled-in consent for the patient to read (fields checked as for issuing), in
    ``language`` or, without one, the patient's language."""
    today = today or local_now().date()
    with db.session() as session:
        row = _patient(session, patient_id)
        code = consent_language(row, language)
        zones = _areas(areas)
        device = _device(session, device_id)
        practitioner = _practitioner(session, practitioner_id)
        _, preview = _filled(session, row, zones, device, practitioner, code)
        return ConsentPreview(**{**preview.__dict__, "needs_guardian": _needs_guardian(row, today)})


@dataclass(frozen=True)
class _Checked:
    areas: tuple[str, ...]
    patient_strokes: signature.Strokes
    guardian: tuple[str, str, signature.Strokes] | None


def _check(session: Session, request: ConsentRequest, today: date) -> _Checked:
    if request.treatment != TREATMENT:
        raise InvalidInput(f"There is no consent form for '{request.treatment}'.", "treatment")
    row = _patient(session, request.patient_id)
    if not f"{row.first_name}{row.last_name}".strip():
        raise InvalidInput(_("The patient's name is blank; record it first."), "patient_name")
    consent_language(row, request.language)
    zones = _areas(request.areas)
    _device(session, request.device_id)
    _practitioner(session, request.practitioner_id)
    strokes = signature.normalise_strokes(request.patient_strokes, "patient_signature")
    guardian = None
    if _needs_guardian(row, today):
        given = request.guardian
        if given is None or not given.name.strip():
            raise InvalidInput(
                _("The patient is under 18: enter the parent's or guardian's name."),
                "guardian_name",
            )
        if not given.relation.strip():
            raise InvalidInput(
                _("Enter the guardian's relation to the patient (mother, father, guardian…)."),
                "guardian_relation",
            )
        if len(given.name) > MAX_NAME_CHARS or len(given.relation) > 100:
            raise InvalidInput(_("The guardian's name or relation is too long."), "guardian_name")
        guardian = (
            " ".join(given.name.split()),
            " ".join(given.relation.split()),
            signature.normalise_strokes(given.strokes, "guardian_signature"),
        )
    return _Checked(zones, strokes, guardian)


def issue_consent(
    db: Database,
    request: ConsentRequest,
    pin: str,
    *,
    clock: Clock = utcnow,
    local_clock: Clock = local_now,
) -> ConsentRecord:
    """Check the consent is complete, verify the practitioner's PIN, store the consent and
    the exact PDF issued (audited ``create``)."""
    today = local_clock().date()
    with db.session() as session:
        _check(session, request, today)
    if not pin:
        raise InvalidInput(_("The practitioner countersigns with their PIN."), "pin")
    auth.verify_login(
        db, request.practitioner_id, pin, clock=clock, purpose="consent countersignature"
    )
    with db.session() as session:
        return issue_in(session, request, clock(), local_clock().date())


def issue_in(
    session: Session, request: ConsentRequest, signed_at: datetime, signed_on: date
) -> ConsentRecord:
    """Store a complete consent whose practitioner has been verified (by PIN in
    ``issue_consent``; demo data, which has no PINs, calls this directly)."""
    # The PDF toolkit is loaded when a consent is issued, not when the program starts.
    from assistant.consent import document as printed
    from assistant.consent.document import ConsentDocument, SignatureBlock, render_pdf

    checked = _check(session, request, signed_on)
    patient = _patient(session, request.patient_id)
    device = _device(session, request.device_id)
    practitioner = _practitioner(session, request.practitioner_id)
    code = consent_language(patient, request.language)
    words = labels(code)
    values, preview = _filled(session, patient, checked.areas, device, practitioner, code)
    treatment = current_template_in(session, TREATMENT, code)
    photo = current_template_in(session, PHOTO, code)
    patient_png = signature.render_png(checked.patient_strokes)
    row = Consent(
        patient_id=patient.id,
        treatment=request.treatment,
        template_id=treatment.id,
        template_key=treatment.key,
        template_version=treatment.version,
        language=code,
        photo_template_id=photo.id,
        photo_template_version=photo.version,
        patient_name=values["patient_name"],
        areas=list(checked.areas),
        device_id=device.id,
        device_label=values["device"],
        text=preview.text + "\n\n" + preview.photo_text,
        photo_own_record=request.photo.own_record,
        photo_training=request.photo.training,
        photo_marketing=request.photo.marketing,
        patient_strokes=signature.strokes_json(checked.patient_strokes),
        patient_signature_png=patient_png,
        practitioner_id=practitioner.id,
        practitioner_name=practitioner.name,
        signed_at=signed_at,
        signed_on=signed_on,
        content_sha256="",
        pdf_sha256="",
    )
    blocks = [
        SignatureBlock(
            words["role_patient"], row.patient_name, signed_at, patient_png, row.patient_strokes
        )
    ]
    if checked.guardian is not None:
        name, relation, strokes = checked.guardian
        row.guardian_name, row.guardian_relation = name, relation
        row.guardian_strokes = signature.strokes_json(strokes)
        row.guardian_signature_png = signature.render_png(strokes)
        blocks.append(
            SignatureBlock(
                words["role_guardian"].format(relation=relation),
                name,
                signed_at,
                row.guardian_signature_png,
                row.guardian_strokes,
            )
        )
    blocks.append(
        SignatureBlock(
            words["role_practitioner"],
            ", ".join(part for part in (practitioner.name, practitioner.credentials) if part),
            signed_at,
            None,
            note=words["pin_note"],
        )
    )
    session.add(row)
    session.flush()  # the id is printed on the document
    clinic = session.scalars(select(Clinic).order_by(Clinic.id)).first()
    questions = photo_choice_labels(code)
    document = ConsentDocument(
        consent_id=row.id,
        clinic_name=clinic.name if clinic else "",
        patient_name=row.patient_name,
        areas=area_names(checked.areas, code),
        device=row.device_label,
        title=preview.title,
        template_key=treatment.key,
        template_version=treatment.version,
        text=preview.text,
        photo_title=preview.photo_title,
        photo_template_version=photo.version,
        photo_text=preview.photo_text,
        photo_choices=tuple(
            (questions[key], bool(yes)) for key, yes in request.photo.to_json().items()
        ),
        signed_on=signed_on,
        signatures=tuple(blocks),
        record_anchor=_record_anchor(session),
        language=code,
        patient_born=patient.date_of_birth,
        time_zone=printed.local_zone_name(),
    )
    pdf, content_sha = render_pdf(document)
    row.content_sha256 = content_sha
    row.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    row.pdf = pdf
    # The fingerprints complete the row inside the issuing transaction (the guard allows
    # that once: while they are still blank).
    audit.record(
        session,
        "create",
        "consent",
        row.id,
        actor=practitioner.id,
        patient_id=patient.id,
        summary=f"Issued consent {row.id} ({treatment.key} version {treatment.version}), "
        f"countersigned by practitioner {practitioner.id}",
        changes={
            "template_version": treatment.version,
            "language": code,
            "photo_template_version": photo.version,
            "areas": list(checked.areas),
            "device_id": device.id,
            "photo": request.photo.to_json(),
            "guardian": checked.guardian is not None,
            "fingerprint": content_sha,
            "pdf_sha256": row.pdf_sha256,
        },
    )
    session.flush()
    log.info("Issued consent %s for patient %s", row.id, patient.id)
    return record_of(session, row)


def list_consents(db: Database, patient_id: int) -> list[ConsentRecord]:
    """A patient's consents, newest first."""
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        rows = session.scalars(
            select(Consent)
            .where(Consent.patient_id == patient_id)
            .order_by(Consent.signed_at.desc(), Consent.id.desc())
        )
        return [record_of(session, row) for row in rows]


def get_consent(db: Database, consent_id: int) -> ConsentRecord:
    with db.session() as session:
        row = session.get(Consent, consent_id)
        if row is None:
            raise NotFound(f"There is no consent with id {consent_id}.")
        return record_of(session, row)


def consent_pdf(db: Database, consent_id: int) -> bytes:
    """The PDF exactly as issued (gone only after the patient's erasure)."""
    with db.session() as session:
        row = session.get(Consent, consent_id)
        if row is None:
            raise NotFound(f"There is no consent with id {consent_id}.")
        if row.pdf is None:
            raise InvalidInput(
                f"Consent {consent_id} belonged to an erased patient; only its date, version "
                "and fingerprint are kept.",
                "consent",
            )
        return bytes(row.pdf)


def record_output(
    db: Database, consent_id: int, action: str, actor: int | None, destination: str = ""
) -> None:
    """Audit that a consent PDF was printed (``print``) or saved to a file (``export``)."""
    if action not in ("print", "export"):
        raise ValueError(action)
    with db.session() as session:
        row = session.get(Consent, consent_id)
        if row is None:
            raise NotFound(f"There is no consent with id {consent_id}.")
        verb = "Printed" if action == "print" else "Saved"
        audit.record(
            session,
            action,
            "consent",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"{verb} consent {row.id}" + (f" to {destination}" if destination else ""),
        )


def withdraw_consent(
    db: Database,
    consent_id: int,
    scope: str,
    withdrawn_on: date,
    actor: int | None,
    note: str = "",
    today: date | None = None,
) -> ConsentRecord:
    """Record that the patient withdrew the treatment or photo consent from ``withdrawn_on``
    (audited ``change``); it stops what it covers from that day on."""
    if scope not in SCOPES:
        raise InvalidInput(f"Withdraw '{' or '.join(SCOPES)}', not '{scope}'.", "scope")
    today = today or local_now().date()
    with db.session() as session:
        row = session.get(Consent, consent_id)
        if row is None:
            raise NotFound(f"There is no consent with id {consent_id}.")
        if withdrawn_on > today:
            raise InvalidInput(_("A withdrawal is recorded when it is given, not ahead."), "date")
        if withdrawn_on < row.signed_on:
            raise InvalidInput(_("The withdrawal date is before the consent was signed."), "date")
        if any(w.scope == scope for w in record_of(session, row).withdrawals):
            raise InvalidInput(f"The {scope} consent has already been withdrawn.", "scope")
        entry = ConsentWithdrawal(
            consent_id=row.id,
            scope=scope,
            withdrawn_on=withdrawn_on,
            practitioner_id=actor,
            note=note.strip(),
        )
        session.add(entry)
        session.flush()
        audit.record(
            session,
            "change",
            "consent",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Recorded the withdrawal of the {scope} consent of consent {row.id} "
            f"from {withdrawn_on.isoformat()}",
            changes={"withdrawn": [None, {scope: withdrawn_on.isoformat()}]},
        )
        return record_of(session, row)


def erase_consents_in(session: Session, patient_id: int, erased_at: datetime) -> int:
    """Blank the patient's details, signatures and PDF in their consents (an erasure); the
    dates, form versions and fingerprints stay, so a copy can still be checked."""
    count = 0
    for row in session.scalars(select(Consent).where(Consent.patient_id == patient_id)):
        if row.erased_at is not None:
            continue
        row.patient_name = ""
        row.text = ""
        row.patient_strokes = []
        row.patient_signature_png = None
        row.guardian_name = ""
        row.guardian_relation = ""
        row.guardian_strokes = []
        row.guardian_signature_png = None
        row.pdf = None
        row.erased_at = erased_at
        count += 1
    return count


def _record_anchor(session: Session) -> str:
    """The audit chain's head as printed on papers (empty before the first entry)."""
    head = chain_head(session.connection())
    return head.label() if head else ""
