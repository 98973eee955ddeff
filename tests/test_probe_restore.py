"""Probes: someone who crafts a backup, or edits the schema of the database in use, to plant
code that fires later. Every case is refused by ``restore`` (exit 2, one line, the database
in use byte for byte unchanged) or detected by ``audit --verify`` and the start-up check
(a break naming the object). Tests named ``test_refused_*`` count refusals and
``test_detected_*`` detections in the probe suite's tally."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest

from assistant import paths
from assistant.access.cipher import SQLITE_HEADER, key_for
from assistant.audit import integrity
from assistant.storage import backup
from assistant.storage.db import Database
from tests import keyed_sqlite as sqlite3
from tests.chain_support import SignedRecords, cli
from tests.consent_support import PIN
from tests.test_records_restore_check import digest_of_live_files

AS = ("--as", "Dr Naomi Clarke")


@pytest.fixture
def good_backup(
    db: Database, signed_records: SignedRecords, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    out = tmp_path / "usb" / "good.sqlite3"
    out.parent.mkdir()
    backup.backup_to_file(db, out)
    db.dispose()
    return out


@pytest.fixture
def deadline() -> Iterator[None]:
    """A probe that would hang (a pipe read with no writer) fails after 20 s, not never."""

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError("the command hung")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _rewrite_schema(con: sqlite3.Connection, kind: str, name: str, edit: Callable[[str], str]):
    (sql,) = con.execute(
        "SELECT sql FROM sqlite_master WHERE type = ? AND name = ?", (kind, name)
    ).fetchone()
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        "UPDATE sqlite_master SET sql = ? WHERE type = ? AND name = ?", (edit(sql), kind, name)
    )
    con.execute("PRAGMA writable_schema = OFF")


def _plant(con: sqlite3.Connection, kind: str, name: str, table: str, sql: str) -> None:
    """An object planted straight into the schema table (how a name SQLite reserves, such
    as ``sqlite_…``, gets in)."""
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)",
        (kind, name, table, sql),
    )
    con.execute("PRAGMA writable_schema = OFF")


NOTES_WIPER = (
    "CREATE TRIGGER {name} AFTER INSERT ON audit_event BEGIN "
    "UPDATE patient SET notes = 'rewritten'; END"
)


def _disarm(sql: str) -> str:
    return sql.replace("BEGIN", "WHEN 0 BEGIN", 1)


def _add_check(sql: str) -> str:
    return sql[: sql.rindex(")")] + ", CHECK (length(notes) < 1000000))"


CRAFTS: dict[str, tuple[Callable[[sqlite3.Connection], None], str]] = {
    "a trigger whose name LIKE 'sqlite_%' would have skipped": (
        lambda con: con.execute(NOTES_WIPER.format(name="sqlitex_tidy")),
        "extra trigger sqlitex_tidy",
    ),
    "a trigger under a name SQLite reserves, planted in the schema table": (
        lambda con: _plant(
            con, "trigger", "sqlite_tidy", "audit_event", NOTES_WIPER.format(name="sqlite_tidy")
        ),
        "sqlite_tidy",
    ),
    "a CHECK slipped into a table's SQL": (
        lambda con: _rewrite_schema(con, "table", "patient", _add_check),
        "table patient differs",
    ),
    "a column's default changed in the table's SQL": (
        lambda con: _rewrite_schema(
            con, "table", "audit_event", lambda sql: sql.replace("NOT NULL", "DEFAULT 1 NOT NULL")
        ),
        "table audit_event differs",
    ),
    "a trigger disarmed in place (WHEN 0)": (
        lambda con: _rewrite_schema(con, "trigger", "audit_event_no_update", _disarm),
        "trigger audit_event_no_update differs",
    ),
    "an index's condition changed": (
        lambda con: _rewrite_schema(
            con, "index", "ix_patient_sort_key", lambda sql: sql.replace("IS NULL", "IS NOT NULL")
        ),
        "index ix_patient_sort_key differs",
    ),
    "a view whose name LIKE 'sqlite_%' would have skipped": (
        lambda con: con.execute("CREATE VIEW sqlite1_all AS SELECT * FROM patient"),
        "extra view sqlite1_all",
    ),
}


@pytest.mark.parametrize("name", list(CRAFTS))
def test_refused_crafted_backup(
    name: str, good_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    craft, expected = CRAFTS[name]
    crafted = good_backup.with_name("crafted.sqlite3")
    shutil.copyfile(good_backup, crafted)
    con = sqlite3.connect(crafted)
    craft(con)
    con.commit()
    con.close()
    before = digest_of_live_files()

    status, out, err = cli(capsys, "restore", str(crafted), *AS)

    assert status == 2 and out == ""
    assert err.count("\n") == 1 and expected in err and "Nothing was changed" in err, err
    assert digest_of_live_files() == before


def test_refused_named_pipe_as_backup(
    good_backup: Path, deadline: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = good_backup.with_name("pipe.sqlite3")
    os.mkfifo(pipe)
    before = digest_of_live_files()
    status, out, err = cli(capsys, "restore", str(pipe), *AS)
    assert status == 2 and err.count("\n") == 1 and "not a regular file" in err, err
    assert digest_of_live_files() == before


def test_refused_link_to_a_pipe_and_a_device(
    good_backup: Path, deadline: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = good_backup.with_name("pipe")
    os.mkfifo(pipe)
    link = good_backup.with_name("innocent.sqlite3")
    link.symlink_to(pipe)
    for target in (link, Path("/dev/zero")):
        status, _out, err = cli(capsys, "restore", str(target), *AS)
        assert status == 2 and err.count("\n") == 1 and "not a regular file" in err, err


def test_refused_a_log_beside_the_backup_that_is_a_pipe(
    good_backup: Path, deadline: None, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(good_backup.with_name(good_backup.name + "-wal"))
    status, _out, err = cli(capsys, "restore", str(good_backup), *AS)
    assert status == 2 and "good.sqlite3-wal is not a regular file" in err, err


def test_refused_a_backup_over_the_size_limit(
    good_backup: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("assistant.storage.backup_check.BACKUP_LIMIT", 1024)
    status, _out, err = cli(capsys, "restore", str(good_backup), *AS)
    assert status == 2 and err.count("\n") == 1 and "larger than" in err, err


def _plain_copy(encrypted: Path) -> Path:
    """The same backup decrypted: what a clinic saved before it encrypted."""
    plain = encrypted.with_name("plain.sqlite3")
    key = key_for(encrypted)
    assert key is not None
    con = sqlite3.connect(encrypted)
    con.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    con.execute("SELECT sqlcipher_export('plain')")
    con.execute("DETACH DATABASE plain")
    con.close()
    assert plain.read_bytes().startswith(SQLITE_HEADER)
    return plain


def test_refused_to_leave_an_encrypted_clinic_plain(
    good_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _plain_copy(good_backup)
    status, out, err = cli(capsys, "restore", str(plain), *AS)
    assert status == 0, err
    assert "it was encrypted as it was restored" in out
    live = paths.default_database_path()
    data = live.read_bytes()
    assert not data.startswith(SQLITE_HEADER) and b"Naomi" not in data
    assert not live.with_name(live.name + ".partial").exists()
    assert cli(capsys, "audit", "--verify", *AS)[0] == 0


def _live_edit(db: Database, edit: Callable[[sqlite3.Connection], None]) -> None:
    assert db.sqlite_path is not None
    db.dispose()
    con = sqlite3.connect(db.sqlite_path)
    edit(con)
    con.commit()
    con.close()


LIVE_EDITS: dict[str, tuple[Callable[[sqlite3.Connection], None], str]] = {
    "a trigger disarmed in place (WHEN 0)": (
        lambda con: _rewrite_schema(con, "trigger", "audit_event_no_update", _disarm),
        "trigger audit_event_no_update differs",
    ),
    "a trigger planted under a name LIKE 'sqlite_%' skipped": (
        lambda con: con.execute(NOTES_WIPER.format(name="sqlitex_tidy")),
        "extra trigger sqlitex_tidy",
    ),
    "a CHECK slipped into a table's SQL": (
        lambda con: _rewrite_schema(con, "table", "patient", _add_check),
        "table patient differs",
    ),
    "a guard trigger dropped": (
        lambda con: con.execute("DROP TRIGGER zone_treatment_signed_no_update"),
        "trigger zone_treatment_signed_no_update is missing",
    ),
}


@pytest.mark.parametrize("name", list(LIVE_EDITS))
def test_detected_live_schema_edit(
    name: str, db: Database, signed_records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "audit", "--verify")[0] == 0
    edit, expected = LIVE_EDITS[name]
    _live_edit(db, edit)
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 1 and out.count("\n") == 1 and expected in out, out
    result = integrity.startup_check(db)  # the window's check at start, too
    assert not result.intact and expected in result.problem


def test_a_backup_with_the_planners_statistics_restores(
    good_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``ANALYZE`` adds SQLite's own statistics table: no code, and no difference."""
    con = sqlite3.connect(good_backup)
    con.execute("ANALYZE")
    con.commit()
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
    con.close()
    status, _out, err = cli(capsys, "restore", str(good_backup), *AS)
    assert status == 0, err
    assert cli(capsys, "audit", "--verify")[0] == 0
