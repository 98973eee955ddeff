"""``pip install`` gives a ``chairside`` command: the window without a command, commands with."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent


def test_chairside_is_a_gui_script_running_main() -> None:
    found = entry_points(group="gui_scripts", name="chairside")
    if not found:
        pytest.skip("Chairside is not installed with pip here (pip install -e .)")
    (entry,) = found
    assert entry.value == "main:main"
    assert not entry_points(group="console_scripts", name="chairside")


def test_no_command_opens_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.app
    import ui.start.platform_check
    from assistant.context import AppContext

    opened: list[AppContext] = []

    def run_gui(context: AppContext) -> int:
        opened.append(context)
        return 0

    monkeypatch.setattr(ui.app, "run_gui", run_gui)
    monkeypatch.setattr(ui.start.platform_check, "check_platform_libraries", lambda: None)
    monkeypatch.setattr(sys, "argv", ["chairside"])
    assert main.main() == 0
    assert len(opened) == 1 and isinstance(opened[0], AppContext)  # no command: the window


def test_installed_script_runs_commands(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("chairside")
    if not script.exists():
        pytest.skip("no installed chairside script next to this Python")
    result = subprocess.run(
        [str(script), "--data-dir", str(tmp_path), "--version"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Chairside ")
