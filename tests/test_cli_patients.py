"""``patients`` and ``practitioners``: finding a patient's number and the practitioners'
numbers from the command line, as the window's list finds them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.audit.trail import query_events
from assistant.clinic.store import save_practitioner
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database
from tests.cli_support import run_in_process


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    made = {}
    for first, last, born, phone in (
        ("Zoë", "Łukasiewicz-Nguyễn", date(1990, 5, 1), "07700 900123"),
        ("Tomás", "Martínez", date(1963, 3, 2), "07700 900456"),
        ("Ana", "Martin", date(2001, 1, 9), ""),
        ("明", "王", None, "020 7946 0999"),
    ):
        patient = create_patient(db, PatientDetails(first, last, born, phone=phone), None)
        made[last] = patient.id
    return made


def patients(*argv: str) -> tuple[int, str, str]:
    result = run_in_process(["patients", *argv])
    return result.returncode, result.stdout, result.stderr


def numbers(stdout: str) -> list[int]:
    return [entry["number"] for entry in json.loads(stdout)]


def test_json_lists_number_name_birth_phone_and_last_session(clinic: dict[str, int]) -> None:
    status, out, err = patients("--json")
    assert status == 0, err
    listed = json.loads(out)
    assert [set(entry) for entry in listed] == [
        {"number", "name", "date_of_birth", "phone", "last_session"}
    ] * 4
    zoe = next(e for e in listed if e["number"] == clinic["Łukasiewicz-Nguyễn"])
    assert zoe == {
        "number": clinic["Łukasiewicz-Nguyễn"],
        "name": "Zoë Łukasiewicz-Nguyễn",
        "date_of_birth": "1990-05-01",
        "phone": "07700 900123",
        "last_session": None,
    }
    # The window's order: family name, accents aside.
    assert [e["name"] for e in listed][:3] == ["Zoë Łukasiewicz-Nguyễn", "Ana Martin",
                                               "Tomás Martínez"]  # fmt: skip


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("lukas", ["Łukasiewicz-Nguyễn"]),  # without the accent, a few letters
        ("NGUYEN", ["Łukasiewicz-Nguyễn"]),  # the second part of a double name, any case
        ("martin", ["Martin", "Martínez"]),
        ("martinez tomas", ["Martínez"]),  # every word must match
        ("1963-03-02", ["Martínez"]),  # date of birth
        ("02/03/1963", ["Martínez"]),
        ("0999", ["王"]),  # the ending of a phone number
        ("王", ["王"]),
        ("nobody", []),
    ],
)
def test_search_is_the_window_s(clinic: dict[str, int], search: str, expected: list[str]) -> None:
    status, out, err = patients("--search", search, "--json")
    assert status == 0, err
    assert numbers(out) == [clinic[name] for name in expected]


def test_the_table_is_aligned_under_its_headers(clinic: dict[str, int]) -> None:
    status, out, err = patients("--search", "martin")
    assert status == 0, err
    header, rule, *rows, total = out.splitlines()
    assert header.split() == ["Number", "Name", "Born", "Phone", "Last", "session"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert len(rows) == 2 and total == "2 patients."
    ana, tomas = rows
    assert "Ana Martin" in ana and "2001-01-09" in ana and "—" in ana  # no phone, no visit
    assert "Tomás Martínez" in tomas and "07700 900456" in tomas
    # Columns start where their headers start.
    born = header.index("Born")
    assert ana[born:born + 10] == "2001-01-09" and tomas[born:born + 10] == "1963-03-02"
    assert ana.split()[0] == str(clinic["Martin"])


def test_wide_characters_keep_the_columns_aligned(clinic: dict[str, int]) -> None:
    from assistant.cli.table import cells

    status, out, _ = patients()
    assert status == 0
    lines = out.splitlines()[:-1]
    born = cells(lines[0][: lines[0].index("Born")])
    for line in lines[2:]:
        column = next(i for i in range(len(line)) if cells(line[:i]) == born)
        assert line[column:column + 1] in ("1", "2", "—"), line


def test_limit_says_how_many_more_there_are(clinic: dict[str, int]) -> None:
    status, out, _ = patients("--limit", "2")
    assert status == 0
    assert len(out.splitlines()) == 2 + 2 + 1
    assert out.splitlines()[-1] == "The first 2 of 4 patients; narrow --search or raise --limit."
    status, out, _ = patients("--limit", "1", "--json")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize("limit", ["0", "-3", "ten", "10001"])
def test_a_bad_limit_is_one_line(clinic: dict[str, int], limit: str) -> None:
    status, _, err = patients("--limit", limit)
    assert status == 2 and len(err.strip().splitlines()) == 1


def test_no_match_says_so(clinic: dict[str, int]) -> None:
    assert patients("--search", "nobody")[1] == "No patient matches.\n"


def test_the_json_copy_is_audited_by_number_without_the_search(
    db: Database, clinic: dict[str, int]
) -> None:
    status, _, _ = patients("--search", "martin", "--json")
    assert status == 0
    with db.session() as session:
        entry = query_events(session, action="export", limit=1)[0]
    assert entry.entity == "patient" and entry.patient_id is None
    assert sorted(entry.changes["patients"]) == sorted([clinic["Martin"], clinic["Martínez"]])
    assert "martin" not in json.dumps(entry.changes).lower()
    assert "martin" not in entry.summary.lower()
    # The table on the terminal is a look, not a copy: nothing more is written.
    patients("--search", "martin")
    with db.session() as session:
        assert len(query_events(session, action="export")) == 1


def test_erased_patients_are_not_listed(db: Database, clinic: dict[str, int]) -> None:
    from assistant.patients.erasure import erase_patient

    erase_patient(db, clinic["Martin"], None, f"{clinic['Martin']} Ana Martin")
    status, out, _ = patients("--search", "martin", "--json")
    assert numbers(out) == [clinic["Martínez"]]


def test_practitioners_lists_number_name_and_active(db: Database) -> None:
    naomi = save_practitioner(db, "Dr Naomi Clarke", "GMC 7012345")
    gone = save_practitioner(db, "Ewa Kowalczyk", "RN", active=False)
    result = run_in_process(["practitioners", "--json"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"number": naomi.id, "name": "Dr Naomi Clarke", "active": True},
        {"number": gone.id, "name": "Ewa Kowalczyk", "active": False},
    ]
    table = run_in_process(["practitioners"]).stdout.splitlines()
    assert table[0].split() == ["Number", "Name", "Active"]
    assert table[2].split() == [str(naomi.id), "Dr", "Naomi", "Clarke", "yes"]
    assert table[3].split() == [str(gone.id), "Ewa", "Kowalczyk", "no"]


def test_the_demo_s_three_practitioners(demo_db: Database) -> None:
    result = run_in_process(["practitioners", "--json"])
    assert [p["name"] for p in json.loads(result.stdout)] == [
        "Dr Naomi Clarke", "Ewa Kowalczyk", "Marcus Reid"
    ]  # fmt: skip


def test_an_encrypted_clinic_needs_a_practitioner_or_the_recovery_key(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAIRSIDE_PIN", "2468")
    locked = run_in_process(["--no-key", "patients"])
    assert locked.returncode == 2 and "encrypted" in locked.stderr
    opened = run_in_process(["--no-key", "patients", "--as", "Naomi Clarke", "--json"])
    assert opened.returncode == 0, opened.stderr
    assert len(json.loads(opened.stdout)) == 12
    with demo_db.session() as session:
        entry = query_events(session, action="export", limit=1)[0]
    assert entry.practitioner == "Dr Naomi Clarke"
    wrong = run_in_process(["--no-key", "practitioners", "--as", "Naomi Clarke"],
                           env={"CHAIRSIDE_PIN": "0000"})  # fmt: skip
    assert wrong.returncode == 2 and "PIN" in wrong.stderr
