"""Consent records: versioned consent templates, issued consents with their PDF, withdrawals

``consent_template`` rows are versions of a form's text; an edit adds a row, so the database
refuses to change or delete one (triggers). ``consent`` keeps what the patient signed and the
exact PDF issued; it is never deleted (an erasure blanks the patient's details in place).
``clinic.consent_valid_months`` is how long a treatment consent covers a course.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consent_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('shipped_version', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['practitioner.id'], name=op.f('fk_consent_template_created_by_id_practitioner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_template'))
    )
    with op.batch_alter_table('consent_template', schema=None) as batch_op:
        batch_op.create_index('ix_consent_template_key_version', ['key', 'version'], unique=True)

    op.create_table('consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('treatment', sa.String(length=40), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('template_key', sa.String(length=40), nullable=False),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('photo_template_id', sa.Integer(), nullable=False),
    sa.Column('photo_template_version', sa.Integer(), nullable=False),
    sa.Column('patient_name', sa.String(length=200), nullable=False),
    sa.Column('areas', sa.JSON(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('device_label', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('photo_own_record', sa.Boolean(), nullable=False),
    sa.Column('photo_training', sa.Boolean(), nullable=False),
    sa.Column('photo_marketing', sa.Boolean(), nullable=False),
    sa.Column('patient_strokes', sa.JSON(), nullable=False),
    sa.Column('patient_signature_png', sa.LargeBinary(), nullable=True),
    sa.Column('guardian_name', sa.String(length=200), nullable=False),
    sa.Column('guardian_relation', sa.String(length=100), nullable=False),
    sa.Column('guardian_strokes', sa.JSON(), nullable=False),
    sa.Column('guardian_signature_png', sa.LargeBinary(), nullable=True),
    sa.Column('practitioner_id', sa.Integer(), nullable=False),
    sa.Column('practitioner_name', sa.String(length=200), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.Column('erased_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_consent_device_id_device')),
    sa.ForeignKeyConstraint(['patient_id'], ['patient.id'], name=op.f('fk_consent_patient_id_patient')),
    sa.ForeignKeyConstraint(['photo_template_id'], ['consent_template.id'], name=op.f('fk_consent_photo_template_id_consent_template')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_consent_practitioner_id_practitioner')),
    sa.ForeignKeyConstraint(['template_id'], ['consent_template.id'], name=op.f('fk_consent_template_id_consent_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_pdf_sha256'), ['pdf_sha256'], unique=False)

    op.create_table('consent_withdrawal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_consent_withdrawal_consent_id_consent')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioner.id'], name=op.f('fk_consent_withdrawal_practitioner_id_practitioner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_withdrawal'))
    )
    with op.batch_alter_table('consent_withdrawal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_withdrawal_consent_id'), ['consent_id'], unique=False)

    with op.batch_alter_table('clinic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_valid_months', sa.Integer(), server_default='12', nullable=False))

    _protect()


TEMPLATE_MESSAGE = 'a consent template version never changes; save a new version'
CONSENT_MESSAGE = 'an issued consent is kept'


def _protect() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        for operation in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER consent_template_no_{operation.lower()} BEFORE {operation} "
                f"ON consent_template BEGIN SELECT RAISE(ABORT, '{TEMPLATE_MESSAGE}'); END;"
            )
        op.execute(
            "CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent "
            f"BEGIN SELECT RAISE(ABORT, '{CONSENT_MESSAGE}'); END;"
        )
    elif dialect == 'postgresql':
        for name, message in (('consent_template', TEMPLATE_MESSAGE), ('consent', CONSENT_MESSAGE)):
            op.execute(
                f"CREATE OR REPLACE FUNCTION {name}_kept() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END; $$"
            )
        for operation in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER consent_template_no_{operation.lower()} BEFORE {operation} "
                "ON consent_template FOR EACH ROW EXECUTE PROCEDURE consent_template_kept()"
            )
        op.execute(
            "CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent "
            "FOR EACH ROW EXECUTE PROCEDURE consent_kept()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS consent_no_delete ON consent')
        for operation in ('update', 'delete'):
            op.execute(f'DROP TRIGGER IF EXISTS consent_template_no_{operation} ON consent_template')
        op.execute('DROP FUNCTION IF EXISTS consent_kept()')
        op.execute('DROP FUNCTION IF EXISTS consent_template_kept()')
    with op.batch_alter_table('clinic', schema=None) as batch_op:
        batch_op.drop_column('consent_valid_months')

    with op.batch_alter_table('consent_withdrawal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_withdrawal_consent_id'))

    op.drop_table('consent_withdrawal')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_pdf_sha256'))
        batch_op.drop_index(batch_op.f('ix_consent_patient_id'))

    op.drop_table('consent')
    with op.batch_alter_table('consent_template', schema=None) as batch_op:
        batch_op.drop_index('ix_consent_template_key_version')

    op.drop_table('consent_template')
