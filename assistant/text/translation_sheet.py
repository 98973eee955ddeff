"""The translation review sheet: every string of a language's translation with its key, the
English beside it and a box to mark, for a fluent clinician to read and sign. Each file is
named with the start of its SHA-256, so the signed paper says which version was read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from assistant.clinic.store import get_clinic
from assistant.output_files import check_output_file, write_private_file
from assistant.pdf import Footer, Margins, build_pdf, content_width, register_fonts
from assistant.pdf.families import family_markup, printable_any, register_family
from assistant.storage.db import Database
from assistant.text.dates import format_long_date
from assistant.text.languages import language
from assistant.text.translation_review import ReviewString, TranslationFile, review_strings

_SIZE = 8.5


@contextmanager
def _marks_may_start_a_line() -> Iterator[None]:
    """ReportLab raises IndexError when a shaped right-to-left line starts (visually) with a
    raised mark (Arabic tanwin at a line's logical end): it folds the rise into a previous
    text command that does not exist yet. Give it an empty one while this sheet is drawn;
    the PDF is otherwise the same."""
    original = PDFTextObject.setRise

    def set_rise(self: Any, rise: float) -> None:
        if not self._code:
            self._code.append("")
        original(self, rise)

    PDFTextObject.setRise = set_rise
    try:
        yield
    finally:
        PDFTextObject.setRise = original


@dataclass(frozen=True)
class TranslationSheetResult:
    path: Path
    pages: int
    strings: int


def _styles(code: str) -> dict[str, ParagraphStyle]:
    lang = language(code)
    family, latin = register_family(lang.family), register_family("noto")
    translated: dict[str, Any] = {"alignment": TA_RIGHT if lang.rtl else TA_LEFT}
    if lang.rtl:
        translated.update(wordWrap="RTL", shaping=1)
    elif lang.family == "cjk":
        translated.update(wordWrap="CJK")

    def style(name: str, font: str, size: float = _SIZE, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, **extra)

    return {
        "body": style("body", latin.regular, 10),
        "title": style("title", latin.bold, 15, spaceAfter=4),
        "heading": style("heading", latin.bold, 12, spaceBefore=8, spaceAfter=4),
        "key": style("key", latin.regular, 7.5),
        "cell": style("cell", latin.regular),
        "cell_bold": style("cell_bold", latin.bold),
        "translated": style("translated", family.regular, **translated),
    }


def _para(text: str, style: ParagraphStyle, family: str = "noto", bold: bool = False) -> Paragraph:
    return Paragraph(family_markup(printable_any(" ".join(text.split())), family, bold), style)


def _paras(text: str, style: ParagraphStyle, family: str = "noto") -> list[Flowable]:
    """A text of several lines (a consent form's body) as one paragraph per line: a line
    break inside a right-to-left paragraph is not laid out reliably."""
    return [_para(line, style, family) for line in text.splitlines() if line.strip()] or [
        _para("", style, family)
    ]


def _file_table(
    item: TranslationFile, rows: list[ReviewString], styles: dict[str, ParagraphStyle],
    width: float,
) -> Table:  # fmt: skip
    family = language(item.language).family
    head = [_para(h, styles["cell_bold"], bold=True)
            for h in ("Key", "English", "Translation", "OK")]  # fmt: skip
    body = [
        [
            _para(row.key, styles["key"]),
            _paras(row.english or "(no English: check the key)", styles["cell"]),
            _paras(row.translation, styles["translated"], family),
            _para("☐", styles["cell"]),
        ]
        for row in rows
    ]
    grid = TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ])  # fmt: skip
    return Table(
        [head, *body], colWidths=[width * f for f in (0.2, 0.37, 0.37, 0.06)],
        repeatRows=1, style=grid,
    )  # fmt: skip


def translation_sheet_pdf(
    code: str, clinic_name: str, paper: str = "A4", templates: Path | None = None,
    today: date | None = None,
) -> tuple[bytes, int, int]:  # fmt: skip
    """The review sheet for the translation into ``code``: PDF bytes, pages, strings."""
    register_fonts()
    lang = language(code)
    styles = _styles(lang.code)
    page = LETTER if paper == "Letter" else A4
    margins = Margins(1.5 * cm, 1.5 * cm, 1.2 * cm, 0.4 * cm)
    width = content_width(page, margins)
    files = review_strings(lang.code, templates)
    story: list[Flowable] = [
        _para(f"Translation review: {lang.name} ({lang.code})", styles["title"], bold=True),
        _para(
            f"{clinic_name or 'Clinic'} · printed {format_long_date(today or date.today())}. "
            "Read each translation against the English beside it and tick OK, or mark what "
            "is wrong. Once every string is right, record the approval with `chairside "
            f"translations approve --language {lang.code} --reviewer \"NAME, role\" --as "
            "PRACTITIONER`: it covers exactly the file versions named below.",
            styles["body"],
        ),
    ]
    count = 0
    for item, rows in files:
        count += len(rows)
        story += [
            _para(f"{item.name} ({item.source}) · SHA-256 {item.content_hash[:16]}",
                  styles["heading"], bold=True),  # fmt: skip
            _file_table(item, rows, styles, width),
        ]
    signature = Table(
        [[_para(h, styles["cell_bold"], bold=True) for h in ("Reviewer (name, role)",
                                                             "Signature", "Date")],
         [Spacer(1, 28), _para("", styles["cell"]), _para("", styles["cell"])]],
        colWidths=[width * f for f in (0.45, 0.35, 0.2)],
        style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
    )  # fmt: skip
    story += [
        Spacer(1, 10),
        KeepTogether([_para("Reviewed by a fluent clinician", styles["heading"], bold=True),
                      signature]),  # fmt: skip
    ]
    footer = Footer(
        (f"Translation review {lang.code} · {clinic_name}".rstrip(" ·"),),
        ", ".join(f"{item.name} {item.content_hash[:12]}" for item, _ in files),
        "Page {page} of {pages}",
        size=8.5,
    )
    with _marks_may_start_a_line():
        data, pages = build_pdf(
            story, page_size=page, margins=margins, footer=footer,
            title=f"Translation review: {lang.name}", author=clinic_name,
            subject=f"Translation review ({lang.code})",
        )  # fmt: skip
    return data, pages, count


def write_translation_sheet(
    db: Database, code: str, out: Path, *, force: bool = False, templates: Path | None = None
) -> TranslationSheetResult:
    """Write the review sheet to ``out`` (atomically, readable by its owner only; the folder
    must exist). An existing file is replaced only with ``force``."""
    check_output_file(out, force=force)  # refuse before drawing the PDF
    profile = get_clinic(db)
    data, pages, count = translation_sheet_pdf(code, profile.name, profile.paper_size, templates)
    write_private_file(out, data, force=force)
    return TranslationSheetResult(out, pages, count)
