"""The day's commands through the command line's ``main`` (``book`` once in a real process):
exit codes, the JSON keys the issue names, the calendar file and the PDFs."""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from assistant.clinic import store as clinic
from assistant.clinic.profile import ClinicProfile
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import init_db
from tests.cli_support import run_in_process, run_process
from tests.consent_support import PIN, ensure_pin, give_consent
from tests.day_support import sign
from tests.sessions_support import make_clinic

TODAY = date.today()
TREATED = datetime.combine(TODAY - timedelta(days=3), time(10, 30))  # at 1.5 mm: 4 weeks
SAFE = TREATED.date() + timedelta(weeks=4)


def chairside(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_in_process(["--data-dir", str(data_dir), *args], env={"CHAIRSIDE_PIN": PIN})


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Patient 1 (Spanish) treated three days ago at 1.5 mm; practitioner 1 has a PIN."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    db = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}")
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    clinic.save_clinic(
        db,
        ClinicProfile(
            name="Clínica Lumen", address="12 High Street\nBath BA1 1AA", phone="01225 000000"
        ),
        None,
    )
    patient = create_patient(
        db,
        PatientDetails(
            first_name="Zoë",
            last_name="Łukasiewicz",
            date_of_birth=date(1990, 3, 4),
            fitzpatrick=3,
            language="es",
        ),
        actor=None,
    ).id
    give_consent(db, patient, c.practitioner, c.device, signed_on=TREATED.date() - timedelta(10))
    sign(db, c, patient, TREATED, course_number=1, course_total=4)
    db.dispose()
    return folder


def at(day: date, clock: str = "10:00") -> str:
    return f"{day.isoformat()} {clock}"


def test_book_refuses_an_unsafe_date_naming_the_earliest_and_why(data_dir: Path) -> None:
    result = run_process(
        [
            "--data-dir",
            str(data_dir),
            "book",
            "--patient",
            "1",
            "--at",
            at(SAFE - timedelta(1)),
            "--as",
            "1",
        ],
        env={"CHAIRSIDE_PIN": PIN},
    )
    assert result.returncode == 2, result.stdout
    assert f"not before {SAFE:%A} {SAFE.day} {SAFE:%B %Y}" in result.stderr
    assert "4 weeks after a session at 1.5 mm" in result.stderr
    assert "--override" in result.stderr
    listed = chairside(data_dir, "day", "--date", (SAFE - timedelta(1)).isoformat(), "--json")
    assert json.loads(listed.stdout) == []


def test_book_with_a_reason_is_stored_and_the_day_lists_it(data_dir: Path) -> None:
    early = SAFE - timedelta(days=2)
    result = chairside(
        data_dir,
        "book",
        "--patient",
        "1",
        "--at",
        at(early, "09:15"),
        "--override",
        "Patient travels abroad for a month",
        "--as",
        "1",
    )
    assert result.returncode == 0, result.stderr
    booked = json.loads(result.stdout)
    assert booked["override_reason"] == "Patient travels abroad for a month"
    assert booked["earliest_safe"] == SAFE.isoformat()
    assert booked["course_step"] == "2 of 4"
    assert booked["minutes"] == 60
    day = chairside(data_dir, "day", "--date", early.isoformat(), "--json")
    assert day.returncode == 0, day.stderr
    (entry,) = json.loads(day.stdout)
    assert {"patient_id", "at", "course_step", "consent_valid", "earliest_safe", "due"} <= set(
        entry
    )
    assert entry["patient_id"] == 1
    assert entry["at"] == f"{early.isoformat()} 09:15"
    assert entry["course_step"] == "2 of 4"
    assert entry["consent_valid"] is True
    assert entry["earliest_safe"] == SAFE.isoformat()
    assert entry["questionnaire_waiting"] is False  # none received
    assert [d["kind"] for d in entry["due"]] == ["follow_up"]


