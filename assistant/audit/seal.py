"""The rest of the record under the chain: patients, consents, photos, devices, practitioners.

Every transaction that adds, changes or removes one of these rows ends with a "seal" entry in
the audit trail, written just before the commit: ``changes["records"]`` maps each row touched
("patient:12") to the SHA-256 of its canonical form as committed ("" once the row is removed),
and ``content_hash`` is the SHA-256 of that map. The entry is chained like every other, so
``chain.verify`` can recompute every row's form from the live tables and compare it with the
last seal naming it: a row edited with raw SQL, however careful, no longer matches. The
listeners that write the seal entry live in ``assistant.audit.trail``, beside the entries.

``SEALED_FIELDS`` and ``record_content`` are a format, as the chain's canonical forms are:
changing them makes every existing seal look broken. Columns left out are those that change
without changing the record (a patient's search keys, version and ``updated_at``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from assistant.audit.canonical import _plain, canonical
from assistant.storage.models import (
    Base,
    Consent,
    ConsentWithdrawal,
    Device,
    Patient,
    Photo,
    PhotoConsent,
    Practitioner,
)

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
    # options on the statement, not the connection: in SQLAlchemy 2 a connection keeps them,
    # and every later statement of the transaction would run as a server-side cursor
    result = conn.execute(stmt.execution_options(stream_results=True, yield_per=2000))
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
