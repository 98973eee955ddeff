"""Bad input never shows a traceback, and nonsense is refused: a table of command lines, each
run in-process through ``assistant.cli.main``. Every case either exits 2 with exactly one
line on stderr (control and text-direction characters escaped) or is handled correctly."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from assistant import paths
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import init_db
from tests import keyed_sqlite as sqlite3
from tests.cli_support import cli_main
from tests.consent_support import record_consent
from tests.encryption_support import TEST_KEY, copy_database, write_key_file
from tests.sessions_support import complete_draft, make_clinic

AS = ("--as", "Dr Naomi Clarke")
BIG = str(2**63)
HUGE = str(2**64 + 5)
PIN = "4826"


@dataclass(frozen=True)
class J:
    """A JSON file to write (``raw`` text when given, else ``data`` dumped)."""

    data: Any = None
    raw: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[Any, ...]
    status: int = 2
    says: str = ""  # part of the one line on stderr
    absent: tuple[str, ...] = ()  # never on stderr
    env: dict[str, str] = field(default_factory=dict)


def aftercare(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "clinic": {"name": "Riverside Skin Clinic", "phone": "020 7946 0321"},
        "patient": {"name": "Zoë Adams"},
        "practitioner": "Amira Haddad",
        "treated_at": "2026-11-24T15:30",
        "zones": [{"zone": "cheeks", "depth_mm": 1.5, "passes": 3}],
        "next_session": "2026-12-22",
    }
    data.update(changes)
    return data


def zone(**changes: Any) -> dict[str, Any]:
    return aftercare(zones=[{"zone": "cheeks", "depth_mm": 1.5, "passes": 3, **changes}])


def answers(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"assessed_on": "2026-11-24", "answers": {}}
    data.update(changes)
    return data


def nested(depth: int) -> str:
    return '{"answers": ' + "[" * depth + "]" * depth + "}"


def AC(*extra: Any, data: Any = None, raw: str | None = None) -> tuple[Any, ...]:
    return ("aftercare", J(data, raw), "--out", "{tmp}/sheet.pdf", *extra)


def CH(data: Any = None, raw: str | None = None) -> tuple[Any, ...]:
    return ("check", J(data, raw))


CASES: list[Case] = [
    # -- usage ----------------------------------------------------------------------------
    Case("unknown command", ("frobnicate",), says="invalid choice"),
    Case("unknown global option", ("--bogus", "audit"), says="unrecognized arguments"),
    Case("sessions without --patient", ("sessions",), says="--patient"),
    Case("export without --patient", ("export", "--json", "{tmp}/r.json"), says="--patient"),
    Case("export without a file", ("export", "--patient", "{patient}"), says="--json FILE"),
    Case("erase without --confirm", ("erase", "--patient", "{patient}"), says="--confirm"),
    Case("aftercare without --out", ("aftercare", "--session", "{session}"), says="--out"),
    Case("audit bad action", ("audit", "--action", "bogus"), says="invalid choice"),
    Case("audit action with escape", ("audit", "--action", "\x1b[2J"), says="\\x1b[2J"),
    Case("help", ("--help",), status=0),
    Case("version", ("--version",), status=0),
    Case("no command", (), status=0),
    # -- limits ---------------------------------------------------------------------------
    Case("audit --limit 0", ("audit", "--limit", "0"), says="between 1"),
    Case("audit --limit -1", ("audit", "--limit", "-1"), says="between 1"),
    Case("audit --limit -999", ("audit", "--limit", "-999"), says="between 1"),
    Case("audit --limit too many", ("audit", "--limit", "1000001"), says="between 1"),
    Case("audit --limit huge", ("audit", "--limit", HUGE), says="between 1"),
    Case("audit --limit 1e3", ("audit", "--limit", "1e3"), says="whole number"),
    Case("audit --limit text", ("audit", "--limit", "ten"), says="whole number"),
    Case("audit --limit 1", ("audit", "--limit", "1"), status=0),
    Case("audit --limit max", ("audit", "--limit", "1000000"), status=0),
    Case("demo --patients -1", ("demo", "--patients", "-1"), says="between 0"),
    Case("demo --patients huge", ("demo", "--patients", HUGE), says="between 0"),
    # -- record ids -----------------------------------------------------------------------
    *[
        Case(f"{name} id {label}", (*argv, value), says=says.format(what=what))
        for name, argv, what in (
            ("audit", ("audit", "--patient"), "patient"),
            ("export", ("export", "--json", "{tmp}/r.json", "--patient"), "patient"),
            ("erase", ("erase", "--confirm", "x", "--patient"), "patient"),
            ("aftercare", ("aftercare", "--out", "{tmp}/s.pdf", "--session"), "session"),
        )
        for label, value, says in (
            ("2**63", BIG, "record number"),
            ("2**64", HUGE, "record number"),
            # In the user's terms, not "(1 to 9223372036854775807)".
            ("0", "0", "There is no {what} 0; {what} numbers start at 1"),
            ("-1", "-1", "There is no {what} -1; {what} numbers start at 1"),
            ("text", "twelve", "record number"),
            ("40 digits", "9" * 40, "record number"),
        )
    ],
    Case("sessions id 2**63", ("sessions", "--patient", BIG), says="is not a patient id"),
    Case(
        "sessions id 0",
        ("sessions", "--patient", "0"),
        says="There is no patient 0; patient numbers start at 1",
    ),
    Case(
        "sessions id -1",
        ("sessions", "--patient", "-1"),
        says="There is no patient -1; patient numbers start at 1",
    ),
    Case("sessions id 1e3", ("sessions", "--patient", "1e3"), says="is not a patient id"),
    Case("sessions id empty", ("sessions", "--patient", ""), says="is not a patient id"),
    Case("sessions id 5000 digits", ("sessions", "--patient", "9" * 5000), says="patient id"),
    Case("sessions id 2**63-1", ("sessions", "--patient", str(2**63 - 1)), says="no patient"),
    Case(
        "export id 2**63-1",
        ("export", "--patient", str(2**63 - 1), "--json", "{tmp}/r.json"),
        says="no patient",
    ),
    Case("audit id 2**63-1", ("audit", "--patient", str(2**63 - 1)), status=0),
    Case(
        "aftercare session 2**63-1",
        ("aftercare", "--session", str(2**63 - 1), "--out", "{tmp}/s.pdf"),
        says="session",
    ),
    Case("sessions unknown patient", ("sessions", "--patient", "999"), says="no patient"),
    Case(
        "export unknown patient",
        ("export", "--patient", "999", "--pdf", "{tmp}/r.pdf"),
        says="no patient",
    ),
    Case("sessions of a patient", ("sessions", "--patient", "{patient}"), status=0),
    Case(
        "aftercare of a session",
        ("aftercare", "--session", "{session}", "--out", "{tmp}/s.pdf"),
        status=0,
    ),
    # -- databases and data folders --------------------------------------------------------
    Case("bogus database url", ("--database-url", "bogus://", "audit"), says="'bogus'"),
    Case(
        "bogus url with path",
        ("--database-url", "bogus://host/db", "sessions", "--patient", "1"),
        says="'bogus'",
    ),
    Case("not a url", ("--database-url", "not a url", "audit"), says="database"),
    Case(
        "unknown driver", ("--database-url", "postgresql+nodriver://h/db", "audit"), says="can open"
    ),
    Case(
        "sqlite url in a missing folder",
        ("--database-url", "sqlite:///{tmp}/none/x.db", "audit"),
        says="does not exist",
    ),
    Case("sqlite url on a folder", ("--database-url", "sqlite:///{tmp}", "audit"), says="folder"),
    Case(
        "sqlite url on a text file",
        ("--database-url", "sqlite:///{tmp}/letter.txt", "audit"),
        says="not a Chairside",
    ),
    Case("read-only data folder", ("--data-dir", "/proc", "audit"), says="/proc"),
    Case(
        "read-only data folder, export",
        ("--data-dir", "/proc", "export", "--patient", "1", "--json", "{tmp}/r.json"),
        says="/proc",
    ),
    Case(
        "missing data folder, audit", ("--data-dir", "{tmp}/typo", "audit"), says="does not exist"
    ),
    Case(
        "missing data folder, sessions",
        ("--data-dir", "{tmp}/typo", "sessions", "--patient", "1"),
        says="does not exist",
    ),
    Case(
        "missing data folder, export",
        ("--data-dir", "{tmp}/typo", "export", "--patient", "1", "--json", "{tmp}/r.json"),
        says="does not exist",
    ),
    Case(
        "missing data folder, recall",
        ("--data-dir", "{tmp}/typo", "recall", "--lot", "HA-1"),
        says="does not exist",
    ),
    Case(
        "missing data folder, backup",
        ("--data-dir", "{tmp}/typo", "backup", "--out", "{tmp}/b.sqlite3"),
        says="does not exist",
    ),
    Case(
        "missing data folder, aftercare session",
        ("--data-dir", "{tmp}/typo", "aftercare", "--session", "1", "--out", "{tmp}/s.pdf"),
        says="does not exist",
    ),
    Case("empty data folder, audit", ("--data-dir", "{tmp}/empty", "audit"), says="no Chairside"),
    Case("data folder is a file", ("--data-dir", "{tmp}/letter.txt", "audit"), says="letter.txt"),
    Case(
        "data folder with escapes",
        ("--data-dir", "{tmp}/\x1b[31mred", "audit"),
        says="\\x1b[31mred",
    ),
    Case(
        "demo creates on purpose", ("--data-dir", "{tmp}/new", "demo", "--patients", "1"), status=0
    ),
    Case("check needs no database", ("--data-dir", "{tmp}/typo", *CH(answers())), status=0),
    Case(
        "aftercare file needs no database",
        ("--data-dir", "{tmp}/typo", *AC(data=aftercare())),
        status=0,
    ),
    # -- input files ------------------------------------------------------------------------
    Case("check missing file", ("check", "{tmp}/none.json"), says="no such file"),
    Case("check a folder", ("check", "{tmp}"), says="cannot be read"),
    Case("check /dev/null", ("check", "/dev/null"), says="not valid JSON"),
    Case("check long file name", ("check", "{tmp}/" + "n" * 300 + ".json"), says="cannot be read"),
    Case("check undecodable name", ("check", "{tmp}/\udcff.json"), says="\\udcff"),
    Case("check empty", CH(raw=""), says="not valid JSON"),
    Case("check not utf-8", CH(raw="\udcff"), says="cannot be read"),
    Case("check a list", CH(raw="[1, 2]"), says="JSON object"),
    Case("check a string", CH(raw='"yes"'), says="JSON object"),
    Case("check deep nesting", CH(raw=nested(100_000)), says="nested too deeply"),
    Case("check moderate nesting", CH(raw=nested(50)), says="nested too deeply"),
    Case(
        "check deep object",
        CH(raw='{"answers": ' + '{"a": ' * 5000 + "1" + "}" * 5001),
        says="nested too deeply",
    ),
    Case(
        "check 5000-digit integer", CH(raw='{"fitzpatrick": ' + "9" * 5000 + "}"), says="too large"
    ),
    Case(
        "check 10**30", CH(raw='{"fitzpatrick": 1000000000000000000000000000000}'), says="too large"
    ),
    Case("check NaN", CH(raw='{"fitzpatrick": NaN}'), says="NaN"),
    Case("check Infinity", CH(raw='{"fitzpatrick": Infinity}'), says="Infinity"),
    Case("check -Infinity", CH(raw='{"fitzpatrick": -Infinity}'), says="Infinity"),
    Case("check 1e400", CH(raw='{"fitzpatrick": 1e400}'), says="fitzpatrick"),
    *[
        Case(f"check fitzpatrick {value!r}", CH(answers(fitzpatrick=value)), says="fitzpatrick")
        for value in (0, 7, -1, 3.5, "IV", True, [4], 2**62)
    ],
    Case("check fitzpatrick 4", CH(answers(fitzpatrick=4)), status=0),
    Case(
        "check date of birth year 1", CH(answers(date_of_birth="0001-01-01")), says="date_of_birth"
    ),
    Case("check date of birth 1899", CH(answers(date_of_birth="1899-12-31")), says="before 1900"),
    Case("check date of birth 9999", CH(answers(date_of_birth="9999-12-31")), says="date_of_birth"),
    Case("check date of birth bad", CH(answers(date_of_birth="31/12/1990")), says="date_of_birth"),
    Case("check assessed 9999", CH(answers(assessed_on="9999-12-31")), says="assessed_on"),
    Case("check assessed year 1", CH(answers(assessed_on="0001-01-01")), says="assessed_on"),
    Case("check assessed Feb 30", CH(answers(assessed_on="2026-02-30")), says="assessed_on"),
    Case(
        "check answer 9999",
        CH(answers(answers={"isotretinoin_last_dose": "9999-12-31"})),
        says="isotretinoin_last_dose",
    ),
    Case(
        "check answer long ago",
        CH(answers(answers={"isotretinoin_last_dose": "1990-01-01"})),
        status=0,
    ),
    Case(
        "check answer not a date",
        CH(answers(answers={"isotretinoin_last_dose": 5})),
        says="isotretinoin_last_dose",
    ),
    Case("check answers a list", CH(answers(answers=[])), says="answers"),
    Case(
        "check unknown question with escapes", CH(answers(answers={"\x1b[1mx": True})), says="\\x1b"
    ),
    Case("check unknown key with bidi", CH({"\u202eanswers": {}}), says="\\u202e"),
    Case("check zone with bidi", CH(answers(zones=["\u202echeeks"])), says="\\u202e"),
    Case("check zone not text", CH(answers(zones=[1])), says="zones"),
    Case("check zones an object", CH(answers(zones={"cheeks": 1})), says="zones"),
    # -- aftercare descriptions --------------------------------------------------------------
    *[
        Case(
            f"aftercare depth {label}",
            AC(data=zone(depth_mm=value))
            if raw is None
            else AC(raw=json.dumps(aftercare()).replace('"depth_mm": 1.5', f'"depth_mm": {raw}')),
            says="depth_mm",
        )
        for label, value, raw in (
            ("NaN", None, "NaN"),
            ("Infinity", None, "Infinity"),
            ("-Infinity", None, "-Infinity"),
            ("1e308", 1e308, None),
            ("1e400", None, "1e400"),
            ("9 mm", 9, None),
            ("3.01 mm", 3.01, None),
            ("0", 0, None),
            ("0.05 mm", 0.05, None),
            ("-1", -1, None),
            ("text", "1.5", None),
            ("true", True, None),
            ("a list", [1.5], None),
        )
    ],
    *[
        Case(
            f"aftercare passes {label}",
            AC(data=zone(passes=value))
            if raw is None
            else AC(raw=json.dumps(aftercare()).replace('"passes": 3', f'"passes": {raw}')),
            says="passes" if label != "10**30 int" else "too large",
        )
        for label, value, raw in (
            ("1e30", 1e30, None),
            ("10**30 int", None, str(10**30)),
            ("0", 0, None),
            ("-2", -2, None),
            ("9", 9, None),
            ("1000", 1000, None),
            ("2.0", 2.0, None),
            ("NaN", None, "NaN"),
            ("text", "3", None),
        )
    ],
    Case("aftercare depth 3 mm", AC(data=zone(depth_mm=3.0)), status=0),
    Case(
        "aftercare treated 9999",
        AC(data=aftercare(treated_at="9999-12-31T10:00", next_session=None)),
        says="treated_at",
    ),
    Case(
        "aftercare treated year 1",
        AC(data=aftercare(treated_at="0001-01-01T10:00")),
        says="treated_at",
    ),
    Case(
        "aftercare treated Feb 30",
        AC(data=aftercare(treated_at="2026-02-30T10:00")),
        says="treated_at",
    ),
    Case("aftercare treated a number", AC(data=aftercare(treated_at=20261124)), says="treated_at"),
    Case("aftercare next 9999", AC(data=aftercare(next_session="9999-12-31")), says="next_session"),
    Case(
        "aftercare next before treatment",
        AC(data=aftercare(next_session="2026-11-01")),
        says="is not after the treatment",
    ),
    Case(
        "aftercare next same day",
        AC(data=aftercare(next_session="2026-11-24")),
        says="is not after the treatment",
    ),
    Case("aftercare next a number", AC(data=aftercare(next_session=5)), says="next_session"),
    Case(
        "aftercare interval 10**30",
        AC(
            raw=json.dumps(aftercare(next_session=None, interval_weeks=1)).replace(
                '"interval_weeks": 1', '"interval_weeks": ' + str(10**30)
            )
        ),
        says="too large",
    ),
    Case(
        "aftercare interval 0",
        AC(data=aftercare(next_session=None, interval_weeks=0)),
        says="interval_weeks",
    ),
    Case(
        "aftercare interval 1e30",
        AC(data=aftercare(next_session=None, interval_weeks=1e30)),
        says="interval_weeks",
    ),
    Case(
        "aftercare patient name with bidi",
        AC(data=aftercare(patient={"name": "Adams\u202egpj.exe"})),
        says="\\u202e",
    ),
    Case(
        "aftercare patient name with escape",
        AC(data=aftercare(patient={"name": "\x1b]0;owned\x07Zoë"})),
        says="\\x1b",
    ),
    Case(
        "aftercare practitioner with NUL",
        AC(data=aftercare(practitioner="Amira\x00")),
        says="\\x00",
    ),
    Case(
        "aftercare clinic name with newline",
        AC(data=aftercare(clinic={"name": "A\nB", "phone": "1"})),
        says="\\x0a",
    ),
    Case(
        "aftercare patient name too long",
        AC(data=aftercare(patient={"name": "Z" * 10_000})),
        says="longer than",
    ),
    Case("aftercare notes too long", AC(data=aftercare(notes="n" * 100_000)), says="longer than"),
    Case("aftercare notes on two lines", AC(data=aftercare(notes="Line one\nLine two")), status=0),
    Case("aftercare unknown zone", AC(data=aftercare(zones=["elbow"])), says="Unknown zone"),
    Case("aftercare no zones", AC(data=aftercare(zones=[])), says="zones"),
    Case(
        "aftercare paper A5",
        AC(data=aftercare(clinic={"name": "C", "phone": "1", "paper": "A5"})),
        says="paper",
    ),
    Case(
        "aftercare logo a folder",
        AC(data=aftercare(clinic={"name": "C", "phone": "1", "logo": "."})),
        says="logo",
    ),
    Case(
        "aftercare logo /dev/zero",
        AC(data=aftercare(clinic={"name": "C", "phone": "1", "logo": "/dev/zero"})),
        says="logo",
    ),
    Case(
        "aftercare deep nesting",
        AC(raw='{"zones": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        says="nested too deeply",
    ),
    Case(
        "aftercare timezone nonsense",
        AC("--timezone", "../../etc/passwd", data=aftercare()),
        says="time zone",
    ),
    Case(
        "aftercare timezone NUL",
        AC("--timezone", "Europe/\x00London", data=aftercare()),
        says="time zone",
    ),
    Case(
        "aftercare out in a missing folder",
        ("aftercare", J(aftercare()), "--out", "{tmp}/none/s.pdf"),
        says="does not exist",
    ),
    Case(
        "aftercare out a long name",
        ("aftercare", J(aftercare()), "--out", "{tmp}/" + "s" * 300 + ".pdf"),
        says="too long",
    ),
    Case(
        "aftercare out the database",
        ("aftercare", J(aftercare()), "--out", "{database}"),
        says="database itself",
    ),
    Case(
        "aftercare out /dev/null",
        ("aftercare", J(aftercare()), "--out", "/dev/null"),
        says="not a regular file",
    ),
    # -- recall, audit text, erasure, restore -------------------------------------------------
    Case("recall 100 kB lot", ("recall", "--lot", "L" * 100_000), says="at most 100"),
    Case("recall empty lot", ("recall", "--lot", "  "), says="lot number"),
    Case("recall lot with escape", ("recall", "--lot", "HA\x1b[2J"), says="\\x1b"),
    Case("recall lot with bidi", ("recall", "--lot", "HA\u202e1"), says="\\u202e"),
    Case("recall a lot", ("recall", "--lot", "HA-2604"), status=0),
    Case("recall csv", ("recall", "--lot", "HA-2604", "--csv"), status=0),
    Case("audit 100 kB text", ("audit", "--text", "t" * 100_000), says="at most 200"),
    Case("audit 200 characters", ("audit", "--text", "t" * 200), status=0),
    Case("audit text with escapes", ("audit", "--text", "\x1b[2J"), status=0),
    Case(
        "erase wrong confirmation",
        (*AS, "erase", "--patient", "{patient}", "--confirm", "yes"),
        says="does not match",
        absent=("Zoë", "Adams"),
    ),
    Case(
        "erase confirmation in capitals",
        (*AS, "erase", "--patient", "{patient}", "--confirm", "{patient} ZOË ADAMS"),
        says="does not match",
        absent=("Zoë",),
    ),
    Case(
        "erase confirmation with spaces",
        (*AS, "erase", "--patient", "{patient}", "--confirm", " {patient}  Zoë Adams "),
        says="does not match",
    ),
    Case(
        "erase unknown patient",
        (*AS, "erase", "--patient", "999", "--confirm", "999 X Y"),
        says="no patient",
    ),
    Case(
        "erase without --as",
        ("erase", "--patient", "{patient}", "--confirm", "{patient} Zoë Adams"),
        says="add --as PRACTITIONER",
    ),
    Case("restore without --as", ("restore", "{tmp}/none.sqlite3"), says="add --as PRACTITIONER"),
    Case(
        "erase with a wrong PIN",
        (*AS, "erase", "--patient", "{patient}", "--confirm", "{patient} Zoë Adams"),
        says="PIN is not right",
        env={"CHAIRSIDE_PIN": "9999"},
    ),
    Case(
        "erase with no PIN",
        (*AS, "erase", "--patient", "{patient}", "--confirm", "x"),
        says="CHAIRSIDE_PIN",
        env={"CHAIRSIDE_PIN": ""},
    ),
    Case(
        "--as unknown practitioner",
        ("--as", "Nobody", "sessions", "--patient", "{patient}"),
        says="no active practitioner 'Nobody'",
    ),
    Case(
        "--as id 2**63",
        ("--as", BIG, "sessions", "--patient", "{patient}"),
        says="no active practitioner",
    ),
    Case("--as with escapes", ("--as", "\x1b[2JX", "audit"), says="\\x1b[2JX"),
    Case(
        "--as empty",
        ("--as", "", "erase", "--patient", "1", "--confirm", "x"),
        says="add --as PRACTITIONER",
    ),
    Case("--as before the command", ("--as", "Dr Naomi Clarke", "audit", "--limit", "1"), status=0),
    Case("--as after the command", ("audit", "--as", "1", "--limit", "1"), status=0),
    Case(
        "--as by name in capitals",
        ("sessions", "--patient", "{patient}", "--as", "DR NAOMI CLARKE"),
        status=0,
    ),
    Case(
        "--as on export",
        ("export", "--patient", "{patient}", "--json", "{tmp}/r.json", *AS),
        status=0,
    ),
    Case(
        "erase exactly",
        (*AS, "erase", "--patient", "{patient}", "--confirm", "{patient} Zoë Adams"),
        status=0,
    ),
    Case("restore missing file", (*AS, "restore", "{tmp}/none.sqlite3"), says="no file"),
    Case("restore a folder", (*AS, "restore", "{tmp}"), says="folder"),
    Case("restore /dev/null", (*AS, "restore", "/dev/null"), says="not a Chairside backup"),
    Case(
        "restore a text file", (*AS, "restore", "{tmp}/letter.txt"), says="not a Chairside backup"
    ),
    Case("restore the live database", (*AS, "restore", "{database}"), says="database in use"),
    Case("backup over the database", ("backup", "--out", "{database}"), says="database itself"),
    Case("backup into a folder", ("backup", "--out", "{tmp}"), says="folder"),
    Case("backup to a long name", ("backup", "--out", "{tmp}/" + "b" * 300), says="too long"),
    Case(
        "export to the settings",
        ("export", "--patient", "{patient}", "--json", "{settings}"),
        says="data folder",
    ),
    Case(
        "export both to one file",
        ("export", "--patient", "{patient}", "--json", "{tmp}/r", "--pdf", "{tmp}/r"),
        says="same file",
    ),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One small clinic, built once and copied for each case."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "chairside.sqlite3"
    db = init_db(f"sqlite:///{path}", key=TEST_KEY)  # encrypted, as by default
    write_key_file(path)
    try:
        from assistant import sessions

        c = make_clinic(db)
        patient = create_patient(
            db, PatientDetails("Zoë", "Adams", date_of_birth=date(1990, 5, 1)), None
        ).id
        record_consent(db, patient, c.practitioner, c.device)
        session_id = sessions.create_draft(db, patient, c.practitioner)
        sessions.save_draft(
            db, session_id, complete_draft(c, treated_at=datetime(2026, 11, 17, 10, 30)), None
        )
        sessions.sign_session(db, session_id, c.practitioner)
        from assistant.access.auth import set_pin

        set_pin(db, c.practitioner, PIN, None)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    yield {"path": path, "patient": patient, "session": session_id}


def _expand(value: Any, tmp: Path, values: dict[str, Any], counter: list[int]) -> str:
    if isinstance(value, J):
        counter[0] += 1
        target = tmp / f"input-{counter[0]}.json"
        if value.raw is not None:
            target.write_bytes(value.raw.encode("utf-8", "surrogateescape"))
        else:
            target.write_text(json.dumps(value.data, ensure_ascii=False), encoding="utf-8")
        return str(target)
    text = str(value)
    for key, replacement in values.items():
        text = text.replace("{" + key + "}", str(replacement))
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_in_one_line(
    case: Case,
    template: dict[str, Any],
    isolated_data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths.ensure_private_dir(isolated_data_dir)
    live = isolated_data_dir / "chairside.sqlite3"
    copy_database(template["path"], live)
    (tmp_path / "letter.txt").write_text("Dear patient", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    values = {
        "tmp": tmp_path,
        "patient": template["patient"],
        "session": template["session"],
        "database": live,
        "settings": paths.settings_file(),
    }
    counter = [0]
    argv = [_expand(a, tmp_path, values, counter) for a in case.argv]
    before = live.read_bytes()
    capsys.readouterr()
    status = cli_main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert status == case.status, (status, err)
    if case.status == 2:
        assert err.startswith("chairside: ") and err.count("\n") == 1, err
        assert case.says in err, err
        assert not any(c in err for c in "\x1b\x00\x07\u202e"), err
        if not case.id.startswith(("restore", "demo")):
            assert live.read_bytes() == before or _same_rows(live, before, tmp_path)
    for word in case.absent:
        assert word not in err and word not in out
    if "typo" in " ".join(argv):
        assert not (tmp_path / "typo").exists()


def _same_rows(live: Path, before: bytes, tmp_path: Path) -> bool:
    """Opening the database may rewrite its header, and checking a PIN is audited and
    counted; the records must be the same."""
    old = tmp_path / "before.sqlite3"
    old.write_bytes(before)

    def dump(path: Path) -> list[str]:
        con = sqlite3.connect(path)
        try:
            return [
                line
                for line in con.iterdump()
                if not line.startswith(
                    ('INSERT INTO "audit_event"', 'INSERT INTO "sign_in_attempt"')
                )
            ]
        finally:
            con.close()

    return dump(old) == dump(live)


def test_there_are_at_least_130_cases() -> None:
    assert len(CASES) >= 130
    assert len({c.id for c in CASES}) == len(CASES)


def test_output_piped_into_head_ends_quietly(
    template: dict[str, Any], isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.ensure_private_dir(isolated_data_dir)
    shutil.copyfile(template["path"], isolated_data_dir / "chairside.sqlite3")

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            raise OSError("no descriptor")

    errors: list[str] = []

    class Err:
        def write(self, text: str) -> int:
            errors.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    monkeypatch.setattr("sys.stderr", Err())
    status = cli_main(["audit", "--limit", "100"])
    assert status == 141
    assert "".join(errors) == ""


@pytest.mark.skipif(os.name != "posix", reason="a real pipe into head")
def test_a_real_pipe_into_head(template: dict[str, Any], isolated_data_dir: Path) -> None:
    import subprocess
    import sys

    paths.ensure_private_dir(isolated_data_dir)
    shutil.copyfile(template["path"], isolated_data_dir / "chairside.sqlite3")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, paths.DATA_DIR_ENV: str(isolated_data_dir)}
    result = subprocess.run(
        f"'{sys.executable}' main.py audit --limit 100000 --json | head -c 10",
        shell=True,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr


@pytest.mark.parametrize("name", ["Adams\u202egpj.exe", "Zoë\x1b[2J", "Zo\x00ë", "Zoë\nAdams"])
def test_control_and_direction_characters_are_flagged_in_names(name: str) -> None:
    from assistant.patients.store import validation_errors

    errors = validation_errors(PatientDetails(name, "Adams"))
    assert "control or text-direction characters" in errors["first_name"]
    assert not validation_errors(PatientDetails("Zoë", "Łukasiewicz-Nguyễn"))


def test_free_text_in_audit_entries_is_bounded(db: Any) -> None:
    from assistant.audit import trail as audit

    long_text = "x" * 100_000
    with db.session() as session:
        audit.record(
            session,
            "export",
            "recall",
            None,
            actor=None,
            summary=f"Exported the recall list for lot {long_text}",
            changes={"lot": long_text, "nested": [long_text, {"k": long_text}]},
        )
    with db.session() as session:
        entry = audit.query_events(session, limit=1)[0]
    assert len(entry.summary) <= 500 and entry.summary.endswith("…")
    assert len(json.dumps(entry.changes)) < 2_000


@pytest.mark.parametrize("name", ["Naomi\u202eekralC", "Naomi\x1b[2J", "Naomi\nClarke"])
def test_control_and_direction_characters_are_flagged_in_practitioner_names(
    db: Any, name: str
) -> None:
    from assistant.access.auth import create_first_practitioner
    from assistant.clinic.store import save_practitioner
    from assistant.errors import InvalidInput

    with pytest.raises(InvalidInput, match="control or text-direction characters"):
        save_practitioner(db, name, "GMC 1")
    with pytest.raises(InvalidInput, match="control or text-direction characters"):
        create_first_practitioner(db, name, "", "4826")
