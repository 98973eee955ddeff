"""How long autosave takes in a busy clinic's database.

Builds a SQLite database (the real schema, by migration) holding 1,000,000 signed sessions
with their zones and products, then times ``save_draft`` of a 10-zone draft about 200 times,
each save changing a field and one zone as typing does, and, as a baseline in the same run,
a bare one-row ``UPDATE`` with its commit. Target: median under 20 ms.

    python benchmarks/bench_session_save.py [--sessions 1000000] [--saves 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from assistant.access import cipher  # noqa: E402
from assistant.sessions import (  # noqa: E402
    ProductEntry,
    SessionDraft,
    ZoneEntry,
    create_draft,
    save_draft,
)
from assistant.storage.db import init_db  # noqa: E402

ZONES = ("forehead", "cheeks", "nose", "chin", "jawline", "neck", "scalp", "abdomen")
SESSIONS_PER_PATIENT = 4


def fill(path: Path, sessions: int, key: bytes | None = None) -> int:
    """Bulk insert patients, signed sessions, zones and products; returns the patient count.
    ``key``: the database's key when it is encrypted."""
    con = cipher.connect(path, key)
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "INSERT INTO practitioner (id, name, credentials, active, created_at) "
        "VALUES (1, 'Dr Naomi Clarke', '', 1, '2026-01-01 00:00:00')"
    )
    con.execute(
        "INSERT INTO device (id, make, model, serial, min_depth_mm, max_depth_mm, active)"
        " VALUES (1, 'Dermapen', '4', 'DP4-1', 0.1, 3.0, 1)"
    )
    patients = sessions // SESSIONS_PER_PATIENT + 1
    now = "2026-11-25 09:00:00.000000"
    con.executemany(
        "INSERT INTO patient (id, first_name, last_name, date_of_birth, phone, email, "
        "fitzpatrick, concerns, notes, created_at, updated_at) "
        "VALUES (?, ?, ?, '1980-01-01', '07700 900000', '', ?, '[]', '', ?, ?)",
        (
            (i, f"First{i}", f"Last{i}", 1 + i % 6, now, now)
            for i in range(1, patients + 1)
        ),
    )
    start = datetime(2020, 1, 1, 9, 0)

    def session_rows() -> object:
        for sid in range(1, sessions + 1):
            patient = 1 + (sid - 1) // SESSIONS_PER_PATIENT
            treated = start + timedelta(hours=sid % 50_000, days=(sid % 4) * 35)
            yield (
                sid,
                patient,
                treated.isoformat(sep=" "),
                f"LOT-{sid % 997}",
                treated.date().isoformat(),
                now,
                now,
            )

    con.executemany(
        "INSERT INTO treatment_session (id, patient_id, practitioner_id, state, treated_at, "
        "consent_on_file, photos_taken, device_id, cartridge_needles, cartridge_lot, "
        "anaesthetic_product, anaesthetic_strength, reactions, adverse_events, post_care, "
        "notes, warnings, course_number, course_total, signed_at, signed_by_id, created_at, "
        "updated_at) VALUES (?, ?, 1, 'signed', ?, 1, 1, 1, '16', ?, '', '', '', '', '', '', "
        "'[]', NULL, NULL, ?, 1, ?, ?)",
        session_rows(),  # type: ignore[arg-type]
    )
    con.executemany(
        "INSERT INTO zone_treatment (session_id, position, zone, depth_mm, passes, speed, "
        "endpoint, notes) VALUES (?, ?, ?, ?, 2, '8', 'erythema', '')",
        (
            (sid, pos, ZONES[(sid + pos) % len(ZONES)], 0.5 + 0.25 * pos)
            for sid in range(1, sessions + 1)
            for pos in range(3)
        ),
    )
    con.executemany(
        "INSERT INTO product_use (session_id, position, product_name, kind, lot_number) "
        "VALUES (?, 0, 'Hyaluronic acid 1.5%', 'glide', ?)",
        ((sid, f"HA-{sid % 89}") for sid in range(1, sessions + 1)),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return patients


def ten_zone_draft(treated_at: datetime, edit: int) -> SessionDraft:
    zones = tuple(
        ZoneEntry(ZONES[i % len(ZONES)], 0.5 + 0.25 * (i % 4), 2, "8", "erythema", "")
        for i in range(10)
    )
    # One zone and the notes change with every save, as they do while typing.
    changed = replace(zones[edit % 10], depth_mm=0.25 + 0.25 * (edit % 4), notes=f"n{edit}")
    zones = zones[: edit % 10] + (changed,) + zones[edit % 10 + 1 :]
    return SessionDraft(
        treated_at=treated_at,
        practitioner_id=1,
        device_id=1,
        cartridge_needles="16",
        cartridge_lot="DP16-2611A",
        cartridge_expiry=date(2030, 1, 1),
        consent_on_file=True,
        tolerance=edit % 11,
        notes=f"Typing the notes, edit {edit}",
        zones=zones,
        products=(ProductEntry(None, "Hyaluronic acid 1.5%", "glide", "HA-2604"),),
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="chairside-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        made = init_db(url, encrypt=False)  # the schema, by migration
        made.dispose()
        began = time.perf_counter()
        patients = fill(path, args.sessions)
        print(
            f"Filled {args.sessions:,} sessions ({3 * args.sessions:,} zones, "
            f"{patients:,} patients) in {time.perf_counter() - began:.1f} s; "
            f"file {path.stat().st_size / 1e6:.0f} MB"
        )
    db = init_db(url)
    with db.session() as session:
        total = session.execute(text("SELECT count(*) FROM treatment_session")).scalar()
    print(f"Database {path}: {total:,} sessions")

    patient = 1 + args.sessions // (2 * SESSIONS_PER_PATIENT)  # one in the middle, with history
    treated_at = datetime(2026, 11, 25, 10, 0)
    session_id = create_draft(db, patient, 1, treated_at=treated_at)
    save_draft(db, session_id, ten_zone_draft(treated_at, 0), 1)  # first save adds the zones

    timings: list[float] = []
    for edit in range(1, args.saves + 1):
        draft = ten_zone_draft(treated_at, edit)
        began = time.perf_counter()
        save_draft(db, session_id, draft, 1)
        timings.append((time.perf_counter() - began) * 1000)

    baseline: list[float] = []
    for edit in range(args.saves):
        began = time.perf_counter()
        with db.engine.begin() as conn:
            conn.execute(
                text("UPDATE treatment_session SET notes = :n WHERE id = :id"),
                {"n": f"baseline {edit}", "id": session_id},
            )
        baseline.append((time.perf_counter() - began) * 1000)
    db.dispose()

    median = statistics.median(timings)
    print(
        f"save_draft, 10 zones, {args.saves} saves: median {median:.2f} ms, "
        f"p95 {percentile(timings, 0.95):.2f} ms, max {max(timings):.2f} ms"
    )
    print(
        f"baseline one-row UPDATE + commit: median {statistics.median(baseline):.2f} ms, "
        f"p95 {percentile(baseline, 0.95):.2f} ms"
    )
    verdict = "meets" if median < 20 else "MISSES"
    print(f"Target median < 20 ms: {verdict}")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if median < 20 else 1


if __name__ == "__main__":
    sys.exit(main())
