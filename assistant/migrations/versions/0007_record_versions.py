"""Record versions against lost updates; the sign-in throttle counted in one row

``patient``, ``treatment_session`` and ``clinic`` get a ``version`` column (SQLAlchemy's
``version_id_col``): a save from a copy read before someone else's save is refused instead
of silently overwriting it. A treatment session's version moves only while it is a draft, so
the signed-session triggers of 0005 stay as they are.

``sign_in_attempt`` holds, per practitioner, the wrong PINs in a row and the time of the
last one. Every sign-in updates that row inside its transaction, so attempts made in
parallel (two workstations, two commands) share one counter.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None

VERSIONED = ('patient', 'treatment_session', 'clinic')


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


def downgrade() -> None:
    op.drop_table('sign_in_attempt')
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('version')
