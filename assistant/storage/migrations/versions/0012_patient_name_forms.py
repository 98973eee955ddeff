"""Names as the patient writes them: the order of the names and a preferred display name

``patient.name_order`` is ``given_first`` (the default: "Ana Silva") or ``family_first``
("Nguyễn Lan", "Kovács Péter"); ``patient.preferred_name`` is how the patient wants to be
named on screen and paper, when it is not their names in that order. Both are patient
details like the others: changes go to ``patient_history``, the export carries them and
erasure scrubs the preferred name.

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'name_order', sa.String(20), nullable=False, server_default='given_first'
            )
        )
        batch_op.add_column(
            sa.Column('preferred_name', sa.String(100), nullable=False, server_default='')
        )


def downgrade() -> None:
    # Plain DROP COLUMN (no table rebuild: a rebuild would trip the foreign keys and drop
    # the triggers).
    op.drop_column('patient', 'preferred_name')
    op.drop_column('patient', 'name_order')
