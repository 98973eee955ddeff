"""``main.py --smoke-test``: the installation check that CI also runs on the built bundle."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import paths

ROOT = Path(__file__).resolve().parent.parent


def test_smoke_test_passes_and_leaves_the_users_data_alone(tmp_path: Path) -> None:
    users_data = tmp_path / "my-data"
    env = {**os.environ, paths.DATA_DIR_ENV: str(users_data)}
    env.pop("QT_QPA_PLATFORM", None)  # it goes offscreen by itself
    result = subprocess.run(
        [sys.executable, "main.py", "--smoke-test"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Chairside smoke test passed:")
    assert "main window shown" in result.stdout
    # the sheet fits one page, or runs onto a second with a longer timeline
    assert re.search(r"aftercare sheet rendered \((1 page|2 pages)\)", result.stdout)
    assert not users_data.exists()


def test_a_failing_step_is_named_in_one_line(
    qapp: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import assistant.demo.clinic
    from ui.smoke_test import run_smoke_test

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full\nsecond line")

    monkeypatch.setattr(assistant.demo.clinic, "load_demo_data", broken)
    assert run_smoke_test() == 1
    err = capsys.readouterr().err
    assert err == "chairside: smoke test failed while adding demo patients: disk full\n"


def test_a_file_missing_from_the_installation_fails_the_smoke_test(tmp_path: Path) -> None:
    """What a bundle without its fonts would do: the check says so, not the patient's sheet."""
    code = (
        "import runpy, sys\n"
        "import assistant.resources as r\n"
        "real = r.resource_path\n"
        "r.resource_path = lambda *p: real('gone', *p) if p[:1] == ('fonts',) else real(*p)\n"
        "sys.argv = ['main.py', '--smoke-test']\n"
        "runpy.run_path('main.py', run_name='__main__')\n"
    )
    env = {**os.environ, paths.DATA_DIR_ENV: str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=240,
    )  # fmt: skip
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("chairside:")]
    assert len(lines) == 1 and "smoke test failed while" in lines[0], result.stderr
    assert "font" in lines[0].lower()
