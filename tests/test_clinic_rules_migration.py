"""Migration 0010 (clinic rules, device profiles, the rules' version on sessions) on SQLite:
a signed session's ``version`` and ``rules_version`` are both read-only, and taking the
migration back keeps every other trigger (no table is rebuilt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from assistant import paths
from assistant.access.cipher import key_for
from assistant.storage.db import MIGRATIONS, create_db_engine, init_db
from tests import keyed_sqlite as sqlite3
from tests.chain_support import make_signed_records


def _migrate(path: Path, revision: str, *, down: bool = False) -> None:
    engine = create_db_engine(f"sqlite:///{path}", key_for(path))  # the test database's key
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _triggers(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def _refused(con: sqlite3.Connection, assignment: str, session_id: int) -> bool:
    try:
        con.execute(f"UPDATE treatment_session SET {assignment} WHERE id = ?", (session_id,))
    except sqlite3.DatabaseError as exc:
        con.rollback()
        return "read-only" in str(exc)
    con.rollback()
    return False


def test_signed_sessions_keep_version_and_rules_version_read_only_across_0010(
    isolated_data_dir: Path,
) -> None:
    db = init_db(paths.database_url())
    records = make_signed_records(db)
    db.dispose()
    path = paths.default_database_path()
    con = sqlite3.connect(path)
    try:
        before = _triggers(con)
        assert "treatment_session_signed_no_update" in before
        assert _refused(con, "rules_version = 'x'", records.other)
        assert _refused(con, "version = version + 1", records.other)
        assert _refused(con, "notes = 'changed'", records.other)
        assert not _refused(con, "notes = 'changed'", records.draft)
    finally:
        con.close()

    _migrate(path, "0009", down=True)
    con = sqlite3.connect(path)
    try:
        columns = [r[1] for r in con.execute("PRAGMA table_info(treatment_session)")]
        assert "rules_version" not in columns and "version" in columns
        assert "profile" not in [r[1] for r in con.execute("PRAGMA table_info(device)")]
        assert _triggers(con) == before  # no table rebuilt: every trigger is still there
        assert _refused(con, "version = version + 1", records.other)
        assert _refused(con, "notes = 'changed'", records.other)
    finally:
        con.close()

    _migrate(path, "head")
    con = sqlite3.connect(path)
    try:
        assert _triggers(con) == before
        assert _refused(con, "rules_version = 'x'", records.other)
        assert _refused(con, "version = version + 1", records.other)
    finally:
        con.close()


@pytest.mark.parametrize("column", ["version", "rules_version"])
def test_the_trigger_names_both_new_columns(isolated_data_dir: Path, column: str) -> None:
    init_db(paths.database_url()).dispose()
    con = sqlite3.connect(paths.default_database_path())
    try:
        (sql,) = con.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'treatment_session_signed_no_update'"
        ).fetchone()
    finally:
        con.close()
    assert f"NEW.{column} IS NOT OLD.{column}" in sql
