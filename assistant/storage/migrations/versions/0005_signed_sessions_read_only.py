"""Signed treatment sessions are read-only in the database itself

Once a session is signed, the database refuses any change to its row except the aftercare
"printed at" stamp (and ``updated_at``), refuses deleting it, and refuses changing or removing
its zones and products. Amendments can never be changed or deleted. Corrections go through
amendments (``assistant.sessions.amend_session``). SQLite triggers; a plpgsql function and
triggers on PostgreSQL. The application checks the same rules before every flush
(``assistant.sessions``); these triggers also stop raw SQL and bulk statements.

Rows added to a signed session are refused by the application only: demo data and restores
insert sessions that are already signed, together with their zones.

On SQLite the update trigger lists the columns of ``treatment_session`` as they are at this
revision: a later migration that adds a column, or rebuilds the table (a batch operation
copies it and drops its triggers), must create these triggers again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SIGNED_MESSAGE = 'a signed treatment session is read-only; record an amendment instead'
AMENDMENT_MESSAGE = 'amendments are append-only'
WRITABLE_WHEN_SIGNED = ('aftercare_printed_at', 'updated_at')
CHILD_TABLES = ('zone_treatment', 'product_use')


def _sqlite_upgrade() -> None:
    columns = [
        c['name']
        for c in sa.inspect(op.get_bind()).get_columns('treatment_session')
        if c['name'] not in WRITABLE_WHEN_SIGNED
    ]
    changed = ' OR '.join(f'NEW.{c} IS NOT OLD.{c}' for c in columns)
    op.execute(
        "CREATE TRIGGER treatment_session_signed_no_update BEFORE UPDATE ON treatment_session "
        f"FOR EACH ROW WHEN OLD.state = 'signed' AND ({changed}) "
        f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
    )
    op.execute(
        "CREATE TRIGGER treatment_session_signed_no_delete BEFORE DELETE ON treatment_session "
        "FOR EACH ROW WHEN OLD.state = 'signed' "
        f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
    )
    parent = "(SELECT state FROM treatment_session WHERE id = {}.session_id) = 'signed'"
    for table in CHILD_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_signed_no_update BEFORE UPDATE ON {table} "
            f"FOR EACH ROW WHEN {parent.format('OLD')} OR {parent.format('NEW')} "
            f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
        )
        op.execute(
            f"CREATE TRIGGER {table}_signed_no_delete BEFORE DELETE ON {table} "
            f"FOR EACH ROW WHEN {parent.format('OLD')} "
            f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
        )
    for operation in ('UPDATE', 'DELETE'):
        op.execute(
            f"CREATE TRIGGER amendment_no_{operation.lower()} BEFORE {operation} ON amendment "
            f"BEGIN SELECT RAISE(ABORT, '{AMENDMENT_MESSAGE}'); END;"
        )


def _postgresql_upgrade() -> None:
    writable = ' - '.join(f"'{c}'" for c in WRITABLE_WHEN_SIGNED)
    op.execute(
        "CREATE OR REPLACE FUNCTION treatment_session_signed_read_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF OLD.state = 'signed' AND (TG_OP = 'DELETE' OR "
        f"(to_jsonb(NEW) - {writable}) IS DISTINCT FROM (to_jsonb(OLD) - {writable})) THEN "
        f"RAISE EXCEPTION '{SIGNED_MESSAGE}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$"
    )
    op.execute(
        "CREATE TRIGGER treatment_session_signed_read_only BEFORE UPDATE OR DELETE "
        "ON treatment_session FOR EACH ROW EXECUTE PROCEDURE treatment_session_signed_read_only()"
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION session_child_signed_read_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF (SELECT state FROM treatment_session WHERE id = OLD.session_id) = 'signed' "
        "OR (TG_OP = 'UPDATE' AND "
        "(SELECT state FROM treatment_session WHERE id = NEW.session_id) = 'signed') THEN "
        f"RAISE EXCEPTION '{SIGNED_MESSAGE}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$"
    )
    for table in CHILD_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_signed_read_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE PROCEDURE session_child_signed_read_only()"
        )
    op.execute(
        "CREATE OR REPLACE FUNCTION amendment_append_only() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{AMENDMENT_MESSAGE}'; END; $$"
    )
    op.execute(
        "CREATE TRIGGER amendment_append_only BEFORE UPDATE OR DELETE ON amendment "
        "FOR EACH ROW EXECUTE PROCEDURE amendment_append_only()"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        _sqlite_upgrade()
    elif dialect == 'postgresql':
        _postgresql_upgrade()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        names = ['treatment_session_signed_no_update', 'treatment_session_signed_no_delete']
        names += [f'{t}_signed_no_{o}' for t in CHILD_TABLES for o in ('update', 'delete')]
        names += ['amendment_no_update', 'amendment_no_delete']
        for name in names:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS treatment_session_signed_read_only ON treatment_session")
        for table in CHILD_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_read_only ON {table}")
        op.execute("DROP TRIGGER IF EXISTS amendment_append_only ON amendment")
        op.execute("DROP FUNCTION IF EXISTS treatment_session_signed_read_only()")
        op.execute("DROP FUNCTION IF EXISTS session_child_signed_read_only()")
        op.execute("DROP FUNCTION IF EXISTS amendment_append_only()")
