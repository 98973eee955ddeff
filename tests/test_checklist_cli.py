"""``main.py check``: the suitability verdict from a JSON file of answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from assistant.cli.check_command import read_answers_file
from tests.cli_support import cli_main

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE = {
    "assessed_on": "2026-11-24",
    "date_of_birth": "1990-05-01",
    "fitzpatrick": 4,
    "zones": ["cheeks", "upper_lip"],
    "answers": {"isotretinoin_last_dose": "2026-08-01", "cold_sore_history": True},
}

EXPECTED_EXAMPLE_JSON = {
    "outcome": "defer",
    "defer_until": "2027-02-01",
    "checklist_version": "2026.3",
    "rules_version": "2026.3",
    "reasons": [
        {
            "id": "isotretinoin_last_dose",
            "outcome": "defer",
            "message": "Oral isotretinoin within the last 6 months. The 6 months comes from the "
            "drug's own label and from clinic care sheets (some say 12 months), not from the "
            "device instructions, which rule out only current use. The 2017 consensus papers "
            "(Spring et al.; Waldman et al.) found too little evidence to delay superficial, "
            "non-ablative procedures after isotretinoin, but neither studied microneedling by "
            "name.",
            "actions": [],
        },
        {
            "id": "cold_sore_history",
            "outcome": "caution",
            "message": "History of cold sores and a zone where they can be set off is treated.",
            "actions": [
                "Antiviral prophylaxis as prescribed, started before treatment and continued "
                "afterwards for as long as prescribed."
            ],
        },
        {
            "id": "fitzpatrick_iv_vi",
            "outcome": "caution",
            "message": "Fitzpatrick type IV–VI: "
            "higher risk of post-inflammatory hyperpigmentation.",
            "actions": ["Conservative depth and passes.", "Patch test.", "Strict sun protection."],
        },
    ],
}


def write_json(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["CHAIRSIDE_DATA_DIR"] = str(tmp_path / "data")
    env.pop("CHAIRSIDE_DATABASE_URL", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


# --- In a subprocess, as a user runs it ------------------------------------------------------


def test_example_as_json_in_a_subprocess(tmp_path: Path) -> None:
    result = run_main(tmp_path, str(write_json(tmp_path, EXAMPLE)), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    unanswered = data.pop("unanswered")
    assert data == EXPECTED_EXAMPLE_JSON
    assert "isotretinoin_last_dose" not in unanswered and "keloid_history" in unanswered


def test_example_as_text_in_a_subprocess(tmp_path: Path) -> None:
    result = run_main(tmp_path, str(write_json(tmp_path, EXAMPLE)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Defer: not before Monday 1 February 2027."
    assert "Antiviral prophylaxis as prescribed, started before treatment" in result.stdout
    assert "Checklist version 2026.3." in result.stdout


def test_bad_input_in_a_subprocess(tmp_path: Path) -> None:
    bad = dict(EXAMPLE, answers={"isotretinoin_last_dose": "01/08/2026"})
    result = run_main(tmp_path, str(write_json(tmp_path, bad)), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("chairside: isotretinoin_last_dose:")
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_in_a_subprocess(tmp_path: Path) -> None:
    result = run_main(tmp_path, str(tmp_path / "absent.json"))
    assert result.returncode == 2
    assert "chairside:" in result.stderr and "absent.json" in result.stderr
    assert "no such file" in result.stderr


# --- In process ------------------------------------------------------------------------------


def test_every_verdict_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = {
        "suitable": {},
        "caution": {"smoker": True},
        "defer": {"pregnant_or_breastfeeding": True},
        "not_suitable": {"keloid_history": True},
    }
    for outcome, answers in cases.items():
        path = write_json(tmp_path, {"assessed_on": "2026-11-24", "answers": answers})
        assert cli_main(["check", str(path), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["outcome"] == outcome
        assert data["defer_until"] is None


def test_assessed_on_defaults_to_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = date.today().isoformat()
    path = write_json(tmp_path, {"answers": {"filler_in_area_last": today}})
    assert cli_main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "defer"
    assert data["defer_until"] > today


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (dict(EXAMPLE, answers={"smoking": True}), "smoking"),
        (dict(EXAMPLE, answers={"smoker": "yes"}), "smoker"),
        (dict(EXAMPLE, answers={"filler_in_area_last": "2026-11-25"}), "filler_in_area_last"),
        (dict(EXAMPLE, answers=["smoker"]), "answers"),
        (dict(EXAMPLE, assessed_on="24 November 2026"), "assessed_on"),
        (dict(EXAMPLE, date_of_birth="1990-02-30"), "date_of_birth"),
        (dict(EXAMPLE, date_of_birth="2027-01-01"), "date_of_birth"),
        (dict(EXAMPLE, fitzpatrick=7), "fitzpatrick"),
        (dict(EXAMPLE, fitzpatrick="IV"), "fitzpatrick"),
        (dict(EXAMPLE, zones=["cheeks", "elbow"]), "zones"),
        (dict(EXAMPLE, zones="cheeks"), "zones"),
        (dict(EXAMPLE, zone=["cheeks"]), "zone"),
        (["not", "an", "object"], "answers.json: expected a JSON object"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, field: str
) -> None:
    path = write_json(tmp_path, content)
    assert cli_main(["check", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("chairside: ")
    assert field in captured.err


def test_invalid_json_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"answers": {"smoker": true,}}', encoding="utf-8")
    assert cli_main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.json is not valid JSON" in err
    assert "line 1" in err


def test_read_answers_file_accepts_the_documented_keys(tmp_path: Path) -> None:
    assert read_answers_file(write_json(tmp_path, EXAMPLE)) == EXAMPLE


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys, assistant.checklist, assistant.cli.check_command; "
        "sys.exit(1 if 'PySide6' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


def test_omitted_answers_count_as_no_and_are_listed_as_unanswered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.checklist import default_checklist

    every_id = [q.id for g in default_checklist().groups for q in g.questions]
    data = {"assessed_on": "2026-11-24", "date_of_birth": "1990-05-01", "fitzpatrick": 2}
    path = write_json(tmp_path, {**data, "zones": ["cheeks"], "answers": {}})
    assert cli_main(["check", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["outcome"] == "suitable"  # the command line treats an omitted answer as no
    assert result["unanswered"] == every_id  # in the order the checklist asks them

    answers = {"smoker": True, "diabetes_controlled": False, "filler_in_area_last": None}
    path = write_json(tmp_path, {**data, "zones": ["cheeks"], "answers": answers})
    assert cli_main(["check", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["outcome"] == "caution"
    # an answer given (even "never") is not listed; an earlier revision's id counts for its
    # question (diabetes)
    assert result["unanswered"] == [
        qid for qid in every_id if qid not in {"smoker", "filler_in_area_last", "diabetes"}
    ]
