"""Outputs never destroy: ``aftercare --out``, ``export`` and ``backup --out`` refuse the live
database and its files, anything in the data folder, folders and special files, a missing
folder, and an existing file without ``--force``; an export is audited only once written."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import paths
from assistant.audit.trail import query_events
from assistant.errors import InvalidInput
from assistant.output_files import check_output_file, write_private_file
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database
from tests import keyed_sqlite as sqlite3
from tests.cli_support import cli_main
from tests.test_aftercare_cli import session as aftercare_session

POSIX = os.name == "posix"


@pytest.fixture
def patient(db: Database) -> int:
    return create_patient(db, PatientDetails("Zoë", "Adams"), None).id


def _digest(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _session_file(tmp_path: Path) -> Path:
    source = tmp_path / "session.json"
    source.write_text(json.dumps(aftercare_session()), encoding="utf-8")
    return source


def _commands(tmp_path: Path, patient: int) -> dict[str, Callable[[Path], list[str]]]:
    source = _session_file(tmp_path)
    return {
        "aftercare": lambda out: ["aftercare", str(source), "--out", str(out)],
        "export-json": lambda out: ["export", "--patient", str(patient), "--json", str(out)],
        "export-pdf": lambda out: ["export", "--patient", str(patient), "--pdf", str(out)],
        "backup": lambda out: ["backup", "--out", str(out)],
    }


def _targets(db: Database, tmp_path: Path) -> dict[str, Path]:
    live = db.sqlite_path
    assert live is not None
    with db.session() as s:  # make sure -wal and -shm exist
        s.connection().exec_driver_sql("SELECT 1")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    link = tmp_path / "link-to-db.sqlite3"
    link.symlink_to(live)
    (tmp_path / "outside").mkdir()
    return {
        "database": live,
        "wal": live.with_name(live.name + "-wal"),
        "shm": live.with_name(live.name + "-shm"),
        "journal": live.with_name(live.name + "-journal"),
        "link to the database": link,
        "settings": paths.settings_file(),
        "new file in data folder": paths.data_dir() / "copy.pdf",
        "in the backups folder": paths.backup_dir(ensure=True) / "mine.sqlite3",
        "through ..": tmp_path / "outside" / ".." / "data" / "x.pdf",
        "a folder": folder,
        "missing folder": tmp_path / "no-such-folder" / "out.pdf",
        "a file as folder": _session_file(tmp_path) / "out.pdf",
        "device": Path("/dev/null"),
        "name too long": tmp_path / ("x" * 300 + ".pdf"),
    }


REASONS = {
    "database": "database",
    "wal": "database",
    "shm": "database",
    "journal": "database",
    "link to the database": "database",
    "settings": "data folder",
    "new file in data folder": "data folder",
    "in the backups folder": "data folder",
    "through ..": "data folder",
    "a folder": "is a folder",
    "missing folder": "does not exist",
    "a file as folder": "is not a folder",
    "device": "not a regular file",
    "name too long": "too long",
}


@pytest.mark.skipif(not POSIX, reason="links and /dev/null")
@pytest.mark.parametrize("command", ["aftercare", "export-json", "export-pdf", "backup"])
@pytest.mark.parametrize("target", sorted(REASONS))
def test_every_output_refuses_what_it_must_not_replace(
    db: Database,
    patient: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    target: str,
) -> None:
    out = _targets(db, tmp_path)[target]
    reason = REASONS[target]
    live = db.sqlite_path
    assert live is not None
    before = {p: _digest(p) for p in (live, paths.settings_file())}
    audit_before = len(_audit(db))
    argv = _commands(tmp_path, patient)[command](out)
    for force in ([], ["--force"]):
        capsys.readouterr()
        assert cli_main(argv + force) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("chairside: "), err
        assert reason in err
        assert "Traceback" not in err
    assert {p: _digest(p) for p in before} == before
    assert len(_audit(db)) == audit_before
    if target == "new file in data folder":
        assert not out.exists()


def _audit(db: Database) -> list[object]:
    with db.session() as s:
        return list(query_events(s, limit=10_000))


@pytest.mark.parametrize("command", ["aftercare", "export-json", "export-pdf", "backup"])
def test_an_existing_file_is_replaced_only_with_force(
    db: Database,
    patient: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    out = tmp_path / ("earlier.sqlite3" if command == "backup" else "earlier.out")
    argv = _commands(tmp_path, patient)[command](out)
    assert cli_main(argv) == 0
    first = out.read_bytes()
    if command == "backup":
        # A backup is a database; replace it with a different one to see it survive.
        con = sqlite3.connect(out)
        con.execute("CREATE TABLE marker (x)")
        con.commit()
        con.close()
        first = out.read_bytes()
    capsys.readouterr()
    assert cli_main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"chairside: {out} already exists; add --force to replace it.\n"
    assert out.read_bytes() == first
    assert cli_main([*argv, "--force"]) == 0
    assert out.exists()
    if command == "backup":
        con = sqlite3.connect(out)
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        con.close()
        assert "marker" not in names


def test_an_export_is_audited_only_once_the_file_is_written(
    db: Database, patient: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant import output_files
    from assistant.patients.export import write_patient_json
    from assistant.patients.export_pdf import export_patient_pdf

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_files.os, "replace", fail)
    for writer, name in ((write_patient_json, "r.json"), (export_patient_pdf, "r.pdf")):
        with pytest.raises(InvalidInput, match="No space left"):
            writer(db, patient, tmp_path / name)
        assert not (tmp_path / name).exists()
    assert [e for e in _audit(db) if getattr(e, "action", "") == "export"] == []
    monkeypatch.undo()
    write_patient_json(db, patient, tmp_path / "r.json")
    exports = [e for e in _audit(db) if getattr(e, "action", "") == "export"]
    assert len(exports) == 1


def test_the_check_is_shared_and_allows_ordinary_files(tmp_path: Path) -> None:
    out = tmp_path / "consent.pdf"
    assert check_output_file(out) == out
    write_private_file(out, b"first")
    with pytest.raises(InvalidInput, match="already exists"):
        write_private_file(out, b"second")
    write_private_file(out, b"second", force=True)
    assert out.read_bytes() == b"second"
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"jpeg")
    with pytest.raises(InvalidInput, match="database"):
        check_output_file(source, force=True, protected=[source])


@pytest.mark.skipif(not POSIX or not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput, match="not a regular file"):
        check_output_file(fifo, force=True)


def test_the_live_database_named_by_url_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "clinic" / "shared.sqlite3"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"")
    monkeypatch.setenv(paths.DATABASE_URL_ENV, f"sqlite:///{elsewhere}")
    for suffix in ("", "-wal", "-shm"):
        with pytest.raises(InvalidInput, match="database"):
            check_output_file(elsewhere.with_name(elsewhere.name + suffix), force=True)
