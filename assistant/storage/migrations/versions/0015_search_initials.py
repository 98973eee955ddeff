"""Each search term's first character as a term of its own

A word of one letter typed in the search box (the first key pressed) begins the terms of
most patients. ``patient_search.search_terms`` now also gives every term's first character
on its own, so that letter is one exact term whose matches the index
``ix_patient_search_term_term`` holds in list order. This adds those single characters for
the patients already stored.

The downgrade leaves them: to the search before this revision a single-character term is
an ordinary term, matched by the same letter that a longer term of the same patient
already matches.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Terms carry their patient's sort key, so the new rows do too; a single character a
    # patient already had stays as it was.
    op.execute(
        "INSERT INTO patient_search_term (patient_id, term, sort_key) "
        "SELECT DISTINCT patient_id, substr(term, 1, 1), sort_key FROM patient_search_term "
        "WHERE length(term) > 1 "
        "ON CONFLICT DO NOTHING"
    )


def downgrade() -> None:
    pass
