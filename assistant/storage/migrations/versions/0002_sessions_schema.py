"""Assessments, treatment sessions, zones, product lots and amendments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('checklist_version', sa.String(length=40), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('zones', sa.JSON(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('defer_until', sa.Date(), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_assessment_patient_id_patient')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_assessment_practitioner_id_practitioner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment'))
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_patient_id'), ['patient_id'], unique=False)

    op.create_table('treatment_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('treated_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('consent_on_file', sa.Boolean(), nullable=False),
    sa.Column('consent_date', sa.Date(), nullable=True),
    sa.Column('photos_taken', sa.Boolean(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('cartridge_id', sa.Integer(), nullable=True),
    sa.Column('cartridge_needles', sa.String(length=10), nullable=False),
    sa.Column('cartridge_lot', sa.String(length=100), nullable=False),
    sa.Column('cartridge_expiry', sa.Date(), nullable=True),
    sa.Column('anaesthetic_product', sa.String(length=200), nullable=False),
    sa.Column('anaesthetic_strength', sa.String(length=50), nullable=False),
    sa.Column('anaesthetic_minutes', sa.Integer(), nullable=True),
    sa.Column('anaesthetic_removed_at', sa.DateTime(), nullable=True),
    sa.Column('tolerance', sa.Integer(), nullable=True),
    sa.Column('reactions', sa.Text(), nullable=False),
    sa.Column('adverse_events', sa.Text(), nullable=False),
    sa.Column('post_care', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('next_session_date', sa.Date(), nullable=True),
    sa.Column('interval_weeks', sa.Integer(), nullable=True),
    sa.Column('course_number', sa.Integer(), nullable=True),
    sa.Column('course_total', sa.Integer(), nullable=True),
    sa.Column('aftercare_printed_at', sa.DateTime(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_treatment_session_assessment_id_assessment')),
    sa.ForeignKeyConstraint(['cartridge_id'], ['cartridge.id'], name=op.f('fk_treatment_session_cartridge_id_cartridge')),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_treatment_session_device_id_device')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_treatment_session_patient_id_patient')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_treatment_session_practitioner_id_practitioner')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['practitioner.id'], name=op.f('fk_treatment_session_signed_by_id_practitioner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_treatment_session'))
    )
    with op.batch_alter_table('treatment_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_treatment_session_cartridge_lot'), ['cartridge_lot'], unique=False)
        batch_op.create_index('ix_treatment_session_patient_treated', ['patient_id', 'treated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_treatment_session_state'), ['state'], unique=False)

    op.create_table('amendment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=False),
    sa.Column('new_value', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_amendment_practitioner_id_practitioner')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_amendment_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendment'))
    )
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendment_session_id'), ['session_id'], unique=False)

    op.create_table('product_use',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('lot_number', sa.String(length=100), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_use_product_id_product')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_product_use_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_use'))
    )
    with op.batch_alter_table('product_use', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_use_lot_number'), ['lot_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_use_session_id'), ['session_id'], unique=False)

    op.create_table('zone_treatment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=40), nullable=False),
    sa.Column('depth_mm', sa.Float(), nullable=False),
    sa.Column('passes', sa.Integer(), nullable=False),
    sa.Column('speed', sa.String(length=20), nullable=False),
    sa.Column('endpoint', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_zone_treatment_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zone_treatment'))
    )
    with op.batch_alter_table('zone_treatment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zone_treatment_session_id'), ['session_id'], unique=False)




def downgrade() -> None:
    with op.batch_alter_table('zone_treatment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zone_treatment_session_id'))

    op.drop_table('zone_treatment')
    with op.batch_alter_table('product_use', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_use_session_id'))
        batch_op.drop_index(batch_op.f('ix_product_use_lot_number'))

    op.drop_table('product_use')
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendment_session_id'))

    op.drop_table('amendment')
    with op.batch_alter_table('treatment_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_treatment_session_state'))
        batch_op.drop_index('ix_treatment_session_patient_treated')
        batch_op.drop_index(batch_op.f('ix_treatment_session_cartridge_lot'))

    op.drop_table('treatment_session')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_patient_id'))

    op.drop_table('assessment')
