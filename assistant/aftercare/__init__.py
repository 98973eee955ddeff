"""The patient's aftercare sheet: the fonts and their glyph check, the PDF, and the file.

This is the module the rest of Chairside imports from. The sheet's contents, the template
and the dates live in ``aftercare_sheet``, ``aftercare_template`` and ``aftercare_dates``;
their names are re-exported here.

Characters the shipped font (DejaVu Sans) cannot draw are never dropped silently: they are
printed as "\N{REPLACEMENT CHARACTER}" and every render returns a warning that names the
field and the character, so the user can correct the record before handing the sheet over.
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assistant import reference
from assistant.aftercare.dates import (
    DAY_NAMES,
    MONTH_NAMES,
    TimelineStep,
    format_date,
    format_moment,
    next_appointment_text,
    timeline,
)
from assistant.aftercare.dates import _shift as _shift  # used by the tests
from assistant.aftercare.sheet import PAPERS, AftercareSheet, ClinicInfo, Paper, ZoneDepth
from assistant.aftercare.template import (
    HEADING_KEYS,
    TEMPLATE_NAME,
    AftercareTemplate,
    Offset,
    TemplateStep,
    active_template_path,
    clinic_template_path,
    install_template_copy,
    load_active_template,
    load_template,
    reset_template,
    shipped_template_path,
)
from assistant.errors import InvalidInput, ResourceMissing
from assistant.output_files import check_output_file, write_private_file

# register_fonts() looks the font files up through this module's name (a test replaces it)
from assistant.resources import resource_path

__all__ = [
    "BODY_SIZE",
    "CELL_HEADING_SIZE",
    "CELL_PADDING",
    "DAY_NAMES",
    "FONT",
    "FONT_BOLD",
    "FOOTER_HEIGHT",
    "FRAME_PADDING",
    "HEADING_CELL_SIZE",
    "HEADING_KEYS",
    "LEADING",
    "MARGIN",
    "MONTH_NAMES",
    "PAGE_SIZES",
    "PAPERS",
    "REPLACEMENT",
    "SMALL_SIZE",
    "TEMPLATE_NAME",
    "AftercareSheet",
    "AftercareTemplate",
    "ClinicInfo",
    "Offset",
    "Paper",
    "RenderResult",
    "RenderedSheet",
    "Run",
    "TemplateStep",
    "TimelineStep",
    "ZoneDepth",
    "active_template_path",
    "check_output_path",
    "check_sheet_glyphs",
    "clinic_template_path",
    "format_date",
    "format_moment",
    "install_template_copy",
    "load_active_template",
    "load_template",
    "missing_glyphs",
    "next_appointment_text",
    "printable",
    "register_fonts",
    "render_pdf",
    "render_pdf_bytes",
    "render_sheet",
    "reset_template",
    "shipped_template_path",
    "timeline",
    "write_file_atomically",
]

log = logging.getLogger(__name__)

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

FONT = "ChairsideSans"
FONT_BOLD = "ChairsideSans-Bold"
BODY_SIZE = 11.5  # readable at arm's length; nothing on the sheet is smaller than 11 pt
SMALL_SIZE = 11.0
HEADING_CELL_SIZE = 12.5
CELL_HEADING_SIZE = 13.5
LEADING = 1.2  # line height as a multiple of the font size


# --------------------------------------------------------------------------- font coverage


@cache
def register_fonts() -> None:
    """Register the shipped font with ReportLab (once); a missing or damaged font file is a
    ``ResourceMissing`` error that says how to repair the installation."""
    faces = []
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        path = resource_path("fonts", file)
        try:
            faces.append(TTFont(name, str(path)))
        except Exception as exc:  # ReportLab raises its own TTFError or an OSError
            raise ResourceMissing(
                f"The font file {path} is missing or damaged ({exc}), so the sheet cannot be "
                "printed. Reinstall Chairside (pip install -e .) to restore it."
            ) from exc
    regular, bold = faces
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@cache
def _covered_codepoints() -> frozenset[int]:
    """Characters both shipped faces can draw (names may be printed in either)."""
    register_fonts()
    regular = pdfmetrics.getFont(FONT).face.charToGlyph
    bold = pdfmetrics.getFont(FONT_BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())


_LAYOUT_CHARACTERS = frozenset("\n\r\t")


def missing_glyphs(text: str) -> set[str]:
    """Characters in ``text`` the sheet's font cannot draw (after NFC normalisation)."""
    return set(_missing_glyphs(text))


