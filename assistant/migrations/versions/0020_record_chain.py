"""Patients, consents, photos, devices and practitioners under the audit chain

From this revision every transaction that changes one of these rows ends with a "seal" entry
holding the SHA-256 of each row touched (``assistant.records.seal``), which ``audit --verify``
recomputes from the live rows. The rows already in the database are vouched for once, here,
as found at the upgrade: one "seal" entry, appended to the chain and saying so. No schema
change.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from assistant.models import AuditEvent, utcnow
    from assistant.records import chain, seal

    bind = op.get_bind()
    audit = cast(sa.Table, AuditEvent.__table__)
    records: dict[str, str] = {}
    for table in seal.SEALED_FIELDS:
        for row_id, digest in sorted(seal.live_records(bind, table).items()):
            records[seal.key(table, row_id)] = digest
    head = chain.chain_head(bind)
    if not records and head is None:
        return  # a new database: its rows are sealed as they are made
    values = {
        'at': utcnow(), 'practitioner_id': None, 'workstation': '', 'action': seal.ACTION,
        'entity': seal.ENTITY, 'entity_id': None, 'patient_id': None,
        'summary': f'Vouched for {len(records)} record(s) as found at the upgrade that put '
        'patients, consents, photos, devices and practitioners under the audit chain',
        'changes': {'records': records, 'upgrade': revision},
        'content_hash': seal.seal_hash(records),
    }  # fmt: skip
    previous = head.hash if head else chain.GENESIS
    values['chain_hash'] = chain.link(previous, chain.entry_content(values))
    bind.execute(audit.insert().values(**values))


def downgrade() -> None:
    pass  # the seal entry stays: audit entries are never removed
