"""Append-only audit trail enforced by the database; patient detail history kept apart

The database itself now refuses to update or delete audit rows (SQLite triggers; a plpgsql
function and triggers on PostgreSQL). Old and new values of a patient's details move out of
the audit trail into ``patient_history``, which erasing a patient can scrub; the audit row
keeps only the names of the fields that changed (``{"fields": [...]}``). Rows written before
this revision are moved once, here, before the protection is switched on.

A later migration that rebuilds ``audit_event`` (a SQLite batch operation copies the table)
must create these triggers again.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = 'audit entries are append-only'


def upgrade() -> None:
    op.create_table('patient_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('audit_event_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.JSON(), nullable=True),
    sa.Column('new_value', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['audit_event_id'], ['audit_event.id'], name=op.f('fk_patient_history_audit_event_id_audit_event')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_patient_history_patient_id_patient')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_patient_history_practitioner_id_practitioner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patient_history'))
    )
    with op.batch_alter_table('patient_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patient_history_patient_id'), ['patient_id'], unique=False)

    _move_patient_values_out_of_audit()

    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for operation in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{operation.lower()} BEFORE {operation} "
                f"ON audit_event BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END;"
            )
    elif dialect == 'postgresql':
        op.execute(
            "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; "
            "END; $$"
        )
        for operation in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{operation.lower()} BEFORE {operation} "
                "ON audit_event FOR EACH ROW EXECUTE PROCEDURE audit_event_append_only()"
            )
        op.execute(
            "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
            "FOR EACH STATEMENT EXECUTE PROCEDURE audit_event_append_only()"
        )


def _move_patient_values_out_of_audit() -> None:
    """Patient edits used to keep ``{field: [old, new]}`` in the audit row itself."""
    bind = op.get_bind()
    audit = sa.table(
        'audit_event',
        sa.column('id', sa.Integer),
        sa.column('at', sa.DateTime),
        sa.column('practitioner_id', sa.Integer),
        sa.column('entity', sa.String),
        sa.column('entity_id', sa.Integer),
        sa.column('changes', sa.JSON),
    )
    history = sa.table(
        'patient_history',
        sa.column('patient_id', sa.Integer),
        sa.column('audit_event_id', sa.Integer),
        sa.column('at', sa.DateTime),
        sa.column('practitioner_id', sa.Integer),
        sa.column('field', sa.String),
        sa.column('old_value', sa.JSON),
        sa.column('new_value', sa.JSON),
    )
    rows = bind.execute(
        sa.select(audit).where(audit.c.entity == 'patient', audit.c.entity_id.is_not(None))
    ).all()
    for row in rows:
        changes: Any = row.changes
        if isinstance(changes, str):
            changes = json.loads(changes)
        if not isinstance(changes, dict) or not changes or set(changes) == {'fields'}:
            continue
        for field, values in changes.items():
            old, new = values if isinstance(values, list) and len(values) == 2 else (None, values)
            bind.execute(
                history.insert().values(
                    patient_id=row.entity_id,
                    audit_event_id=row.id,
                    at=row.at,
                    practitioner_id=row.practitioner_id,
                    field=str(field)[:40],
                    old_value=old,
                    new_value=new,
                )
            )
        bind.execute(
            audit.update()
            .where(audit.c.id == row.id)
            .values(changes={'fields': sorted(str(f) for f in changes)})
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    elif dialect == 'postgresql':
        for name in ('update', 'delete', 'truncate'):
            op.execute(f"DROP TRIGGER IF EXISTS audit_event_no_{name} ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")

    with op.batch_alter_table('patient_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_patient_history_patient_id'))

    op.drop_table('patient_history')
