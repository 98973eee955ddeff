"""The issued consent as a PDF, and its fingerprint.

The fingerprint is the SHA-256 of the consent's canonical content (``canonical_content``: the
filled-in text of both forms, the photo choices, the signature strokes and images, the names,
times, form versions and the consent's id, as sorted JSON). A document cannot print the hash
of its own bytes, so the page shows the first 16 characters of this content fingerprint and a
QR code carrying the consent id and that short form; the database keeps the full content
fingerprint *and* the SHA-256 of the exact PDF bytes issued, and the bytes themselves. A copy
is checked by hashing its bytes (``assistant.consent.verify``).

The PDF is built with ``invariant=1`` so the same content always gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assistant.aftercare import FONT, FONT_BOLD, printable, register_fonts
from assistant.consent.records import KEYWORD_PREFIX
from assistant.pdf import deferred_canvas

SHORT_FINGERPRINT_CHARS = 16
QR_PREFIX = "chairside-consent"
BODY_SIZE = 11.5
SIGNATURE_WIDTH = 6.5 * cm
SIGNATURE_HEIGHT = SIGNATURE_WIDTH / 3


@dataclass(frozen=True)
class SignatureBlock:
    role: str  # "Patient", "Parent or guardian (mother)", "Practitioner"
    name: str
    signed_at: datetime  # UTC
    png: bytes | None  # None: countersigned with a PIN, no drawn signature
    strokes: list[list[list[float]]] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class ConsentDocument:
    """Everything the issued PDF shows, and nothing else."""

    consent_id: int
    clinic_name: str
    patient_name: str
    areas: tuple[str, ...]  # plain names
    device: str
    title: str
    template_key: str
    template_version: int
    text: str
    photo_title: str
    photo_template_version: int
    photo_text: str
    photo_choices: tuple[tuple[str, bool], ...]  # (question, yes?)
    signed_on: date
    signatures: tuple[SignatureBlock, ...]
    # The audit chain's head when the consent was issued ("audit #N · hash"), printed in the
    # footer as an anchor outside the database; not part of the content fingerprint.
    record_anchor: str = ""


def canonical_content(document: ConsentDocument) -> bytes:
    """The document's content as sorted JSON: what the fingerprint is the hash of."""
    data = {
        "consent_id": document.consent_id,
        "clinic": document.clinic_name,
        "patient": document.patient_name,
        "areas": list(document.areas),
        "device": document.device,
        "form": [document.template_key, document.template_version, document.title],
        "text": document.text,
        "photo_form": [document.photo_template_version, document.photo_title],
        "photo_text": document.photo_text,
        "photo_choices": [[q, yes] for q, yes in document.photo_choices],
        "signed_on": document.signed_on.isoformat(),
        "signatures": [
            {
                "role": s.role,
                "name": s.name,
                "at": s.signed_at.isoformat(timespec="seconds"),
                "image_sha256": hashlib.sha256(s.png).hexdigest() if s.png else None,
                "strokes": s.strokes,
                "note": s.note,
            }
            for s in document.signatures
        ],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def fingerprint(document: ConsentDocument) -> str:
    return hashlib.sha256(canonical_content(document)).hexdigest()


def short_fingerprint(full: str) -> str:
    head = full[:SHORT_FINGERPRINT_CHARS].upper()
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))


def qr_payload(consent_id: int, full_fingerprint: str) -> str:
    return f"{QR_PREFIX}:{consent_id}:{full_fingerprint[:SHORT_FINGERPRINT_CHARS]}"


def stamp(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "consent_body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3, spaceAfter=5
    )
    return {
        "body": body,
        "small": ParagraphStyle("consent_small", parent=body, fontSize=9, leading=11.5),
        "title": ParagraphStyle(
            "consent_title", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20,
            spaceAfter=8,
        ),
        "heading": ParagraphStyle(
            "consent_heading", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16,
            spaceBefore=10, spaceAfter=4,
        ),
        "bold": ParagraphStyle("consent_bold", parent=body, fontName=FONT_BOLD),
    }  # fmt: skip


def _markup(text: str) -> str:
    return escape(printable(text))


