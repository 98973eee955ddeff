"""Editing the database file directly, as another program could: every edit is either refused
by the database or reported by ``audit --verify`` (exit 1, one line), and the triggers refuse
a change to any column of a protected row, whatever columns the live schema has."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from assistant.audit.chain import GENESIS, canonical, entry_content, link
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent
from tests import keyed_sqlite as sqlite3
from tests.chain_support import SignedRecords, cli

REFUSED = "refused"
WRITABLE_WHEN_SIGNED = {"aftercare_printed_at", "updated_at"}
ALL_TRIGGERS = "SELECT name FROM sqlite_master WHERE type = 'trigger'"


@pytest.fixture
def records(signed_records: SignedRecords, capsys: pytest.CaptureFixture[str]) -> SignedRecords:
    made = signed_records
    assert cli(capsys, "audit", "--verify")[0] == 0  # this workstation's verified point
    return made


def connect(db: Database) -> sqlite3.Connection:
    """A plain connection, as another program opens it: no recursive_triggers."""
    assert db.sqlite_path is not None
    return sqlite3.connect(db.sqlite_path, isolation_level=None)


def replace_row(con: sqlite3.Connection, table: str, where: str, column: str, value: str) -> str:
    """``REPLACE INTO`` the row matched by ``where`` with one column rewritten."""
    columns = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
    values = ", ".join(value if c == column else c for c in columns)
    return f"REPLACE INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} WHERE {where}"


def drop_all_triggers(con: sqlite3.Connection) -> None:
    for (name,) in con.execute(ALL_TRIGGERS).fetchall():
        con.execute(f"DROP TRIGGER {name}")


def recompute_chain(con: sqlite3.Connection, db: Database) -> None:
    """Rewrite every chain hash as Chairside would, after an edit (a forger who read the code)."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(AuditEvent).order_by(AuditEvent.id)).all()
    previous = GENESIS
    for row in rows:
        previous = link(previous, entry_content(row._mapping))
        con.execute("UPDATE audit_event SET chain_hash = ? WHERE id = ?", (previous, row.id))


Edit = Callable[[sqlite3.Connection, SignedRecords, Database], None]


def sql(*statements: str) -> Edit:
    def run(con: sqlite3.Connection, r: SignedRecords, _db: Database) -> None:
        for statement in statements:
            text = statement.format(signed=r.signed, other=r.other, draft=r.draft)
            if text.startswith("REPLACE "):
                table, where, column, value = text[8:].split("|")
                text = replace_row(con, table, where, column, value)
            con.execute(text)

    return run


def after_dropping_triggers(edit: Edit) -> Edit:
    def run(con: sqlite3.Connection, r: SignedRecords, db: Database) -> None:
        drop_all_triggers(con)
        edit(con, r, db)

    return run


def forge_entry(con: sqlite3.Connection, r: SignedRecords, _db: Database) -> None:
    # A new "sign" entry claiming other content, its hash computed the obvious (wrong) way.
    content = canonical(["2026-11-25T10:00:00", None, "desk", "sign", "treatment_session",
                         r.other, r.patient, "Signed", {}, "0" * 64])  # fmt: skip
    forged = link("", content)
    con.execute(
        "INSERT INTO audit_event (at, workstation, action, entity, entity_id, patient_id, "
        "summary, changes, content_hash, chain_hash) VALUES ('2026-11-25 10:00:00.000000', "
        f"'desk', 'sign', 'treatment_session', {r.other}, {r.patient}, 'Signed', '{{}}', "
        f"'{'0' * 64}', '{forged}')"
    )


def rewrite_and_recompute(con: sqlite3.Connection, r: SignedRecords, db: Database) -> None:
    drop_all_triggers(con)
    con.execute("UPDATE audit_event SET summary = 'nothing to see' WHERE id = 3")
    recompute_chain(con, db)


def delete_last_entries(con: sqlite3.Connection, r: SignedRecords, db: Database) -> None:
    drop_all_triggers(con)
    con.execute("DELETE FROM audit_event WHERE id > (SELECT MAX(id) - 2 FROM audit_event)")


def reseal_a_zone(con: sqlite3.Connection, r: SignedRecords, db: Database) -> None:
    # Edit a signed zone and recompute the chain: the entry's seal no longer fits the session.
    drop_all_triggers(con)
    con.execute(f"UPDATE zone_treatment SET depth_mm = 2.5 WHERE session_id = {r.other}")
    recompute_chain(con, db)


