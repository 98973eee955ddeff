"""Private files: on Linux and macOS the data folder is 0700 and the database, its -wal and
-shm files, backups, logs, settings and exports are 0600, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import paths
from assistant.logs import PrivateRotatingFileHandler
from assistant.patients.export import write_patient_json
from assistant.patients.export_pdf import export_patient_pdf
from assistant.patients.store import PatientDetails, create_patient
from assistant.settings import Settings
from assistant.storage.backup import backup_now, backup_to_file
from assistant.storage.db import init_db

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_clinic_is_private_from_the_start(loose_umask: None, tmp_path: Path) -> None:
    db = init_db(paths.database_url())
    try:
        patient = create_patient(db, PatientDetails("Zoë", "Adams"), None).id
        live = db.sqlite_path
        assert live is not None
        assert mode(paths.data_dir()) == 0o700
        for suffix in ("", "-wal", "-shm"):
            part = live.with_name(live.name + suffix)
            assert part.exists(), part
            assert mode(part) == 0o600, part
        automatic = backup_now(db, paths.backup_dir(), keep=3)
        assert mode(automatic.path) == 0o600
        assert mode(automatic.path.parent) == 0o700
        manual = backup_to_file(db, tmp_path / "usb.sqlite3").path
        assert mode(manual) == 0o600
        for out in (tmp_path / "record.json", tmp_path / "record.pdf"):
            writer = write_patient_json if out.suffix == ".json" else export_patient_pdf
            writer(db, patient, out)
            assert mode(out) == 0o600
    finally:
        db.dispose()
    settings = Settings()
    settings.set("idle_lock_minutes", 3)
    assert mode(paths.settings_file()) == 0o600


def test_files_left_readable_by_an_older_version_are_tightened(
    loose_umask: None, tmp_path: Path
) -> None:
    init_db(paths.database_url()).dispose()
    live = paths.default_database_path()
    paths.data_dir().chmod(0o755)
    live.chmod(0o644)
    db = init_db(paths.database_url())
    try:
        assert mode(live) == 0o600
        assert mode(paths.data_dir()) == 0o700
    finally:
        db.dispose()


def test_log_files_are_private_even_after_rotating(loose_umask: None, tmp_path: Path) -> None:
    log_file = paths.log_dir(ensure=True) / "test.log"
    handler = PrivateRotatingFileHandler(log_file, maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("chairside-private-log-test")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(20):
            logger.warning("entry %s about patient 12", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(log_file.parent.glob("test.log*"))
    assert len(files) == 3
    assert all(mode(f) == 0o600 for f in files)
    assert mode(log_file.parent) == 0o700


def test_a_database_in_a_shared_folder_leaves_the_folder_alone(
    loose_umask: None, tmp_path: Path
) -> None:
    """A clinic file put in a shared folder (like /tmp: the sticky bit) is made owner-only
    itself, but the folder keeps the permissions everyone else relies on."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    db = init_db(f"sqlite:///{shared / 'clinic.sqlite3'}", create=True)
    Settings(shared / "settings.json").set("autosave_seconds", 5)
    db.dispose()
    assert mode(shared) == 0o1777
    assert mode(shared / "clinic.sqlite3") == 0o600
    assert mode(shared / "settings.json") == 0o600
