"""The window's start as a practitioner meets it: the unlock dialog is on screen before the
database layer loads, the window's modules load while the PIN is typed, and the PIN opens
the window. Run as ``python main.py`` in a fresh process (a module loaded by another test
would hide a heavy import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assistant.access import auth
from assistant.cli import build_parser, names_a_command
from assistant.context import AppContext
from assistant.paths import Locations, sqlite_file

ROOT = Path(__file__).resolve().parent.parent
PIN = "2468"

# Loaded only once the PIN has opened the database, never before the unlock dialog.
HEAVY = ("sqlalchemy", "babel", "cryptography", "argon2", "reportlab", "PIL", "keyring",
         "icalendar", "alembic", "biip")  # fmt: skip

# ``python main.py`` with its dialogs watched: at the unlock dialog, the modules loaded; after
# a pause (the PIN being typed), the PIN given; at the main window's first paint, the modules
# loaded by then; one JSON line, then the process ends at once.
DRIVER = """
import json, os, sys
sys.path.insert(0, ROOT)
sys.argv = [os.path.join(ROOT, "main.py")]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMainWindow
seen = {}
dialog_exec, window_show = QDialog.exec, QMainWindow.show
def exec_(dialog):
    if type(dialog).__name__ in ("UnlockDialog", "LoginDialog"):
        def painted():
            dialog.grab()
            seen["dialog"] = type(dialog).__name__
            seen["at_dialog"] = sorted(sys.modules)
            QTimer.singleShot(TYPING_MS, submit)
        def submit():
            seen["at_pin"] = sorted(sys.modules)
            dialog.pin.setText(PIN)
            (dialog.try_unlock if hasattr(dialog, "try_unlock") else dialog.try_sign_in)()
        QTimer.singleShot(0, painted)
    return dialog_exec(dialog)
def show(window):
    window_show(window)
    def painted():
        window.grab()
        seen["window"] = type(window).__name__
        print(json.dumps(seen), flush=True)
        os._exit(0)
    QTimer.singleShot(0, painted)
