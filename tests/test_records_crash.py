"""Real Chairside processes saving sessions are killed (SIGKILL) twenty times at random
moments. After every kill the database must pass ``PRAGMA integrity_check`` and hold every
session whose save had returned, with its zones."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage.db import Database
from tests import keyed_sqlite as sqlite3
from tests.encryption_support import TEST_KEY

KILLS = 20
ROOT = Path(__file__).resolve().parents[1]

# One Python process imports Chairside once and forks a writer for each round: every writer
# is a real process that opens the database itself and is killed with SIGKILL, without paying
# the interpreter's start-up twenty times. A writer appends each returned save's id to its own
# file in one write() call, so a line cut short by the kill has no newline and proves nothing.
FORKER = """
import os
import sys
from datetime import datetime

from assistant.storage.db import init_db
from assistant.patients.store import PatientDetails, create_patient
from assistant.sessions import SessionDraft, ZoneEntry, create_draft, save_draft


def write(url, out, saves=None):
    db = init_db(url, create=saves is not None, key=KEY)  # the test database is encrypted
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    n = 0
    while saves is None or n < saves:
        n += 1
        patient = create_patient(db, PatientDetails("Crash", f"Test{os.getpid()}-{n}"), actor=None)
        when = datetime(2026, 11, 25, 9, 0)
        session_id = create_draft(db, patient.id, None, treated_at=when)
        draft = SessionDraft(
            treated_at=when,
            notes="n" * 300,
            zones=(ZoneEntry("forehead", 0.5, 2), ZoneEntry("cheeks", 1.0, 3)),
        )
        save_draft(db, session_id, draft, None)
        os.write(fd, f"{session_id}\\n".encode())  # only once the save has returned


# Warm up on a scratch database first (lazy imports, rule files), so each writer's first
# save is as quick as its later ones.
scratch, KEY = sys.argv[1], bytes.fromhex(sys.argv[2])
write(f"sqlite:///{scratch}/warm.sqlite3", f"{scratch}/warm.txt", saves=2)
print("ready", flush=True)
for line in sys.stdin:
    url, out = line.rstrip("\\n").split("\\t")
    pid = os.fork()
    if pid == 0:
        try:
            write(url, out)
        finally:
            os._exit(3)
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


def saved_ids(output: str) -> set[int]:
    # A line the kill cut short has no newline yet and proves nothing.
    return {int(line) for line in output.splitlines(keepends=True) if line.endswith("\n")}


def wait_for_lines(out: Path, count: int) -> None:
    """Until the writer has reported ``count`` returned saves (at most a minute)."""
    for _ in range(60_000):
        if out.exists() and out.read_text(encoding="utf-8").count("\n") >= count:
            return
        time.sleep(0.001)
    pytest.fail(f"the writer reported fewer than {count} saves in a minute")


@pytest.mark.slow  # twenty real processes; kept in CI, skip locally with -m "not slow"
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_killing_a_writing_process_never_loses_a_returned_save(
    db: Database, tmp_path: Path
) -> None:
    assert db.sqlite_path is not None
    path = db.sqlite_path
    db.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT), paths.DATA_DIR_ENV: str(path.parent)}
    rng = random.Random(20261125)
    promised: set[int] = set()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    forker = subprocess.Popen(
        [sys.executable, "-c", FORKER, str(scratch), TEST_KEY.hex()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert forker.stdin is not None and forker.stdout is not None
    try:
        assert forker.stdout.readline() == "ready\n", "the forking process did not start"
        for kill in range(KILLS):
            out = tmp_path / f"writer-{kill}.txt"
            forker.stdin.write(f"sqlite:///{path}\t{out}\n")
            forker.stdin.flush()
            pid = int(forker.stdout.readline())
            wait_for_lines(out, rng.randint(1, 12))
            time.sleep(rng.uniform(0, 0.02))  # land anywhere inside the next save
            os.kill(pid, signal.SIGKILL)
            status = int(forker.stdout.readline())
            assert status == -signal.SIGKILL, f"kill {kill}: the writer stopped by itself"
            promised |= saved_ids(out.read_text(encoding="utf-8"))

            con = sqlite3.connect(path)
            try:
                assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)], kill
                stored = {r[0] for r in con.execute("SELECT id FROM treatment_session")}
                missing = promised - stored
                assert not missing, f"kill {kill}: saved sessions lost: {sorted(missing)}"
                zones = dict(
                    con.execute(
                        "SELECT session_id, count(*) FROM zone_treatment GROUP BY session_id"
                    ).fetchall()
                )
                assert all(zones.get(i) == 2 for i in promised), f"kill {kill}: zones lost"
            finally:
                con.close()
    finally:
        forker.stdin.close()
        forker.wait(timeout=30)
    assert len(promised) >= KILLS
