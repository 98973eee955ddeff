"""Bad database files at start-up, and a full disk while saving: each gives a clear message
with what to do, never a traceback, and the file is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from assistant.access import cipher
from assistant.errors import DatabaseUnavailable
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage import db as db_module
from assistant.storage.db import ADVICE_RESTORE, Database, init_db
from assistant.storage.models import Patient
from tests import keyed_sqlite as sqlite3


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    """A real Chairside database with one patient, closed."""
    path = tmp_path / "clinic" / "chairside.sqlite3"
    path.parent.mkdir()
    database = init_db(f"sqlite:///{path}")
    create_patient(database, PatientDetails("Ines", "Duarte"), actor=None)
    database.dispose()
    return path


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real five-second wait for a lock adds nothing to the test.
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)


def open_fails(path: Path) -> DatabaseUnavailable:
    with pytest.raises(DatabaseUnavailable) as caught:
        init_db(f"sqlite:///{path}")
    return caught.value


def test_a_database_locked_by_another_program_is_explained(
    existing: Path, short_busy_timeout: None
) -> None:
    before = digest(existing)
    other = sqlite3.connect(existing, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        error = open_fails(existing)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert error.reason == "The database is locked by another program or workstation."
    assert "Close the other program" in error.advice
    assert digest(existing) == before
    init_db(f"sqlite:///{existing}").dispose()  # and it opens once the other program lets go


@pytest.fixture
def read_only_file(existing: Path) -> Iterator[Path]:
    """The file made read-only in a way that holds even for root (tests often run as root)."""
    if os.geteuid() != 0:
        existing.chmod(0o444)
        yield existing
        existing.chmod(0o644)
        return
    chattr = shutil.which("chattr")
    made_immutable = (
        chattr is not None
        and subprocess.run([chattr, "+i", str(existing)], capture_output=True).returncode == 0
    )
    if not made_immutable:
        pytest.skip("running as root without chattr +i: see the read-only URI test instead")
    try:
        yield existing
    finally:
        subprocess.run([str(chattr), "-i", str(existing)], check=True)


def test_a_read_only_file_is_explained_at_start_not_at_the_first_save(
    read_only_file: Path,
) -> None:
    before = digest(read_only_file)
    error = open_fails(read_only_file)
    assert error.reason == "The database file is read-only, so nothing can be saved."
    assert "permissions" in error.advice
    assert digest(read_only_file) == before


def test_the_drivers_read_only_error_maps_to_the_same_message_on_save(existing: Path) -> None:
    """A connection the driver opened read-only ("attempt to write a readonly database"):
    the same message, from the save path, whether or not the tests run as root."""
    before = digest(existing)
    engine = create_engine(
        "sqlite://",
        module=cipher.sqlite,  # the product's driver (its errors), keyed for the test database
        creator=lambda: sqlite3.connect(f"file:{existing}?mode=ro", uri=True),
    )
    database = Database(engine)
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            create_patient(database, PatientDetails("Not", "Saved"), actor=None)
    finally:
        database.dispose()
    assert caught.value.reason == "The database file is read-only, so nothing can be saved."
    assert digest(existing) == before


def test_random_bytes_behind_a_valid_header_are_reported_damaged(tmp_path: Path) -> None:
    path = tmp_path / "chairside.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = digest(path)
    error = open_fails(path)
    assert error.reason == "The database file is damaged."
    assert error.advice == ADVICE_RESTORE
    assert digest(path) == before


def test_a_truncated_database_is_reported_damaged(existing: Path) -> None:
    data = existing.read_bytes()
    existing.write_bytes(data[: len(data) // 2])
    for side in ("-wal", "-shm"):
        existing.with_name(existing.name + side).unlink(missing_ok=True)
    before = digest(existing)
    error = open_fails(existing)
    assert error.reason == "The database file is damaged."
    assert "restore a backup" in error.advice
    assert digest(existing) == before


def test_a_database_from_a_newer_chairside_is_refused_untouched(existing: Path) -> None:
    con = sqlite3.connect(existing)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = digest(existing)
    error = open_fails(existing)
    assert error.reason == "This database was made by a newer version of Chairside (schema 9999)."
    assert error.advice == "Update Chairside on this workstation, or open another database."
    assert digest(existing) == before


def test_a_missing_folder_is_explained_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "unplugged-drive" / "chairside.sqlite3"
    error = open_fails(path)
    assert error.reason == f"The folder {path.parent} does not exist."
    assert "drive is connected" in error.advice
    assert not path.parent.exists()


def test_a_full_disk_while_saving_keeps_the_draft_and_says_so(db: Database) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL), from a page limit."""
    draft = PatientDetails("Keeps", "Typing", notes="x" * 200_000)
    with pytest.raises(DatabaseUnavailable) as caught, db.session() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
        session.connection().exec_driver_sql(f"PRAGMA max_page_count={int(pages or 0) + 2}")
        session.add(
            Patient(first_name=draft.first_name, last_name=draft.last_name, notes=draft.notes)
        )
    assert caught.value.reason == "The disk is full, so the change was not saved."
    assert caught.value.advice == "Free some space; what you typed is kept on screen."
    assert draft.notes == "x" * 200_000  # the caller's copy is untouched
    db.dispose()
    with db.session() as session:
        assert session.scalars(select(Patient).where(Patient.last_name == "Typing")).all() == []
    # Once space is free again the same draft saves.
    create_patient(db, draft, actor=None)
