"""The recovery key sheet: one printed page to keep in the clinic's safe.

It holds the recovery key in large letters (8 groups of 4) and as a QR code (ReportLab's own
barcode widget), what it is for and how to use it. It names no patient. Writing it goes
through the output rules (``write_file_atomically``), owner-only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from assistant.files import write_file_atomically
from assistant.pdf.bidi import BidiParagraph
from assistant.pdf.page import Margins, build_pdf
from assistant.pdf.styles import markup, paragraph_style

QR_SIZE = 6 * cm


def _qr(code: str) -> Drawing:
    widget = QrCodeWidget(code, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x2 - x1), 0, 0, QR_SIZE / (y2 - y1), 0, 0]
    )
    drawing.add(widget)
    return drawing


def render_recovery_sheet(code: str, clinic: str, made_at: datetime) -> bytes:
    title = paragraph_style("RecoveryTitle", 20, bold=True, spaceAfter=12)
    body = paragraph_style("RecoveryBody", 11, spaceAfter=8)
    key = paragraph_style("RecoveryKey", 22, bold=True, leading=30, spaceBefore=10, spaceAfter=10)
    groups = code.split("-")
    story = [
        BidiParagraph(markup("Chairside recovery key"), title),
        BidiParagraph(markup(f"{clinic} — made {made_at:%d %B %Y, %H:%M}"), body),
        BidiParagraph(
            markup(
                "This key opens the clinic's encrypted Chairside database when every "
                "practitioner's PIN is lost. Keep this sheet in the safe; anyone who has it "
                "and a copy of the data folder can read the records."
            ),
            body,
        ),
        BidiParagraph(" ".join(groups[:4]) + "<br/>" + " ".join(groups[4:]), key),
        _qr(code),
        Spacer(1, 0.5 * cm),
        BidiParagraph(
            markup(
                'To use it: at the sign-in screen choose "Use the recovery key" and type the '
                "letters above (or on the command line: python main.py --recovery-key …), "
                "then choose a new PIN. It works together with the key file "
                "(chairside.sqlite3.keys) beside the database."
            ),
            body,
        ),
        BidiParagraph(
            markup(
                "A signed-in practitioner can make a new recovery key at any time; this one "
                "then stops working. Destroy this sheet when that happens."
            ),
            body,
        ),
    ]
    margin = 2 * cm
    pdf, _pages = build_pdf(
        story,
        page_size=A4,
        margins=Margins(margin, margin, margin, margin),
        footer=None,
        title="Chairside recovery key",
        author=clinic or "Chairside",
    )
    return pdf


def write_recovery_sheet(
    code: str, out: Path, *, clinic: str = "", force: bool = False, now: datetime | None = None
) -> Path:
    write_file_atomically(
        out, render_recovery_sheet(code, clinic, now or datetime.now()), force=force
    )
    return out
