"""Time to produce a consent PDF (full text, signature image, QR code) against a bare
ReportLab page with the same font, in this one process after one warm-up each.

    python benchmarks/bench_consent.py [--runs 20]

Prints min, median and max of: the consent PDF (``render_pdf``), the signature PNG
(``render_png``), the bare page; and the ratio of the medians of the PDF and the bare page.
Issuing also checks the practitioner's PIN (argon2, by design slow) and stores the row.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from assistant.aftercare import FONT, register_fonts  # noqa: E402
from assistant.consent.document import ConsentDocument, SignatureBlock, render_pdf  # noqa: E402
from assistant.consent.signature import normalise_strokes, render_png  # noqa: E402
from assistant.demo.clinic import demo_signature  # noqa: E402
from assistant.resources import load_toml  # noqa: E402


def typical_document() -> ConsentDocument:
    forms = load_toml("consent.toml")["templates"]
    strokes = normalise_strokes(demo_signature(7), "signature")
    png = render_png(strokes)
    at = datetime(2026, 11, 25, 10, 0)
    text = forms["microneedling"]["body"].format(
        patient_name="Zoë Łukasiewicz", areas="Cheeks, Forehead", device="Dermapen 4",
        practitioner="Dr Naomi Clarke",
    )  # fmt: skip
    return ConsentDocument(
        consent_id=1234,
        clinic_name="Harbour Skin Clinic",
        patient_name="Zoë Łukasiewicz",
        areas=("Cheeks", "Forehead"),
        device="Dermapen 4",
        title=forms["microneedling"]["title"],
        template_key="microneedling",
        template_version=3,
        text=text,
        photo_title=forms["photo"]["title"],
        photo_template_version=1,
        photo_text=forms["photo"]["body"].format(patient_name="Zoë Łukasiewicz"),
        photo_choices=(("Own record", True), ("Training", False), ("Marketing", False)),
        signed_on=date(2026, 11, 25),
        signatures=(
            SignatureBlock("Patient", "Zoë Łukasiewicz", at, png),
            SignatureBlock("Practitioner", "Dr Naomi Clarke", at, None, note="PIN"),
        ),
    )


def bare_page() -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    style = ParagraphStyle("bare", fontName=FONT, fontSize=11.5)
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph("Consent", style)])
    return buffer.getvalue()


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    document = typical_document()
    strokes = normalise_strokes(demo_signature(7), "signature")
    results = {
        "consent PDF": timed(lambda: render_pdf(document), runs),
        "signature PNG": timed(lambda: render_png(strokes), runs),
        "bare page": timed(bare_page, runs),
    }
    for name, times in results.items():
        print(
            f"{name:14} min {min(times):7.1f} ms  median {statistics.median(times):7.1f} ms  "
            f"max {max(times):7.1f} ms"
        )
    ratio = statistics.median(results["consent PDF"]) / statistics.median(results["bare page"])
    print(f"consent PDF / bare page (medians): {ratio:.2f}x")


if __name__ == "__main__":
    main()
