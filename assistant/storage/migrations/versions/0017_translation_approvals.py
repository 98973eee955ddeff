"""Translation approvals: who approved which version of a translated file

``translation_approval`` records, per translated file in use (``aftercare-es.toml``,
``consent-es.toml``), the SHA-256 of the version a fluent clinician approved, their name and
role as they signed, the practitioner who recorded it and when. The approval belongs to the
clinic's database; a changed file no longer matches and reads as unreviewed again.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'translation_approval',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(10), nullable=False),
        sa.Column('file', sa.String(80), nullable=False),
        sa.Column('source', sa.String(20), nullable=False),
        sa.Column('content_hash', sa.String(64), nullable=False),
        sa.Column('reviewer', sa.String(200), nullable=False),
        sa.Column('practitioner_id', sa.Integer(), nullable=False),
        sa.Column('approved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id']),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('translation_approval')
