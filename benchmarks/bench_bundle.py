"""Start-up of the built bundle against ``python main.py``, and the bundle's size.

Each command runs as its own process, alternately, ``--runs`` times after one warm-up each
(so the files are in the page cache for both): ``--version`` (start, parse, exit) and
``--smoke-test`` (database, main window offscreen, an aftercare sheet). Prints min, median
and max of each, and the ratio of the medians. Build the bundle first:

    python packaging/build.py --no-archive && python benchmarks/bench_bundle.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "Chairside"


def timed(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def folder_size(path: Path) -> int:
    return sum(item.lstat().st_size for item in path.rglob("*") if not item.is_dir())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    program = BUNDLE / "Chairside"
    if not program.exists():
        print("bench_bundle: build the bundle first: python packaging/build.py", file=sys.stderr)
        return 2
    print(f"bundle: {BUNDLE} {folder_size(BUNDLE) / 2**20:.0f} MiB")
    for option in ("--version", "--smoke-test"):
        commands = {
            "bundle": [str(program), option],
            "python main.py": [sys.executable, "main.py", option],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            timed(command)  # warm-up
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, values in times.items():
            print(
                f"{option:13} {name:15} min {min(values) * 1000:6.0f} ms  "
                f"median {medians[name] * 1000:6.0f} ms  max {max(values) * 1000:6.0f} ms"
            )
        ratio = medians["bundle"] / medians["python main.py"]
        print(f"{option:13} bundle / python main.py: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
