"""Reading one stored session as a ``SessionRecord`` (its draft, warnings, signature and
amendments), for the session store and for whatever builds on sessions (the day, views,
carrying forward) without importing the store that writes them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.errors import NotFound
from assistant.sessions.record import (
    _DRAFT_FIELDS,
    AmendmentEntry,
    ProductEntry,
    SessionDraft,
    SessionRecord,
    SessionWarning,
    ZoneEntry,
)
from assistant.storage.db import Database
from assistant.storage.models import (
    Amendment,
    Practitioner,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
)


def _zone_entry(row: ZoneTreatment) -> ZoneEntry:
    return ZoneEntry(row.zone, row.depth_mm, row.passes, row.speed, row.endpoint, row.notes)


def _product_entry(row: ProductUse) -> ProductEntry:
    return ProductEntry(row.product_id, row.product_name, row.kind, row.lot_number, row.expiry_date)


_SCALAR_FIELDS = tuple(name for name in _DRAFT_FIELDS if name not in ("zones", "products"))


def _draft_of(row: TreatmentSession) -> SessionDraft:
    values = {name: getattr(row, name) for name in _SCALAR_FIELDS}
    return SessionDraft(
        **values,
        zones=tuple(_zone_entry(z) for z in row.zones),
        products=tuple(_product_entry(p) for p in row.products),
    )


def _amendment_entries(session: Session, session_id: int) -> tuple[AmendmentEntry, ...]:
    stmt = (
        select(Amendment, Practitioner.name)
        .outerjoin(Practitioner, Practitioner.id == Amendment.practitioner_id)
        .where(Amendment.session_id == session_id)
        .order_by(Amendment.id)
    )
    return tuple(
        AmendmentEntry(
            a.id,
            a.field,
            a.old_value,
            a.new_value,
            a.reason,
            a.practitioner_id,
            name or "",
            a.created_at,
        )
        for a, name in session.execute(stmt)
    )


def _record_of(session: Session, row: TreatmentSession) -> SessionRecord:
    signer = session.get(Practitioner, row.signed_by_id) if row.signed_by_id else None
    return SessionRecord(
        id=row.id,
        patient_id=row.patient_id,
        state=row.state,
        draft=_draft_of(row),
        warnings=tuple(SessionWarning.from_json(w) for w in row.warnings or ()),
        signed_at=row.signed_at,
        signed_by_id=row.signed_by_id,
        signed_by_name=signer.name if signer else "",
        amendments=_amendment_entries(session, row.id),
        aftercare_printed_at=row.aftercare_printed_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def _get_row(session: Session, session_id: int) -> TreatmentSession:
    row = session.get(TreatmentSession, session_id)
    if row is None:
        raise NotFound(f"There is no session with id {session_id}.")
    return row


def get_session(db: Database, session_id: int) -> SessionRecord:
    with db.session() as session:
        return get_session_in(session, session_id)


def get_session_in(session: Session, session_id: int) -> SessionRecord:
    """``get_session`` inside a transaction the caller holds."""
    return _record_of(session, _get_row(session, session_id))
