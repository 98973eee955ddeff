"""Restore checks a backup before copying anything: exactly the schema of its version
(against a database migrated from empty to that version) and an intact audit chain. A crafted
file is refused with exit 2 and one line, and the database in use is byte-for-byte unchanged."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import paths
from assistant.audit.integrity import backup_head, current_head, metadata_path
from assistant.storage import backup
from assistant.storage.db import Database, head_revision
from tests import keyed_sqlite as sqlite3
from tests.chain_support import cli, triggers_lifted
from tests.consent_support import PIN


def digest_of_live_files() -> dict[str, str]:
    live = paths.default_database_path()
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in live.parent.iterdir()
        if p.name.startswith(live.name)
    }


@pytest.fixture
def good_backup(
    db: Database, signed_records: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    # The signed records' practitioner's PIN is consent_support.PIN.
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    out = tmp_path / "usb" / "good.sqlite3"
    out.parent.mkdir()
    backup.backup_to_file(db, out)
    db.dispose()
    return out


def _view_for_the_audit_table(con: sqlite3.Connection) -> None:
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
    ).fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute("ALTER TABLE audit_event RENAME TO audit_event_kept")
    con.execute("CREATE VIEW audit_event AS SELECT * FROM audit_event_kept WHERE id < 3")


CRAFTED: dict[str, tuple[Callable[[sqlite3.Connection], None], str]] = {
    "an extra trigger": (
        lambda con: con.execute(
            "CREATE TRIGGER tidy AFTER INSERT ON audit_event BEGIN "
            "UPDATE patient SET notes = '' WHERE id = NEW.patient_id; END"
        ),
        "extra trigger tidy",
    ),
    "a trigger missing": (
        lambda con: con.execute("DROP TRIGGER zone_treatment_signed_no_insert"),
        "trigger zone_treatment_signed_no_insert is missing",
    ),
    "a trigger rewritten": (
        lambda con: con.executescript(
            "DROP TRIGGER audit_event_no_update; CREATE TRIGGER audit_event_no_update BEFORE "
            "UPDATE ON audit_event WHEN 0 BEGIN SELECT 1; END;"
        ),
        "trigger audit_event_no_update differs",
    ),
    "a view in place of the audit table": (_view_for_the_audit_table, "audit_event"),
    "an extra view": (
        lambda con: con.execute("CREATE VIEW everyone AS SELECT * FROM patient"),
        "extra view everyone",
    ),
    "an extra table": (
        lambda con: con.execute("CREATE TABLE notes_aside (id INTEGER PRIMARY KEY)"),
        "extra table notes_aside",
    ),
    "a missing column": (
        lambda con: con.execute("ALTER TABLE patient DROP COLUMN notes"),
        "table patient differs",
    ),
    "an extra index": (
        lambda con: con.execute("CREATE INDEX ix_extra ON patient (notes)"),
        "extra index ix_extra",
    ),
    "a version that does not match its schema": (
        lambda con: con.execute("UPDATE alembic_version SET version_num = '0005'"),
        "schema 0005",
    ),
    "a broken chain": (
        lambda con: con.executescript(
            "DROP TRIGGER audit_event_no_update; "
            "UPDATE audit_event SET summary = 'rewritten' WHERE id = 3; "
            "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"
        ),
        "fails the audit chain check: entry 3",
    ),
    "a signed zone edited behind the triggers": (
        lambda con: con.executescript(
            "DROP TRIGGER zone_treatment_signed_no_update; "
            "UPDATE zone_treatment SET depth_mm = 2.9; "
            "CREATE TRIGGER zone_treatment_signed_no_update BEFORE UPDATE ON zone_treatment "
            "FOR EACH ROW WHEN 0 BEGIN SELECT 1; END;"
        ),
        "zone_treatment_signed_no_update differs",
    ),
}


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_backup_is_refused_and_nothing_changes(
    name: str, good_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    craft, expected = CRAFTED[name]
    crafted = good_backup.with_name("crafted.sqlite3")
    shutil.copyfile(good_backup, crafted)
    con = sqlite3.connect(crafted)
    craft(con)
    con.commit()
    con.close()
    before = digest_of_live_files()
    backups_before = sorted(paths.backup_dir().glob("*")) if paths.backup_dir().exists() else []

    status, out, err = cli(capsys, "restore", str(crafted), "--as", "Dr Naomi Clarke")

    assert status == 2 and out == ""
    assert err.count("\n") == 1 and expected in err, err
    assert "Nothing was changed" in err
    assert digest_of_live_files() == before
    after = sorted(paths.backup_dir().glob("*")) if paths.backup_dir().exists() else []
    assert after == backups_before  # not even a copy kept aside


def test_the_good_backup_restores(good_backup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(capsys, "restore", str(good_backup), "--as", "Dr Naomi Clarke")
    assert status == 0, err
    assert cli(capsys, "audit", "--verify")[0] == 0


def test_backups_carry_the_chain_head_and_verify_against_it(
    db: Database, good_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head, problem = backup_head(good_backup)
    assert problem == "" and head is not None
    assert metadata_path(good_backup).exists()
    assert f'"entry": {head.entry}' in metadata_path(good_backup).read_text()
    live = current_head(db)
    assert live is not None and live.entry > head.entry  # the backup's own entry came after
    status, out, _ = cli(capsys, "audit", "--verify", "--against", str(good_backup))
    assert status == 0 and "extends the backup good.sqlite3" in out and out.count("\n") == 1

    # The live chain rewritten from the backup's head on (and recomputed): it no longer
    # extends the backup, even though it is consistent in itself.
    from tests.test_records_tamper import recompute_chain

    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path, isolation_level=None)
    with triggers_lifted(con):
        con.execute(f"UPDATE audit_event SET summary = 'x' WHERE id = {head.entry}")
        recompute_chain(con, db)
    con.close()
    (paths.data_dir() / "audit-verified.json").unlink()  # a workstation with no anchor
    status, out, _ = cli(capsys, "audit", "--verify", "--against", str(good_backup))
    assert status == 1 and out.count("\n") == 1
    assert f"does not extend the backup good.sqlite3: entry {head.entry}" in out
    assert head_revision() in metadata_path(good_backup).read_text()


def test_the_refusal_is_in_the_practitioners_language(good_backup: Path) -> None:
    from assistant.errors import InvalidInput
    from assistant.text import i18n

    crafted = good_backup.with_name("crafted.sqlite3")
    shutil.copyfile(good_backup, crafted)
    con = sqlite3.connect(crafted)
    con.execute("CREATE TABLE notes_aside (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    i18n.use_language("es")
    try:
        with pytest.raises(InvalidInput) as refused:
            backup.inspect_backup(crafted)
    finally:
        i18n.use_language("en")
    assert str(refused.value) == (
        f"crafted.sqlite3 no es una copia de seguridad de Chairside tal como las hace el "
        f"esquema {head_revision()}: tiene la tabla notes_aside de más. No se ha cambiado nada; "
        "elija otra copia de seguridad."
    )
