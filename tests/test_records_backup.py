"""Backups (online, while someone is saving; pruned; due at most daily; the 7-day warning)
and restore (older schema migrated, bad files refused with the current database untouched)."""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select

from assistant import paths
from assistant.errors import InvalidInput
from assistant.patients.store import PatientDetails, create_patient
from assistant.settings import Settings
from assistant.storage import backup
from assistant.storage.db import MIGRATIONS, Database, head_revision, init_db
from assistant.storage.models import AuditEvent, Patient, PatientHistory
from tests import keyed_sqlite as sqlite3

NOW = datetime(2026, 11, 25, 18, 30, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def integrity(path: Path) -> str:
    return str(rows(path, "PRAGMA integrity_check")[0][0])


def audit_actions(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# -- taking backups ----------------------------------------------------------------------------


def test_a_backup_is_a_complete_database_named_by_time_and_audited(
    db: Database, tmp_path: Path
) -> None:
    create_patient(db, PatientDetails("Ines", "Duarte"), actor=None)
    info = backup.backup_now(db, tmp_path / "backups", keep=5, now=NOW)
    assert info.path == tmp_path / "backups" / "chairside-20261125-183000.sqlite3"
    assert info.size == info.path.stat().st_size > 0
    assert integrity(info.path) == "ok"
    assert rows(info.path, "SELECT first_name FROM patient") == [("Ines",)]
    assert rows(info.path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    (event,) = audit_actions(db, "backup")
    assert event.summary == f"Automatic backup to {info.path}"
    # Two in the same second do not overwrite each other.
    again = backup.backup_now(db, tmp_path / "backups", keep=5, now=NOW)
    assert again.path.name == "chairside-20261125-183000-2.sqlite3"


def test_only_the_newest_automatic_backups_are_kept(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    own = folder / "keep-me.sqlite3"
    own.write_bytes(b"the clinic's own file")
    made = [
        backup.backup_now(db, folder, keep=3, now=NOW + timedelta(days=day)).path
        for day in range(5)
    ]
    remaining = sorted(p.name for p in folder.iterdir())
    kept = [name for p in made[-3:] for name in (p.name, p.name + ".meta.json")]
    assert remaining == sorted([own.name, *kept])  # each with its metadata
    last = backup.backup_now(db, folder, keep=3, now=NOW + timedelta(days=9))
    assert last.pruned == (made[2],)


def test_a_backup_taken_while_another_thread_saves_holds_every_committed_row(
    db: Database, tmp_path: Path
) -> None:
    committed: list[int] = []
    stop = threading.Event()
    writer_db = init_db(paths.database_url())
    errors: list[BaseException] = []

    def write() -> None:
        try:
            n = 0
            while not stop.is_set():
                n += 1
                record = create_patient(
                    writer_db, PatientDetails("Writer", f"Row{n}", notes="x" * 500), actor=None
                )
                committed.append(record.id)  # appended only after the commit returned
        except BaseException as exc:  # reported below, never lost in the thread
            errors.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        checks = []
        for round_ in range(3):
            while len(committed) < 40 * (round_ + 1):
                stop.wait(0.005)
            before = list(committed)
            info = backup.backup_now(
                db, tmp_path / "backups", keep=10, now=NOW + timedelta(minutes=round_)
            )
            checks.append((before, info.path))
    finally:
        stop.set()
        thread.join(30)
        writer_db.dispose()
    assert not errors
    for before, path in checks:
        assert integrity(path) == "ok"
        saved = {r[0] for r in rows(path, "SELECT id FROM patient")}
        assert set(before) <= saved
    assert len(checks[-1][0]) >= 120


def test_a_manual_backup_goes_to_the_named_file_but_never_over_other_files(
    db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "usb" / "clinic.sqlite3"
    out.parent.mkdir()
    info = backup.backup_to_file(db, out)
    assert info.path == out and integrity(out) == "ok"
    assert audit_actions(db, "backup")[0].summary == f"Manual backup to {out}"
    with pytest.raises(InvalidInput, match="already exists; add --force"):
        backup.backup_to_file(db, out)
    backup.backup_to_file(db, out, force=True)  # an earlier backup may be replaced
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear patient")
    with pytest.raises(InvalidInput, match="exists and is not a database"):
        backup.backup_to_file(db, letter)
    assert letter.read_text() == "Dear patient"
    assert db.sqlite_path is not None
    with pytest.raises(InvalidInput, match="That is the database itself"):
        backup.backup_to_file(db, db.sqlite_path)


def test_an_unreachable_backup_folder_is_explained(db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(InvalidInput) as caught:
        backup.backup_now(db, blocker / "backups", keep=3)
    assert str(caught.value).startswith(f"The backup cannot be written to {blocker / 'backups'}")
    assert "choose another backup folder in Settings" in str(caught.value)


def test_a_server_database_is_backed_up_with_pg_dump() -> None:
    server = cast(Database, SimpleNamespace(is_sqlite=False, sqlite_path=None))
    for attempt in (
        lambda: backup.backup_now(server, Path("/nowhere"), keep=3),
        lambda: backup.restore("postgresql+psycopg://server/chairside", Path("/nowhere")),
    ):
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert "PostgreSQL server" in str(caught.value) and "pg_dump" in str(caught.value)


def test_backups_are_due_at_most_daily_and_warned_about_after_seven_days(
    tmp_path: Path, db: Database
) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert backup.days_since_last_backup(settings, NOW) is None
    assert backup.backup_overdue(settings, NOW)
    assert backup.backup_due(settings, NOW)

    info = backup.backup_on_exit(db, settings, now=NOW)
    assert info is not None and info.path.parent == paths.backup_dir()
    assert Settings(tmp_path / "settings.json")["last_backup_at"] == "2026-11-25T18:30:00"
    assert backup.backup_on_exit(db, settings, now=NOW + timedelta(hours=23)) is None
    assert backup.days_since_last_backup(settings, NOW + timedelta(days=6, hours=23)) == 6
    assert not backup.backup_overdue(settings, NOW + timedelta(days=6, hours=23))
    assert backup.backup_overdue(settings, NOW + timedelta(days=7))
    assert backup.backup_on_exit(db, settings, now=NOW + timedelta(days=1)) is not None

    settings.set("backup_on_exit", False)
    assert not backup.backup_due(settings, NOW + timedelta(days=30))
    settings.set("backup_folder", str(tmp_path / "nas"))
    assert backup.backup_folder(settings) == tmp_path / "nas"


# -- restore -----------------------------------------------------------------------------------


def make_old_backup(path: Path, revision: str = "0001") -> Path:
    """A database at an older schema, with a patient whose edit used the old audit form."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
    con = sqlite3.connect(path)
    con.executescript(
        """
        INSERT INTO patient (id, first_name, last_name, phone, email, concerns, notes,
                             search_key, created_at, updated_at)
        VALUES (7, 'Old', 'Record', '07700 900777', '', '[]', '', 'old record',
                '2025-01-02 10:00:00', '2025-01-02 10:00:00');
        INSERT INTO audit_event (at, workstation, action, entity, entity_id, patient_id,
                                 summary, changes)
        VALUES ('2025-01-03 10:00:00', 'desk', 'change', 'patient', 7, 7,
                'Changed phone of patient 7', '{"phone": ["07700 900000", "07700 900777"]}');
        """
    )
    con.commit()
    con.close()
    return path


def test_restoring_an_older_backup_migrates_it_and_keeps_the_current_one_aside(
    db: Database, tmp_path: Path
) -> None:
    create_patient(db, PatientDetails("Current", "Database"), actor=None)
    assert db.sqlite_path is not None
    live = db.sqlite_path
    db.dispose()
    old = make_old_backup(tmp_path / "old-backup.sqlite3")
    old_digest = digest(old)

    result = backup.restore(paths.database_url(), old, now=NOW)

    assert (result.from_revision, result.to_revision) == ("0001", head_revision())
    assert result.migrated and result.database == live
    assert digest(old) == old_digest  # the backup itself is not changed
    assert result.kept_aside == paths.backup_dir() / "before-restore-20261125-183000.sqlite3"
    assert rows(result.kept_aside, "SELECT last_name FROM patient") == [("Database",)]
    restored = init_db(paths.database_url())
    try:
        with restored.session() as session:
            assert session.scalars(select(Patient.last_name)).all() == ["Record"]
            history = session.scalars(select(PatientHistory)).one()
            assert (history.field, history.old_value, history.new_value) == (
                "phone",
                "07700 900000",
                "07700 900777",
            )
            change = session.scalars(select(AuditEvent).where(AuditEvent.action == "change")).one()
            assert change.changes == {"fields": ["phone"]}
            (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "restore"))
        assert event.summary == (
            f"Restored the database from old-backup.sqlite3 (schema 0001, upgraded to "
            f"{head_revision()})"
        )
        assert event.changes["kept_aside"] == str(result.kept_aside)
    finally:
        restored.dispose()
    assert integrity(live) == "ok"


def test_restoring_a_current_backup_brings_back_its_rows(db: Database, tmp_path: Path) -> None:
    create_patient(db, PatientDetails("Before", "Backup"), actor=None)
    info = backup.backup_now(db, tmp_path / "b", keep=3)
    create_patient(db, PatientDetails("After", "Backup"), actor=None)
    # The restore works while this window still has the database open (other workstations
    # keep theirs open too); they see the restored data on their next read.
    result = backup.restore(paths.database_url(), info.path)
    assert not result.migrated
    with db.session() as session:
        assert session.scalars(select(Patient.first_name)).all() == ["Before"]
    db.dispose()


@pytest.fixture
def live_database(db: Database) -> Path:
    create_patient(db, PatientDetails("Keep", "Me"), actor=None)
    assert db.sqlite_path is not None
    db.dispose()
    return db.sqlite_path


def refused(live: Path, file: Path) -> str:
    before = digest(live)
    with pytest.raises(InvalidInput) as caught:
        backup.restore(paths.database_url(), file)
    assert digest(live) == before
    assert not paths.backup_dir().exists() or not list(paths.backup_dir().iterdir())
    return str(caught.value)


def test_restore_refuses_a_random_file(live_database: Path, tmp_path: Path) -> None:
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(bytes(range(256)) * 40)
    assert refused(live_database, junk) == (
        "holiday.jpg is not a Chairside backup (it is not a database file at all, or it is "
        "encrypted under another clinic's key). "
        "Nothing was changed; choose another backup."
    )


def test_restore_refuses_a_truncated_database(live_database: Path, tmp_path: Path) -> None:
    good = backup.backup_sqlite(live_database, tmp_path / "full.sqlite3")
    data = good.read_bytes()
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(data[: len(data) // 2])
    message = refused(live_database, cut)
    assert message.startswith("cut.sqlite3 is incomplete: it holds ")
    assert message.endswith(
        "bytes, so the copy was cut short. Nothing was changed; choose another backup."
    )


def test_restore_refuses_a_damaged_database(live_database: Path, tmp_path: Path) -> None:
    damaged = backup.backup_sqlite(live_database, tmp_path / "damaged.sqlite3")
    data = bytearray(damaged.read_bytes())
    data[4096 * 3 : 4096 * 5] = b"\xa5" * 8192  # scribble over two pages, header intact
    damaged.write_bytes(bytes(data))
    assert refused(live_database, damaged) == (
        "damaged.sqlite3 is damaged (it fails SQLite's integrity check). "
        "Nothing was changed; choose another backup."
    )


def test_restore_refuses_a_backup_from_a_newer_chairside(
    live_database: Path, tmp_path: Path
) -> None:
    newer = backup.backup_sqlite(live_database, tmp_path / "newer.sqlite3")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    assert refused(live_database, newer) == (
        f"newer.sqlite3 was made by a newer version of Chairside (schema 9999; this version "
        f"knows schemas up to {head_revision()}). Update Chairside on this workstation first, "
        "then restore it. Nothing was changed."
    )


def test_restore_refuses_another_programs_database(live_database: Path, tmp_path: Path) -> None:
    other = tmp_path / "contacts.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE contact (name TEXT)")
    con.commit()
    con.close()
    assert "is a database of another program" in refused(live_database, other)
    assert refused(live_database, tmp_path / "missing.sqlite3") == (
        f"There is no file {tmp_path / 'missing.sqlite3'}."
    )


def test_restore_replaces_a_damaged_database_and_keeps_its_bytes(
    live_database: Path, tmp_path: Path
) -> None:
    good = backup.backup_sqlite(live_database, tmp_path / "good.sqlite3")
    for side in ("-wal", "-shm"):
        live_database.with_name(live_database.name + side).unlink(missing_ok=True)
    damaged_bytes = b"SQLite format 3\x00" + b"\x00" * 5000
    live_database.write_bytes(damaged_bytes)
    result = backup.restore(paths.database_url(), good, now=NOW)
    assert result.kept_aside is not None
    assert result.kept_aside.name == "damaged-before-restore-20261125-183000.sqlite3"
    assert result.kept_aside.read_bytes() == damaged_bytes
    assert rows(live_database, "SELECT first_name FROM patient") == [("Keep",)]
