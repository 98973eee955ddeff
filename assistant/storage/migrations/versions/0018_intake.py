"""The questionnaires patients answer themselves (intake)

``intake_questionnaire`` holds each questionnaire as it arrived (the language, the wording's
version, the device, when, the patient's answers, a guardian's name and relation) and what
the practitioner confirmed of it at the chair.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_questionnaire",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("wording_version", sa.String(length=40), nullable=False),
        sa.Column("device", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("guardian", sa.JSON(), nullable=True),
        sa.Column("confirmed", sa.JSON(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"],
            name=op.f("fk_intake_questionnaire_patient_id_patient"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["practitioner.id"],
            name=op.f("fk_intake_questionnaire_requested_by_practitioner"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_questionnaire")),
    )
    op.create_index(
        op.f("ix_intake_questionnaire_patient_id"), "intake_questionnaire", ["patient_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_intake_questionnaire_patient_id"), table_name="intake_questionnaire")
    op.drop_table("intake_questionnaire")