@lru_cache(maxsize=1024)
def _missing_glyphs(text: str) -> frozenset[str]:
    covered = _covered_codepoints()
    return frozenset(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch not in _LAYOUT_CHARACTERS and ord(ch) not in covered
    )


@lru_cache(maxsize=1024)
def printable(text: str) -> str:
    """``text`` as it will be printed: NFC, with each missing character shown as "�"."""
    covered = _covered_codepoints()
    return "".join(
        ch if ch in _LAYOUT_CHARACTERS or ord(ch) in covered else REPLACEMENT
        for ch in unicodedata.normalize("NFC", text)
    )


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"“{ch}” (U+{ord(ch):04X}{' ' + name if name else ''})"


def _sheet_fields(sheet: AftercareSheet) -> Iterator[tuple[str, str]]:
    yield "clinic name", sheet.clinic.name
    yield "clinic address", sheet.clinic.address
    yield "clinic phone", sheet.clinic.phone
    yield "out-of-hours phone", sheet.clinic.out_of_hours_phone
    yield "patient name", sheet.patient_name
    yield "practitioner", sheet.practitioner
    yield "notes", sheet.notes


def check_sheet_glyphs(
    sheet: AftercareSheet, template: AftercareTemplate | None = None
) -> list[str]:
    """One warning per field that contains characters the font lacks, naming them."""
    fields: list[tuple[str, str]] = list(_sheet_fields(sheet))
    if template is not None:
        fields += [(f"aftercare template ({where})", text) for where, text in template.texts()]
    warnings = []
    for where, text in fields:
        missing = missing_glyphs(text)
        if missing:
            chars = ", ".join(_describe(ch) for ch in sorted(missing))
            warnings.append(
                f"The {where} contains {chars}, which the sheet's font cannot print; "
                f"it is shown as “{REPLACEMENT}”."
            )
    return warnings


# --------------------------------------------------------------------------- the PDF


@dataclass(frozen=True)
class RenderedSheet:
    data: bytes
    pages: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class RenderResult:
    path: Path
    pages: int
    warnings: tuple[str, ...]


@cache
def _styles() -> dict[str, ParagraphStyle]:
    """Styles for the Paragraphs kept where text may be long and split across pages."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * LEADING)
    return {
        "body": body,
        "cell": ParagraphStyle(
            "cell", parent=body, fontSize=SMALL_SIZE, leading=SMALL_SIZE * LEADING
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=FONT_BOLD, fontSize=SMALL_SIZE,
            leading=SMALL_SIZE * LEADING,
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=CELL_HEADING_SIZE,
            leading=CELL_HEADING_SIZE * LEADING, spaceBefore=8, spaceAfter=3,
        ),
    }  # fmt: skip


def _text(value: str) -> str:
    """User or template text as Paragraph markup: printable, escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in printable(value).strip().splitlines())


def _logo(path: Path) -> Image:
    try:
        reader = ImageReader(str(path))
        width, height = reader.getSize()
    except Exception as exc:  # ReportLab/PIL raise many types for a bad file
        raise InvalidInput(
            f"The clinic logo {path} cannot be used: it is missing or not an image file "
            "(use PNG or JPEG).",
            "logo",
        ) from exc
    scale = min(4 * cm / width, 1.5 * cm / height)  # no taller than the name and address
    return Image(str(path), width=width * scale, height=height * scale)


def _header(sheet: AftercareSheet, template: AftercareTemplate, width: float) -> list[Flowable]:
    h = template.headings
    clinic = sheet.clinic
    address = ", ".join(line.strip(" ,") for line in clinic.address.splitlines() if line.strip())
    left = _Lines([_plain(clinic.name, FONT_BOLD, 16), _plain(address, size=BODY_SIZE)])
    contact_lines = []
    if clinic.phone.strip():
        contact_lines.append(_labelled((h["phone"], clinic.phone), align_right=True))
    if clinic.out_of_hours_phone.strip():
        contact_lines.append(
            _labelled((h["out_of_hours"], clinic.out_of_hours_phone), align_right=True)
        )
    contact = _Lines(contact_lines)
    logo = _logo(clinic.logo_path) if clinic.logo_path is not None else None
    # the phone numbers take the room they need; the name and address get the rest
    contact_width = max((_Lines.natural_width(line) for line in contact_lines), default=0) + 8
    logo_width = (logo.drawWidth + 0.4 * cm) if logo is not None else 0
    row: list[Any] = [left, contact]
    col_widths = [width - contact_width - logo_width, contact_width]
    if logo is not None:
        row.insert(0, logo)
        col_widths.insert(0, logo_width)
    columns = _Columns(list(zip(row, col_widths, strict=True)))
    return [columns, Spacer(1, 4), HRFlowable(width="100%", thickness=1.2, color=colors.black)]


