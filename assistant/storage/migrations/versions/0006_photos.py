"""Clinical photos, their bytes on a server database, and the patient's photo consent

``photo`` holds one row per picture (patient, session, view, zone, who added it and when,
SHA-256, size). On SQLite the bytes are files in the data folder; on PostgreSQL they are
rows of ``photo_blob`` so every workstation reaches them. ``photo_consent`` is the minimal
record of a patient's answer about photos (given, refused, withdrawn), appended each time;
the newest row applies, and importing is refused after a refusal or withdrawal.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('photo_blob',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_photo_blob'))
    )
    op.create_table('photo_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('uses', sa.JSON(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_photo_consent_patient_id_patient')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['practitioner.id'], name=op.f('fk_photo_consent_recorded_by_id_practitioner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo_consent'))
    )
    with op.batch_alter_table('photo_consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_photo_consent_patient_id'), ['patient_id'], unique=False)

    op.create_table('photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('view', sa.String(length=20), nullable=False),
    sa.Column('zone', sa.String(length=40), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=20), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['practitioner.id'], name=op.f('fk_photo_added_by_id_practitioner')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_photo_patient_id_patient')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_photo_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_photo'))
    )
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.create_index('ix_photo_patient_view', ['patient_id', 'view'], unique=False)
        batch_op.create_index(batch_op.f('ix_photo_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_photo_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photo_sha256'))
        batch_op.drop_index(batch_op.f('ix_photo_session_id'))
        batch_op.drop_index('ix_photo_patient_view')

    op.drop_table('photo')
    with op.batch_alter_table('photo_consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_photo_consent_patient_id'))

    op.drop_table('photo_consent')
    op.drop_table('photo_blob')
