"""Encryption at rest: the database, its log, its backups and its photos hold nothing
readable; the key file unlocks it with a PIN or the recovery key; wrong secrets, a missing
or a damaged key file change nothing; the command line asks for --as or --recovery-key."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant import paths
from assistant.access import auth, cipher, keyfile
from assistant.clinic.store import save_practitioner
from assistant.context import AppContext
from assistant.demo.clinic import load_demo_data
from assistant.errors import DatabaseUnavailable, InvalidInput
from assistant.paths import Locations
from assistant.photos import import_photos, photo_bytes
from assistant.storage import backup
from assistant.storage.db import Database, DatabaseLocked, init_db
from assistant.storage.models import Patient
from tests.cli_support import run_in_process
from tests.consent_support import give_consent
from tests.encryption_support import REAL_NEW_RECOVERY_CODE, TEST_KEY
from tests.photo_support import camera_jpeg
from tests.sessions_support import make_clinic

PIN = "2468"


def names_of_patients(db: Database) -> list[str]:
    with db.session() as session:
        rows = session.execute(select(Patient.first_name, Patient.last_name)).all()
    return [n for row in rows for n in row if n and len(n) >= 4]


def assert_unreadable(path: Path, names: list[str]) -> None:
    data = path.read_bytes()
    assert data, path
    assert cipher.SQLITE_HEADER not in data, path
    for name in names:
        assert name.encode("utf-8") not in data, (path, name)


def digests(folder: Path) -> dict[str, str]:
    """Every file's digest, but the wrong-PIN counter's (a wrong PIN is counted there)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(".keys.attempts")
    }


def test_a_demo_database_its_log_backups_and_photos_hold_no_names(
    demo_db: Database, tmp_path: Path
) -> None:
    names = names_of_patients(demo_db)
    assert len(names) > 10
    c = make_clinic(demo_db)
    with demo_db.session() as session:
        patient = session.scalars(select(Patient.id).limit(1)).one()
    give_consent(demo_db, patient, c.practitioner, c.device)
    (photo,) = import_photos(demo_db, patient, [camera_jpeg(tmp_path / "a.jpg")], "frontal")
    database = demo_db.sqlite_path
    assert database is not None
    wal = database.with_name(database.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # recent writes are still in the log
    info = backup.backup_to_file(demo_db, tmp_path / "copy.sqlite3")
    automatic = backup.backup_now(demo_db, tmp_path / "auto", keep=3)
    for file in (database, wal, info.path, automatic.path):
        assert_unreadable(file, names)
    photo_files = [p for p in paths.photos_dir().rglob("*") if p.is_file()]
    backed_up = [p for p in (tmp_path / "auto").rglob("*.jpg")]
    assert photo_files and backed_up
    for file in photo_files + backed_up:
        data = file.read_bytes()
        assert not data.startswith(b"\xff\xd8")  # no JPEG in the clear
        assert b"Canon" not in data and b"JFIF" not in data and b"Exif" not in data
    assert photo_bytes(demo_db, photo).startswith(b"\xff\xd8")  # read back through the key
    # The key file names practitioners only, and never holds the key in the clear.
    key_file = keyfile.key_file_path(database).read_bytes()
    assert TEST_KEY not in key_file and TEST_KEY.hex().encode() not in key_file
    for name in names:
        assert name.encode() not in key_file


def test_a_backup_is_checked_and_restored_under_the_same_key(db: Database, tmp_path: Path) -> None:
    load_demo_data(db, patients=3, seed=1)
    copy = backup.backup_to_file(db, tmp_path / "b.sqlite3").path
    check = backup.inspect_backup(copy)
    assert check.revision
    before = names_of_patients(db)
    db.dispose()
    result = backup.restore(paths.database_url(), copy, backups_folder=tmp_path / "aside")
    again = init_db(paths.database_url(), key=TEST_KEY)
    assert names_of_patients(again) == before
    assert result.kept_aside is not None
    assert_unreadable(result.kept_aside, before)
    again.dispose()


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key unlocked yet, as in a new process (this one has the test database's)."""
    monkeypatch.setattr(cipher, "_unlocked", [])


def _new_clinic(folder: Path) -> tuple[AppContext, str, int, int]:
    """A new encrypted database, as setup makes it: two practitioners with PINs."""
    context = AppContext(Locations.resolve(folder))
    db = context.database()
    code = db.recovery_code
    assert code is not None and db.encryption == "encrypted"
    ann = auth.create_first_practitioner(db, "Ann Lee", "", PIN)
    bob = save_practitioner(db, "Bob Ray", "", actor=ann.id)
    auth.set_pin(db, bob.id, "13579", actor=ann.id)
    context.close()
    cipher._unlocked.clear()  # the next open is a new start
    return context, code, ann.id, bob.id


def test_a_pin_unlocks_and_a_wrong_one_changes_nothing(tmp_path: Path) -> None:
    _, _, ann, _ = _new_clinic(tmp_path / "clinic")
    before = digests(tmp_path / "clinic")
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    assert context.needs_unlock()
    with pytest.raises(DatabaseLocked, match="encrypted"):
        context.database()
    with pytest.raises(keyfile.WrongSecret, match="That PIN is not right"):
        context.unlock_with_pin(ann, "9999")
    assert digests(tmp_path / "clinic") == before
    counted = (tmp_path / "clinic" / "chairside.sqlite3.keys.attempts").read_text()
    assert f'"practitioner:{ann}"' in counted and '"failures": 1' in counted
    context.unlock_with_pin(ann, PIN)
    db = context.database()
    assert auth.verify_login(db, ann, PIN).name == "Ann Lee"
    context.close()


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "tampered"])
def test_a_missing_or_damaged_key_file_says_so_and_changes_nothing(
    tmp_path: Path, damage: str
) -> None:
    _, _, ann, _ = _new_clinic(tmp_path / "clinic")
    key_file = tmp_path / "clinic" / "chairside.sqlite3.keys"
    if damage == "missing":
        key_file.unlink()
    elif damage == "garbage":
        key_file.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        key_file.write_bytes(key_file.read_bytes()[:200])
    else:  # one practitioner's wrapped key altered
        text = key_file.read_text()
        wrapped = text.split('"key": "')[1][:8]
        key_file.write_text(text.replace(wrapped, "AAAAAAAA", 1))
    before = digests(tmp_path / "clinic")
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    expected = {
        "missing": "key file chairside.sqlite3.keys is missing",
        "garbage": "key file chairside.sqlite3.keys is damaged",
        "truncated": "key file chairside.sqlite3.keys is damaged",
        "tampered": "That PIN is not right",
    }[damage]
    with pytest.raises((DatabaseUnavailable, InvalidInput), match=expected):
        context.unlock_with_pin(ann, PIN)
    with pytest.raises(DatabaseUnavailable):
        context.database()
    assert digests(tmp_path / "clinic") == before


