"""Patients, consents, photos, devices and practitioners under the audit chain

From this revision every transaction that changes one of these rows ends with a "seal" entry
holding the SHA-256 of each row touched (``assistant.audit.seal``), which ``audit --verify``
recomputes from the live rows (the sealed columns and the chain's canonical form are copied
here as they were at this revision). The rows already in the database are vouched for once, here,
as found at the upgrade: one "seal" entry, appended to the chain and saying so. No schema
change.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


# The sealed columns as this revision knew them (``assistant.audit.seal`` at 0020), with
# the type of each one that is not read back as stored: T datetime, D date, J JSON,
# B boolean, L bytes, F float.
SEALED = {
    'patient': (
        'id first_name last_name name_order preferred_name date_of_birth:D phone email '
        'fitzpatrick skin_type concerns:J notes language large_print:B created_at:T '
        'erased_at:T'
    ),
    'consent': (
        'id patient_id treatment template_id template_key template_version language '
        'photo_template_id photo_template_version patient_name areas:J device_id '
        'device_label text photo_own_record:B photo_training:B photo_marketing:B '
        'patient_strokes:J patient_signature_png:L guardian_name guardian_relation '
        'guardian_strokes:J guardian_signature_png:L practitioner_id practitioner_name '
        'signed_at:T signed_on:D content_sha256 pdf_sha256 pdf:L erased_at:T'
    ),
    'consent_withdrawal': 'id consent_id scope withdrawn_on:D recorded_at:T practitioner_id note',
    'photo_consent': 'id patient_id status uses:J recorded_at:T recorded_by_id note',
    'photo': (
        'id patient_id session_id view zone added_by_id added_at:T taken_at:T sha256 '
        'media_type size width height'
    ),
    'device': 'id make model serial min_depth_mm:F max_depth_mm:F active:B profile',
    'practitioner': 'id name credentials pin_hash active:B created_at:T',
}  # fmt: skip
TYPES: dict[str, sa.types.TypeEngine[Any]] = {
    'T': sa.DateTime(), 'D': sa.Date(), 'J': sa.JSON(), 'B': sa.Boolean(),
    'L': sa.LargeBinary(), 'F': sa.Float(),
}  # fmt: skip
ENTRY_FIELDS = (
    'at', 'practitioner_id', 'workstation', 'action', 'entity', 'entity_id', 'patient_id',
    'summary', 'changes', 'content_hash',
)  # fmt: skip
GENESIS = '0' * 64
AUDIT = sa.table(
    'audit_event', sa.column('id'), sa.column('at', sa.DateTime()), sa.column('practitioner_id'),
    sa.column('workstation'), sa.column('action'), sa.column('entity'), sa.column('entity_id'),
    sa.column('patient_id'), sa.column('summary'), sa.column('changes', sa.JSON()),
    sa.column('content_hash'), sa.column('chain_hash'),
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(',', ':'), ensure_ascii=False, default=_plain
)


def _canonical(values: Any) -> bytes:
    return _ENCODER.encode(values).encode()


def _value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return 'sha256:' + hashlib.sha256(bytes(value)).hexdigest()
    return _plain(value)


def _live_records(bind: sa.Connection, table: str) -> dict[int, str]:
    """``{id: content hash}`` of every row of ``table`` as stored now."""
    fields = [field.partition(':') for field in SEALED[table].split()]
    columns: list[sa.ColumnClause[Any]] = [
        sa.column(name, TYPES[kind]) if kind else sa.column(name)
        for name, _, kind in fields
    ]
    result = bind.execute(sa.select(*columns).select_from(sa.table(table, *columns)))
    return {
        row[0]: hashlib.sha256(_canonical([table, *(_value(v) for v in row)])).hexdigest()
        for row in result
    }


def upgrade() -> None:
    bind = op.get_bind()
    records: dict[str, str] = {}
    for table in SEALED:
        for row_id, digest in sorted(_live_records(bind, table).items()):
            records[f'{table}:{row_id}'] = digest
    head = bind.execute(
        sa.select(AUDIT.c.id, AUDIT.c.chain_hash).order_by(AUDIT.c.id.desc()).limit(1)
    ).first()
    if not records and head is None:
        return  # a new database: its rows are sealed as they are made
    values = {
        'at': datetime.now(UTC).replace(tzinfo=None), 'practitioner_id': None, 'workstation': '',
        'action': 'seal', 'entity': 'record', 'entity_id': None, 'patient_id': None,
        'summary': f'Vouched for {len(records)} record(s) as found at the upgrade that put '
        'patients, consents, photos, devices and practitioners under the audit chain',
        'changes': {'records': records, 'upgrade': revision},
        'content_hash': hashlib.sha256(_canonical(dict(records))).hexdigest(),
    }  # fmt: skip
    previous = (head.chain_hash or '') if head else GENESIS
    content = _canonical([values[name] for name in ENTRY_FIELDS])
    values['chain_hash'] = hashlib.sha256(previous.encode() + content).hexdigest()
    bind.execute(AUDIT.insert().values(**values))


def downgrade() -> None:
    pass  # the seal entry stays: audit entries are never removed
