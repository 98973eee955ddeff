"""Probes: ``encrypt`` killed (SIGKILL) as each of its steps starts, then the next
``encrypt``. Whatever the moment, the run is finished or rolled back and no patient's name is
left readable anywhere in the data folder (database, its logs, copies, photos, key files).
Tests named ``test_refused_*`` count refusals and ``test_detected_*`` detections in the probe
suite's tally; these are refusals (plaintext refused a place on disk)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import paths
from assistant.access import cipher
from assistant.storage.encrypt import PLAIN_COPY, STEPS
from tests.cli_support import run_in_process
from tests.test_encrypt_existing import CHILD, PHOTO, PIN, ROOT, open_either, plain_clinic


def _names(rows: dict[str, list[tuple[object, ...]]]) -> set[bytes]:
    """Every patient's last name as it would appear in a readable file."""
    return {str(row[2]).encode() for row in rows["patient"] if len(str(row[2])) > 3}


def _readable(folder: Path, names: set[bytes]) -> list[str]:
    """Files under ``folder`` in which any of ``names`` (or the photo's text) can be read."""
    found = []
    for file in folder.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            if b"Amelia" in data or any(name in data for name in names):
                found.append(str(file.relative_to(folder)))
    return found


def _kill_at(folder: Path, database: Path, practitioner: int, step: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), paths.DATA_DIR_ENV: str(folder)}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, f"sqlite:///{database}", step, str(practitioner), PIN],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


@pytest.mark.slow  # a real process per step
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("step", STEPS)
def test_refused_plaintext_left_by_a_killed_encrypt(
    tmp_path: Path, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clinic"
    database, practitioner, rows = plain_clinic(folder)
    names = _names(rows)
    assert names and _readable(folder, names)  # the probe can see a plain clinic
    _kill_at(folder, database, practitioner, step)

    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    again = run_in_process(
        ["--data-dir", str(folder), "encrypt", "--as", str(practitioner), "--no-key"]
    )

    assert again.returncode == 0, again.stderr
    if step in ("photos", "remove-plain"):  # killed after the switch: finished
        assert again.stdout.startswith("Finished an encryption that was interrupted")
    else:  # killed before it: rolled back, then encrypted afresh
        assert "Recovery key (shown once" in again.stdout
    assert not database.with_name(database.name + PLAIN_COPY).exists()
    assert not database.read_bytes().startswith(cipher.SQLITE_HEADER)
    assert _readable(folder, names) == []
    db = open_either(folder, practitioner)
    from assistant.photos.storage import store_for
    from tests.test_encrypt_existing import contents

    assert db.encryption == "encrypted" and contents(db)["patient"] == rows["patient"]
    assert store_for(db).get("abc.jpg") == PHOTO
    db.dispose()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_refused_plain_copy_kept_when_the_window_opens_next(tmp_path: Path) -> None:
    """Killed at the very end, then simply opened (the window's start, after sign-in): the
    plain copy is verified against and removed without another ``encrypt``."""
    folder = tmp_path / "clinic"
    database, practitioner, rows = plain_clinic(folder)
    _kill_at(folder, database, practitioner, "remove-plain")
    assert database.with_name(database.name + PLAIN_COPY).exists()
    db = open_either(folder, practitioner)
    assert db.finished_encryption
    db.dispose()
    assert _readable(folder, _names(rows)) == []
