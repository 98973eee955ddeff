"""``patient.search_key`` goes: search reads ``patient_search_term`` (revision 0011) and
nothing has read the old folded key since; it was still written on every save and scrubbed
by an erasure.

SQLite drops the column in place (``ALTER TABLE … DROP COLUMN``): rebuilding the patient
table would trip the foreign keys of every table that names a patient. Its index went in
revision 0011. The downgrade brings the column back empty, as a fresh database made it.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('patient', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('search_key')


def downgrade() -> None:
    with op.batch_alter_table('patient', schema=None, recreate='never') as batch_op:
        batch_op.add_column(
            sa.Column('search_key', sa.String(length=400), nullable=False, server_default='')
        )
