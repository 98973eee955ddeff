"""The interaction benchmark runs end to end on a tiny clinic and ends with its JSON line
(figures are not checked: nothing in the suite depends on timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_make_clinic import ROOT, load_builder


def test_bench_interactions_prints_its_json_last(tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    assert load_builder().build(out, patients=50, sessions=200, quiet=True).intact
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_interactions.py", "--data-dir", str(out),
         "--repeat", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(figures) == {"actions", "startup_ms", "bare_window_ms", "orm_floor_ms"}
    expected = {"search", "open_patient", "start_visit", "sign", "audit_trail"}
    assert expected <= set(figures["actions"])
    for values in figures["actions"].values():
        assert set(values) == {"p50_ms", "p95_ms"}
    assert all(isinstance(figures[k], float | int) for k in ("startup_ms", "bare_window_ms"))


def test_bench_interactions_refuses_an_unknown_action(tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    out.mkdir()
    (out / "chairside.sqlite3").touch()
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_interactions.py", "--data-dir", str(out),
         "--only", "sign,signing"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "unknown signing" in result.stderr and "sign," in result.stderr


def test_bench_interactions_times_only_the_actions_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    assert load_builder().build(out, patients=20, sessions=60, quiet=True).intact
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_interactions.py", "--data-dir", str(out),
         "--repeat", "1", "--startup-runs", "1", "--only", "sign"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(figures) == {"actions", "startup_ms", "bare_window_ms", "orm_floor_ms"}
    assert set(figures["actions"]) == {"sign"}