def _details(sheet: AftercareSheet, template: AftercareTemplate) -> Flowable:
    h = template.headings
    areas = ", ".join(reference.zone(z).name for z in sheet.zones) or "—"
    treated = format_moment(sheet.treated_at.replace(tzinfo=None))
    return _Lines(
        [
            _labelled((h["patient"], sheet.patient_name), (h["practitioner"], sheet.practitioner)),
            _labelled((h["treated_at"], treated)),
            _labelled((h["areas"], areas)),
            _labelled((h["next_appointment"], next_appointment_text(sheet, template))),
        ]
    )


def _grid_style(header: bool = True) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.5, colors.black))
    return TableStyle(commands)


def _timeline_table(
    sheet: AftercareSheet, template: AftercareTemplate, width: float, tz: ZoneInfo | None
) -> Table:
    # Cells are plain text wrapped here (not Paragraphs): the table is the largest part of
    # the sheet and this halves the time to lay it out.
    h = template.headings
    whens: list[list[str]] = []
    whats: list[list[str]] = []
    previous: TimelineStep | None = None
    for step in timeline(sheet, template, tz):
        if previous is not None and (previous.start, previous.end) == (step.start, step.end):
            whats[-1].append(step.text)  # same dates as the row above: one row, no repetition
            continue
        # "From …" starts a second line at "until" so both moments read at a glance
        whens.append(step.when(sheet.treated_at).replace(" until ", "\nuntil ").split("\n"))
        whats.append([step.text])
        previous = step
    widest = max(_width(line, FONT, SMALL_SIZE) for lines in whens for line in lines)
    # as wide as the longest date needs (no lone "16:00" on a line), within reason
    when_width = min(widest + 2 * CELL_PADDING + 2, width * 0.48)
    what_width = width - when_width
    rows: list[list[str]] = [[printable(h["timeline_when"]), printable(h["timeline_what"])]]
    for when_lines, texts in zip(whens, whats, strict=True):
        rows.append(
            [
                _wrap(when_lines, when_width - 2 * CELL_PADDING),
                _wrap(texts, what_width - 2 * CELL_PADDING),
            ]
        )
    style = _grid_style()
    style.add("FONT", (0, 0), (-1, 0), FONT_BOLD, HEADING_CELL_SIZE, HEADING_CELL_SIZE * LEADING)
    style.add("FONT", (0, 1), (-1, -1), FONT, SMALL_SIZE, SMALL_SIZE * LEADING)
    return Table(rows, colWidths=[when_width, what_width], repeatRows=1, style=style)


def _wrap(paragraphs: Sequence[str], width: float) -> str:
    """Plain text broken into lines that fit ``width`` in the body font."""
    lines: list[str] = []
    for text in paragraphs:
        for runs in _wrap_runs([(text, FONT)], SMALL_SIZE, width):
            lines.append("".join(run for _, run, _ in runs).rstrip())
    return "\n".join(lines)


Run = tuple[str, str]  # (text, font name)


@dataclass(frozen=True)
class _Line:
    """A paragraph of plain text, possibly mixing regular and bold runs."""

    runs: tuple[Run, ...]
    size: float = SMALL_SIZE
    bullet: bool = False
    space_after: float = 0
    align_right: bool = False


def _plain(text: str, font: str = FONT, size: float = SMALL_SIZE, **options: Any) -> _Line:
    return _Line(((text, font),), size, **options)


def _labelled(*pairs: tuple[str, str], size: float = BODY_SIZE, **options: Any) -> _Line:
    """ "Label: **value**", several pairs on one line separated by a wide gap."""
    runs: list[Run] = []
    for label, value in pairs:
        if runs:
            runs.append(("      ", FONT))
        runs += [(f"{label.strip()}: ", FONT), (" ".join(value.split()), FONT_BOLD)]
    return _Line(tuple(runs), size, **options)