def test_the_recovery_key_opens_after_every_pin_changed_and_a_new_one_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyfile, "new_recovery_code", REAL_NEW_RECOVERY_CODE)
    _, code, ann, bob = _new_clinic(tmp_path / "clinic")
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    context.unlock_with_pin(bob, "13579")
    db = context.database()
    auth.set_pin(db, ann, "80618093", actor=bob)
    auth.set_pin(db, bob, "24685137", actor=bob)
    context.close()
    # Every PIN changed (and forgotten): the old ones open nothing, the recovery key does.
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    with pytest.raises(keyfile.WrongSecret):
        context.unlock_with_pin(ann, PIN)
    context.unlock_with_recovery(code.lower().replace("-", " "))
    db = context.database()
    auth.set_pin(db, ann, "11223344", actor=ann)
    fresh = auth.new_recovery_key(db, actor=ann)
    context.close()
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    with pytest.raises(keyfile.WrongSecret, match="does not open"):
        context.unlock_with_recovery(code)
    context.unlock_with_recovery(fresh)
    assert context.database().encryption == "encrypted"
    context.close()
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    context.unlock_with_pin(ann, "11223344")
    context.database()
    context.close()


def test_changing_one_pin_rewraps_only_that_copy_and_leaving_drops_it(tmp_path: Path) -> None:
    _, _, ann, bob = _new_clinic(tmp_path / "clinic")
    path = tmp_path / "clinic" / "chairside.sqlite3.keys"
    before = keyfile.KeyFile.load(path)
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    context.unlock_with_pin(ann, PIN)
    db = context.database()
    auth.set_pin(db, bob, "97531", actor=ann)
    after = keyfile.KeyFile.load(path)
    assert after.practitioners[ann] == before.practitioners[ann]
    assert after.practitioners[bob] != before.practitioners[bob]
    assert after.recovery == before.recovery
    save_practitioner(db, "Bob Ray", "", actor=ann, practitioner_id=bob, active=False)
    assert set(keyfile.KeyFile.load(path).practitioners) == {ann}
    context.close()


