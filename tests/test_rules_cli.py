"""``rules show/set/sheet`` and ``check`` with the rules in force: the command-line contracts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant import paths
from assistant.access.auth import create_first_practitioner
from assistant.cli import EXIT_BAD_INPUT, EXIT_OK, build_parser, run_command
from assistant.rules import rules_in_force
from assistant.storage.db import Database
from tests.cli_support import with_key

ROOT = Path(__file__).resolve().parents[1]
PIN = "4821"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run_command(build_parser().parse_args(with_key(argv)))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def lead(db: Database, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    return create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", PIN).id


def set_isotretinoin(capsys: pytest.CaptureFixture[str], value: str = "3 months"):
    return cli(
        capsys, "rules", "set", "isotretinoin_last_dose", value,
        "--reason", "2017 consensus: no delay needed", "--as", "Dr Naomi Clarke",
    )  # fmt: skip


def test_show_json_lists_every_rule_with_version_and_sources(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = cli(capsys, "rules", "show", "--json")
    assert status == EXIT_OK
    data = json.loads(out)
    assert data["rules_version"] == "2026.3"
    rule = next(r for r in data["rules"] if r["id"] == "isotretinoin_last_dose")
    assert set(rule) == {
        "id", "label", "value", "default", "bounds", "clinic_value", "outside_bounds", "sources",
    }  # fmt: skip
    assert rule["value"] == rule["default"] == "6 months"
    assert rule["bounds"] == "0 days – 12 months" and rule["clinic_value"] is False
    assert any("JAMA Dermatology" in s for s in rule["sources"])
    status, text, _ = cli(capsys, "rules", "show")
    assert status == EXIT_OK and "Clinical rules version 2026.3" in text


def test_set_with_the_pin_changes_the_rule_and_the_version(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = set_isotretinoin(capsys)
    assert status == EXIT_OK, err
    assert out.strip() == "isotretinoin_last_dose: 3 months (rules version 2026.3+clinic.1)"
    data = json.loads(cli(capsys, "rules", "show", "--json")[1])
    rule = next(r for r in data["rules"] if r["id"] == "isotretinoin_last_dose")
    assert data["rules_version"] == "2026.3+clinic.1"
    assert rule["value"] == "3 months" and rule["clinic_value"] is True


def test_a_wrong_pin_exits_2_and_changes_nothing(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAIRSIDE_PIN", "9999")
    status, out, err = set_isotretinoin(capsys)
    assert status == EXIT_BAD_INPUT and out == ""
    assert err.startswith("chairside: ") and "PIN" in err and err.count("\n") == 1
    assert rules_in_force(db).version == "2026.3"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("isotretinoin_last_dose", "13 months"), "0 days – 12 months"),
        (("isotretinoin_last_dose", "3 mm"), "0 days – 12 months"),
        (("zone_cheeks_warn_above_mm", "2 weeks"), "0.1 mm – 3.0 mm"),
        (("no_such_rule", "3 months"), "Unknown rule 'no_such_rule'"),
    ],
)
def test_bad_values_exit_2_naming_the_rule_and_its_bounds(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str], argv: tuple[str, str],
    expected: str,
) -> None:  # fmt: skip
    status, out, err = cli(
        capsys, "rules", "set", *argv, "--reason", "why", "--as", "Dr Naomi Clarke"
    )
    assert status == EXIT_BAD_INPUT and out == ""
    assert expected in err and argv[0] in err
    assert rules_in_force(db).version == "2026.3"


def test_an_unknown_practitioner_exits_2(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(
        capsys, "rules", "set", "chemotherapy_last", "2 months", "--reason", "x", "--as", "Dr Who"
    )
    assert status == EXIT_BAD_INPUT and "no active practitioner 'Dr Who'" in err
    assert "Dr Naomi Clarke" not in err  # the clinic's names are not listed to a guesser
    assert len(err.strip().splitlines()) == 1


def test_check_uses_the_rules_in_force(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {"assessed_on": "2026-11-24", "zones": ["cheeks"],
             "answers": {"isotretinoin_last_dose": "2026-07-01", "smoker": False}}
        ),
        encoding="utf-8",
    )  # fmt: skip
    before = json.loads(cli(capsys, "check", str(answers), "--json")[1])
    assert before["outcome"] == "defer" and before["rules_version"] == "2026.3"
    assert "smoker" not in before["unanswered"] and "keloid_history" in before["unanswered"]
    assert set_isotretinoin(capsys)[0] == EXIT_OK
    after = json.loads(cli(capsys, "check", str(answers), "--json")[1])
    assert after["outcome"] == "suitable"
    assert after["rules_version"] == after["checklist_version"] == "2026.3+clinic.1"


def test_rule_sheet_lists_every_rule_with_a_signature_line(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert set_isotretinoin(capsys)[0] == EXIT_OK
    out = tmp_path / "rules.pdf"
    status, stdout, err = cli(capsys, "rules", "sheet", "--out", str(out))
    assert status == EXIT_OK, err
    assert str(out) in stdout
    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    text = " ".join(text.split())
    assert "2026.3+clinic.1" in text and "3 months (clinic)" in text
    assert "medical lead" in text and "Signature" in text
    # in words, as a medical lead reads them: labels and values, never identifiers
    assert "Last dose of oral isotretinoin" in text and "Body scar (surgical, traumatic)" in text
    assert "warn above 2.5 mm" in text and "not suitable" in text
    for identifier in ("isotretinoin_last_dose", "zone_scar_body_warn_above_mm",
                       "keloid_history", "not_suitable"):  # fmt: skip
        assert identifier not in text
    assert "Spring LK" in text
    pages = len(PdfReader(str(out)).pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_rule_sheet_never_replaces_a_file_without_force(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "rules.pdf"
    out.write_bytes(b"the signed copy")
    status, _, err = cli(capsys, "rules", "sheet", "--out", str(out))
    assert status == EXIT_BAD_INPUT and "already exists; add --force" in err
    assert err.count("\n") == 1 and out.read_bytes() == b"the signed copy"
    status, stdout, err = cli(capsys, "rules", "sheet", "--out", str(out), "--force")
    assert status == EXIT_OK, err
    assert out.read_bytes().startswith(b"%PDF") and str(out) in stdout
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600  # private, like every other export
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["rules.pdf"]


def test_rule_sheet_into_a_missing_folder_exits_2(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = cli(capsys, "rules", "sheet", "--out", str(tmp_path / "no" / "r.pdf"))
    assert status == EXIT_BAD_INPUT and "does not exist" in err


def test_set_reads_the_pin_from_the_environment_without_a_terminal(
    db: Database, lead: int, tmp_path: Path
) -> None:
    db.dispose()
    env = {**os.environ, paths.DATA_DIR_ENV: str(paths.data_dir()), "CHAIRSIDE_PIN": PIN}
    env.pop(paths.DATABASE_URL_ENV, None)
    command = [
        sys.executable, str(ROOT / "main.py"), "rules", "set", "isotretinoin_last_dose",
        "3 months", "--reason", "consensus", "--as", "Dr Naomi Clarke",
    ]  # fmt: skip
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2026.3+clinic.1" in result.stdout
    env.pop("CHAIRSIDE_PIN")
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2 and "CHAIRSIDE_PIN" in result.stderr


def test_check_with_a_device_applies_its_cleared_age(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    data = {"assessed_on": "2026-11-24", "date_of_birth": "2006-01-10", "zones": ["cheeks"],
            "device": "skinpen_precision", "answers": {}}  # fmt: skip
    answers.write_text(json.dumps(data), encoding="utf-8")
    result = json.loads(cli(capsys, "check", str(answers), "--json")[1])
    assert result["outcome"] == "caution"
    assert [r["id"] for r in result["reasons"]] == ["device_cleared_age"]
    answers.write_text(json.dumps({**data, "device": "no_such_pen"}), encoding="utf-8")
    status, _, err = cli(capsys, "check", str(answers), "--json")
    assert status == EXIT_BAD_INPUT and "dermapen_4" in err
