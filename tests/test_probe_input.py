"""Probes: input that is endless, unreadable or absurd. A named pipe and ``/dev/zero`` given
where a file is read (under a memory limit, so an unbounded read fails the test rather than
the machine), ids beyond any record, arguments and environment values that are not UTF-8, a
120 KB folder name, and a database URL naming a file that is not there. Each is refused in
one line with exit status 2, and nothing is created. Tests named ``test_refused_*`` count
refusals in the probe suite's tally."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_support import run_in_process

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 2 * 1024**3  # far more than the commands need; far less than /dev/zero


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run(argv: list[str | bytes], env: dict[bytes, bytes] | None = None) -> tuple[int, str]:
    """``python main.py ARGV`` in a process of its own with limited memory and time."""
    base = {k.encode(): v.encode() for k, v in os.environ.items() if not k.startswith("CHAIR")}
    child = subprocess.run(
        [sys.executable.encode(), b"main.py", *(os.fsencode(a) for a in argv)],
        capture_output=True,
        cwd=ROOT,
        env={**base, b"PYTHONPATH": str(ROOT).encode(), **(env or {})},
        timeout=120,
        preexec_fn=_limited,
    )
    return child.returncode, child.stderr.decode("utf-8", "replace") + child.stdout.decode(
        "utf-8", "replace"
    )


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plain clinic with one patient and a photo-consenting record (the demo's)."""
    folder = tmp_path_factory.mktemp("probe-input") / "clinic"
    status, out = _run(["--data-dir", str(folder), "demo", "--unencrypted", "--patients", "2"])
    assert status == 0, out
    return folder


@pytest.fixture(scope="module")
def pipe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("probe-pipe") / "answers.json"
    os.mkfifo(path)
    return path


READERS = {
    "check": ["check"],
    "consent verify": ["consent", "verify"],
    "photos import": ["photos", "import", "--patient", "1", "--view", "frontal"],
    "restore": ["restore", "--as", "1"],
}


@pytest.mark.slow  # a process per case
@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("source", ["pipe", "/dev/zero"])
def test_refused_endless_input(reader: str, source: str, clinic: Path, pipe: Path) -> None:
    target = str(pipe) if source == "pipe" else source
    status, out = _run(["--data-dir", str(clinic), *READERS[reader], target])
    assert status == 2, out
    assert out.count("\n") == 1 and "not a regular file" in out, out


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["photos", "list", "--patient", "9" * 30],
        ["photos", "list", "--patient", "0"],
        ["photos", "export", "--patient", "-3", "--out", "x"],
        ["photos", "import", "--patient", "1", "--session", "9" * 40, "--view", "frontal", "f"],
        ["consent", "list", "--patient", "9" * 30],
        ["sessions", "--patient", "9" * 30],
        ["audit", "--patient", "9" * 30],
        ["aftercare", "--session", "9" * 30, "--out", "x.pdf"],
    ],
    ids=lambda argv: " ".join(a[:12] for a in argv),
)
def test_refused_ids_out_of_range(argv: list[str], clinic: Path) -> None:
    result = run_in_process(["--data-dir", str(clinic), *argv])
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1 and result.stdout == "", result.stderr


@pytest.mark.slow
def test_refused_text_that_is_not_utf8(clinic: Path, tmp_path: Path) -> None:
    data = ["--data-dir", str(clinic)]
    cases = [
        (["--data-dir", b"/tmp/\xff\xfeclinic", "audit"], {}, "argument 2"),
        ([*data, "backup", "--out", bytes(tmp_path) + b"/caf\xe9.sqlite3"], {}, "argument 5"),
        ([*data, "audit", "--as", "1"], {b"CHAIRSIDE_PIN": b"\xff24"}, "CHAIRSIDE_PIN"),
        (["audit"], {b"CHAIRSIDE_DATA_DIR": b"/tmp/\xe9"}, "CHAIRSIDE_DATA_DIR"),
    ]
    for argv, env, named in cases:
        status, out = _run(argv, env)
        assert status == 2 and out.count("\n") == 1 and named in out, out
        assert "not valid UTF-8" in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_refused_a_folder_name_of_120_kb(tmp_path: Path) -> None:
    status, out = _run(["--data-dir", str(tmp_path / ("a" * 120_000)), "audit", "--verify"])
    assert status == 2 and out.count("\n") == 1 and "too long" in out, out
    status, out = _run(["--data-dir", str(tmp_path), "backup", "--out", "b" * 300])
    assert status == 2 and out.count("\n") == 1, out
    assert "--out cannot be read or written: it is too long" in out


def test_refused_a_database_url_naming_no_file(tmp_path: Path) -> None:
    typo = tmp_path / "chairsde.sqlite3"
    for argv in (["audit", "--verify"], ["sessions", "--patient", "1"], ["backup", "--out", "x"]):
        result = run_in_process(["--database-url", f"sqlite:///{typo}", *argv])
        assert result.returncode == 2, result
        assert "There is no database file chairsde.sqlite3" in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
