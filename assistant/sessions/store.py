"""Reading and writing one session: drafts saved as typed, signing, discarding, amendments and
the aftercare stamp. Every change writes an audit row in the same transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

# Imported for its side effect: the listener that refuses changes to signed sessions is
# registered wherever sessions are stored.
import assistant.sessions.guard  # noqa: F401
from assistant.audit import chain
from assistant.audit import trail as audit
from assistant.consent.validity import ConsentContext, consent_status_in
from assistant.errors import InvalidInput, NotFound, RecordLocked, StaleRecord
from assistant.rules import TreatmentRules, rules_in_session, treatment_rules
from assistant.sessions.derived import with_derived_values
from assistant.sessions.reading import (
    _SCALAR_FIELDS,
    _amendment_entries,
    _draft_of,
    _get_row,
    _record_of,
    get_session,
)
from assistant.sessions.record import (
    DISCARDED,
    DRAFT,
    SIGNED,
    DeviceLimits,
    PreviousSession,
    SessionDraft,
    SessionRecord,
    SessionWarning,
    ZoneEntry,
    apply_amendments,
)
from assistant.storage.db import Database
from assistant.storage.models import (
    Assessment,
    Device,
    Patient,
    Practitioner,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
    utcnow,
)
from assistant.text.i18n import _

if TYPE_CHECKING:
    from assistant.day.followups import FollowupRule

from assistant.sessions.limits import (
    compute_warnings,
    previous_session,
    validate_draft,
    validate_for_signing,
)
from assistant.stock.usage import check_usable_in, settle_session_in

MIN_REASON_CHARS = 5


def _treatment(session: Session) -> TreatmentRules:
    """The clinic's session-record rules in force."""
    return treatment_rules(rules_in_session(session))


def _device_limits(session: Session, device_id: int | None) -> DeviceLimits:
    if device_id is None:
        return DeviceLimits.default()
    device = session.get(Device, device_id)
    if device is None:
        raise InvalidInput(f"There is no device with id {device_id}.", "device_id")
    from assistant.clinic.devices import device_limits_of  # devices builds on the session record

    return device_limits_of(device)


def _history(
    session: Session, patient_id: int, exclude_id: int | None, before: datetime | None = None
) -> list[PreviousSession]:
    """Earlier sessions of the patient with their deepest depth (amendments applied)."""
    has_zones = exists().where(ZoneTreatment.session_id == TreatmentSession.id)
    stmt = select(TreatmentSession.id, TreatmentSession.treated_at).where(
        TreatmentSession.patient_id == patient_id,
        TreatmentSession.state != DISCARDED,
        has_zones,
    )
    if exclude_id is not None:
        stmt = stmt.where(TreatmentSession.id != exclude_id)
    if before is not None:
        # Only the latest earlier session matters for the interval rule.
        stmt = stmt.where(TreatmentSession.treated_at < before)
        stmt = stmt.order_by(TreatmentSession.treated_at.desc()).limit(1)
    result = []
    for session_id, treated_at in session.execute(stmt).all():
        zones = tuple(
            ZoneEntry(zone, depth, passes)
            for zone, depth, passes in session.execute(
                select(ZoneTreatment.zone, ZoneTreatment.depth_mm, ZoneTreatment.passes)
                .where(ZoneTreatment.session_id == session_id)
                .order_by(ZoneTreatment.position)
            )
        )
        draft = apply_amendments(
            SessionDraft(treated_at=treated_at, zones=zones),
            [
                a
                for a in _amendment_entries(session, session_id)
                if a.field.startswith("zones[") or a.field == "treated_at"
            ],
        )
        result.append(PreviousSession(session_id, draft.treated_at, draft.deepest_depth or 0.0))
    return result


def session_warnings(
    db_or_session: Database | Session, draft: SessionDraft, patient: int | Patient
) -> list[SessionWarning]:
    """Every warning for ``draft`` of this patient (id or row), including the interval one."""
    if isinstance(db_or_session, Database):
        with db_or_session.session() as session:
            return session_warnings(session, draft, patient)
    session = db_or_session
    row = session.get(Patient, patient) if isinstance(patient, int) else patient
    if row is None:
        raise NotFound(f"There is no patient with id {patient}.")
    limits = _device_limits(session, draft.device_id)
    history = _history(session, row.id, None, draft.treated_at)
    return compute_warnings(
        draft,
        row.fitzpatrick,
        limits,
        previous_session(history, draft.treated_at),
        _treatment(session),
        row.date_of_birth,
    )


# --------------------------------------------------------------------------- writing


def local_now() -> datetime:
    """Local wall time to the minute, as clinical times are recorded."""
    return datetime.now().replace(second=0, microsecond=0)


