"""What encryption at rest costs at the chair: opening the database and saving a draft,
encrypted (SQLCipher, raw 256-bit key) against plain SQLite, in the same run.

Builds two databases with the same demo clinic (``load_demo_data``: patients with signed
sessions, zones, products, consents), one plain and one encrypted, then times, alternating:
opening (``init_db`` with its checks, one query, closing) and ``save_draft`` of a 10-zone draft
as typing changes it. Prints the medians and the ratio. Target: encrypted within 1.2x.

    python benchmarks/bench_encryption.py [--patients 400] [--opens 30] [--saves 200]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from assistant.access.cipher import new_key  # noqa: E402
from assistant.demo.clinic import load_demo_data  # noqa: E402
from assistant.sessions import create_draft, save_draft  # noqa: E402
from assistant.storage.db import Database, init_db  # noqa: E402
from benchmarks.bench_session_save import ten_zone_draft  # noqa: E402

TARGET = 1.2


def build(folder: Path, patients: int, key: bytes | None) -> str:
    path = folder / ("encrypted.sqlite3" if key else "plain.sqlite3")
    url = f"sqlite:///{path}"
    db = init_db(url, key=key, encrypt=key is not None, create=True)
    load_demo_data(db, patients=patients, seed=2026)
    db.dispose()
    return url


def open_once(url: str, key: bytes | None) -> float:
    began = time.perf_counter()
    db = init_db(url, key=key, create=False)
    with db.session() as session:
        session.execute(text("SELECT count(*) FROM patient")).scalar()
    elapsed = time.perf_counter() - began
    db.dispose()
    return elapsed * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=400)
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chairside-bench-enc-"))
    key = new_key()
    try:
        began = time.perf_counter()
        urls = {
            "plain": build(folder, args.patients, None),
            "encrypted": build(folder, args.patients, key),
        }
        keys = {"plain": None, "encrypted": key}
        print(
            f"Built two databases of {args.patients:,} demo patients "
            f"in {time.perf_counter() - began:.1f} s"
        )

        opens: dict[str, list[float]] = {"plain": [], "encrypted": []}
        for _ in range(args.opens):
            for kind in ("plain", "encrypted"):
                opens[kind].append(open_once(urls[kind], keys[kind]))

        dbs: dict[str, Database] = {k: init_db(urls[k], key=keys[k], create=False) for k in urls}
        patient = 1 + args.patients // 2
        treated_at = datetime(2026, 11, 25, 10, 0)
        drafts = {}
        for kind, db in dbs.items():
            drafts[kind] = create_draft(db, patient, 1, treated_at=treated_at)
            save_draft(db, drafts[kind], ten_zone_draft(treated_at, 0), 1)
        saves: dict[str, list[float]] = {"plain": [], "encrypted": []}
        for edit in range(1, args.saves + 1):
            for kind, db in dbs.items():
                draft = ten_zone_draft(treated_at, edit)
                began = time.perf_counter()
                save_draft(db, drafts[kind], draft, 1)
                saves[kind].append((time.perf_counter() - began) * 1000)
        for db in dbs.values():
            db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    worst = 0.0
    for label, timings in (("open the database", opens), ("save a draft (10 zones)", saves)):
        plain, encrypted = (
            statistics.median(timings["plain"]),
            statistics.median(timings["encrypted"]),
        )
        ratio = encrypted / plain
        worst = max(worst, ratio)
        print(
            f"{label}: plain median {plain:.2f} ms, encrypted median {encrypted:.2f} ms "
            f"({ratio:.2f}x)"
        )
    verdict = "meets" if worst <= TARGET else "MISSES"
    print(f"Target encrypted within {TARGET}x of plain: {verdict}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