ZONE = "(SELECT MIN(id) FROM zone_treatment WHERE session_id = {signed})"
PRODUCT = "(SELECT MIN(id) FROM product_use WHERE session_id = {signed})"
AMENDMENT = "(SELECT MIN(id) FROM amendment)"
NEW_ZONE = (
    "INSERT INTO zone_treatment (session_id, position, zone, depth_mm, passes, speed, endpoint, "
    "notes) VALUES ({signed}, 9, 'neck', 0.5, 2, '8', 'erythema', '')"
)
NEW_PRODUCT = (
    "INSERT INTO product_use (session_id, position, product_name, kind, lot_number) "
    "VALUES ({signed}, 9, 'Serum', 'serum', 'X-1')"
)

CASES: dict[str, tuple[Edit, str]] = {
    "update an audit entry": (sql("UPDATE audit_event SET summary = 'x' WHERE id = 2"), REFUSED),
    "delete an audit entry": (sql("DELETE FROM audit_event WHERE id = 2"), REFUSED),
    "replace an audit entry": (sql("REPLACE audit_event|id = 2|summary|'x'"), REFUSED),
    "replace a signed zone": (sql(f"REPLACE zone_treatment|id = {ZONE}|depth_mm|2.9"), REFUSED),
    "replace a signed zone into a draft": (
        sql(f"REPLACE zone_treatment|id = {ZONE}|session_id|{{draft}}"),
        REFUSED,
    ),
    "replace a signed product": (
        sql(f"REPLACE product_use|id = {PRODUCT}|lot_number|'Z'"),
        REFUSED,
    ),
    "replace an amendment": (sql(f"REPLACE amendment|id = {AMENDMENT}|reason|'x'"), REFUSED),
    "replace a signed session": (
        sql("REPLACE treatment_session|id = {signed}|notes|'rewritten'"),
        REFUSED,
    ),
    "insert a zone into a signed session": (sql(NEW_ZONE), REFUSED),
    "insert a product into a signed session": (sql(NEW_PRODUCT), REFUSED),
    "update a signed zone": (
        sql(f"UPDATE zone_treatment SET depth_mm = 3 WHERE id = {ZONE}"),
        REFUSED,
    ),
    "delete a signed zone": (sql(f"DELETE FROM zone_treatment WHERE id = {ZONE}"), REFUSED),
    "move a draft's zone into a signed session": (
        sql(
            NEW_ZONE.replace("{signed}", "{draft}"),
            "UPDATE zone_treatment SET session_id = {signed} WHERE session_id = {draft}",
        ),
        REFUSED,
    ),  # fmt: skip
    "update an amendment": (sql("UPDATE amendment SET reason = 'x'"), REFUSED),
    "delete an amendment": (sql("DELETE FROM amendment"), REFUSED),
    "update a signed session": (
        sql("UPDATE treatment_session SET notes = 'x' WHERE id = {signed}"),
        REFUSED,
    ),
    "delete a signed session": (sql("DELETE FROM treatment_session WHERE id = {signed}"), REFUSED),
    "drop the zone trigger, then edit": (
        sql(
            "DROP TRIGGER zone_treatment_signed_no_update",
            f"UPDATE zone_treatment SET depth_mm = 2.9 WHERE id = {ZONE}",
        ),
        "signed session {signed} does not match",
    ),  # fmt: skip
    "drop the audit trigger, then edit": (
        sql("DROP TRIGGER audit_event_no_update", "UPDATE audit_event SET summary='x' WHERE id=4"),
        "entry 4 does not match",
    ),
    "triggers off, replace an audit entry": (
        after_dropping_triggers(sql("REPLACE audit_event|id = 3|summary|'x'")),
        "entry 3 does not match",
    ),
    "triggers off, replace a signed zone": (
        after_dropping_triggers(sql(f"REPLACE zone_treatment|id = {ZONE}|passes|9")),
        "signed session {signed} does not match",
    ),
    "triggers off, replace an amendment": (
        after_dropping_triggers(sql(f"REPLACE amendment|id = {AMENDMENT}|new_value|'2.0'")),
        "does not match what entry",
    ),
    "triggers off, insert a zone into a signed session": (
        after_dropping_triggers(sql(NEW_ZONE)),
        "signed session {signed} does not match",
    ),
    "triggers off, insert a product into a signed session": (
        after_dropping_triggers(sql(NEW_PRODUCT)),
        "signed session {signed} does not match",
    ),
    "triggers off, unsign and edit a session": (
        after_dropping_triggers(
            sql("UPDATE treatment_session SET state = 'draft', notes = 'x' WHERE id = {other}")
        ),
        "session {other}, signed in entry",
    ),  # fmt: skip
    "triggers off, delete an amendment": (
        after_dropping_triggers(sql(f"DELETE FROM amendment WHERE id = {AMENDMENT}")),
        "amendment",
    ),
    "add an amendment no entry vouches for": (
        sql(
            "INSERT INTO amendment (session_id, field, old_value, new_value, reason, created_at) "
            "VALUES ({signed}, 'notes', '', 'x', 'late', '2026-11-25 10:00:00')"
        ),
        "has no entry in the chain",
    ),  # fmt: skip
    "insert a session that claims to be signed": (
        sql(
            "INSERT INTO treatment_session (patient_id, state, treated_at, consent_on_file, "
            "photos_taken, cartridge_needles, cartridge_lot, anaesthetic_product, "
            "anaesthetic_strength, reactions, adverse_events, post_care, notes, warnings, "
            "created_at, updated_at) SELECT patient_id, 'signed', treated_at, 1, 1, '', '', '', "
            "'', '', '', '', '', '[]', created_at, updated_at FROM treatment_session "
            "WHERE id = {draft}"
        ),
        "has no signature entry",
    ),  # fmt: skip
    "triggers off, delete a middle entry": (
        after_dropping_triggers(sql("DELETE FROM audit_event WHERE id = 3")),
        "entry 4 does not match",
    ),
    "forge an entry with a recomputed-looking hash": (forge_entry, "does not match its hash"),
    "rewrite an entry and recompute the whole chain": (
        rewrite_and_recompute,
        "This workstation verified it",
    ),
    "edit a signed zone and recompute the whole chain": (reseal_a_zone, "signed session"),
    "delete the last entries": (delete_last_entries, "is missing|has no signature entry"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_raw_edit_is_refused_or_reported(
    name: str, db: Database, records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    edit, expected = CASES[name]
    con = connect(db)
    try:
        if expected == REFUSED:
            con.execute("BEGIN")
            with pytest.raises(sqlite3.DatabaseError, match="read-only|append-only"):
                edit(con, records, db)
            con.execute("ROLLBACK")
        else:
            edit(con, records, db)
    finally:
        con.close()
    status, out, err = cli(capsys, "audit", "--verify")
    assert out.count("\n") == 1 and err == ""
    if expected == REFUSED:
        assert status == 0, out
    else:
        assert status == 1
        want = expected.format(signed=records.signed, other=records.other)
        assert out.startswith("Audit chain broken: ") and re.search(want, out), out


def test_at_least_twenty_kinds_of_edit_are_covered() -> None:
    assert len(CASES) >= 20
    assert sum(1 for _, expected in CASES.values() if expected != REFUSED) >= 10


def test_chairside_connections_fire_delete_triggers_on_replace(
    db: Database, records: SignedRecords
) -> None:
    con = connect(db)
    con.execute("DROP TRIGGER audit_event_no_replace")  # only the delete trigger is left
    statement = replace_row(con, "audit_event", "id = 2", "summary", "'x'")
    con.close()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA recursive_triggers").scalar() == 1
        with pytest.raises(DBAPIError, match="append-only"):
            conn.exec_driver_sql(statement)


def _protected_rows(con: sqlite3.Connection, r: SignedRecords) -> dict[str, str]:
    return {
        "treatment_session": f"id = {r.signed}",
        "zone_treatment": f"session_id = {r.signed}",
        "product_use": f"session_id = {r.signed}",
        "amendment": f"session_id = {r.signed}",
        "audit_event": "id = 2",
    }


def test_every_column_of_every_protected_table_is_refused_on_a_signed_row(
    db: Database, records: SignedRecords, tmp_path: Path
) -> None:
    con = connect(db)
    tried = 0
    try:
        for table, where in _protected_rows(con, records).items():
            for _, column, kind, *_ in con.execute(f"PRAGMA table_info({table})").fetchall():
                new = (
                    f"COALESCE({column}, 0) + 1000"
                    if kind.upper() in ("INTEGER", "FLOAT", "REAL", "BOOLEAN")
                    else f"COALESCE({column}, '') || 'x'"
                )
                statement = f"UPDATE {table} SET {column} = {new} WHERE {where}"
                if table == "treatment_session" and column in WRITABLE_WHEN_SIGNED:
                    con.execute("BEGIN")
                    con.execute(statement)  # the only columns a signed session may change
                    con.execute("ROLLBACK")
                    continue
                with pytest.raises(sqlite3.DatabaseError, match="read-only|append-only"):
                    con.execute(statement)
                tried += 1
    finally:
        con.close()
    assert tried > 50
