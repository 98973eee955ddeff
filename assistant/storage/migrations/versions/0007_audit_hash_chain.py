"""A hash-chained audit trail, and triggers that REPLACE and inserts cannot get around

``audit_event`` gains ``content_hash`` (what a "sign" or "amend" entry vouches for) and
``chain_hash`` (SHA-256 of the previous entry's chain_hash and this entry's canonical content;
see ``assistant.audit.chain``, whose canonical forms this revision keeps a copy of).
Existing rows get their chain here: each signed session's first "sign" entry records the
session as it is now, each "amend" entry its amendment (paired in order), and a signed
session or amendment that has no entry gets one appended.

New triggers close what the first ones left open. On SQLite ``INSERT OR REPLACE`` deletes the
old row without firing delete triggers unless ``recursive_triggers`` is on (Chairside turns it
on for its own connections; another program may not), so BEFORE INSERT triggers refuse a row
whose id is already an audit entry, an amendment, a signed session or a signed session's zone
or product, and refuse adding a zone or product to a signed session. On PostgreSQL the same
inserts are refused, and TRUNCATE of the protected tables too.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

SIGNED_MESSAGE = 'a signed treatment session is read-only; record an amendment instead'
APPEND_ONLY_MESSAGE = 'audit entries are append-only'
AMENDMENT_MESSAGE = 'amendments are append-only'
CHILD_TABLES = ('zone_treatment', 'product_use')
SIGNED_PARENT = "(SELECT state FROM treatment_session WHERE id = NEW.session_id) = 'signed'"


# -- a frozen copy of the chain's canonical forms as this revision wrote them -----------------
# (``assistant.audit.chain``): a later change to the application must not change what this
# migration computes. The columns carry their types so values read back as they were hashed.
GENESIS = '0' * 64
SESSION_FIELDS = (
    'id', 'patient_id', 'practitioner_id', 'assessment_id', 'state', 'treated_at', 'ended_at',
    'consent_on_file', 'consent_date', 'photos_taken', 'device_id', 'cartridge_id',
    'cartridge_needles', 'cartridge_lot', 'cartridge_expiry', 'anaesthetic_product',
    'anaesthetic_strength', 'anaesthetic_minutes', 'anaesthetic_removed_at', 'tolerance',
    'reactions', 'adverse_events', 'post_care', 'notes', 'warnings', 'next_session_date',
    'interval_weeks', 'course_number', 'course_total', 'signed_at', 'signed_by_id', 'created_at',
)  # fmt: skip
ZONE_FIELDS = ('position', 'zone', 'depth_mm', 'passes', 'speed', 'endpoint', 'notes')
PRODUCT_FIELDS = ('position', 'product_id', 'product_name', 'kind', 'lot_number', 'expiry_date')
AMENDMENT_FIELDS = (
    'session_id', 'practitioner_id', 'field', 'old_value', 'new_value', 'reason', 'created_at',
)  # fmt: skip
ENTRY_FIELDS = (
    'at', 'practitioner_id', 'workstation', 'action', 'entity', 'entity_id', 'patient_id',
    'summary', 'changes', 'content_hash',
)  # fmt: skip

TREATMENT_SESSION = sa.table(
    'treatment_session',
    *(sa.column(name, sa.Integer) for name in (
        'id', 'patient_id', 'practitioner_id', 'assessment_id', 'device_id', 'cartridge_id',
        'anaesthetic_minutes', 'tolerance', 'interval_weeks', 'course_number', 'course_total',
        'signed_by_id',
    )),
    *(sa.column(name, sa.String) for name in (
        'state', 'cartridge_needles', 'cartridge_lot', 'anaesthetic_product',
        'anaesthetic_strength', 'reactions', 'adverse_events', 'post_care', 'notes',
    )),
    *(sa.column(name, sa.DateTime) for name in (
        'treated_at', 'ended_at', 'anaesthetic_removed_at', 'signed_at', 'created_at',
    )),
    *(sa.column(name, sa.Date) for name in (
        'consent_date', 'cartridge_expiry', 'next_session_date',
    )),
    sa.column('consent_on_file', sa.Boolean),
    sa.column('photos_taken', sa.Boolean),
    sa.column('warnings', sa.JSON),
)  # fmt: skip
ZONE_TREATMENT = sa.table(
    'zone_treatment',
    *(sa.column(name, sa.Integer) for name in ('id', 'session_id', 'position', 'passes')),
    *(sa.column(name, sa.String) for name in ('zone', 'speed', 'endpoint', 'notes')),
    sa.column('depth_mm', sa.Float),
)
PRODUCT_USE = sa.table(
    'product_use',
    *(sa.column(name, sa.Integer) for name in ('id', 'session_id', 'position', 'product_id')),
    *(sa.column(name, sa.String) for name in ('product_name', 'kind', 'lot_number')),
    sa.column('expiry_date', sa.Date),
)
AMENDMENT = sa.table(
    'amendment',
    *(sa.column(name, sa.Integer) for name in ('id', 'session_id', 'practitioner_id')),
    *(sa.column(name, sa.String) for name in ('field', 'old_value', 'new_value', 'reason')),
    sa.column('created_at', sa.DateTime),
)
AUDIT_EVENT = sa.table(
    'audit_event',
    *(sa.column(name, sa.Integer) for name in ('id', 'practitioner_id', 'entity_id', 'patient_id')),
    *(sa.column(name, sa.String) for name in (
        'workstation', 'action', 'entity', 'summary', 'content_hash', 'chain_hash',
    )),
    sa.column('at', sa.DateTime),
    sa.column('changes', sa.JSON),
)  # fmt: skip


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _canonical(values: Any) -> bytes:
    return json.dumps(
        values, sort_keys=True, separators=(',', ':'), ensure_ascii=False, default=_plain
    ).encode()


def _link(previous: str, content: bytes) -> str:
    return hashlib.sha256(previous.encode() + content).hexdigest()


def _grouped(bind: Any, table: Any, fields: tuple[str, ...]) -> dict[int, list[list[Any]]]:
    stmt = sa.select(table.c.session_id, *(table.c[f] for f in fields)).order_by(
        table.c.session_id, table.c.position, table.c.id
    )
    groups: dict[int, list[list[Any]]] = defaultdict(list)
    for row in bind.execute(stmt):
        groups[row[0]].append([_plain(v) for v in row[1:]])
    return groups


def _signed_contents(bind: Any) -> dict[int, str]:
    table = TREATMENT_SESSION
    stmt = sa.select(*(table.c[f] for f in SESSION_FIELDS)).where(table.c.state == 'signed')
    sessions = {row.id: [_plain(v) for v in row] for row in bind.execute(stmt)}
    zones = _grouped(bind, ZONE_TREATMENT, ZONE_FIELDS)
    products = _grouped(bind, PRODUCT_USE, PRODUCT_FIELDS)
    return {
        sid: hashlib.sha256(
            _canonical({'session': values, 'zones': zones[sid], 'products': products[sid]})
        ).hexdigest()
        for sid, values in sessions.items()
    }


def _amendment_contents(bind: Any) -> dict[int, list[tuple[int, str]]]:
    table = AMENDMENT
    stmt = sa.select(table.c.id, *(table.c[f] for f in AMENDMENT_FIELDS)).order_by(table.c.id)
    result: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in bind.execute(stmt):
        digest = hashlib.sha256(_canonical([_plain(v) for v in row[1:]])).hexdigest()
        result[row.session_id].append((row.id, digest))
    return result


def _sqlite_triggers() -> list[str]:
    statements = [
        "CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id) "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END;",
        "CREATE TRIGGER amendment_no_replace BEFORE INSERT ON amendment FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM amendment WHERE id = NEW.id) "
        f"BEGIN SELECT RAISE(ABORT, '{AMENDMENT_MESSAGE}'); END;",
        "CREATE TRIGGER treatment_session_signed_no_replace BEFORE INSERT ON treatment_session "
        "FOR EACH ROW WHEN EXISTS "
        "(SELECT 1 FROM treatment_session WHERE id = NEW.id AND state = 'signed') "
        f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;",
    ]
    for table in CHILD_TABLES:
        statements.append(
            f"CREATE TRIGGER {table}_signed_no_insert BEFORE INSERT ON {table} FOR EACH ROW "
            f"WHEN {SIGNED_PARENT} OR EXISTS (SELECT 1 FROM {table} AS c JOIN treatment_session "
            "AS s ON s.id = c.session_id WHERE c.id = NEW.id AND s.state = 'signed') "
            f"BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END;"
        )
    return statements


def _postgresql_triggers() -> list[str]:
    statements = [
        "CREATE OR REPLACE FUNCTION session_child_signed_no_insert() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN IF {SIGNED_PARENT} THEN "
        f"RAISE EXCEPTION '{SIGNED_MESSAGE}'; END IF; RETURN NEW; END; $$",
        "CREATE OR REPLACE FUNCTION signed_records_no_truncate() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{SIGNED_MESSAGE}'; END; $$",
    ]
    for table in CHILD_TABLES:
        statements.append(
            f"CREATE TRIGGER {table}_signed_no_insert BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE PROCEDURE session_child_signed_no_insert()"
        )
    for table in ('treatment_session', *CHILD_TABLES, 'amendment'):
        statements.append(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE PROCEDURE signed_records_no_truncate()"
        )
    return statements


def _build_chain(bind: Any) -> None:
    audit = AUDIT_EVENT
    contents = _signed_contents(bind)
    amendments = _amendment_contents(bind)
    signs: dict[int, int] = {}
    amends: dict[int, list[int]] = defaultdict(list)
    for row in bind.execute(
        sa.select(audit.c.id, audit.c.action, audit.c.entity_id)
        .where(audit.c.entity == 'treatment_session', audit.c.action.in_(('sign', 'amend')))
        .order_by(audit.c.id)
    ):
        if row.action == 'sign':
            signs.setdefault(row.entity_id, row.id)
        else:
            amends[row.entity_id].append(row.id)

    def seal(entry_id: int, digest: str) -> None:
        bind.execute(audit.update().where(audit.c.id == entry_id).values(content_hash=digest))

    def append(session_id: int, action: str, what: str, digest: str) -> None:
        bind.execute(
            audit.insert().values(
                at=_utcnow(), workstation='', action=action, entity='treatment_session',
                entity_id=session_id, summary=f'Sealed {what} as found when the audit chain '
                'was introduced', changes={}, content_hash=digest,
            )
        )  # fmt: skip

    for session_id, digest in sorted(contents.items()):
        if session_id in signs:
            seal(signs[session_id], digest)
        else:
            append(session_id, 'sign', f'signed session {session_id}', digest)
    for session_id, made in sorted(amendments.items()):
        entries = amends.get(session_id, [])
        for index, (amendment_id, digest) in enumerate(made):
            if index < len(entries):
                seal(entries[index], digest)
            else:
                append(session_id, 'amend', f'amendment {amendment_id}', digest)

    previous = GENESIS
    fields = [audit.c[name] for name in ENTRY_FIELDS]
    rows = bind.execute(sa.select(audit.c.id, *fields).order_by(audit.c.id)).all()
    for row in rows:
        previous = _link(previous, _canonical([row._mapping[name] for name in ENTRY_FIELDS]))
        bind.execute(audit.update().where(audit.c.id == row.id).values(chain_hash=previous))


def upgrade() -> None:
    op.add_column('audit_event', sa.Column('content_hash', sa.String(length=64), nullable=True))
    op.add_column('audit_event', sa.Column('chain_hash', sa.String(length=64), nullable=True))
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == 'sqlite':
        op.execute("DROP TRIGGER audit_event_no_update")
        _build_chain(bind)
        op.execute(
            "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END;"
        )
        for statement in _sqlite_triggers():
            op.execute(statement)
    elif dialect == 'postgresql':
        op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update")
        _build_chain(bind)
        op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update")
        for statement in _postgresql_triggers():
            op.execute(statement)
    else:
        _build_chain(bind)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        names = ['audit_event_no_replace', 'amendment_no_replace',
                 'treatment_session_signed_no_replace']
        names += [f'{table}_signed_no_insert' for table in CHILD_TABLES]
        for name in names:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        # Dropping columns rebuilds the table, which drops its triggers: make them again.
        with op.batch_alter_table('audit_event', schema=None) as batch_op:
            batch_op.drop_column('chain_hash')
            batch_op.drop_column('content_hash')
        for operation in ('UPDATE', 'DELETE'):
            op.execute(
                f"CREATE TRIGGER audit_event_no_{operation.lower()} BEFORE {operation} "
                f"ON audit_event BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END;"
            )
        return
    if dialect == 'postgresql':
        for table in CHILD_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_no_insert ON {table}")
        for table in ('treatment_session', *CHILD_TABLES, 'amendment'):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS session_child_signed_no_insert()")
        op.execute("DROP FUNCTION IF EXISTS signed_records_no_truncate()")
    op.drop_column('audit_event', 'chain_hash')
    op.drop_column('audit_event', 'content_hash')