def _text_flowables(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Paragraphs separated by blank lines; lines starting with "- " become a list."""
    story: list[Flowable] = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        items = [line[2:] for line in lines if line.startswith("- ")]
        prose = " ".join(line for line in lines if not line.startswith("- "))
        if prose:
            story.append(Paragraph(_markup(prose), styles["body"]))
        if items:
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(_markup(i), styles["body"]), leftIndent=14) for i in items],
                    bulletType="bullet",
                    bulletFontName=FONT,
                    leftIndent=14,
                )
            )
    return story


def _details(document: ConsentDocument, styles: dict[str, ParagraphStyle]) -> Table:
    rows = [
        ("Patient", document.patient_name),
        ("Planned areas", ", ".join(document.areas)),
        ("Device", document.device),
        ("Form", f"{document.title}, version {document.template_version}"),
        ("Signed on", document.signed_on.isoformat()),
    ]
    cells = [
        [Paragraph(_markup(k), styles["bold"]), Paragraph(_markup(v), styles["body"])]
        for k, v in rows
    ]
    table = Table(cells, colWidths=[3.5 * cm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey)]))  # fmt: skip
    return table


def _signature_table(document: ConsentDocument, styles: dict[str, ParagraphStyle]) -> Table:
    rows = []
    for block in document.signatures:
        if block.png:
            image: Flowable = Image(
                io.BytesIO(block.png), width=SIGNATURE_WIDTH, height=SIGNATURE_HEIGHT
            )
        else:
            image = Paragraph(_markup(block.note), styles["body"])
        who = f"<b>{_markup(block.role)}</b><br/>{_markup(block.name)}<br/>{stamp(block.signed_at)}"
        rows.append([Paragraph(who, styles["body"]), image])
    table = Table(rows, colWidths=[None, SIGNATURE_WIDTH + 0.4 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BOX", (1, 0), (1, -1), 0.5, colors.grey),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey)]))  # fmt: skip
    return table


class QrCode(Flowable):
    """A QR code drawn as one filled path (ReportLab's encoder; its widget draws each module
    as a separate shape, which is several times slower to lay out)."""

    BORDER = 4  # modules of white around the code, as the standard asks

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        self.code.addData(value)
        self.code.make()
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = self.code.getModuleCount()
        box = self.size / (count + 2 * self.BORDER)
        path = self.canv.beginPath()
        for r, row in enumerate(self.code.modules):
            y = self.size - (r + self.BORDER + 1) * box
            c = 0
            for dark, run in itertools.groupby(bool(m) for m in row):
                length = sum(1 for _ in run)
                if dark:  # one rectangle per run of dark modules
                    path.rect((c + self.BORDER) * box, y, length * box, box)
                c += length
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _evidence(document: ConsentDocument, full: str, styles: dict[str, ParagraphStyle]) -> Table:
    size = 3.2 * cm
    drawing = QrCode(qr_payload(document.consent_id, full), size)
    text = (
        f"<b>Consent {document.consent_id}</b> · fingerprint "
        f"<b>{short_fingerprint(full)}</b><br/>"
        f"Forms: {_markup(document.template_key)} version {document.template_version}, "
        f"photo version {document.photo_template_version}<br/>"
        "The fingerprint is the start of the SHA-256 of this consent's content; the clinic "
        "keeps the full fingerprint and the SHA-256 of this PDF, so any copy can be checked "
        "against the record."
    )
    table = Table([[Paragraph(text, styles["small"]), drawing]], colWidths=[None, size + 0.4 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey)]))  # fmt: skip
    return table


def render_pdf(document: ConsentDocument) -> tuple[bytes, str]:
    """The issued PDF's bytes and the full content fingerprint it shows."""
    full = fingerprint(document)
    styles = _styles()
    story: list[Flowable] = []
    if document.clinic_name:
        story.append(Paragraph(_markup(document.clinic_name), styles["small"]))
    story.append(Paragraph(_markup(document.title), styles["title"]))
    story.append(_details(document, styles))
    story.append(Spacer(1, 8))
    story += _text_flowables(document.text, styles)
    story.append(Paragraph(_markup(document.photo_title), styles["heading"]))
    story += _text_flowables(document.photo_text, styles)
    for question, yes in document.photo_choices:
        answer = "Yes" if yes else "No"
        story.append(Paragraph(f"<b>{answer}</b> — {_markup(question)}", styles["body"]))
    story.append(Paragraph("Signatures", styles["heading"]))
    story.append(KeepTogether([_signature_table(document, styles)]))
    story.append(Spacer(1, 10))
    story.append(KeepTogether([_evidence(document, full, styles)]))
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=printable(f"{document.title} — {document.patient_name}"),
        author=printable(document.clinic_name or "Chairside"),
        subject=f"Consent {document.consent_id}",
        keywords=f"{KEYWORD_PREFIX}{document.consent_id} fingerprint={full}",
        creator="Chairside",
        invariant=1,
    )
    footer = f"Consent {document.consent_id} · fingerprint {short_fingerprint(full)}"
    if document.record_anchor:
        footer += f" · {document.record_anchor}"

    def draw_footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.drawString(pdf.leftMargin, 1 * cm, footer)
        canvas.drawRightString(pdf.pagesize[0] - pdf.rightMargin, 1 * cm, f"Page {page} of {pages}")
        canvas.restoreState()

    pdf.build(story, canvasmaker=deferred_canvas(draw_footer))
    return buffer.getvalue(), full
