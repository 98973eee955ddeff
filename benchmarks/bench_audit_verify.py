"""How long checking the audit chain takes in a busy clinic's database.

Builds a SQLite database (the real schema, by migration) with a demo clinic (signed sessions
sealed in the chain) and then 1,000,000 audit entries chained as Chairside chains them, and
times, each a few times:

- ``audit --verify`` (the full check: every entry re-hashed, every signed session and
  amendment hashed again), in process;
- the start-up check when 100 entries were added since the last verified point;

and, as baselines in the same run, a plain ``hashlib.sha256`` over exactly the bytes the
chain hashes (every entry's previous hash and canonical content; the 100 new ones for the
incremental check). Prints medians.

    python benchmarks/bench_audit_verify.py [--entries 1000000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import paths
from assistant.access import cipher
from assistant.audit import integrity  # noqa: E402
from assistant.audit.chain import canonical, chain_head, link, verify  # noqa: E402
from assistant.demo.clinic import load_demo_data  # noqa: E402
from assistant.storage.db import Database, init_db  # noqa: E402

NEW_AT_START = 100
BATCH = 50_000


def append_entries(db: Database, count: int, start: datetime) -> list[bytes]:
    """Append ``count`` chained entries with one bulk insert per batch; returns the exact
    bytes each link hashed (previous hash + canonical content)."""
    with db.engine.connect() as conn:
        head = chain_head(conn)
    assert head is not None
    previous = head.hash
    hashed: list[bytes] = []
    assert db.sqlite_path is not None
    con = cipher.connect(db.sqlite_path, db.key)
    con.execute("PRAGMA synchronous=OFF")
    rows = []
    for n in range(count):
        at = start + timedelta(seconds=n)
        changes = {"fields": ["notes"]} if n % 3 else {}
        values = [at.isoformat(), 1, "desk-2", "print", "treatment_session", n % 500 + 1,
                  n % 60 + 1, f"Printed the aftercare sheet for session {n % 500 + 1}",
                  changes, None]  # fmt: skip
        content = canonical(values)
        hashed.append(previous.encode() + content)
        previous = link(previous, content)
        rows.append((at.strftime("%Y-%m-%d %H:%M:%S.%f"), *values[1:8],
                     json.dumps(changes), previous))  # fmt: skip
        if len(rows) == BATCH or n == count - 1:
            con.executemany(
                "INSERT INTO audit_event (at, practitioner_id, workstation, action, entity, "
                "entity_id, patient_id, summary, changes, chain_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            con.commit()
            rows = []
    con.close()
    return hashed


def median_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def plain_sha256(data: list[bytes]) -> None:
    for chunk in data:
        hashlib.sha256(chunk).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the database in DIR and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="chairside-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ[paths.DATA_DIR_ENV] = str(folder)
    try:
        db = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}")
        load_demo_data(db, patients=60, seed=3)
        began = time.perf_counter()
        hashed = append_entries(db, args.entries, datetime(2026, 1, 1, 8, 0))
        print(f"Built {args.entries:,} chained entries in {time.perf_counter() - began:.1f} s")
        with db.engine.connect() as conn:
            result = verify(conn)
        assert result.intact, result.problem
        print(result.line())

        full = median_of(args.repeat, lambda: integrity.check(db, full=True))
        baseline = median_of(args.repeat, lambda: plain_sha256(hashed))

        anchor = integrity.current_head(db)
        assert anchor is not None
        new = append_entries(db, NEW_AT_START, datetime(2026, 6, 1, 8, 0))

        def incremental() -> None:
            # Start each run from the same verified point.
            integrity._remember(
                db.url, integrity.VerifiedPoint(anchor, datetime.now(), datetime.now())
            )
            outcome = integrity.startup_check(db)
            assert outcome.intact and not outcome.full and outcome.entries == NEW_AT_START

        start_up = median_of(max(args.repeat, 5), incremental)
        start_baseline = median_of(max(args.repeat, 5), lambda: plain_sha256(new))
        size = sum(len(chunk) for chunk in hashed)
        print(f"audit --verify over {result.entries:,} entries ({size / 1e6:.0f} MB hashed): "
              f"median {full:.2f} s; plain SHA-256 over the same bytes: {baseline:.2f} s "
              f"({full / baseline:.1f}x)")  # fmt: skip
        print(f"start-up check of {NEW_AT_START} new entries: median {start_up * 1000:.1f} ms; "
              f"plain SHA-256 over the same bytes: {start_baseline * 1000:.3f} ms")  # fmt: skip
        db.dispose()
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
