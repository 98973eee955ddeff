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
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assistant.consent.fingerprint import KEYWORD_PREFIX, SHORT_FINGERPRINT_CHARS, short_fingerprint
from assistant.consent.templates import areas_text, labels
from assistant.pdf import FONT, deferred_canvas, printable, register_fonts
from assistant.pdf.bidi import BidiParagraph
from assistant.pdf.families import family_markup, printable_any, register_family
from assistant.text.languages import DEFAULT_LANGUAGE, format_birth_date, format_day, language

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
    language: str = DEFAULT_LANGUAGE  # the forms' language; the PDF is set in it
    patient_born: date | None = None  # beside the name: two patients may share one
    # the clinic's time zone ("Europe/London"), in which the signing times are printed with
    # their offset; "" for the zone of the computer printing it
    time_zone: str = ""


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
    # Consents in English, and every consent issued before forms had a language, were
    # fingerprinted without this key: it is added only for another language, so theirs stay
    # what they were.
    if document.language != DEFAULT_LANGUAGE:
        data["language"] = document.language
    # and so were consents printed before the date of birth and the time zone were
    if document.patient_born is not None:
        data["patient_born"] = document.patient_born.isoformat()
    if document.time_zone:
        data["time_zone"] = document.time_zone
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def fingerprint(document: ConsentDocument) -> str:
    return hashlib.sha256(canonical_content(document)).hexdigest()


def qr_payload(consent_id: int, full_fingerprint: str) -> str:
    return f"{QR_PREFIX}:{consent_id}:{full_fingerprint[:SHORT_FINGERPRINT_CHARS]}"


def stamp(moment: datetime, zone: str = "") -> str:
    """A UTC moment in the clinic's time zone with its offset: "2026-06-15 14:25 BST
    (UTC+01:00)"; in the zone of this computer when ``zone`` is ""."""
    utc = moment.replace(tzinfo=UTC)
    local = utc.astimezone(ZoneInfo(zone)) if zone else utc.astimezone()
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:5]}"
    name = local.tzname() or ""
    shown = f" {name}" if name.isalpha() else ""  # "BST", not "+01"
    return f"{local:%Y-%m-%d %H:%M}{shown} ({offset})"


