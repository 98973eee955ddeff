"""Clinical rules the clinic sets (one append-only row per change); device profiles

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


def downgrade() -> None:
    with op.batch_alter_table('device') as batch:
        batch.drop_column('profile')
    op.drop_index('ix_clinic_rule_change_rule_id', table_name='clinic_rule_change')
    op.drop_table('clinic_rule_change')
