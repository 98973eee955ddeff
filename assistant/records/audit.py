"""The audit trail: who did what, when, to which record.

``record`` adds an event inside the caller's transaction, so the change and its audit row are
committed together or not at all. Rows are append-only: a flush that would update or delete
one is refused here, and the database refuses it too (triggers added by migration).
"""

from __future__ import annotations

import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from assistant.errors import ChairsideError
from assistant.models import AuditEvent
from assistant.records.actor import workstation as actor_workstation
from assistant.text_safety import bounded

ACTIONS = (
    "create",
    "change",
    "sign",
    "amend",
    "override",
    "export",
    "print",
    "erase",
    "login",
    "login_failed",
    "logout",
    "lock",
    "backup",
    "restore",
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
) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = AuditEvent(
        action=action,
        entity=entity,
        entity_id=entity_id,
        practitioner_id=actor,
        patient_id=patient_id,
        workstation=actor_workstation(),
        summary=str(bounded(summary)),
        changes={k: bounded(_plain(v)) for k, v in (changes or {}).items()},
    )
    session.add(row)
    return row


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTamperingRefused("Audit entries can never be changed or deleted.")


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


def query_events(
    session: Session,
    *,
    action: str | None = None,
    patient_id: int | None = None,
    entity: str | None = None,
    practitioner_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> Sequence[AuditEntry]:
    from assistant.models import Practitioner

    stmt = select(AuditEvent, Practitioner.name).outerjoin(
        Practitioner, Practitioner.id == AuditEvent.practitioner_id
    )
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if patient_id is not None:
        stmt = stmt.where(AuditEvent.patient_id == patient_id)
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
        )
        for row, name in session.execute(stmt)
    ]
