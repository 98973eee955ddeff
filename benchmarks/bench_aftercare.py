"""Time to produce a typical aftercare sheet, in each language, against a bare ReportLab page
set in the same font.

Everything runs in this one process, after one warm-up each (fonts registered, template
read, as in the running app): the typical sheet is ``render_sheet`` for a patient with three
zones, to PDF bytes, in each language (and in large print); its bare page is a
SimpleDocTemplate with one paragraph in that language's font (Noto Sans with Arabic, shaped
right to left for Arabic; Droid Sans Fallback for Chinese). Prints the median, min and max of
each, and the ratio of the medians.

    python benchmarks/bench_aftercare.py [--runs 30] [--languages en,es,ar]

Target: a median of 50 ms or less per sheet. The ratio to the bare page is printed for
reference: a sheet lays out a few hundred paragraphs in tables, the bare page one. On a
shared machine read the CPU medians: wall-clock times there include other work.

The warm-up also fills what the app keeps between sheets
(``assistant.pdf.reportlab_internals``: font subsets, Arabic words shaped); the first sheet
in a language after start-up costs about 30 ms more. Measured on the 2-core CI machine
(medians, ``--runs 30``): Chinese 22.0 -> 18.2 ms, Arabic 27.8 -> 18.5 ms, English 10.5 ->
9.6 ms once subsets and shaped words were kept.
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

from dataclasses import replace  # noqa: E402

from reportlab.lib.enums import TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from assistant.aftercare import (  # noqa: E402
    LANGUAGES,
    AftercareSheet,
    ClinicProfile,
    load_template,
    render_sheet,
)
from assistant.pdf.fonts import register_family  # noqa: E402

TARGET_MS = 50.0


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


def bare_page_maker(code: str) -> Callable[[], bytes]:
    """One paragraph of the language's own text, in its font (shaped and right to left
    where the sheet is)."""
    language = LANGUAGES[code]
    font = register_family(language.family).regular
    options: dict[str, object] = {}
    if language.rtl:
        options = {"wordWrap": "RTL", "shaping": 1, "alignment": TA_RIGHT}
    elif language.family == "cjk":
        options = {"wordWrap": "CJK"}
    style = ParagraphStyle("bench", fontName=font, fontSize=11.5, leading=14, **options)
    text = load_template(language=code).intro

    def make() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4)
        doc.build([Paragraph(text, style)])
        return buffer.getvalue()

    return make


CPU_TIMES: dict[int, list[float]] = {}  # id(wall-clock list) -> the same runs' CPU times


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock times in ms (the CPU times of the same runs are kept for ``describe``: on
    a busy machine they show the work itself)."""
    fn()  # warm-up: fonts, template, imports
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    CPU_TIMES[id(times)] = cpu
    return times


def describe(label: str, times: list[float]) -> str:
    cpu = CPU_TIMES.get(id(times), [])
    return (
        f"{label:<22} median {statistics.median(times):6.1f} ms   "
        f"min {min(times):6.1f} ms   max {max(times):6.1f} ms"
        + (f"   CPU median {statistics.median(cpu):6.1f} ms" if cpu else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args()

    cases = [(code, False) for code in args.languages.split(",")] + [("en", True)]
    print(f"{args.runs} runs each (after one warm-up), against a bare page in the same font")
    ok = True
    for code, large in cases:
        sheet = replace(typical_sheet(), language=code, large_print=large)
        template = load_template(language=code)
        pages = render_sheet(sheet, template).pages
        bare_times = timed(bare_page_maker(code), args.runs)
        sheet_times = timed(lambda s=sheet, t=template: render_sheet(s, t), args.runs)
        bare_median = statistics.median(bare_times)
        sheet_median = statistics.median(sheet_times)
        ratio = sheet_median / bare_median
        met = sheet_median <= TARGET_MS
        ok = ok and met
        name = f"{code}{' large print' if large else ''} ({pages} p.)"
        print(describe(f"{code} bare page", bare_times))
        print(describe(name, sheet_times) + f"   {ratio:5.1f}x  {'met' if met else 'MISSED'}")
    print(
        f"target: median <= {TARGET_MS:.0f} ms for every sheet: " + ("met" if ok else "MISSED")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