@lru_cache(maxsize=4096)
def _width(text: str, font: str, size: float) -> float:
    # The same words come back on every sheet; ReportLab measures them in pure Python.
    return float(stringWidth(text, font, size))


_WORD_RE = re.compile(r"\S+\s*|\s+")


def _wrap_runs(
    runs: Sequence[Run], size: float, width: float
) -> list[list[tuple[float, str, str]]]:
    """Greedy word wrap of mixed-font text: each line is a list of (x, text, font)."""
    lines: list[list[tuple[float, str, str]]] = [[]]
    x = 0.0
    for text, font in runs:
        for word in _WORD_RE.findall(printable(text)):
            if x == 0 and not word.strip():
                continue  # no space at the start of a line
            if x > 0 and x + _width(word.rstrip(), font, size) > width:
                lines.append([])
                x = 0.0
            line = lines[-1]
            if line and line[-1][2] == font:
                start, previous, _ = line[-1]
                line[-1] = (start, previous + word, font)
            else:
                line.append((x, word, font))
            x += _width(word, font, size)
    return lines


class _Lines(Flowable):
    """Short blocks of plain text (headings, details, bullet lists) laid out directly.

    A fraction of the cost of Paragraphs, which matters because the sheet is rendered for
    every preview; there is no markup to parse here.
    """

    BULLET_INDENT = 12

    def __init__(self, lines: Sequence[_Line]) -> None:
        super().__init__()
        self.lines = lines
        self._ops: list[tuple[float, float, str, str, float]] = []
        self._wrapped_for: float | None = None
        self.width = self.height = 0.0

    @staticmethod
    def natural_width(line: _Line) -> float:
        """The width of ``line`` set on one line."""
        return sum(_width(printable(text), font, line.size) for text, font in line.runs)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_for:  # tables ask more than once for the same width
            return self.width, self.height
        ops = []
        y = 0.0
        for line in self.lines:
            indent = self.BULLET_INDENT if line.bullet else 0
            wrapped = _wrap_runs(line.runs, line.size, avail_width - indent)
            for number, runs in enumerate(wrapped):
                y += line.size * LEADING
                if line.bullet and number == 0:
                    ops.append((1.0, y, "•", FONT, line.size))
                offset = float(indent)
                if line.align_right and runs:
                    end = runs[-1][0] + _width(runs[-1][1].rstrip(), runs[-1][2], line.size)
                    offset = avail_width - end
                for x, text, font in runs:
                    ops.append((offset + x, y, text.rstrip(), font, line.size))
            y += line.space_after
        self._ops = ops
        self._wrapped_for = avail_width
        self.width, self.height = avail_width, y + 2
        return self.width, self.height

    def draw(self) -> None:
        # One text object for the block: a fraction of the output of one per line.
        text_object = self.canv.beginText()
        current: tuple[str, float] | None = None
        for x, y, text, font, size in self._ops:
            if current != (font, size):
                text_object.setFont(font, size)
                current = (font, size)
            # the baseline sits a fifth of the size above the bottom of the line, as in Paragraph
            text_object.setTextOrigin(x, self.height - y + size * 0.2)
            text_object.textOut(text)
        self.canv.drawText(text_object)


class _Columns(Flowable):
    """Blocks side by side, top-aligned; one of them may be boxed. Kept on one page."""

    GAP = 6
    BOX_PADDING = 6

    def __init__(self, columns: Sequence[tuple[Flowable, float]], boxed: int | None = None):
        super().__init__()
        self.columns = columns
        self.boxed = boxed
        self.width = self.height = 0.0
        self._heights: list[float] = []

    def _inner(self, index: int, width: float) -> tuple[float, float, float]:
        """(left offset, top offset, usable width) of a column."""
        pad = self.BOX_PADDING if index == self.boxed else 0
        top = self.BOX_PADDING if self.boxed is not None else 0  # headings line up
        gap = self.GAP if index < len(self.columns) - 1 else 0
        return pad, top, width - 2 * pad - gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = []
        for index, (block, width) in enumerate(self.columns):
            _, _, inner = self._inner(index, width)
            self._heights.append(block.wrap(inner, avail_height)[1])
        self.width = sum(w for _, w in self.columns)
        self.height = max(
            height + 2 * self._inner(index, 0)[1] for index, height in enumerate(self._heights)
        )
        return self.width, self.height

    def draw(self) -> None:
        x = 0.0
        for index, (block, width) in enumerate(self.columns):
            left, top, _ = self._inner(index, width)
            block.drawOn(self.canv, x + left, self.height - top - self._heights[index])
            if index == self.boxed:
                self.canv.setLineWidth(1.5)
                self.canv.rect(x, 0, width, self.height)
            x += width