def create_draft(
    db: Database,
    patient_id: int,
    actor: int | None,
    assessment_id: int | None = None,
    treated_at: datetime | None = None,
) -> int:
    """A new draft session for the patient; the course carries forward from the previous
    session ("session 2 of 4" after "1 of 4"; none once the course is complete)."""
    treated_at = treated_at or local_now()
    with db.session() as session:
        return create_draft_in(session, patient_id, actor, assessment_id, treated_at)


def create_draft_in(
    session: Session,
    patient_id: int,
    actor: int | None,
    assessment_id: int | None = None,
    treated_at: datetime | None = None,
) -> int:
    """``create_draft`` inside a transaction the caller holds."""
    treated_at = treated_at or local_now()
    patient = session.get(Patient, patient_id)
    if patient is None or patient.erased_at is not None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    if assessment_id is not None:
        assessment = session.get(Assessment, assessment_id)
        if assessment is None or assessment.patient_id != patient_id:
            raise InvalidInput(
                f"Assessment {assessment_id} does not belong to this patient.",
                "assessment_id",
            )
    previous = session.execute(
        select(TreatmentSession.course_number, TreatmentSession.course_total)
        .where(
            TreatmentSession.patient_id == patient_id,
            TreatmentSession.state != DISCARDED,
            TreatmentSession.treated_at <= treated_at,
        )
        .order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc())
        .limit(1)
    ).first()
    course_number = course_total = None
    if (
        previous is not None
        and previous.course_number
        and previous.course_total
        and previous.course_number < previous.course_total
    ):
        course_number = previous.course_number + 1
        course_total = previous.course_total
    practitioner = session.get(Practitioner, actor) if actor is not None else None
    row = TreatmentSession(
        patient_id=patient_id,
        practitioner_id=practitioner.id if practitioner else None,
        assessment_id=assessment_id,
        state=DRAFT,
        treated_at=treated_at,
        course_number=course_number,
        course_total=course_total,
        warnings=[],
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "create",
        "treatment_session",
        row.id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Started session {row.id} (draft)",
    )
    return row.id


def _flat(draft: SessionDraft) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(draft, name) for name in _SCALAR_FIELDS}
    values["zones"] = [dataclasses.asdict(z) for z in draft.zones]
    values["products"] = [
        {k: audit._plain(v) for k, v in dataclasses.asdict(p).items()} for p in draft.products
    ]
    return values


def _sync_children(
    session: Session,
    existing: list[Any],
    wanted: Sequence[Any],
    make: Any,
    collection: list[Any],
) -> None:
    """Update child rows in place by position, add the new ones, remove the extra: a draft
    saved after one keystroke writes one row, not ten."""
    for position, entry in enumerate(wanted):
        values = dataclasses.asdict(entry)
        if position < len(existing):
            child = existing[position]
            for key, value in values.items():
                if getattr(child, key) != value:
                    setattr(child, key, value)
            if child.position != position:
                child.position = position
        else:
            collection.append(make(position=position, **values))
    for child in existing[len(wanted) :]:
        collection.remove(child)


def save_draft(
    db: Database,
    session_id: int,
    draft: SessionDraft,
    actor: int | None,
    expected_version: int | None = None,
) -> SessionRecord:
    """Store the draft as typed (validated; warnings recomputed and kept). Refuses a signed
    session with ``RecordLocked``. Writes only what changed, with one audit row.

    The values the zones imply (the interval before the next session) are computed here
    from the clinic's interval table (``assistant.sessions.derived``); what the caller's
    draft holds for them is ignored.

    ``expected_version`` is the version of the copy edited (``SessionRecord.version``): when
    the draft was saved elsewhere since, ``StaleRecord`` holding the saved draft is raised."""
    try:
        return _save_draft(db, session_id, draft, actor, expected_version)
    except StaleDataError:
        raise StaleRecord(
            f"Session {session_id} was saved by someone else while you were editing; compare "
            "the two versions and keep one or merge them.",
            get_session(db, session_id),
        ) from None


def _save_draft(
    db: Database,
    session_id: int,
    draft: SessionDraft,
    actor: int | None,
    expected_version: int | None,
) -> SessionRecord:
    with db.session() as session:
        return save_draft_in(session, session_id, draft, actor, expected_version)


