"""Consent forms and consents in the patient's language

``consent_template.language`` gives each (form, language) its own history of versions: the
unique index on (key, version) becomes one on (key, language, version). ``consent.language``
is the language the patient read and signed. Every row so far is English ("en").

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

OLD_INDEX = 'ix_consent_template_key_version'
NEW_INDEX = 'ix_consent_template_key_language_version'


def upgrade() -> None:
    # ADD COLUMN with a constant default and index changes: no table rebuild, so the
    # triggers that keep consent forms and consents stay.
    op.add_column(
        'consent_template',
        sa.Column('language', sa.String(10), nullable=False, server_default='en'),
    )
    op.add_column(
        'consent', sa.Column('language', sa.String(10), nullable=False, server_default='en')
    )
    op.drop_index(OLD_INDEX, table_name='consent_template')
    op.create_index(NEW_INDEX, 'consent_template', ['key', 'language', 'version'], unique=True)


def downgrade() -> None:
    # Rows are never deleted (triggers), and before 0014 a form has one history: forms or
    # consents in another language cannot be taken back without losing what they are.
    bind = op.get_bind()
    others = bind.execute(
        sa.text(
            "SELECT (SELECT COUNT(*) FROM consent_template WHERE language <> 'en') "
            "+ (SELECT COUNT(*) FROM consent WHERE language <> 'en')"
        )
    ).scalar()
    if others:
        raise RuntimeError(
            "This database holds consent forms or consents in languages other than English; "
            "the schema before revision 0014 cannot tell them apart, so it is not taken back."
        )
    # Plain DROP INDEX / DROP COLUMN (no table rebuild: a rebuild would drop the triggers).
    op.drop_index(NEW_INDEX, table_name='consent_template')
    op.create_index(OLD_INDEX, 'consent_template', ['key', 'version'], unique=True)
    op.drop_column('consent', 'language')
    op.drop_column('consent_template', 'language')
