"""The command line on the same entry point as the window: through ``main(argv)`` in this
process, and ``demo`` in a real process as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant import __version__
from tests.cli_support import run_in_process

ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str, data_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CHAIRSIDE_DATA_DIR": str(data_dir), **(env or {})}
    environment.pop("CHAIRSIDE_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_here(
    *args: str, data_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The same through ``assistant.cli.main`` in this process."""
    environment: dict[str, str | None] = {
        "CHAIRSIDE_DATA_DIR": str(data_dir),
        "CHAIRSIDE_DATABASE_URL": None,
        **(env or {}),
    }
    return run_in_process(args, env=environment)


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_here("--help", data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("demo", "check", "aftercare"):
        assert command in result.stdout


def test_version(tmp_path: Path) -> None:
    result = run_here("--version", data_dir=tmp_path)
    assert result.returncode == 0
    # The version, and which kind of database these options would open (none yet here).
    kind = "no database yet (a new one is encrypted)"
    assert result.stdout.strip() == f"Chairside {__version__} ({kind})"


def test_demo_fills_the_database_in_the_chosen_data_folder(tmp_path: Path) -> None:
    result = run(
        "--data-dir",
        str(tmp_path / "clinic"),
        "demo",
        "--patients",
        "7",
        "--unencrypted",  # read below with ordinary SQLite (the encrypted demo: test_encryption)
        data_dir=tmp_path / "unused",
    )
    assert result.returncode == 0, result.stderr
    assert "Added 7 demo patients" in result.stdout
    database = tmp_path / "clinic" / "chairside.sqlite3"
    assert database.exists()
    assert not (tmp_path / "unused").exists()
    from tests import keyed_sqlite as sqlite3

    con = sqlite3.connect(database)
    assert con.execute("select count(*) from patient").fetchone() == (7,)
    con.close()


def test_database_url_option_chooses_another_database(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.sqlite3"
    result = run_here(
        "--database-url",
        f"sqlite:///{other}",
        "demo",
        "--patients",
        "2",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    assert other.exists()
    assert not (tmp_path / "data" / "chairside.sqlite3").exists()


def test_bad_input_exits_2_with_a_message(tmp_path: Path) -> None:
    result = run_here("demo", "--patients", "-3", data_dir=tmp_path)
    assert result.returncode == 2
    assert "--patients must be between" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unusable_database_exits_2_without_a_traceback(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database at all" * 50)
    result = run_here("--database-url", f"sqlite:///{bogus}", "demo", data_dir=tmp_path)
    assert result.returncode == 2
    assert "not a Chairside database" in result.stderr
    assert "Traceback" not in result.stderr
    assert bogus.read_text().startswith("not a database")
