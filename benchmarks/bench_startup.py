"""Start-up cost of Chairside's main window against a bare PySide6 window.

Each case runs in a fresh Python process (so peak memory is that process's own), shows its
window, lets Qt paint it, closes it and exits. The Chairside case opens a database holding
10,000 demo patients, built once before timing. Prints medians over --runs runs.

    python benchmarks/bench_startup.py [--runs 7] [--patients 10000]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()
window.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# The floor set by the design card: the bare window plus importing SQLAlchemy's ORM.
ORM_FLOOR = BARE.replace("import resource, sys", "import resource, sys\nimport sqlalchemy.orm")

CHAIRSIDE = """
import resource, sys
from ui.app import ChairsideApplication
app = ChairsideApplication(sys.argv[:1])
from assistant.context import AppContext
from ui.app_context import GuiContext
from ui.main_window import MainWindow
context = AppContext.from_options()
db = context.database()
window = MainWindow(GuiContext.for_database(db, context.settings, locations=context.locations))
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()
rows = window.patient_list.model.rowCount()
total = window.patient_list.model.total
window.close()
db.dispose()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, rows, total, file=sys.stderr)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def compiled_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` for a fresh process that runs from compiled bytecode, as an installed
    Chairside does (the desktop bundle ships it; pip writes it at the first start): the
    project's modules are compiled now, and a ``PYTHONDONTWRITEBYTECODE`` in the caller's
    environment would otherwise have every run compile every module again."""
    for folder in ("assistant", "ui"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_case(code: str, env: dict[str, str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stdout.strip().splitlines()[-1]), result.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--patients", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHAIRSIDE_DATA_DIR": folder}
        env.pop("CHAIRSIDE_DATABASE_URL", None)
        env = compiled_env(env)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "main.py", "demo", "--patients", str(args.patients)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        print(
            f"database with {args.patients:,} demo patients built in "
            f"{time.perf_counter() - start:.1f} s"
        )
        # Warm the disk cache and the bytecode cache once for each case.
        run_case(BARE, env)
        run_case(CHAIRSIDE, env)
        bare_t, bare_m, chair_t, chair_m, floor_t, floor_m = [], [], [], [], [], []
        loaded = ""
        for _ in range(args.runs):
            t, m, _err = run_case(BARE, env)
            bare_t.append(t)
            bare_m.append(m)
            t, m, _err = run_case(ORM_FLOOR, env)
            floor_t.append(t)
            floor_m.append(m)
            t, m, loaded = run_case(CHAIRSIDE, env)
            chair_t.append(t)
            chair_m.append(m)

    def row(name: str, times: list[float], mem: list[int]) -> tuple[float, float]:
        t = statistics.median(times)
        m = statistics.median(mem) / 1024
        print(
            f"{name:<34} {t * 1000:8.0f} ms   {m:7.1f} MiB   "
            f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)"
        )
        return t, m

    print(f"median of {args.runs} runs, each a fresh process: show, paint, close")
    bt, bm = row("bare PySide6 window", bare_t, bare_m)
    ft, fm = row("bare window + import sqlalchemy.orm", floor_t, floor_m)
    ct, cm = row(f"Chairside main window, {args.patients:,} pts", chair_t, chair_m)
    _rss, rows, total = loaded.split()[-3:]
    print(f"patient rows loaded at start: {rows} of {total}")
    print(f"ratio: time {ct / bt:.2f}x, peak memory {cm / bm:.2f}x  (target: both <= 2x)")
    print(f"floor (ORM import alone): time {ft / bt:.2f}x, peak memory {fm / bm:.2f}x")


if __name__ == "__main__":
    main()