QDialog.exec, QMainWindow.show = exec_, show
import main
main.main()
print(json.dumps(seen), flush=True)
os._exit(1)
"""


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """An encrypted clinic (the default) with one practitioner and a PIN."""
    folder = tmp_path / "clinic"
    context = AppContext(Locations.resolve(folder))
    db = context.database()
    auth.create_first_practitioner(db, "Ann Lee", "", PIN)
    context.close()
    return folder


@pytest.fixture
def plain_clinic(tmp_path: Path) -> Path:
    """A plain (unencrypted) clinic with one practitioner and a PIN."""
    folder = tmp_path / "plain"
    context = AppContext(Locations.resolve(folder))
    context.encrypt_new = False
    db = context.database()
    auth.create_first_practitioner(db, "Ann Lee", "", PIN)
    context.settings.set("encryption_offered", True)  # kept plain: not asked at the start
    context.close()
    return folder


def start(folder: Path, typing_ms: int) -> dict[str, object]:
    code = (DRIVER.replace("ROOT", repr(str(ROOT)), 2).replace("TYPING_MS", str(typing_ms))
            .replace("PIN)", f"{PIN!r})"))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHAIRSIDE_DATA_DIR": str(folder)}
    env.pop("CHAIRSIDE_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr
    result: dict[str, object] = json.loads(lines[-1])
    assert done.returncode == 0 and result.get("window") == "MainWindow", done.stderr
    return result


def roots(modules: object) -> set[str]:
    assert isinstance(modules, list)
    return {name.split(".")[0] for name in modules}


def test_the_unlock_dialog_is_up_before_the_database_layer_and_the_pin_opens_the_window(
    clinic: Path,
) -> None:
    seen = start(clinic, typing_ms=3000)
    at_dialog = seen["at_dialog"]
    assert isinstance(at_dialog, list)
    assert roots(at_dialog).isdisjoint(HEAVY), sorted(roots(at_dialog) & set(HEAVY))
    commands = [name for name in at_dialog if name.endswith("_command")]
    assert commands == [], "the window's start loaded command modules"
    # While the PIN was typed, what the window needs loaded behind the dialog.
    from ui.start.preload import CORE, WINDOW

    at_pin = seen["at_pin"]
    assert isinstance(at_pin, list)
    assert not set(CORE + WINDOW) - set(at_pin), sorted(set(CORE + WINDOW) - set(at_pin))


def test_a_plain_clinic_loads_the_window_while_its_pin_is_typed_too(plain_clinic: Path) -> None:
    seen = start(plain_clinic, typing_ms=3000)
    assert seen["dialog"] == "LoginDialog"
    from ui.start.preload import WINDOW

    at_pin = seen["at_pin"]
    assert isinstance(at_pin, list)
    assert not set(WINDOW) - set(at_pin), sorted(set(WINDOW) - set(at_pin))


def test_loading_ahead_brings_every_core_module_the_window_imports() -> None:
    """A window module that starts importing a core module the preload does not bring fails
    here: add it to ``ui.start.preload.CORE``."""
    code = (
        "import sys\n"
        "from ui.start import preload\n"
        "preload.load_core()\n"
        "before = set(sys.modules)\n"
        "preload.load_window()\n"
        "print(sorted(m for m in set(sys.modules) - before\n"
        "            if not m.startswith(('ui.', 'PySide6', 'shiboken6'))))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]", done.stdout


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////home/ana/Chairside/chairside.sqlite3",
        "sqlite:///relative/clinic.sqlite3",
        "sqlite+pysqlcipher:///C:/Users/Ana/chairside.sqlite3",
        "sqlite:////tmp/with%20space/clinic%3F.sqlite3?mode=ro",
        "sqlite:///file.sqlite3?check_same_thread=false&timeout=5",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite://user:pw@host:5/x.sqlite3",
        "postgresql+psycopg://ana:secret@db.clinic.local:5432/chairside",
        "postgresql:///chairside",
        "not a url",
        "",
        "sqlite:",
    ],
)
def test_the_sqlite_file_of_a_url_is_read_as_sqlalchemy_reads_it(url: str) -> None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        expected = None
    else:
        named = parsed.database not in (None, "", ":memory:")
        is_sqlite = parsed.get_backend_name() == "sqlite"
        expected = Path(str(parsed.database)) if is_sqlite and named else None
    assert sqlite_file(url) == expected


@pytest.mark.parametrize(
    ("argv", "needs_commands"),
    [
        ([], False),
        (["--data-dir", "/tmp/clinic"], False),
        (["-v", "--as", "Ann Lee", "--recovery-key"], False),
        (["--database-url", "postgresql:///c", "--smoke-test"], False),
        (["sessions", "list"], True),
        (["--data-dir", "/tmp/clinic", "day"], True),
        (["--help"], True),
        (["-h"], True),
        (["--version"], True),
        (["--data-dir"], True),  # a value missing: the whole parser says so
        (["--no-such-option"], True),
        (["sesions"], True),  # a typo: the whole parser says "did you mean"
    ],
)
def test_the_window_start_reads_its_options_without_the_commands(
    argv: list[str], needs_commands: bool
) -> None:
    parser = build_parser(commands=False)
    parser.add_argument("--smoke-test", action="store_true")
    assert names_a_command(parser, argv) is needs_commands
    if not needs_commands:
        args = parser.parse_args(argv)
        assert args.command is None


QUIT = """
import os, sys
sys.path.insert(0, ROOT)
sys.argv = [os.path.join(ROOT, "main.py")]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
dialog_exec = QDialog.exec
def exec_(dialog):
    if type(dialog).__name__ == "UnlockDialog":
        QTimer.singleShot(QUIT_MS, dialog.reject)
    return dialog_exec(dialog)
QDialog.exec = exec_
import main
sys.exit(main.main())
"""


@pytest.mark.parametrize("quit_ms", [0, 60, 300])
def test_quitting_at_the_unlock_dialog_while_loading_ahead_ends_the_application(
    clinic: Path, quit_ms: int
) -> None:
    """Closing the dialog while the window's modules load behind it: the loading ends first,
    then the application, with the status of a start ended at the unlock (1), nothing shown
    or printed from the worker thread."""
    code = QUIT.replace("ROOT", repr(str(ROOT)), 2).replace("QUIT_MS", str(quit_ms))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHAIRSIDE_DATA_DIR": str(clinic)}
    env.pop("CHAIRSIDE_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