def local_zone_name() -> str:
    """This computer's time zone by its name ("Europe/London"), or "" when the system does
    not say (its offset is printed all the same)."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.path.realpath("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
            except (ValueError, ZoneInfoNotFoundError):
                continue
            return name
    return ""


@dataclass(frozen=True)
class _Look:
    """The consent's text in its language: the family's fonts, the direction, the styles and
    the fixed words."""

    code: str
    family: str
    rtl: bool
    styles: dict[str, ParagraphStyle]
    words: dict[str, str]

    def text(self, value: str, bold: bool = False) -> str:
        return family_markup(value, self.family, bold)

    def para(
        self, value: str, style: str = "body", bold: bool = False, typed: bool = False
    ) -> Paragraph:
        """``typed``: read in the direction of its first letter (a name, a time stamp)."""
        return BidiParagraph(self.text(value, bold), self.styles[style], auto_direction=typed)

    def row(self, cells: list[Any]) -> list[Any]:
        """A table row in reading order: mirrored right to left."""
        return cells[::-1] if self.rtl else cells


@cache
def _look(code: str) -> _Look:
    lang = language(code)
    register_fonts()
    family = register_family(lang.family)
    options: dict[str, Any] = {"alignment": TA_RIGHT if lang.rtl else TA_LEFT}
    if lang.rtl:
        options.update(wordWrap="RTL", shaping=1)
    elif lang.family == "cjk":
        options.update(wordWrap="CJK")

    def style(name: str, size: float, leading: float, bold: bool = False,
              **extra: Any) -> ParagraphStyle:  # fmt: skip
        return ParagraphStyle(
            f"consent_{name}_{lang.code}", fontName=family.bold if bold else family.regular,
            fontSize=size, leading=leading, **{"spaceAfter": 5, **options, **extra},
        )  # fmt: skip

    latin = register_family("noto")
    indent: dict[str, Any] = {
        "rightIndent" if lang.rtl else "leftIndent": 14,
        "bulletIndent": 2, "bulletFontName": latin.regular,
    }  # fmt: skip
    styles = {
        "body": style("body", BODY_SIZE, BODY_SIZE * 1.3),
        "item": style("item", BODY_SIZE, BODY_SIZE * 1.3, spaceAfter=2, **indent),
        "small": style("small", 9, 11.5),
        "footer": style("footer", 8.5, 10.5, spaceAfter=0),
        "footer_end": style(
            "footer_end", 8.5, 10.5, spaceAfter=0, alignment=TA_LEFT if lang.rtl else TA_RIGHT
        ),
        "title": style("title", 16, 20, bold=True, spaceAfter=8),
        "heading": style("heading", 13, 16, bold=True, spaceBefore=10, spaceAfter=4,
                         keepWithNext=1),
        "bold": style("bold", BODY_SIZE, BODY_SIZE * 1.3, bold=True),
    }
    return _Look(lang.code, lang.family, lang.rtl, styles, labels(lang.code))


def _text_flowables(text: str, lk: _Look) -> list[Flowable]:
    """Paragraphs separated by blank lines; lines starting with "- " become a list."""
    story: list[Flowable] = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        items = [line[2:] for line in lines if line.startswith("- ")]
        prose = " ".join(line for line in lines if not line.startswith("- "))
        if prose:
            story.append(lk.para(prose))
        for item in items:  # the bullet at the start of the line (on the right, in Arabic)
            story.append(BidiParagraph(lk.text(item), lk.styles["item"], bulletText="•"))
        if items:
            story.append(Spacer(1, 3))
    return story


def _details(document: ConsentDocument, lk: _Look) -> Table:
    w = lk.words
    rows = [
        (w["patient"], document.patient_name),
        *([(w["date_of_birth"], format_birth_date(document.patient_born, lk.code))]
          if document.patient_born is not None else []),
        (w["areas"], areas_text(document.areas, lk.code)),
        (w["device"], document.device),
        (w["form"], w["form_version"].format(title=document.title,
                                             version=document.template_version)),
        (w["signed_on"], format_day(document.signed_on, lk.code)),
    ]  # fmt: skip
    cells = [lk.row([lk.para(k, "bold", bold=True), lk.para(v)]) for k, v in rows]
    # the labels' column as wide as the longest label, within reason
    family = register_family(lk.family)
    widest = max(stringWidth(printable_any(k), family.bold, BODY_SIZE) for k, _ in rows)
    label_width = min(max(3.2 * cm, widest + 14), 6 * cm)
    table = Table(cells, colWidths=lk.row([label_width, None]))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey)]))  # fmt: skip
    return table


def _signature_table(document: ConsentDocument, lk: _Look) -> Table:
    rows = []
    for block in document.signatures:
        if block.png:
            image: Flowable = Image(
                io.BytesIO(block.png), width=SIGNATURE_WIDTH, height=SIGNATURE_HEIGHT
            )
        else:
            image = lk.para(block.note)
        # one paragraph per line: right to left, ReportLab orders words within one weight
        who = [
            lk.para(block.role, "bold", bold=True),
            lk.para(block.name),
            lk.para(stamp(block.signed_at, document.time_zone), typed=True),
        ]
        rows.append(lk.row([who, image]))
    table = Table(rows, colWidths=lk.row([None, SIGNATURE_WIDTH + 0.4 * cm]))
    box = 0 if lk.rtl else 1
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BOX", (box, 0), (box, -1), 0.5, colors.grey),
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


def evidence_line(document: ConsentDocument, full: str, words: dict[str, str]) -> str:
    """ "Consent 12 · fingerprint 3FA2-…" in the document's language."""
    return words["evidence_head"].format(
        consent=document.consent_id, fingerprint=short_fingerprint(full)
    )


