"""A draft survives the process being killed: a real child process saves edits in a loop
through ``save_draft`` and reports each save; it is killed with SIGKILL mid-edit, and the
last reported save must be in the database, whole, with the database intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.sessions import get_session
from assistant.storage.db import init_db
from tests import keyed_sqlite as sqlite3
from tests.encryption_support import TEST_KEY

ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import sys
    from dataclasses import replace

    from assistant.storage.db import init_db
    from assistant.sessions import ZoneEntry, create_draft, save_draft
    from tests.sessions_support import complete_draft, make_clinic, make_patient

    from tests.encryption_support import write_key_file

    db = init_db(sys.argv[1], key=bytes.fromhex(sys.argv[2]))  # encrypted, as by default
    write_key_file(db.sqlite_path)
    clinic = make_clinic(db)
    session_id = create_draft(db, make_patient(db), clinic.practitioner)
    print("draft", session_id, flush=True)
    edit = 0
    while True:
        edit += 1
        # Every field written by one save carries the same edit number, so a torn save
        # (notes from one edit, zones from another) would show.
        zones = tuple(
            ZoneEntry("cheeks", 0.5 + (edit % 10) / 10, 1 + (edit % 8), str(edit), "erythema")
            for _ in range(1 + edit % 10)
        )
        draft = complete_draft(clinic, zones=zones, notes=f"edit {edit}", tolerance=edit % 11)
        save_draft(db, session_id, draft, clinic.practitioner)
        print("saved", edit, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_process_loses_nothing_that_was_reported_saved(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'chairside.sqlite3'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHAIRSIDE_DATA_DIR": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, TEST_KEY.hex()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline().split()
        assert first[0] == "draft", child.stderr.read() if child.stderr else ""
        session_id = int(first[1])
        last_reported = 0
        for line in child.stdout:
            last_reported = int(line.split()[1])
            if last_reported >= 60:
                break
        # The child keeps saving: the kill lands in the middle of an edit.
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert last_reported >= 60

    raw = sqlite3.connect(tmp_path / "chairside.sqlite3")
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        raw.close()

    db = init_db(url, key=TEST_KEY)
    try:
        draft = get_session(db, session_id).draft
    finally:
        db.dispose()
    saved = int(draft.notes.split()[1])
    assert saved >= last_reported  # a save may have finished before its line was printed
    assert draft.tolerance == saved % 11
    assert len(draft.zones) == 1 + saved % 10
    assert {z.speed for z in draft.zones} == {str(saved)}
    assert {z.passes for z in draft.zones} == {1 + saved % 8}