def save_draft_in(
    session: Session,
    session_id: int,
    draft: SessionDraft,
    actor: int | None,
    expected_version: int | None = None,
) -> SessionRecord:
    """``save_draft`` inside a transaction the caller holds."""
    row = _get_row(session, session_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleDataError("stale copy")
    if row.state != DRAFT:
        raise RecordLocked(
            f"Session {session_id} is {row.state}; it can no longer be edited"
            + ("; record an amendment instead." if row.state == SIGNED else ".")
        )
    if draft.assessment_id != row.assessment_id:
        draft = dataclasses.replace(draft, assessment_id=row.assessment_id)
    limits = _device_limits(session, draft.device_id)
    treatment = _treatment(session)
    draft = with_derived_values(draft, treatment)
    validate_draft(draft, limits, treatment)
    check_usable_in(session, draft)
    patient = session.get(Patient, row.patient_id)
    assert patient is not None
    history = _history(session, row.patient_id, row.id, draft.treated_at)
    warnings = compute_warnings(
        draft,
        patient.fitzpatrick,
        limits,
        previous_session(history, draft.treated_at),
        treatment,
        patient.date_of_birth,
    )
    if row.rules_version != treatment.version:
        row.rules_version = treatment.version  # the rules its warnings were checked with
    before = _draft_of(row)
    changes = audit.diff(_flat(before), _flat(draft))
    warnings_json = [w.to_json() for w in warnings]
    if changes or warnings_json != list(row.warnings or []):
        for name in _SCALAR_FIELDS:
            value = getattr(draft, name)
            if getattr(row, name) != value:
                setattr(row, name, value)
        if warnings_json != list(row.warnings or []):
            row.warnings = warnings_json
        _sync_children(session, list(row.zones), draft.zones, ZoneTreatment, row.zones)
        _sync_children(session, list(row.products), draft.products, ProductUse, row.products)
        row.updated_at = utcnow()
        row.version += 1
        if changes:
            # Field names only: a draft changes with every keystroke, and its values are
            # in the record itself.
            audit.record(
                session,
                "change",
                "treatment_session",
                row.id,
                actor=actor,
                patient_id=row.patient_id,
                summary=f"Saved draft of session {row.id}: {', '.join(changes)}",
                changes={"fields": sorted(changes)},
            )
        session.flush()
    return SessionRecord(
        id=row.id,
        patient_id=row.patient_id,
        state=row.state,
        draft=draft,
        warnings=tuple(warnings),
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def sign_session(
    db: Database, session_id: int, actor: int | None, followup: FollowupRule | None = None
) -> SessionRecord:
    """Sign the draft: it is checked for completeness and becomes read-only. The follow-up
    call it asks for is added (``followup``: the clinic's rule, by default the shipped one)
    and the patient's appointment of that day marked done, in the same transaction."""
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != DRAFT:
            raise RecordLocked(f"Session {session_id} is {row.state}; only a draft can be signed.")
        # The interval is recomputed with the rules in force now, as the warnings are.
        treatment = _treatment(session)
        draft = with_derived_values(_draft_of(row), treatment)
        if row.interval_weeks != draft.interval_weeks:
            row.interval_weeks = draft.interval_weeks
        limits = _device_limits(session, draft.device_id)
        validate_for_signing(draft, limits)
        lots = check_usable_in(session, draft)
        signer_id = actor if actor is not None else draft.practitioner_id
        # Held, so the record below names the signer from this transaction's copy.
        signer = session.get(Practitioner, signer_id) if signer_id is not None else None
        if signer_id is None or signer is None:
            raise InvalidInput("Choose the practitioner who signs the record.", "practitioner_id")
        _require_consent(session, row.patient_id, draft)
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        history = _history(session, row.patient_id, row.id, draft.treated_at)
        warnings = compute_warnings(
            draft,
            patient.fitzpatrick,
            limits,
            previous_session(history, draft.treated_at),
            treatment,
            patient.date_of_birth,
        )
        row.warnings = [w.to_json() for w in warnings]
        row.rules_version = treatment.version
        row.state = SIGNED
        row.version += 1
        row.signed_at = utcnow()
        row.signed_by_id = signer_id
        session.flush()
        audit.record(
            session,
            "sign",
            "treatment_session",
            row.id,
            actor=signer_id,
            patient_id=row.patient_id,
            summary=f"Signed session {row.id}"
            + (f" with {len(warnings)} warning(s)" if warnings else ""),
            changes={"state": [DRAFT, SIGNED]},
            content_hash=chain.session_content_hash(session.connection(), row.id),
        )
        # One cartridge and one unit of each product lot leave the stock, naming the session.
        settle_session_in(session, row.id, draft, signer_id, "used", row.patient_id, lots)
        session.flush()
        from assistant.day.followups import after_signing_in  # the day builds on sessions

        record = _record_of(session, row)
        after_signing_in(session, record, followup, signer_id)
        return record


def _require_consent(session: Session, patient_id: int, draft: SessionDraft) -> None:
    """Refuse to sign a session no consent covers, saying why a new one is needed."""
    context = ConsentContext(
        on=draft.treated_at.date(),
        areas=tuple(dict.fromkeys(z.zone for z in draft.zones)),
        device_id=draft.device_id,
    )
    status = consent_status_in(session, patient_id, context)
    if not status.valid:
        raise InvalidInput(
            _(
                "This session cannot be signed without a valid consent. {why} "
                "Take the patient's consent in the consent step."
            ).format(why=status.message),
            "consent",
        )