def _evidence(document: ConsentDocument, full: str, lk: _Look) -> Table:
    size = 3.2 * cm
    drawing = QrCode(qr_payload(document.consent_id, full), size)
    w = lk.words
    forms = w["forms"].format(
        form=document.template_key, version=document.template_version,
        photo_version=document.photo_template_version,
    )  # fmt: skip
    text = [
        lk.para(evidence_line(document, full, w), "small", bold=True),
        lk.para(forms, "small"),
        lk.para(w["evidence"], "small"),
    ]
    table = Table([lk.row([text, drawing])], colWidths=lk.row([None, size + 0.4 * cm]))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey)]))  # fmt: skip
    return table


def _choice(lk: _Look, question: str, yes: bool) -> Paragraph:
    answer = lk.words["yes"] if yes else lk.words["no"]
    # the dash goes through the family's markup too: Droid Sans Fallback has none
    return BidiParagraph(f"<b>{lk.text(answer, bold=True)}</b> {lk.text('— ' + question)}",
                     lk.styles["body"])  # fmt: skip


def _last_paragraph(story: list[Flowable]) -> list[Flowable]:
    """The end of ``story`` from its last paragraph of text (with the spacing after it)."""
    start = len(story)
    while start > 0 and not isinstance(story[start - 1], Paragraph):
        start -= 1
    start = max(start - 1, 0)
    while start > 0 and getattr(story[start - 1].style, "keepWithNext", False):
        start -= 1  # its heading comes with it
    return story[start:]


def render_pdf(document: ConsentDocument) -> tuple[bytes, str]:
    """The issued PDF's bytes and the full content fingerprint it shows, set in the
    document's language (its fonts, its direction, its words and dates)."""
    full = fingerprint(document)
    lk = _look(document.language)
    story: list[Flowable] = []
    if document.clinic_name:
        story.append(lk.para(document.clinic_name, "small"))
    story.append(lk.para(document.title, "title", bold=True))
    story.append(_details(document, lk))
    story.append(Spacer(1, 8))
    story += _text_flowables(document.text, lk)
    story.append(lk.para(document.photo_title, "heading", bold=True))
    story += _text_flowables(document.photo_text, lk)
    # the last paragraph (and the photo choices after it) stays with the signatures: they
    # sign what stands above them
    last = _last_paragraph(story)
    del story[len(story) - len(last) :]
    last += [_choice(lk, question, yes) for question, yes in document.photo_choices]
    signatures = lk.para(lk.words["signatures"], "heading", bold=True)
    story.append(KeepTogether([*last, signatures, _signature_table(document, lk)]))
    story.append(Spacer(1, 10))
    story.append(KeepTogether([_evidence(document, full, lk)]))
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=printable_any(f"{document.title} — {document.patient_name}"),
        author=printable_any(document.clinic_name or "Chairside"),
        subject=f"Consent {document.consent_id}",
        keywords=f"{KEYWORD_PREFIX}{document.consent_id} fingerprint={full}",
        creator="Chairside",
        invariant=1,
    )
    footer = evidence_line(document, full, lk.words)
    anchor = printable(document.record_anchor)
    if anchor and not lk.rtl:
        footer += f" · {anchor}"

    def draw_footer(canvas: Canvas, page: int, pages: int) -> None:
        left, right = pdf.leftMargin, pdf.pagesize[0] - pdf.rightMargin
        number = lk.para(lk.words["page"].format(page=page, pages=pages), "footer_end")
        number_width = 4 * cm
        text = lk.para(footer, "footer")
        _, height = text.wrapOn(canvas, right - left - number_width - 12, 3 * cm)
        number.wrapOn(canvas, number_width, 3 * cm)
        top = 1 * cm + 8.5  # the first baseline stays 1 cm above the page's edge
        if lk.rtl:  # text on the right, the page number on the left
            text.drawOn(canvas, left + number_width + 12, top - height)
            number.drawOn(canvas, left, top - number.height)
        else:
            text.drawOn(canvas, left, top - height)
            number.drawOn(canvas, right - number_width, top - number.height)
        if anchor and lk.rtl:  # the audit chain's head, left to right below the line
            canvas.saveState()
            canvas.setFont(FONT, 7)
            canvas.drawString(left, top - height - 9, anchor)
            canvas.restoreState()

    pdf.build(story, canvasmaker=deferred_canvas(draw_footer))
    return buffer.getvalue(), full
