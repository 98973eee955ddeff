"""``--as PRACTITIONER`` on the command line: the PIN from the terminal or CHAIRSIDE_PIN, the
practitioner in the audit trail, and the operating-system account when nobody is named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.access.auth import set_pin
from assistant.audit.trail import AuditEntry, query_events
from assistant.cli.acting import os_account
from assistant.clinic.store import save_practitioner
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database
from tests.cli_support import cli_main
from tests.encryption_support import TEST_RECOVERY

PIN = "4826"


@pytest.fixture
def naomi(db: Database) -> int:
    practitioner = save_practitioner(db, "Naomi Clarke", "GMC 7012345")
    set_pin(db, practitioner.id, PIN, None)
    return practitioner.id


@pytest.fixture
def patient(db: Database) -> int:
    return create_patient(db, PatientDetails("Zoë", "Adams"), None).id


def last(db: Database, action: str) -> AuditEntry:
    with db.session() as session:
        return query_events(session, action=action, limit=1)[0]


def test_the_pin_is_asked_on_a_terminal(
    db: Database, naomi: int, patient: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(
        "getpass.getpass",
        lambda prompt: TEST_RECOVERY if prompt == "Recovery key: " else asked.append(prompt) or PIN,
    )
    monkeypatch.setenv("CHAIRSIDE_PIN", "0000")  # ignored when a terminal can ask
    out = tmp_path / "record.json"
    assert cli_main(["--as", "Naomi Clarke", "export", "--patient", str(patient), "--json",
                     str(out)]) == 0  # fmt: skip
    assert asked == ["PIN for Naomi Clarke: "]
    export = last(db, "export")
    assert export.practitioner_id == naomi
    login = last(db, "login")
    assert login.summary == f"Practitioner {naomi} signed in (command line: export)"


def test_without_a_terminal_the_pin_comes_from_the_environment(
    db: Database, naomi: int, patient: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    argv = ["erase", "--as", str(naomi), "--patient", str(patient), "--confirm",
            f"{patient} Zoë Adams"]  # fmt: skip
    assert cli_main(argv) == 0
    assert last(db, "erase").practitioner_id == naomi


def test_a_wrong_pin_is_refused_counted_and_nothing_is_done(
    db: Database,
    naomi: int,
    patient: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CHAIRSIDE_PIN", "1357")
    argv = ["erase", "--as", "Naomi Clarke", "--patient", str(patient), "--confirm",
            f"{patient} Zoë Adams"]  # fmt: skip
    assert cli_main(argv) == 2
    assert capsys.readouterr().err == "chairside: That PIN is not right.\n"
    assert last(db, "login_failed").summary.endswith("(command line: erase)")
    with db.session() as session:
        assert not query_events(session, action="erase")


def test_without_as_the_os_account_is_recorded(db: Database, patient: int, tmp_path: Path) -> None:
    assert cli_main(["export", "--patient", str(patient), "--json", str(tmp_path / "r.json")]) == 0
    export = last(db, "export")
    assert export.practitioner_id is None
    assert export.workstation == os_account()
    assert "@" in os_account()
    # The next entry written in this process by other means names the computer again.
    create_patient(db, PatientDetails("Next", "Patient"), None)
    assert "@" not in last(db, "create").workstation


def test_restoring_over_a_damaged_database_checks_the_pin_in_the_backup(
    db: Database, naomi: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.storage.backup import backup_to_file

    good = backup_to_file(db, tmp_path / "good.sqlite3").path
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    live.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # damaged beyond opening
    for suffix in ("-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)
    monkeypatch.setenv("CHAIRSIDE_PIN", "9999")
    assert cli_main(["restore", str(good), "--as", "Naomi Clarke"]) == 2
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    assert cli_main(["restore", str(good), "--as", "Naomi Clarke"]) == 0