def test_a_new_database_can_be_plain_and_says_so(tmp_path: Path) -> None:
    plain = init_db(f"sqlite:///{tmp_path / 'plain.sqlite3'}", encrypt=False)
    assert plain.encryption == "plain" and plain.key is None
    plain.dispose()
    assert (tmp_path / "plain.sqlite3").read_bytes().startswith(cipher.SQLITE_HEADER)
    assert not (tmp_path / "plain.sqlite3.keys").exists()


def test_an_unfinished_setup_is_started_again(tmp_path: Path) -> None:
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    context.database()  # created, then the window closed before the first practitioner
    context.close()
    again = AppContext(Locations.resolve(tmp_path / "clinic"))
    assert again.needs_unlock()
    assert again.discard_unfinished_setup()
    assert again.database_kind() == "new"


# -- the command line -------------------------------------------------------------------------


def test_commands_need_as_or_the_recovery_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, code, ann, _ = _new_clinic(tmp_path / "clinic")
    folder = str(tmp_path / "clinic")
    monkeypatch.delenv("CHAIRSIDE_RECOVERY_KEY", raising=False)
    refused = run_in_process(["--data-dir", folder, "audit", "--limit", "1", "--no-key"])
    assert refused.returncode == 2
    assert refused.stderr == (
        "chairside: The database is encrypted: add --as PRACTITIONER (PIN from the terminal "
        "or CHAIRSIDE_PIN) or --recovery-key.\n"
    )
    monkeypatch.setenv("CHAIRSIDE_PIN", "0000")
    wrong = run_in_process(
        ["--data-dir", folder, "--as", "Ann Lee", "audit", "--limit", "1", "--no-key"]
    )
    assert (wrong.returncode, wrong.stderr) == (2, "chairside: That PIN is not right.\n")
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    for argv in (
        ["--data-dir", folder, "--as", "Ann Lee", "audit", "--limit", "1"],
        ["--data-dir", folder, "audit", "--limit", "1", "--as", "ann lee"],
        ["--data-dir", folder, "audit", "--limit", "1", "--as", str(ann)],
    ):
        result = run_in_process([*argv, "--no-key"])  # --as alone unlocks it
        assert result.returncode == 0, (argv, result.stderr)
    monkeypatch.setenv("CHAIRSIDE_RECOVERY_KEY", code)
    result = run_in_process(["--data-dir", folder, "audit", "--limit", "1", "--recovery-key"])
    assert result.returncode == 0, result.stderr
    version = run_in_process(["--data-dir", folder, "--version"])
    assert version.stdout.strip().endswith("(encrypted SQLite database)")


def test_demo_unencrypted_is_plain_and_demo_is_encrypted(tmp_path: Path) -> None:
    plain = run_in_process(
        ["--data-dir", str(tmp_path / "p"), "demo", "--patients", "2", "--unencrypted"]
    )
    assert plain.returncode == 0, plain.stderr
    assert "plain (unencrypted)" in plain.stdout
    assert (tmp_path / "p" / "chairside.sqlite3").read_bytes().startswith(cipher.SQLITE_HEADER)
    version = run_in_process(["--data-dir", str(tmp_path / "p"), "--version"])
    assert "(plain (unencrypted) SQLite database)" in version.stdout
    encrypted = run_in_process(["--data-dir", str(tmp_path / "e"), "demo", "--patients", "2"])
    assert encrypted.returncode == 0, encrypted.stderr
    code = encrypted.stdout.rsplit(": ", 1)[1].strip()
    database = tmp_path / "e" / "chairside.sqlite3"
    assert not database.read_bytes().startswith(cipher.SQLITE_HEADER)
    context = AppContext(Locations.resolve(tmp_path / "e"))
    assert not context.discard_unfinished_setup()  # its recovery key was shown
    context.unlock_with_recovery(code)
    assert len(names_of_patients(context.database())) >= 2
    context.close()