def test_book_at_the_safe_date_writes_a_calendar_file_without_health_details(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cita.ics"
    result = chairside(
        data_dir,
        "book",
        "--patient",
        "1",
        "--at",
        at(SAFE, "16:30"),
        "--minutes",
        "45",
        "--ics",
        str(out),
        "--as",
        "1",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["override_reason"] is None
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Cita de microneedling"
    assert event["organizer"].params["cn"] == "Clínica Lumen"
    assert str(event["location"]) == "12 High Street, Bath BA1 1AA"
    assert event.decoded("dtstart") == datetime.combine(SAFE, time(16, 30))
    assert event.decoded("dtend") == datetime.combine(SAFE, time(17, 15))
    text = out.read_text(encoding="utf-8")
    for private in ("Zoë", "Łukasiewicz", "1.5", "mm", "cheeks", "DP16"):
        assert private not in text
    again = chairside(
        data_dir,
        "book",
        "--patient",
        "1",
        "--at",
        at(SAFE, "17:30"),
        "--ics",
        str(out),
        "--as",
        "1",
    )
    assert again.returncode == 2 and "already exists" in again.stderr


def test_book_needs_a_practitioner_and_a_well_formed_time(data_dir: Path) -> None:
    no_actor = chairside(data_dir, "book", "--patient", "1", "--at", at(SAFE))
    assert no_actor.returncode == 2 and "--as" in no_actor.stderr
    bad = chairside(data_dir, "book", "--patient", "1", "--at", "22/12/2026", "--as", "1")
    assert bad.returncode == 2 and "YYYY-MM-DD HH:MM" in bad.stderr
    unknown = chairside(data_dir, "book", "--patient", "9", "--at", at(SAFE), "--as", "1")
    assert unknown.returncode == 2


def test_followups_listed_and_closed_with_a_note(data_dir: Path) -> None:
    listed = chairside(data_dir, "followups", "--due", "--json")
    assert listed.returncode == 0, listed.stderr
    (call,) = json.loads(listed.stdout)
    assert call["patient_id"] == 1
    assert call["due"] == (TREATED.date() + timedelta(days=2)).isoformat()
    done = chairside(
        data_dir,
        "followups",
        "done",
        str(call["id"]),
        "--note",
        "Redness as expected",
        "--outcome",
        "expected_reaction",
        "--as",
        "1",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "expected_reaction"
    anonymous = chairside(data_dir, "followups", "done", str(call["id"]), "--note", "x")
    assert anonymous.returncode == 2 and "--as" in anonymous.stderr
    assert json.loads(chairside(data_dir, "followups", "--json").stdout) == []
    twice = chairside(data_dir, "followups", "done", str(call["id"]), "--note", "x", "--as", "1")
    assert twice.returncode == 2
    no_note = chairside(data_dir, "followups", "done", str(call["id"]), "--as", "1")
    assert no_note.returncode == 2


def test_complication_add_list_by_lot_and_report(data_dir: Path, tmp_path: Path) -> None:
    added = chairside(
        data_dir,
        "complication",
        "add",
        "--session",
        "1",
        "--kind",
        "infection",
        "--onset",
        (TREATED.date() + timedelta(1)).isoformat(),
        "--severity",
        "moderate",
        "--description",
        "Pustules on both cheeks",
        "--as",
        "1",
    )
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert record["session"]["cartridge"]["lot"] == "DP16-2611A"
    assert record["session"]["device"] == {"make": "Dermapen", "model": "4", "serial": "DP4-1"}
    assert [z["depth_mm"] for z in record["session"]["zones"]] == [0.5, 1.5]
    by_lot = json.loads(
        chairside(data_dir, "complication", "list", "--lot", "ha-2604", "--json").stdout
    )
    assert [c["id"] for c in by_lot] == [record["id"]]
    assert (
        json.loads(chairside(data_dir, "complication", "list", "--lot", "X1", "--json").stdout)
        == []
    )
    recall = chairside(data_dir, "recall", "--lot", "DP16-2611A")
    assert f"complication #{record['id']}: infection, moderate" in recall.stdout
    out = tmp_path / "report.pdf"
    report = chairside(data_dir, "complication", "report", str(record["id"]), "--out", str(out))
    assert report.returncode == 0, report.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Łukasiewicz" not in text and "Zoë" not in text
    for field in ("DP4-1", "DP16-2611A", "Dermapen", "UDI", "Sex", "Age at the event"):
        assert field in text
    again = chairside(data_dir, "complication", "report", str(record["id"]), "--out", str(out))
    assert again.returncode == 2
    wrong = chairside(
        data_dir,
        "complication",
        "add",
        "--session",
        "1",
        "--kind",
        "sunburn",
        "--onset",
        TODAY.isoformat(),
        "--severity",
        "mild",
        "--as",
        "1",
    )
    assert wrong.returncode == 2
    early = chairside(
        data_dir,
        "complication",
        "add",
        "--session",
        "1",
        "--kind",
        "other",
        "--onset",
        (TREATED.date() - timedelta(1)).isoformat(),
        "--severity",
        "mild",
        "--as",
        "1",
    )
    assert early.returncode == 2 and "before the session" in early.stderr


def test_summary_writes_a_pdf_with_charts_and_no_patient_name(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    start, end = (TODAY - timedelta(days=60)).isoformat(), TODAY.isoformat()
    result = chairside(data_dir, "summary", "--from", start, "--to", end, "--out", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Zoë" not in text and "Łukasiewicz" not in text
    assert "Sessions (blue) and new patients (orange) per month" in text
    assert "Complications per 100 sessions, by cartridge lot" in text
    backwards = chairside(
        data_dir, "summary", "--from", end, "--to", start, "--out", str(tmp_path / "x.pdf")
    )
    assert backwards.returncode == 2


def test_complication_update_records_the_outcome_and_the_report(data_dir: Path) -> None:
    onset = (TREATED.date() + timedelta(1)).isoformat()
    added = chairside(data_dir, "complication", "add", "--session", "1", "--kind", "bruising",
                      "--onset", onset, "--severity", "mild", "--as", "1")  # fmt: skip
    ident = str(json.loads(added.stdout)["id"])
    updated = chairside(data_dir, "complication", "update", ident, "--outcome", "resolved",
                        "--resolved", TODAY.isoformat(), "--reported-to", "mhra",
                        "--reported-on", TODAY.isoformat(), "--reference", "YC-2026-0042",
                        "--as", "1")  # fmt: skip
    assert updated.returncode == 0, updated.stderr
    record = json.loads(updated.stdout)
    assert (record["outcome"], record["reported_to"], record["report_reference"]) == (
        "resolved", "mhra", "YC-2026-0042")  # fmt: skip
    assert record["kind"] == "bruising" and record["resolved_on"] == TODAY.isoformat()
    early = chairside(data_dir, "complication", "update", ident, "--resolved",
                      TREATED.date().isoformat(), "--as", "1")  # fmt: skip
    assert early.returncode == 2
