"""Encrypting an existing plain database: the copy is compared row for row and replaces the
plain file; the plain copies go only when asked; and a process killed (SIGKILL) at each
step leaves one complete database that opens, holding every row."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from assistant import paths
from assistant.access import auth, cipher
from assistant.clinic.store import list_practitioners
from assistant.context import AppContext
from assistant.demo.clinic import load_demo_data
from assistant.paths import Locations
from assistant.photos.storage import MAGIC, FolderPhotoStore
from assistant.storage.db import Database, init_db
from assistant.storage.encrypt import STEPS, encrypt_database, overwrite_and_remove, plain_backups
from tests.cli_support import run_in_process

ROOT = Path(__file__).resolve().parents[1]
PIN = "2468"
PHOTO = b"\xff\xd8 a plain photo of Amelia Smith"

CHILD = """
import os, signal, sys
from assistant.storage.db import init_db
from assistant.storage.encrypt import encrypt_database

def step(name):
    if name == sys.argv[2]:
        os.kill(os.getpid(), signal.SIGKILL)

db = init_db(sys.argv[1], encrypt=False, create=False)
db.data_dir = None
encrypt_database(db, int(sys.argv[3]), "Naomi", sys.argv[4], step=step)
print("done", flush=True)
"""


def plain_clinic(folder: Path) -> tuple[Path, int, dict[str, list[tuple[object, ...]]]]:
    """A plain database with demo records, a practitioner with a PIN and a photo file."""
    database = folder / "chairside.sqlite3"
    db = init_db(f"sqlite:///{database}", encrypt=False, create=True)
    db.data_dir = folder
    load_demo_data(db, patients=4, seed=3)
    practitioner = list_practitioners(db)[0].id
    auth.set_pin(db, practitioner, PIN, None)
    FolderPhotoStore(folder / "photos").put("abc.jpg", PHOTO)
    rows = contents(db)
    db.dispose()
    return database, practitioner, rows


def contents(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.engine.connect() as conn:
        tables = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ).scalars()
        return {
            t: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{t}"'))), key=repr)
            for t in list(tables)
        }


def open_either(folder: Path, practitioner: int) -> Database:
    """The one database in the folder, plain or (with the PIN) encrypted."""
    context = AppContext(Locations.resolve(folder))
    if context.needs_unlock():
        context.unlock_with_pin(practitioner, PIN)
    db = context.database()
    assert db.sqlite_path == folder / "chairside.sqlite3"
    return db


def test_encrypting_replaces_the_plain_file_and_the_plain_copies_go_when_asked(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "clinic"
    database, practitioner, rows = plain_clinic(folder)
    (folder / "backups").mkdir()
    plain_backup = folder / "backups" / "chairside-20261101-120000.sqlite3"
    plain_backup.write_bytes(database.read_bytes())
    db = init_db(f"sqlite:///{database}", create=False)
    db.data_dir = folder
    result = encrypt_database(db, practitioner, "Naomi", PIN)
    assert not database.read_bytes().startswith(cipher.SQLITE_HEADER)
    assert b"Amelia" not in database.read_bytes()
    (photo_file,) = (folder / "photos").iterdir()  # renamed to its keyed name when sealed
    assert photo_file.name.startswith("k-") and photo_file.suffix == ".jpg"
    photo = photo_file.read_bytes()
    assert photo.startswith(MAGIC) and b"Amelia" not in photo
    again = open_either(folder, practitioner)
    assert contents(again) == rows
    again.dispose()
    # The plain copy of the database went as soon as the encrypted one was verified.
    assert result.plain_copies == ()
    assert not (folder / "chairside.sqlite3.plain-before-encryption").exists()
    plain = [*result.plain_copies, *plain_backups(folder / "backups")]
    assert set(plain) == {plain_backup}
    overwrite_and_remove(plain)
    assert not any(p.exists() for p in plain)
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        "chairside.sqlite3",
        "chairside.sqlite3.keys",
    ]


@pytest.mark.slow  # a real process per step
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("step", [*STEPS, "never"])
def test_killed_at_each_step_one_complete_database_opens(tmp_path: Path, step: str) -> None:
    folder = tmp_path / "clinic"
    database, practitioner, rows = plain_clinic(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), paths.DATA_DIR_ENV: str(folder)}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, f"sqlite:///{database}", step, str(practitioner), PIN],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    if step == "never":
        assert child.returncode == 0, child.stderr
    else:
        assert child.returncode == -signal.SIGKILL, child.stderr
    db = open_either(folder, practitioner)
    assert contents(db) == rows
    encrypted = step in ("photos", "remove-plain", "never")
    assert db.encryption == ("encrypted" if encrypted else "plain")
    db.dispose()
    # Opening it settled the run: no plain copy, no half-made copy or key file is left.
    left = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert left == ["chairside.sqlite3", *(["chairside.sqlite3.keys"] if encrypted else [])]
    # Whatever was left half-done, encrypting again finishes the job.
    if not encrypted:
        db = init_db(f"sqlite:///{database}", create=False)
        db.data_dir = folder
        encrypt_database(db, practitioner, "Naomi", PIN)
        db = open_either(folder, practitioner)
        assert db.encryption == "encrypted" and contents(db) == rows
        db.dispose()
    from assistant.photos.storage import store_for

    db = open_either(folder, practitioner)
    assert store_for(db).get("abc.jpg") == PHOTO
    db.dispose()


def test_the_encrypt_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "clinic"
    database, practitioner, rows = plain_clinic(folder)
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    name = "Dr Naomi Clarke"
    result = run_in_process(
        ["--data-dir", str(folder), "encrypt", "--as", name, "--remove-plain", "--no-key"]
    )
    assert result.returncode == 0, result.stderr
    assert "Recovery key (shown once" in result.stdout
    assert not (folder / "chairside.sqlite3.plain-before-encryption").exists()
    again = run_in_process(["--data-dir", str(folder), "encrypt", "--as", name, "--no-key"])
    assert (again.returncode, again.stderr) == (
        2,
        "chairside: The database is already encrypted; nothing was done.\n",
    )
