"""The ``sessions`` and ``recall`` commands through the command line's ``main`` (one test of
each in a real process, as a user runs them)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from assistant.sessions import amend_session, create_draft, save_draft, sign_session
from assistant.storage.db import init_db
from assistant.storage.models import AuditEvent
from tests.cli_support import run_in_process, run_process
from tests.consent_support import give_consent
from tests.sessions_support import TREATED, complete_draft, make_clinic, make_patient

ROOT = Path(__file__).resolve().parent.parent


def chairside(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_in_process(["--data-dir", str(data_dir), *args])


def chairside_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One test per command runs as a user runs it: a real process."""
    return run_process(["--data-dir", str(data_dir), *args])


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with one patient who had a signed, amended session."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    db = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}")
    c = make_clinic(db)
    patient = make_patient(db, "Zoë", "Łukasiewicz")
    assert patient == 1
    session_id = create_draft(db, patient, c.practitioner, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(c, course_number=1, course_total=4), None)
    give_consent(db, patient, c.practitioner, c.device)
    sign_session(db, session_id, c.practitioner)
    amend_session(db, session_id, "zones[1].depth_mm", "1.25", "Pen display misread", None)
    make_patient(db, "Yuki", "Tanaka")
    db.dispose()
    return folder


def test_sessions_json_lists_the_patients_sessions(data_dir: Path) -> None:
    result = chairside_process(data_dir, "sessions", "--patient", "1", "--json")
    assert result.returncode == 0, result.stderr
    (session,) = json.loads(result.stdout)
    assert session["state"] == "signed"
    assert session["treated_at"] == "2026-11-17T10:30"
    assert [(z["zone"], z["depth_mm"]) for z in session["zones"]] == [
        ("forehead", 0.5),
        ("cheeks", 1.25),
    ]
    assert session["deepest_depth_mm"] == 1.25
    assert session["products"][0]["lot_number"] == "HA-2604"
    assert session["cartridge_lot"] == "DP16-2611A"
    assert (session["course_number"], session["course_total"]) == (1, 4)
    assert session["amendments"] == 1


def test_sessions_text_and_empty_list(data_dir: Path) -> None:
    result = chairside(data_dir, "sessions", "--patient", "1")
    assert result.returncode == 0, result.stderr
    assert "2026-11-17 10:30  signed" in result.stdout
    assert "Cheeks 1.25 mm × 3" in result.stdout
    assert "session 1 of 4" in result.stdout
    assert "Hyaluronic acid 1.5% lot HA-2604" in result.stdout
    empty = chairside(data_dir, "sessions", "--patient", "2", "--json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sessions", "--patient", "99"), "There is no patient with id 99."),
        (("sessions", "--patient", "zoe"), "'zoe' is not a patient id"),
        (("recall", "--lot", "  "), "Enter the lot number"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    result = chairside(data_dir, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_recall_csv_names_the_patients_and_is_audited(data_dir: Path) -> None:
    result = chairside_process(data_dir, "recall", "--lot", "dp16-2611a", "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["patient_id"], r["last_name"], r["first_name"]) for r in rows] == [
        ("1", "Łukasiewicz", "Zoë")
    ]
    assert rows[0]["matched"] == "cartridge lot DP16-2611A, 16 needles"
    assert rows[0]["date_of_birth"] == "1988-04-12" and rows[0]["phone"] == "07700 900123"
    db = init_db(f"sqlite:///{data_dir / 'chairside.sqlite3'}")
    try:
        with db.session() as session:
            exports = session.query(AuditEvent).filter(AuditEvent.action == "export").all()
            assert [e.changes["patients"] for e in exports] == [[1]]
    finally:
        db.dispose()


def test_recall_text(data_dir: Path) -> None:
    result = chairside(data_dir, "recall", "--lot", "HA-2604")
    assert result.returncode == 0, result.stderr
    assert "Lot HA-2604: 1 patient(s), 1 session(s)." in result.stdout
    assert "Zoë Łukasiewicz (born 1988-04-12, phone 07700 900123)" in result.stdout
    none = chairside(data_dir, "recall", "--lot", "XX-1")
    assert none.returncode == 0 and "No patient received lot XX-1." in none.stdout
