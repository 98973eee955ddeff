"""Running the command line in the test process: the same ``main(argv)`` a user's process
runs, with its own environment, working folder, standard output and error, and exit status.
Each command keeps one test in a real subprocess; the rest run here, far faster."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def _environment(env: Mapping[str, str | None], cwd: Path | None) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in env}
    old_cwd = os.getcwd()
    try:
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if "TZ" in env:
            time.tzset()
        if cwd is not None:
            os.chdir(cwd)
        yield
    finally:
        os.chdir(old_cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if "TZ" in env:
            time.tzset()


def run_in_process(
    argv: Sequence[str],
    *,
    env: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``chairside ARGV`` through ``assistant.cli.main``; the result looks like a process's."""
    from assistant.cli import main

    argv = with_key(argv)
    out, err = io.StringIO(), io.StringIO()
    with (
        _environment(env or {}, cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return subprocess.CompletedProcess(list(argv), code, out.getvalue(), err.getvalue())


def with_key(argv: Sequence[str]) -> list[str]:
    """The test databases are encrypted: commands open them with the run's recovery key
    (``CHAIRSIDE_RECOVERY_KEY``), and ``--as`` still checks its PIN against the database as
    before (harmless on a plain database). ``tests/test_encryption.py`` covers ``--as``
    alone unlocking it, and commands refused without either (``--no-key``: add nothing)."""
    words = list(argv)
    if any(w in ("--recovery-key", "--version", "-h", "--help", "--no-key") for w in words):
        return [w for w in words if w != "--no-key"]
    return ["--recovery-key", *words]


def run_process(
    argv: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGV`` in a real process, as a user runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *with_key(argv)],
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@contextlib.contextmanager
def locked_folder(folder: Path) -> Iterator[Path]:
    """A folder nobody may create files in, even root (CI runs as root): the immutable
    attribute for root, the permission bits for anyone else."""
    import shutil

    import pytest

    folder.mkdir()
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        done = chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True)
        if not done or done.returncode != 0:
            pytest.skip("this file system cannot make a folder immutable for root")
        try:
            yield folder
        finally:
            subprocess.run([str(chattr), "-i", str(folder)], check=True)
        return
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


def cli_main(argv: Sequence[str]) -> int:
    """``assistant.cli.main`` as the tests call it (``with_key``)."""
    from assistant.cli import main

    return main(with_key(argv))