def _normal_and_call(sheet: AftercareSheet, template: AftercareTemplate, width: float) -> Flowable:
    h = template.headings
    clinic = sheet.clinic
    heading = _plain(h["normal"], FONT_BOLD, CELL_HEADING_SIZE, space_after=3)
    normal = _Lines([heading, *(_plain(item, bullet=True) for item in template.normal)])
    lines = [_plain(h["call_clinic"], FONT_BOLD, CELL_HEADING_SIZE, space_after=1)]
    if clinic.phone.strip():
        lines.append(_plain(f"{h['call_phone']} {clinic.phone.strip()}", FONT_BOLD, 15))
    if clinic.out_of_hours_phone.strip():
        lines.append(_labelled((h["out_of_hours"], clinic.out_of_hours_phone), size=SMALL_SIZE))
    lines[-1] = replace(lines[-1], space_after=3)
    call = _Lines([*lines, *(_plain(item, bullet=True) for item in template.call_clinic)])
    normal_width = width * 0.4  # the boxed column gets the room: its lines matter more
    # the "call the clinic" column is boxed: it must stand out without colour
    return _Columns([(normal, normal_width), (call, width - normal_width)], boxed=1)


def _depth_table(sheet: AftercareSheet, template: AftercareTemplate, width: float) -> Flowable:
    s = _styles()
    h = template.headings
    rows: list[list[Any]] = [
        [
            Paragraph(_text(h[key]), s["cell_bold"])
            for key in ("depth_zone", "depth_mm", "depth_passes")
        ]
    ]
    for row in sheet.zone_depths:
        rows.append(
            [
                Paragraph(escape(reference.zone(row.zone).name), s["cell"]),
                Paragraph(f"{reference.format_mm(row.depth_mm)} mm", s["cell"]),
                Paragraph(str(row.passes), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[width * 0.5, width * 0.25, width * 0.25], repeatRows=1,
                  style=_grid_style())  # fmt: skip
    return KeepTogether([Paragraph(_text(h["depths"]), s["heading"]), table])


def _story(
    sheet: AftercareSheet, template: AftercareTemplate, width: float, tz: ZoneInfo | None
) -> list[Flowable]:
    s = _styles()
    h = template.headings
    story: list[Flowable] = _header(sheet, template, width)
    story += [
        Spacer(1, 8),
        _Lines([_plain(template.title, FONT_BOLD, 17, space_after=4)]),
        _details(sheet, template),
        Spacer(1, 4),
        _Lines([_plain(template.intro, size=BODY_SIZE)]),
    ]
    if sheet.show_depth_table and sheet.zone_depths:
        story.append(_depth_table(sheet, template, width))
    if sheet.notes.strip():
        story += [
            Paragraph(_text(h["notes"]), s["heading"]),
            Paragraph(_text(sheet.notes), s["body"]),
        ]
    story += [Spacer(1, 8), _timeline_table(sheet, template, width, tz)]
    story += [Spacer(1, 8), _normal_and_call(sheet, template, width)]
    return story


MARGIN = 1.6 * cm
CELL_PADDING = 5
FRAME_PADDING = 6  # SimpleDocTemplate's frame keeps this much inside the margins
ANCHOR_SIZE = 7.0  # the audit chain head, small: for checking, not for reading
FOOTER_HEIGHT = 1.7 * cm  # two lines of 11 pt, clear of the printers' unprintable edge


def _numbered_canvas(sheet: AftercareSheet, template: AftercareTemplate, pages: list[int]) -> type:
    """A canvas that draws the footer once the page count is known ("Page 1 of 2")."""
    phone = printable(sheet.clinic.phone.strip())
    name = printable(sheet.clinic.name.strip())
    phone_text = f"{printable(template.headings['phone'])}: {phone}" if phone else ""
    disclaimer = printable(template.footer)
    page_number = printable(template.headings["page_number"])
    anchor = printable(sheet.record_anchor.strip())

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            pages.append(total)
            for state in self._page_states:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            page_width, _ = self._pagesize
            left, right = MARGIN + FRAME_PADDING, page_width - MARGIN - FRAME_PADDING
            top = FOOTER_HEIGHT
            self.saveState()
            self.setLineWidth(0.8)
            self.line(left, top, right, top)
            number = page_number.format(page=self._pageNumber, pages=total)
            room = right - left - stringWidth(number, FONT_BOLD, SMALL_SIZE) - 12
            first_line = " · ".join(part for part in (name, phone_text) if part)
            if stringWidth(first_line, FONT, SMALL_SIZE) > room:
                first_line = phone_text or name  # the header has the name; the phone matters
            self.setFont(FONT, SMALL_SIZE)
            self.drawString(left, top - 14, first_line)
            self.drawString(left, top - 28, disclaimer)
            self.setFont(FONT_BOLD, SMALL_SIZE)
            self.drawRightString(right, top - 14, number)
            if anchor:
                self.setFont(FONT, ANCHOR_SIZE)
                spare = right - left - stringWidth(disclaimer, FONT, SMALL_SIZE) - 12
                fits = stringWidth(anchor, FONT, ANCHOR_SIZE) <= spare
                self.drawRightString(right, top - 28 if fits else top + 3, anchor)
            self.restoreState()

    return NumberedCanvas


def render_sheet(
    sheet: AftercareSheet, template: AftercareTemplate | None = None, tz: ZoneInfo | None = None
) -> RenderedSheet:
    """The sheet as PDF bytes, its page count, and warnings to show before it is printed."""
    warnings: list[str] = []
    if template is None:
        template, template_warning = load_active_template()
        if template_warning:
            warnings.append(template_warning)
    warnings += check_sheet_glyphs(sheet, template)
    if sheet.clinic.paper not in PAGE_SIZES:
        raise InvalidInput(
            f"Paper must be one of {', '.join(PAPERS)}, not '{sheet.clinic.paper}'.", "paper"
        )
    register_fonts()
    buffer = io.BytesIO()
    page_size = PAGE_SIZES[sheet.clinic.paper]
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=1.0 * cm,
        bottomMargin=FOOTER_HEIGHT + 0.4 * cm,
        title=f"Aftercare: {printable(sheet.patient_name)}",
        author=printable(sheet.clinic.name),
        subject=f"Aftercare sheet, template {template.version}",
        creator="Chairside",
    )
    pages: list[int] = []
    doc.build(
        _story(sheet, template, doc.width - 2 * FRAME_PADDING, tz),
        canvasmaker=_numbered_canvas(sheet, template, pages),
    )
    return RenderedSheet(buffer.getvalue(), pages[0] if pages else 0, tuple(warnings))


def render_pdf_bytes(
    sheet: AftercareSheet, template: AftercareTemplate | None = None, tz: ZoneInfo | None = None
) -> bytes:
    """The sheet as PDF bytes, for a preview."""
    return render_sheet(sheet, template, tz).data


def check_output_path(out: Path, *, force: bool = False) -> None:
    """``InvalidInput`` when ``out`` may not be written (see ``assistant.output_files``)."""
    check_output_file(out, force=force)


def write_file_atomically(out: Path, data: bytes, *, force: bool = False) -> None:
    """Write through a temporary file in the same folder, so no partial file is ever left;
    an existing file is replaced only with ``force``."""
    write_private_file(out, data, force=force)


def render_pdf(
    sheet: AftercareSheet,
    out: Path,
    template: AftercareTemplate | None = None,
    tz: ZoneInfo | None = None,
    *,
    force: bool = False,
) -> RenderResult:
    """Write the sheet to ``out`` (atomically; an existing file only with ``force``). Show
    ``warnings`` to the user before printing."""
    check_output_path(out, force=force)
    started = time.perf_counter()
    rendered = render_sheet(sheet, template, tz)
    write_file_atomically(out, rendered.data, force=force)
    log.info(
        "aftercare sheet written to %s (%d pages, %.0f ms)",
        out, rendered.pages, (time.perf_counter() - started) * 1000,
    )  # fmt: skip
    return RenderResult(out, rendered.pages, rendered.warnings)
