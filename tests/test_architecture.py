"""The core never imports Qt: ``assistant`` must work on a machine without a screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_assistant_never_imports_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, assistant\n"
        "for info in pkgutil.walk_packages(assistant.__path__, 'assistant.'):\n"
        "    if '.migrations' in info.name: continue\n"
        "    importlib.import_module(info.name)\n"
        "import assistant.cli.commands as c; c.modules()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
