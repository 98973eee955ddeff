"""The rest of the record under the chain: patients, consents, photos, devices, practitioners.

Every transaction that adds, changes or removes one of these rows ends with a "seal" entry in
the audit trail, written just before the commit: ``changes["records"]`` maps each row touched
("patient:12") to the SHA-256 of its canonical form as committed ("" once the row is removed),
and ``content_hash`` is the SHA-256 of that map. The entry is chained like every other, so
``chain.verify`` can recompute every row's form from the live tables and compare it with the
last seal naming it: a row edited with raw SQL, however careful, no longer matches.

``SEALED_FIELDS`` and ``record_content`` are a format, as the chain's canonical forms are:
changing them makes every existing seal look broken. Columns left out are those that change
without changing the record (a patient's search keys, version and ``updated_at``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.orm import Session

from assistant.models import (
    AuditEvent,
    Base,
    Consent,
    ConsentWithdrawal,
    Device,
    Patient,
    Photo,
    PhotoConsent,
    Practitioner,
)
from assistant.records.chain import _plain, canonical

SEALED_FIELDS: dict[str, tuple[str, ...]] = {
    "patient": (
        "id", "first_name", "last_name", "name_order", "preferred_name", "date_of_birth",
        "phone", "email", "fitzpatrick", "skin_type", "concerns", "notes", "language",
        "large_print", "created_at", "erased_at",
    ),
    "consent": (
        "id", "patient_id", "treatment", "template_id", "template_key", "template_version",
        "language", "photo_template_id", "photo_template_version", "patient_name", "areas",
        "device_id", "device_label", "text", "photo_own_record", "photo_training",
        "photo_marketing", "patient_strokes", "patient_signature_png", "guardian_name",
        "guardian_relation", "guardian_strokes", "guardian_signature_png", "practitioner_id",
        "practitioner_name", "signed_at", "signed_on", "content_sha256", "pdf_sha256", "pdf",
        "erased_at",
    ),
    "consent_withdrawal": (
        "id", "consent_id", "scope", "withdrawn_on", "recorded_at", "practitioner_id", "note",
    ),
    "photo_consent": (
        "id", "patient_id", "status", "uses", "recorded_at", "recorded_by_id", "note",
    ),
    "photo": (
        "id", "patient_id", "session_id", "view", "zone", "added_by_id", "added_at", "taken_at",
        "sha256", "media_type", "size", "width", "height",
    ),
    "device": (
        "id", "make", "model", "serial", "min_depth_mm", "max_depth_mm", "active", "profile",
    ),
    "practitioner": ("id", "name", "credentials", "pin_hash", "active", "created_at"),
}  # fmt: skip
SEALED_MODELS: dict[type, str] = {
    Patient: "patient",
    Consent: "consent",
    ConsentWithdrawal: "consent_withdrawal",
    PhotoConsent: "photo_consent",
    Photo: "photo",
    Device: "device",
    Practitioner: "practitioner",
}
ACTION = "seal"
ENTITY = "record"
REMOVED = ""
_TOUCHED = "chairside.sealed.touched"
_ACTOR = "chairside.sealed.actor"


def _value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return _plain(value)


def record_content(table: str, values: Iterable[Any]) -> str:
    """The SHA-256 of one row's canonical form: ``[table, value, ...]`` in field order."""
    return hashlib.sha256(canonical([table, *(_value(v) for v in values)])).hexdigest()


def live_records(conn: Connection, table: str, ids: Iterable[int] | None = None) -> dict[int, str]:
    """``{id: content hash}`` of the rows of ``table`` as stored now (all, or ``ids``)."""
    columns = Base.metadata.tables[table].c
    stmt = select(*(columns[name] for name in SEALED_FIELDS[table]))
    if ids is not None:
        stmt = stmt.where(columns.id.in_(set(ids)))
    result = conn.execution_options(stream_results=True, yield_per=2000).execute(stmt)
    return {row[0]: record_content(table, row) for row in result}


def key(table: str, row_id: int) -> str:
    return f"{table}:{row_id}"


def parse_key(value: str) -> tuple[str, int] | None:
    table, _, number = value.partition(":")
    if table not in SEALED_FIELDS or not number.isdigit():
        return None
    return table, int(number)


def seal_map(conn: Connection, touched: Iterable[tuple[str, int]]) -> dict[str, str]:
    """``{"table:id": hash}`` for ``touched`` as stored now (``REMOVED`` when gone)."""
    by_table: dict[str, set[int]] = defaultdict(set)
    for table, row_id in touched:
        by_table[table].add(row_id)
    sealed: dict[str, str] = {}
    for table, ids in sorted(by_table.items()):
        live = live_records(conn, table, ids)
        for row_id in sorted(ids):
            sealed[key(table, row_id)] = live.get(row_id, REMOVED)
    return sealed


def seal_hash(records: Mapping[str, str]) -> str:
    return hashlib.sha256(canonical(dict(records))).hexdigest()


def seal_summary(records: Mapping[str, str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for name in records:
        counts[name.partition(":")[0]] += 1
    parts = ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in sorted(counts.items()))
    return f"Sealed the record as committed: {parts}"


# -- sealing every transaction that touches a sealed table ------------------------------------


@event.listens_for(Session, "after_flush")
def _note_touched(session: Session, _context: Any) -> None:
    touched: set[tuple[str, int]] = session.info.setdefault(_TOUCHED, set())
    for obj in session.new:
        if isinstance(obj, AuditEvent) and obj.practitioner_id is not None:
            session.info[_ACTOR] = obj.practitioner_id
    for group, changed in ((session.new, False), (session.deleted, False), (session.dirty, True)):
        for obj in group:
            table = SEALED_MODELS.get(type(obj))
            if table is None or obj.id is None:
                continue
            if changed and not _sealed_field_changed(obj, table):
                continue  # a version or a timestamp only: the record is as sealed
            touched.add((table, obj.id))


def _sealed_field_changed(obj: Any, table: str) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in SEALED_FIELDS[table])


@event.listens_for(Session, "before_commit")
def _seal_touched(session: Session) -> None:
    from assistant.records import audit

    if session.info.get(_TOUCHED) or session.new or session.dirty or session.deleted:
        session.flush()
    touched = session.info.pop(_TOUCHED, None)
    actor = session.info.pop(_ACTOR, None)
    if not touched:
        return
    records = seal_map(session.connection(), touched)
    audit.record(
        session, ACTION, ENTITY, None, actor=actor, summary=seal_summary(records),
        changes={"records": records}, content_hash=seal_hash(records),
    )  # fmt: skip


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_touched(session: Session) -> None:
    session.info.pop(_TOUCHED, None)
    session.info.pop(_ACTOR, None)
