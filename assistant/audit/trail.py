"""The audit trail: who did what, when, to which record.

``record`` adds an event inside the caller's transaction, so the change and its audit row are
committed together or not at all. Rows are append-only: a flush that would update or delete
one is refused here, and the database refuses it too (triggers added by migration).

Rows are hash-chained (``assistant.audit.chain``). The flush that writes new rows first
takes the database's write lock for the audit table (SQLite: the database write lock;
PostgreSQL: a self-excluding table lock held until commit), then reads the head and links the
new rows to it, so several processes or workstations appending at once still form one line.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.orm import Session

from assistant.audit import chain, seal
from assistant.audit.actor import workstation as actor_workstation
from assistant.errors import ChairsideError
from assistant.patients.names import display_name
from assistant.storage.models import AuditEvent, Patient, Practitioner, utcnow
from assistant.text.safety import bounded

ACTIONS = (
    "create",
    "change",
    "sign",
    "amend",
    "override",
    "export",
    "print",
    "erase",
    "view",
    "remove",
    "login",
    "login_failed",
    "logout",
    "lock",
    "backup",
    "restore",
    "seal",
)


class AuditTamperingRefused(ChairsideError):
    """Raised when code tries to change or remove an audit row."""


@cache
def workstation() -> str:
    return socket.gethostname()[:100]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for every field whose value differs."""
    return {
        key: [_plain(old.get(key)), _plain(new.get(key))]
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    actor: int | None,
    patient_id: int | None = None,
    summary: str = "",
    changes: Mapping[str, Any] | None = None,
    content_hash: str | None = None,
) -> AuditEvent:
    """Add an entry; ``content_hash`` is what a "sign" or "amend" entry vouches for."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    plain = {k: bounded(_plain(v)) for k, v in (changes or {}).items()}
    row = AuditEvent(
        at=utcnow(),
        action=action,
        entity=entity,
        entity_id=entity_id,
        practitioner_id=actor,
        patient_id=patient_id,
        workstation=actor_workstation(),
        summary=str(bounded(summary)),
        # Exactly what reading the stored JSON gives back, so the hash can be checked later.
        changes=json.loads(json.dumps(plain)),
        content_hash=content_hash,
    )
    session.add(row)
    return row


def lock_chain(session: Session) -> None:
    """Hold the right to append to the chain until this transaction ends."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        # Any write statement takes SQLite's single write lock (and a fresh snapshot).
        conn.execute(text("DELETE FROM audit_event WHERE 0"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE audit_event IN SHARE ROW EXCLUSIVE MODE"))


@event.listens_for(Session, "before_flush")
def _chain_new_entries(session: Session, _context: Any, _instances: Any) -> None:
    new = [obj for obj in session.new if isinstance(obj, AuditEvent)]
    if not new:
        return
    new.sort(key=lambda obj: inspect(obj).insert_order or 0)
    lock_chain(session)
    head = chain.chain_head(session.connection())
    previous = head.hash if head else chain.GENESIS
    for row in new:
        row.chain_hash = chain.link(previous, chain.entry_content(row))
        previous = row.chain_hash


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTamperingRefused("Audit entries can never be changed or deleted.")


# -- a seal entry ending every transaction that touches a sealed table (``records.seal``) ---

_TOUCHED = "chairside.sealed.touched"
_ACTOR = "chairside.sealed.actor"


@event.listens_for(Session, "after_flush")
def _note_touched(session: Session, _context: Any) -> None:
    touched: set[tuple[str, int]] = session.info.setdefault(_TOUCHED, set())
    for obj in session.new:
        if isinstance(obj, AuditEvent) and obj.practitioner_id is not None:
            session.info[_ACTOR] = obj.practitioner_id
    for group, changed in ((session.new, False), (session.deleted, False), (session.dirty, True)):
        for obj in group:
            table = seal.SEALED_MODELS.get(type(obj))
            if table is None or obj.id is None:
                continue
            if changed and not _sealed_field_changed(obj, table):
                continue  # a version or a timestamp only: the record is as sealed
            touched.add((table, obj.id))


def _sealed_field_changed(obj: Any, table: str) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in seal.SEALED_FIELDS[table])


@event.listens_for(Session, "before_commit")
def _seal_touched(session: Session) -> None:
    if session.info.get(_TOUCHED) or session.new or session.dirty or session.deleted:
        session.flush()
    touched = session.info.pop(_TOUCHED, None)
    actor = session.info.pop(_ACTOR, None)
    if not touched:
        return
    records = seal.seal_map(session.connection(), touched)
    record(
        session, seal.ACTION, seal.ENTITY, None, actor=actor, summary=seal.seal_summary(records),
        changes={"records": records}, content_hash=seal.seal_hash(records),
    )  # fmt: skip


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_touched(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_ACTOR, None)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    practitioner_id: int | None
    practitioner: str
    workstation: str
    action: str
    entity: str
    entity_id: int | None
    patient_id: int | None
    summary: str
    changes: dict[str, Any]
    patient_name: str = ""  # as the patient writes it ("" when none or erased)


def query_events(
    session: Session,
    *,
    action: str | None = None,
    patient_id: int | None = None,
    patient_ids: Sequence[int] | None = None,
    entity: str | None = None,
    practitioner_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> Sequence[AuditEntry]:
    stmt = (
        select(AuditEvent, Practitioner.name, Patient)
        .outerjoin(Practitioner, Practitioner.id == AuditEvent.practitioner_id)
        .outerjoin(Patient, Patient.id == AuditEvent.patient_id)
    )
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    else:  # seals are the chain's bookkeeping: listed when asked for by their action
        stmt = stmt.where(AuditEvent.action != "seal")
    if patient_id is not None:
        stmt = stmt.where(AuditEvent.patient_id == patient_id)
    if patient_ids is not None:  # one of these patients (a name searched for)
        stmt = stmt.where(AuditEvent.patient_id.in_(list(patient_ids)))
    if entity:
        stmt = stmt.where(AuditEvent.entity == entity)
    if practitioner_id is not None:
        stmt = stmt.where(AuditEvent.practitioner_id == practitioner_id)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.at < until)
    if text:
        stmt = stmt.where(func.lower(AuditEvent.summary).contains(text.lower()))
    stmt = stmt.order_by(AuditEvent.id.desc()).limit(limit).offset(offset)
    return [
        AuditEntry(
            id=row.id,
            at=row.at,
            practitioner_id=row.practitioner_id,
            practitioner=name or "",
            workstation=row.workstation,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            patient_id=row.patient_id,
            summary=row.summary,
            changes=dict(row.changes or {}),
            patient_name=(
                display_name(patient) if patient is not None and patient.erased_at is None else ""
            ),
        )
        for row, name, patient in session.execute(stmt)
    ]
