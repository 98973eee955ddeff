"""Clinical rules the clinic sets (one append-only row per change); device profiles;
the rules' version on each treatment session

SQLite's trigger that keeps signed sessions read-only lists the table's columns: it is
created again here so the new column is protected too (PostgreSQL's compares whole rows).

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'clinic_rule_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule_id', sa.String(length=100), nullable=False),
        sa.Column('value', sa.String(length=100), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('practitioner_id', sa.Integer(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_clinic_rule_change_rule_id', 'clinic_rule_change', ['rule_id'])
    op.add_column('device', sa.Column('profile', sa.String(length=50), nullable=True))
    op.add_column(
        'treatment_session', sa.Column('rules_version', sa.String(length=40), nullable=True)
    )
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_signed_trigger()


SIGNED_MESSAGE = 'a signed treatment session is read-only; record an amendment instead'
WRITABLE_WHEN_SIGNED = ('aftercare_printed_at', 'updated_at')


def _sqlite_signed_trigger() -> None:
    columns = [
        c['name']
        for c in sa.inspect(op.get_bind()).get_columns('treatment_session')
        if c['name'] not in WRITABLE_WHEN_SIGNED
    ]
    changed = ' OR '.join(f'NEW.{c} IS NOT OLD.{c}' for c in columns)
    op.execute("DROP TRIGGER IF EXISTS treatment_session_signed_no_update")
    op.execute(
        "CREATE TRIGGER treatment_session_signed_no_update BEFORE UPDATE ON treatment_session "
        f"FOR EACH ROW WHEN OLD.state = 'signed' AND ({changed}) "
        f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy would lose the read-only triggers.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS treatment_session_signed_no_update")
        op.execute("ALTER TABLE treatment_session DROP COLUMN rules_version")
        _sqlite_signed_trigger()
        op.execute("ALTER TABLE device DROP COLUMN profile")
    else:
        op.drop_column('treatment_session', 'rules_version')
        op.drop_column('device', 'profile')
    op.drop_index('ix_clinic_rule_change_rule_id', table_name='clinic_rule_change')
    op.drop_table('clinic_rule_change')
