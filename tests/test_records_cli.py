"""The backup, restore, export, erase and audit commands: output, files and exit status 2
with one clear line for anything the user can fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant import paths
from assistant.cli import EXIT_BAD_INPUT, EXIT_OK, build_parser, run_command
from assistant.patients.store import PatientDetails, create_patient, get_patient
from assistant.storage.db import Database, head_revision
from tests import keyed_sqlite as sqlite3
from tests.cli_support import with_key

ROOT = Path(__file__).resolve().parents[1]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run_command(build_parser().parse_args(with_key(argv)))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def patient(db: Database) -> int:
    return create_patient(db, PatientDetails("Zoë", "Adams", phone="07700 900123"), None).id


PIN = "4826"


@pytest.fixture
def naomi(db: Database, monkeypatch: pytest.MonkeyPatch) -> int:
    """A practitioner who can sign in; her PIN is where a script would put it."""
    from assistant.access.auth import set_pin
    from assistant.clinic.store import save_practitioner

    practitioner = save_practitioner(db, "Naomi Clarke", "GMC 7012345")
    set_pin(db, practitioner.id, PIN, None)
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    return practitioner.id


def test_backup_then_restore_from_the_command_line(
    db: Database, patient: int, naomi: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "usb" / "clinic.sqlite3"
    out.parent.mkdir()
    status, stdout, _ = cli(capsys, "backup", "--out", str(out))
    assert status == EXIT_OK
    assert stdout.startswith(f"Backed up the database to {out} (")
    create_patient(db, PatientDetails("Added", "Later"), None)
    db.dispose()

    status, _, stderr = cli(capsys, "restore", str(out))
    assert status == EXIT_BAD_INPUT
    assert stderr == (
        "chairside: restore needs to know who is doing it: add --as PRACTITIONER (name or id).\n"
    )
    status, stdout, _ = cli(capsys, "restore", str(out), "--as", "Naomi Clarke")
    assert status == EXIT_OK
    lines = stdout.splitlines()
    assert lines[0] == f"Restored {paths.default_database_path()} from {out}"
    assert lines[1].startswith(f"The database you had before is kept as {paths.backup_dir()}")
    con = sqlite3.connect(paths.default_database_path())
    assert con.execute("SELECT first_name FROM patient").fetchall() == [("Zoë",)]
    con.close()


def test_restore_refuses_a_bad_file_with_exit_status_2(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    db.dispose()
    status, stdout, stderr = cli(capsys, "--as", "1", "restore", str(junk))
    assert status == EXIT_BAD_INPUT and stdout == ""
    assert stderr == (
        "chairside: notes.txt is not a Chairside backup (it is not a database file at all, or "
        "it is encrypted under another clinic's key). "
        "Nothing was changed; choose another backup.\n"
    )


def test_restore_through_main_py_in_a_real_process(
    db: Database, naomi: int, tmp_path: Path
) -> None:
    create_patient(db, PatientDetails("Real", "Process"), None)
    out = tmp_path / "b.sqlite3"
    from assistant.storage.backup import backup_to_file

    backup_to_file(db, out)
    db.dispose()
    env = {**os.environ, paths.DATA_DIR_ENV: str(paths.data_dir())}
    env.pop(paths.DATABASE_URL_ENV, None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "restore", str(out), "--as", str(naomi)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("Restored ")


def test_export_writes_json_and_pdf(
    db: Database, patient: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, stdout, _ = cli(
        capsys,
        "export",
        "--patient",
        str(patient),
        "--json",
        str(tmp_path / "r.json"),
        "--pdf",
        str(tmp_path / "r.pdf"),
    )
    assert status == EXIT_OK
    assert stdout.splitlines() == [
        f"Wrote the record of patient {patient} to {tmp_path / 'r.json'}",
        f"Wrote the PDF summary of patient {patient} to {tmp_path / 'r.pdf'}",
    ]
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["patient"]["first_name"] == "Zoë"
    assert "Zoë Adams" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()


def test_export_needs_a_file_and_a_known_patient(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, stderr = cli(capsys, "export", "--patient", "1")
    assert status == EXIT_BAD_INPUT
    assert stderr == (
        "chairside: Say where to write the record: --json FILE, --pdf FILE or both.\n"
    )
    status, _, stderr = cli(capsys, "export", "--patient", "42", "--json", str(tmp_path / "x"))
    assert status == EXIT_BAD_INPUT
    assert stderr == "chairside: There is no patient with id 42.\n"
    assert not (tmp_path / "x").exists()


def test_erase_needs_the_number_and_name(
    db: Database, patient: int, naomi: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, stderr = cli(
        capsys, "erase", "--patient", str(patient), "--confirm", f"{patient} Zoë Adams"
    )
    assert status == EXIT_BAD_INPUT
    assert "needs to know who is doing it: add --as PRACTITIONER" in stderr
    status, _, stderr = cli(
        capsys, "erase", "--as", "Naomi Clarke", "--patient", str(patient), "--confirm", "yes"
    )
    assert status == EXIT_BAD_INPUT
    assert stderr == (
        f"chairside: The confirmation does not match patient {patient}'s number and full name "
        "exactly (as in their record, capitals and accents included); nothing was erased.\n"
    )
    assert "Zoë" not in stderr and "Adams" not in stderr
    assert not get_patient(db, patient).erased
    status, stdout, _ = cli(
        capsys, "--as", "naomi clarke", "erase", "--patient", str(patient), "--confirm",
        f"{patient} Zoë Adams",
    )  # fmt: skip
    assert status == EXIT_OK
    assert stdout == f"Erased the personal details of patient {patient}.\n"
    assert get_patient(db, patient).erased


def test_audit_lists_and_filters_entries(
    db: Database, patient: int, capsys: pytest.CaptureFixture[str]
) -> None:
    create_patient(db, PatientDetails("Other", "Person"), None)
    status, stdout, _ = cli(capsys, "audit", "--patient", str(patient), "--json")
    assert status == EXIT_OK
    entries = json.loads(stdout)
    assert [(e["action"], e["patient_id"]) for e in entries] == [("create", patient)]
    assert entries[0]["summary"] == f"Created patient record {patient}"

    status, stdout, _ = cli(capsys, "audit", "--action", "create")
    lines = stdout.splitlines()
    assert len(lines) == 2 and all(" create " in line for line in lines)
    assert lines[1].endswith(f"Created patient record {patient}")

    status, stdout, _ = cli(capsys, "audit", "--action", "erase")
    assert stdout == "No audit entries match.\n"


def test_an_unknown_audit_action_is_refused_by_the_parser(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(["audit", "--action", "delete"])
    assert caught.value.code == 2
    assert "invalid choice: 'delete'" in capsys.readouterr().err


def test_a_restored_backup_is_at_the_newest_schema(
    db: Database, naomi: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_records_backup import make_old_backup

    old = make_old_backup(tmp_path / "old.sqlite3")
    db.dispose()
    status, stdout, _ = cli(capsys, "restore", str(old), "--as", "Naomi Clarke")
    assert status == EXIT_OK
    assert f"Upgraded it from schema 0001 to {head_revision()}" in stdout
