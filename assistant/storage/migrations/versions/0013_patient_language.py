"""The patient's language and large print for handouts

``patient.language`` (an ISO 639-1 code such as "es"; "en" for every patient so far) is the
language the aftercare sheet is printed in by default; ``patient.large_print`` asks for the
sheet in large print. Both are patient details: edits go through ``patient_history``, the
subject-access export shows them and an erasure resets them.

Revision ID: 0013
Revises: 0010
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a constant default: no table rebuild, so every trigger stays.
    op.add_column(
        'patient', sa.Column('language', sa.String(10), nullable=False, server_default='en')
    )
    op.add_column(
        'patient',
        sa.Column('large_print', sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    # Plain DROP COLUMN (no table rebuild: a rebuild would trip the foreign keys and drop
    # the triggers).
    op.drop_column('patient', 'large_print')
    op.drop_column('patient', 'language')
