"""The audit trail a page at a time, as the audit screen asks for it (its filters, newest
first), in a transaction of its own: the screen reads it through the task runner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.audit.trail import AuditEntry, query_events
from assistant.patients.store import find_patients
from assistant.storage.db import Database

PATIENTS_SEARCHED = 500  # a name matching more patients than this asks for more letters


@dataclass(frozen=True)
class AuditQuery:
    """Which entries: ``since``/``until`` in UTC as stored; ``patient_text`` is the patient
    list's search (the entries of any patient it finds), unless ``patient_id`` is given."""

    action: str | None = None
    practitioner_id: int | None = None
    patient_id: int | None = None
    patient_text: str = ""
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    offset: int  # of the first entry, among all that match
    more: bool  # whether entries after these match too


def audit_page(db: Database, query: AuditQuery, offset: int, limit: int) -> AuditPage:
    """``limit`` entries matching ``query`` from ``offset``, newest first."""
    patient_ids = None
    typed = query.patient_text.strip()
    if typed and query.patient_id is None:
        found = find_patients(db, typed, PATIENTS_SEARCHED)
        patient_ids = [row.id for row in found.rows]
    with db.session() as session:
        entries = tuple(
            query_events(
                session,
                action=query.action,
                practitioner_id=query.practitioner_id,
                patient_id=query.patient_id,
                patient_ids=patient_ids,
                since=query.since,
                until=query.until,
                text=query.text.strip() or None,
                limit=limit + 1,  # one more tells whether more follow
                offset=offset,
            )
        )
    return AuditPage(entries[:limit], offset, len(entries) > limit)
