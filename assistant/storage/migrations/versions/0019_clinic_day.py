"""The clinic's day: appointments, follow-up calls and the complications register

``appointment`` holds a booked visit (its state, the earliest safe date when it was booked and
the reason given for an earlier one); ``follow_up`` the call a signed session asks for;
``complication`` an adverse event recorded against a session, with what a regulator's report
needs beyond the session itself.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('course_number', sa.Integer(), nullable=True),
    sa.Column('course_total', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('earliest_safe', sa.Date(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['practitioner.id'], name=op.f('fk_appointment_cancelled_by_id_practitioner')),
    sa.ForeignKeyConstraint(['created_by_id'], ['practitioner.id'], name=op.f('fk_appointment_created_by_id_practitioner')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_appointment_patient_id_patient')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_appointment_practitioner_id_practitioner')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_appointment_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index('ix_appointment_starts_at', ['starts_at'], unique=False)

    op.create_table('complication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('onset_on', sa.Date(), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('serious', sa.Boolean(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('treatment_given', sa.Text(), nullable=False),
    sa.Column('referral', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('udi', sa.String(length=200), nullable=False),
    sa.Column('reported_to', sa.String(length=10), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('report_reference', sa.String(length=100), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['practitioner.id'], name=op.f('fk_complication_created_by_id_practitioner')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_complication_patient_id_patient')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_complication_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complication'))
    )
    with op.batch_alter_table('complication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complication_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complication_session_id'), ['session_id'], unique=False)

    op.create_table('follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('complication_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['complication_id'], ['complication.id'], name=op.f('fk_follow_up_complication_id_complication')),
    sa.ForeignKeyConstraint(['done_by_id'], ['practitioner.id'], name=op.f('fk_follow_up_done_by_id_practitioner')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_follow_up_patient_id_patient')),
    sa.ForeignKeyConstraint(['session_id'], ['treatment_session.id'], name=op.f('fk_follow_up_session_id_treatment_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up'))
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_session_id'), ['session_id'], unique=False)


def downgrade() -> None:
    op.drop_table('follow_up')
    op.drop_table('complication')
    op.drop_table('appointment')
