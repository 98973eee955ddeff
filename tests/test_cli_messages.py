"""Messages about numbers in the user's terms, and a misspelled command answered with the
nearest one."""

from __future__ import annotations

import pytest

from assistant.cli.arguments import MAX_ID, number_problem, record_number
from assistant.cli.guard import did_you_mean
from tests.cli_support import run_in_process


def one_line(argv: list[str]) -> str:
    result = run_in_process(argv)
    assert result.returncode == 2, result
    assert result.stderr.startswith("chairside: ") and result.stderr.count("\n") == 1
    assert str(MAX_ID) not in result.stderr  # never "(1 to 9223372036854775807)"
    return result.stderr


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["aftercare", "--session", "0", "--out", "x.pdf"],
         "There is no session 0; session numbers start at 1"),
        (["export", "--patient", "0", "--json", "x.json"],
         "There is no patient 0; patient numbers start at 1"),
        (["audit", "--patient", "-2"], "There is no patient -2; patient numbers start at 1"),
        (["erase", "--patient", "0", "--confirm", "x"],
         "There is no patient 0; patient numbers start at 1"),
        (["sessions", "--patient", "0"], "There is no patient 0; patient numbers start at 1"),
        (["consent", "list", "--patient", "0"],
         "There is no patient 0; patient numbers start at 1"),
        (["photos", "list", "--patient", "0"], "There is no patient 0; patient numbers start at 1"),
        (["photos", "import", "--patient", "1", "--session", "0", "--view", "frontal", "a.jpg"],
         "There is no session 0; session numbers start at 1"),
        (["aftercare", "--session", str(MAX_ID + 1), "--out", "x.pdf"],
         "no session number is that large"),
        (["audit", "--patient", "twelve"], "'twelve' is not a record number (a whole number, "
         "such as 12)"),
        (["photos", "list", "--patient", "x"], "'x' is not a number (a whole number"),
    ],
)  # fmt: skip
def test_numbers_in_the_user_s_terms(db: object, argv: list[str], says: str) -> None:
    assert says in one_line(argv)


def test_a_record_number_type_reads_numbers_and_names_them() -> None:
    session = record_number("session")
    assert session(" 40 ") == 40 and session(str(MAX_ID)) == MAX_ID
    assert number_problem("12", "patient") is None
    assert number_problem("0", "consent") == (
        "There is no consent 0; consent numbers start at 1"
    )
    long = number_problem("9" * 5000, "patient")
    assert long is not None and len(long) < 120


@pytest.mark.parametrize(
    ("argv", "nearest"),
    [
        (["sesions", "--patient", "1"], "sessions"),
        (["sessoins"], "sessions"),
        (["Patients"], "patients"),
        (["patient"], "patients"),
        (["practioners"], "practitioners"),
        (["exprot", "--patient", "1"], "export"),
        (["rules", "shwo"], "show"),
        (["consent", "lsit"], "list"),
        (["photos", "exprt"], "export"),
        (["audit", "--action", "exprot"], "export"),
    ],
)
def test_a_misspelled_command_suggests_the_nearest(argv: list[str], nearest: str) -> None:
    err = one_line(argv)
    assert f"did you mean `{nearest}`?" in err
    assert "invalid choice" in err and "choose from" in err  # the choices are still listed


def test_nothing_near_suggests_nothing() -> None:
    err = one_line(["frobnicate"])
    assert "did you mean" not in err and "'sessions'" in err
    assert did_you_mean("zzzz", ["sessions", "patients"]) == ""
    assert did_you_mean("SESSIONS", ["sessions", "patients"]) == "; did you mean `sessions`?"


def test_a_suggestion_escapes_what_was_typed() -> None:
    err = one_line(["sess\x1b[2Jions"])
    assert "\x1b" not in err and "\\x1b" in err
