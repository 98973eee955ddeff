"""Clinical rules the clinic sets (one append-only row per change); device profiles;
the rules' version on each treatment session

SQLite's trigger that keeps signed sessions read-only lists the table's columns: it is
created again here from the live table, so the new column is protected too, alongside
``version`` from 0009 (PostgreSQL's compares whole rows).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

SIGNED_MESSAGE = 'a signed treatment session is read-only; record an amendment instead'
WRITABLE_WHEN_SIGNED = ('aftercare_printed_at', 'updated_at')


def _signed_session_trigger() -> None:
    """SQLite's read-only trigger for signed sessions, made again from the live column list
    (so ``version`` and ``rules_version`` are read-only once signed). PostgreSQL's trigger
    compares whole rows and needs nothing."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    op.execute("DROP TRIGGER IF EXISTS treatment_session_signed_no_update")
    columns = [
        c['name']
        for c in sa.inspect(op.get_bind()).get_columns('treatment_session')
        if c['name'] not in WRITABLE_WHEN_SIGNED
    ]
    changed = ' OR '.join(f'NEW.{c} IS NOT OLD.{c}' for c in columns)
    op.execute(
        "CREATE TRIGGER treatment_session_signed_no_update BEFORE UPDATE ON treatment_session "
        f"FOR EACH ROW WHEN OLD.state = 'signed' AND ({changed}) "
        f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
    )


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
    # ADD COLUMN without a table rebuild, so every trigger stays.
    op.add_column('device', sa.Column('profile', sa.String(length=50), nullable=True))
    op.add_column(
        'treatment_session', sa.Column('rules_version', sa.String(length=40), nullable=True)
    )
    _signed_session_trigger()


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy would lose the read-only triggers. The
    # signed-session trigger names the column, so it is dropped first and made again after.
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS treatment_session_signed_no_update")
    op.drop_column('treatment_session', 'rules_version')
    _signed_session_trigger()
    op.drop_column('device', 'profile')
    op.drop_index('ix_clinic_rule_change_rule_id', table_name='clinic_rule_change')
    op.drop_table('clinic_rule_change')
