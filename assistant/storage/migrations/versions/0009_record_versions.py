"""Record versions against lost updates; the sign-in throttle counted in one row

``patient``, ``treatment_session`` and ``clinic`` get a ``version`` column (SQLAlchemy's
``version_id_col``): a save from a copy read before someone else's save is refused instead
of silently overwriting it. A treatment session's version moves only while it is a draft, so
the signed-session triggers of 0005 stay as they are.

``sign_in_attempt`` holds, per practitioner, the wrong PINs in a row and the time of the
last one. Every sign-in updates that row inside its transaction, so attempts made in
parallel (two workstations, two commands) share one counter.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

VERSIONED = ('patient', 'treatment_session', 'clinic')
SIGNED_MESSAGE = 'a signed treatment session is read-only; record an amendment instead'
WRITABLE_WHEN_SIGNED = ('aftercare_printed_at', 'updated_at')


def _signed_session_trigger() -> None:
    """SQLite's read-only trigger for signed sessions lists the table's columns: made again
    from the live table, so the new ``version`` column is read-only once signed too.
    (PostgreSQL's trigger compares whole rows and needs nothing.)"""
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
    for table in VERSIONED:
        # ADD COLUMN with a constant default: no table rebuild, so every trigger stays.
        op.add_column(
            table, sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
    op.create_table(
        'sign_in_attempt',
        sa.Column('practitioner_id', sa.Integer(), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('last_failure_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['practitioner_id'], ['practitioner.id'],
            name=op.f('fk_sign_in_attempt_practitioner_id_practitioner'),
        ),
        sa.PrimaryKeyConstraint('practitioner_id', name=op.f('pk_sign_in_attempt')),
    )
    _signed_session_trigger()


def downgrade() -> None:
    op.drop_table('sign_in_attempt')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS treatment_session_signed_no_update")
    for table in VERSIONED:
        # A plain DROP COLUMN (SQLite 3.35+): rebuilding the table would drop its triggers.
        op.drop_column(table, 'version')
    _signed_session_trigger()
