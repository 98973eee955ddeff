"""Time to produce a typical aftercare sheet against a bare ReportLab page.

Both run in this one process, after one warm-up each (fonts registered, template read, as in
the running app): the typical sheet is ``render_sheet`` for a patient with three zones, to
PDF bytes; the bare page is a SimpleDocTemplate with the same DejaVu Sans font registered and
one paragraph. Prints min, median and max of each, and the ratio of the medians.

    python benchmarks/bench_aftercare.py [--runs 30]

Targets: a median of 50 ms or less, and no more than 3 times the bare page.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from assistant.aftercare import (  # noqa: E402
    AftercareSheet,
    ClinicProfile,
    load_template,
    render_sheet,
)
from assistant.resources import resource_path  # noqa: E402

TARGET_MS = 50.0
TARGET_RATIO = 3.0


def typical_sheet() -> AftercareSheet:
    return AftercareSheet(
        clinic=ClinicProfile(
            name="Riverside Skin Clinic",
            address="14 Mill Lane\nKingston upon Thames\nKT1 2AB",
            phone="020 7946 0321",
            out_of_hours_phone="07700 900123",
            logo_path=None,
            paper_size="A4",
        ),
        patient_name="Zoë Łukasiewicz-Nguyễn",
        practitioner="Amira Haddad",
        treated_at=datetime(2026, 11, 24, 15, 30),
        zones=("cheeks", "forehead", "nose"),
        next_session=None,
        interval_weeks=4,
    )


def bare_page_maker() -> Callable[[], bytes]:
    pdfmetrics.registerFont(TTFont("BenchSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    style = ParagraphStyle("bench", fontName="BenchSans", fontSize=11.5, leading=14)

    def make() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4)
        doc.build([Paragraph("Keep your skin clean and out of direct sun.", style)])
        return buffer.getvalue()

    return make


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up: fonts, template, imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def describe(label: str, times: list[float]) -> str:
    return (
        f"{label:<16} median {statistics.median(times):6.1f} ms   "
        f"min {min(times):6.1f} ms   max {max(times):6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    sheet = typical_sheet()
    template = load_template()
    pages = render_sheet(sheet, template).pages
    bare = bare_page_maker()

    bare_times = timed(bare, args.runs)
    sheet_times = timed(lambda: render_sheet(sheet, template), args.runs)
    bare_median = statistics.median(bare_times)
    sheet_median = statistics.median(sheet_times)
    ratio = sheet_median / bare_median

    print(f"{args.runs} runs each (after one warm-up); the sheet has {pages} page(s)")
    print(describe("bare page", bare_times))
    print(describe("aftercare sheet", sheet_times))
    print(f"ratio of medians {ratio:.2f}x")
    ok = sheet_median <= TARGET_MS and ratio <= TARGET_RATIO
    print(
        f"targets: median <= {TARGET_MS:.0f} ms and <= {TARGET_RATIO:.0f}x the bare page: "
        + ("met" if ok else "MISSED")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
