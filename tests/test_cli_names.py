"""``--as`` takes a practitioner's name as people write it, or their number: a title, case
and accents make no difference; a name that fits several practitioners lists them."""

from __future__ import annotations

import pytest

from assistant.access.auth import set_pin
from assistant.audit.trail import query_events
from assistant.clinic.practitioner_names import match_name, name_words
from assistant.clinic.store import save_practitioner
from assistant.storage.db import Database
from tests.cli_support import run_in_process

PEOPLE = [(1, "Dr Naomi Clarke"), (2, "Ewa Kowalczyk"), (3, "Marcus Reid"),
          (4, "Zoë Łukasiewicz"), (5, "Prof. Marcus O'Neill")]  # fmt: skip


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("Dr Naomi Clarke", (1,)),  # exactly as stored
        ("dr naomi clarke", (1,)),
        ("Naomi Clarke", (1,)),  # without the title
        ("Dr. Naomi Clarke", (1,)),
        ("Mrs Naomi Clarke", (1,)),  # another title is a title too
        ("NAOMI  CLARKE ", (1,)),
        ("Clarke", (1,)),  # as people say it: a family name alone
        ("Dr Clarke", (1,)),
        ("naomi", (1,)),
        ("zoe lukasiewicz", (4,)),  # accents optional
        ("Zoë Łukasiewicz", (4,)),
        ("marcus oneill", (5,)),
        ("Professor Marcus O'Neill", (5,)),
        ("1", (1,)),  # the number
        ("#3", (3,)),
        ("Marcus", (3, 5)),  # ambiguous
        ("Dr", ()),  # a title names nobody
        ("Naomi Reid", ()),
        ("Clark", ()),  # whole words only
        ("9", ()),
        ("", ()),
    ],
)
def test_names_as_people_write_them(wanted: str, expected: tuple[int, ...]) -> None:
    assert match_name(PEOPLE, wanted).ids == expected


def test_the_exact_name_wins_over_a_looser_match() -> None:
    people = [(1, "Sam Lee"), (2, "Dr Sam Lee"), (3, "Sam Lee-Park")]
    assert match_name(people, "sam lee").ids == (1,)
    assert match_name(people, "Dr Sam Lee").ids == (2,)
    assert match_name(people, "Mr Sam Lee").ids == (1, 2)  # both are "Sam Lee" by their words
    assert match_name(people, "Park").ids == (3,)


def test_name_words_fold_and_drop_titles() -> None:
    assert name_words("Dr. Ewa  Kowalczyk-Nowak") == ("ewa", "kowalczyk", "nowak")
    assert name_words("Mrs") == ("mrs",)


@pytest.fixture
def demo(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("CHAIRSIDE_PIN", "2468")
    monkeypatch.delenv("CHAIRSIDE_RECOVERY_KEY")
    return demo_db


@pytest.mark.parametrize("wanted", ["Naomi Clarke", "naomi clarke", "Dr Clarke", "dr. naomi",
                                    "1", "Dr Naomi Clarke"])  # fmt: skip
def test_as_unlocks_the_demo_by_the_name_people_say(demo: Database, wanted: str) -> None:
    result = run_in_process(["--no-key", "--as", wanted, "practitioners"])
    assert result.returncode == 0, result.stderr
    login = _last_login(demo)
    assert login == "Dr Naomi Clarke"


def test_as_after_the_command_name_too(demo: Database) -> None:
    result = run_in_process(["--no-key", "patients", "--as", "ewa kowalczyk", "--limit", "1"])
    assert result.returncode == 0, result.stderr
    assert _last_login(demo) == "Ewa Kowalczyk"


def test_an_unknown_name_lists_who_can_unlock_with_their_numbers(demo: Database) -> None:
    result = run_in_process(["--no-key", "--as", "Naomi Reid", "practitioners"])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "'Naomi Reid' cannot unlock this database" in result.stderr
    assert "Dr Naomi Clarke (1)" in result.stderr and "Marcus Reid (3)" in result.stderr


def test_an_ambiguous_name_lists_the_matches_and_does_nothing(demo: Database) -> None:
    other = save_practitioner(demo, "Marcus Brown", "RN")
    set_pin(demo, other.id, "2468", None)
    before = _count(demo)
    result = run_in_process(["--no-key", "--as", "Marcus", "patients"])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "'Marcus' could be any of" in result.stderr
    assert f"Marcus Brown (number {other.id})" in result.stderr
    assert "Marcus Reid (number 3)" in result.stderr
    assert "give the full name or the number" in result.stderr
    assert _count(demo) == before  # no sign-in, no export
    result = run_in_process(["--no-key", "--as", "marcus reid", "patients"])
    assert result.returncode == 0, result.stderr


def test_ambiguous_after_the_recovery_key_opened_the_database(db: Database) -> None:
    for name in ("Sam Lee", "Sam Leigh"):
        set_pin(db, save_practitioner(db, name, "").id, "4826", None)
    result = run_in_process(["--as", "Sam", "patients"], env={"CHAIRSIDE_PIN": "4826"})
    assert result.returncode == 2 and "'Sam' could be any of" in result.stderr
    result = run_in_process(["--as", "sam leigh", "patients"], env={"CHAIRSIDE_PIN": "4826"})
    assert result.returncode == 0, result.stderr
    result = run_in_process(["--as", "Sam Smith", "patients"], env={"CHAIRSIDE_PIN": "4826"})
    assert result.returncode == 2 and "no active practitioner 'Sam Smith'" in result.stderr
    assert "Sam Lee" not in result.stderr  # names are not told to whoever guesses one


def _last_login(db: Database) -> str:
    with db.session() as session:
        return query_events(session, action="login", limit=1)[0].practitioner


def _count(db: Database) -> int:
    with db.session() as session:
        return len(query_events(session, limit=100_000))
