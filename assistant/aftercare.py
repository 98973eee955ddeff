"""The patient's aftercare sheet: template, timeline with real dates, and the PDF.

The wording lives in ``resources/aftercare.toml``; a clinic may keep its own edited copy in
``templates/aftercare.toml`` in the data folder. A clinic copy that cannot be read never
blocks printing: the shipped template is used and the problem is reported as a warning.

Characters the shipped font (DejaVu Sans) cannot draw are never dropped silently: they are
printed as "\N{REPLACEMENT CHARACTER}" and every render returns a warning that names the
field and the character, so the user can correct the record before handing the sheet over.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
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
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assistant import paths, reference
from assistant.errors import InvalidInput
from assistant.resources import load_toml_file, resource_path

log = logging.getLogger(__name__)

Paper = Literal["A4", "Letter"]
PAPERS: tuple[str, ...] = get_args(Paper)
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

TEMPLATE_NAME = "aftercare.toml"
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

FONT = "ChairsideSans"
FONT_BOLD = "ChairsideSans-Bold"
BODY_SIZE = 11.5  # readable at arm's length; nothing on the sheet is smaller than 11 pt
SMALL_SIZE = 11.0
LEADING = 1.2  # line height as a multiple of the font size

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip

# Headings every template must provide (a clinic copy may omit some: the shipped wording fills in).
HEADING_KEYS = (
    "patient", "treated_at", "practitioner", "areas", "depths", "depth_zone", "depth_mm",
    "depth_passes", "notes", "timeline_when", "timeline_what", "normal",
    "call_clinic", "call_phone", "out_of_hours", "next_appointment", "phone", "page_number",
)  # fmt: skip


# --------------------------------------------------------------------------- the sheet


@dataclass(frozen=True)
class ClinicInfo:
    name: str
    address: str = ""
    phone: str = ""
    out_of_hours_phone: str = ""
    logo_path: Path | None = None
    paper: Paper = "A4"


@dataclass(frozen=True)
class ZoneDepth:
    """One row of the optional depth table."""

    zone: str
    depth_mm: float
    passes: int


@dataclass(frozen=True)
class AftercareSheet:
    clinic: ClinicInfo
    patient_name: str
    practitioner: str
    treated_at: datetime  # end of the treatment, naive local wall time
    zones: tuple[str, ...]  # zone ids from resources/treatment.toml
    next_session: date | None = None
    interval_weeks: int | None = None
    notes: str = ""
    zone_depths: tuple[ZoneDepth, ...] = ()
    show_depth_table: bool = False  # patients need instructions, not settings


# --------------------------------------------------------------------------- the template


_OFFSET_RE = re.compile(r"^\s*(\d{1,4})\s*(h|hours?|d|days?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Offset:
    """Time from the end of the treatment: elapsed hours, or calendar days at the same time."""

    amount: int
    unit: Literal["h", "d"]

    @classmethod
    def parse(cls, text: str) -> Offset:
        match = _OFFSET_RE.match(text)
        if match is None:
            raise ValueError(text)
        unit: Literal["h", "d"] = "h" if match.group(2).lower().startswith("h") else "d"
        return cls(int(match.group(1)), unit)

    @property
    def nominal_hours(self) -> int:
        return self.amount * (24 if self.unit == "d" else 1)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True)
class TemplateStep:
    start: Offset
    end: Offset
    text: str


@dataclass(frozen=True)
class AftercareTemplate:
    version: str
    title: str
    intro: str
    footer: str
    headings: Mapping[str, str]
    steps: tuple[TemplateStep, ...]
    normal: tuple[str, ...]
    call_clinic: tuple[str, ...]
    next_on_date: str
    next_book_week: str
    next_unknown: str
    source: Path = field(compare=False)

    def texts(self) -> Iterator[tuple[str, str]]:
        """(where, text) for every text the sheet prints, for the glyph check."""
        yield "title", self.title
        yield "introduction", self.intro
        yield "footer", self.footer
        for key, value in self.headings.items():
            yield f"heading '{key}'", value
        for number, step in enumerate(self.steps, 1):
            yield f"step {number}", step.text
        for number, item in enumerate(self.normal, 1):
            yield f"'what is normal' item {number}", item
        for number, item in enumerate(self.call_clinic, 1):
            yield f"'call the clinic' item {number}", item
        yield "next appointment text", self.next_on_date
        yield "next appointment text", self.next_book_week
        yield "next appointment text", self.next_unknown


class _TemplateProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


_STEPS_HEADER_RE = re.compile(r"^\s*\[\[\s*steps\s*\]\]")


def _line_of_step(text: str, index: int, key: str | None = None) -> int | None:
    """1-based line of the ``index``-th ``[[steps]]`` entry, or of its ``key = …`` line."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines) if _STEPS_HEADER_RE.match(line)]
    if index >= len(headers):
        return None
    start = headers[index]
    if key is not None:
        stop = headers[index + 1] if index + 1 < len(headers) else len(lines)
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start, stop):
            if key_re.match(lines[n]):
                return n + 1
    return start + 1


def _line_of_key(text: str, key: str) -> int | None:
    key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for n, line in enumerate(text.splitlines()):
        if key_re.match(line):
            return n + 1
    return None


def _string(data: Mapping[str, Any], key: str, where: str, raw: str) -> str:
    if key not in data:
        raise _TemplateProblem(f"{where} has no '{key}'")
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise _TemplateProblem(f"'{key}' in {where} must be some text", _line_of_key(raw, key))
    return value.strip()


def _string_list(data: Mapping[str, Any], table: str, raw: str) -> tuple[str, ...]:
    section = data.get(table)
    if not isinstance(section, dict) or "items" not in section:
        raise _TemplateProblem(f"the template has no [{table}] table with an 'items' list")
    items = section["items"]
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise _TemplateProblem(
            f"'items' in [{table}] must be a list of texts", _line_of_key(raw, "items")
        )
    return tuple(i.strip() for i in items)


def _parse_steps(data: Mapping[str, Any], raw: str) -> tuple[TemplateStep, ...]:
    rows = data.get("steps")
    if not isinstance(rows, list) or not rows:
        raise _TemplateProblem("the template has no [[steps]]")
    steps: list[TemplateStep] = []
    for index, row in enumerate(rows):
        where = f"step {index + 1}"
        offsets: dict[str, Offset] = {}
        for key in ("from", "until"):
            if key not in row:
                raise _TemplateProblem(f"{where} has no '{key}'", _line_of_step(raw, index))
            try:
                offsets[key] = Offset.parse(str(row[key]))
            except ValueError:
                raise _TemplateProblem(
                    f"{where} has '{key} = \"{row[key]}\"', which is not an offset "
                    '(write hours or days, e.g. "6h" or "7d")',
                    _line_of_step(raw, index, key),
                ) from None
        if offsets["until"].nominal_hours <= offsets["from"].nominal_hours:
            raise _TemplateProblem(
                f"{where} ends before it starts", _line_of_step(raw, index, "until")
            )
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _TemplateProblem(f"{where} has no 'text'", _line_of_step(raw, index))
        steps.append(TemplateStep(offsets["from"], offsets["until"], " ".join(text.split())))
    return tuple(steps)


def _parse_template(
    data: Mapping[str, Any], raw: str, source: Path, fallback_headings: Mapping[str, str] | None
) -> AftercareTemplate:
    headings_table = data.get("headings", {})
    if not isinstance(headings_table, dict):
        raise _TemplateProblem("[headings] must be a table", _line_of_key(raw, "headings"))
    headings: dict[str, str] = {}
    for key in HEADING_KEYS:
        value = headings_table.get(key)
        if isinstance(value, str) and value.strip():
            headings[key] = value.strip()
        elif fallback_headings is not None and key not in headings_table:
            headings[key] = fallback_headings[key]
        else:
            raise _TemplateProblem(f"[headings] has no text for '{key}'", _line_of_key(raw, key))
    nxt = data.get("next_appointment")
    if not isinstance(nxt, dict):
        raise _TemplateProblem("the template has no [next_appointment] table")
    on_date = _string(nxt, "on_date", "[next_appointment]", raw)
    book_week = _string(nxt, "book_week", "[next_appointment]", raw)
    if "{date}" not in on_date:
        raise _TemplateProblem("'on_date' must contain {date}", _line_of_key(raw, "on_date"))
    if "{week}" not in book_week:
        raise _TemplateProblem("'book_week' must contain {week}", _line_of_key(raw, "book_week"))
    return AftercareTemplate(
        version=str(data.get("version", "")).strip() or "unversioned",
        title=_string(data, "title", "the template", raw),
        intro=" ".join(_string(data, "intro", "the template", raw).split()),
        footer=_string(data, "footer", "the template", raw),
        headings=headings,
        steps=_parse_steps(data, raw),
        normal=_string_list(data, "normal", raw),
        call_clinic=_string_list(data, "call_clinic", raw),
        next_on_date=on_date,
        next_book_week=book_week,
        next_unknown=_string(nxt, "unknown", "[next_appointment]", raw),
        source=source,
    )


def shipped_template_path() -> Path:
    return resource_path(TEMPLATE_NAME)


def clinic_template_path() -> Path:
    """Where the clinic's own edited copy lives (it may not exist)."""
    return paths.templates_dir() / TEMPLATE_NAME


_template_cache: dict[Path, tuple[tuple[int, int], AftercareTemplate]] = {}


def load_template(path: Path | None = None) -> AftercareTemplate:
    """Read a template (the shipped one by default). ``InvalidInput`` names the file and line.

    A template other than the shipped one may leave out headings; the shipped ones are used.
    Results are cached until the file changes.
    """
    shipped = shipped_template_path()
    path = shipped if path is None else path
    try:
        stat = path.stat()
    except OSError as exc:
        raise InvalidInput(
            f"The aftercare template {path} cannot be read: {exc.strerror}."
        ) from exc
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _template_cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    data = load_toml_file(path)  # a syntax error names the line and column
    raw = path.read_text(encoding="utf-8")
    fallback = None if path == shipped else load_template(shipped).headings
    try:
        template = _parse_template(data, raw, path, fallback)
    except _TemplateProblem as problem:
        where = f"{path.name}, line {problem.line}" if problem.line else path.name
        raise InvalidInput(f"{where}: {problem}.", "aftercare template") from None
    _template_cache[path] = (key, template)
    return template


def active_template_path() -> tuple[Path, bool]:
    """The template in use: the clinic's copy when there is one (True), else the shipped one."""
    clinic = clinic_template_path()
    if clinic.is_file():
        return clinic, True
    return shipped_template_path(), False


def load_active_template() -> tuple[AftercareTemplate, str | None]:
    """The template in use, and a warning when the clinic's copy is broken and was skipped."""
    path, is_clinic_copy = active_template_path()
    if not is_clinic_copy:
        return load_template(path), None
    try:
        return load_template(path), None
    except InvalidInput as exc:
        warning = (
            f"The clinic's aftercare template ({path}) cannot be used, so the standard "
            f"wording is printed instead. {exc}"
        )
        log.warning("%s", warning)
        return load_template(), warning


def install_template_copy() -> Path:
    """Copy the shipped template into the data folder for editing; keep an existing copy."""
    target = clinic_template_path()
    if not target.exists():
        paths.templates_dir(ensure=True)
        shutil.copyfile(shipped_template_path(), target)
    return target


def reset_template() -> Path | None:
    """Go back to the shipped wording; the clinic's copy is kept as ``aftercare.toml.bak``."""
    target = clinic_template_path()
    if not target.exists():
        return None
    backup = target.with_name(TEMPLATE_NAME + ".bak")
    os.replace(target, backup)
    return backup


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class TimelineStep:
    text: str
    start: datetime  # naive local wall time
    end: datetime
    from_treatment: bool  # starts as soon as the treatment ends

    def when(self, treated_at: datetime) -> str:
        """The period in words: "Until Wednesday 25 November, 18:30" or "From … until …"."""
        end = format_moment(self.end, treated_at.year)
        if self.from_treatment:
            return f"Until {end}"
        return f"From {format_moment(self.start, treated_at.year)} until {end}"


def format_date(day: date, with_year: bool = True) -> str:
    """The date in words, "Tuesday 24 November 2026", in English whatever the locale."""
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def format_moment(moment: datetime, reference_year: int | None = None) -> str:
    """Date and time in words, "Wednesday 25 November, 18:30" (with the year when it is not
    ``reference_year``)."""
    with_year = reference_year is None or moment.year != reference_year
    return f"{format_date(moment.date(), with_year)}, {moment:%H:%M}"


def _shift(moment: datetime, offset: Offset, tz: ZoneInfo | None) -> datetime:
    if offset.unit == "d":
        return moment + timedelta(days=offset.amount)  # same wall time on a later day
    if offset.amount == 0:
        return moment
    if tz is None:
        # Naive datetimes are local time for timestamp()/fromtimestamp(): the C library applies
        # the system's daylight-saving rules, on every platform.
        return datetime.fromtimestamp(moment.timestamp() + offset.amount * 3600)
    elapsed = moment.replace(tzinfo=tz).astimezone(UTC) + timedelta(hours=offset.amount)
    return elapsed.astimezone(tz).replace(tzinfo=None)


def timeline(
    sheet: AftercareSheet, template: AftercareTemplate, tz: ZoneInfo | None = None
) -> list[TimelineStep]:
    """Each step with real start and end times (``tz`` defaults to the system's zone)."""
    start = sheet.treated_at.replace(tzinfo=None)
    return [
        TimelineStep(
            text=step.text,
            start=_shift(start, step.start, tz),
            end=_shift(start, step.end, tz),
            from_treatment=step.start.amount == 0,
        )
        for step in template.steps
    ]


def next_appointment_text(sheet: AftercareSheet, template: AftercareTemplate) -> str:
    if sheet.next_session is not None:
        return template.next_on_date.format(date=format_date(sheet.next_session))
    if sheet.interval_weeks:
        due = sheet.treated_at.date() + timedelta(weeks=sheet.interval_weeks)
        monday = due - timedelta(days=due.weekday())
        return template.next_book_week.format(week=format_date(monday))
    return template.next_unknown


# --------------------------------------------------------------------------- font coverage


@cache
def _register_fonts() -> None:
    regular = TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf")))
    bold = TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@cache
def _covered_codepoints() -> frozenset[int]:
    """Characters both shipped faces can draw (names may be printed in either)."""
    _register_fonts()
    regular = pdfmetrics.getFont(FONT).face.charToGlyph
    bold = pdfmetrics.getFont(FONT_BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())


_LAYOUT_CHARACTERS = frozenset("\n\r\t")


def missing_glyphs(text: str) -> set[str]:
    """Characters in ``text`` the sheet's font cannot draw (after NFC normalisation)."""
    covered = _covered_codepoints()
    return {
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch not in _LAYOUT_CHARACTERS and ord(ch) not in covered
    }


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
    _register_fonts()
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
        "table_heading": ParagraphStyle(
            "table_heading", parent=body, fontName=FONT_BOLD, fontSize=12.5, leading=16,
        ),
        "cell_heading": ParagraphStyle(
            "cell_heading", parent=body, fontName=FONT_BOLD, fontSize=13.5, leading=17,
            spaceAfter=2,
        ),
        "clinic": ParagraphStyle(
            "clinic", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20
        ),
        "contact": ParagraphStyle("contact", parent=body, alignment=TA_RIGHT),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=13.5, leading=17,
            spaceBefore=8, spaceAfter=3,
        ),
        "phone": ParagraphStyle(
            "phone", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19
        ),
    }  # fmt: skip


def _text(value: str) -> str:
    """User or template text as Paragraph markup: printable, escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in printable(value).strip().splitlines())


def _bold(value: str) -> str:
    return f"<b>{value}</b>"


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
    s = _styles()
    h = template.headings
    clinic = sheet.clinic
    left: list[Flowable] = [Paragraph(_text(clinic.name), s["clinic"])]
    address = ", ".join(line.strip(" ,") for line in clinic.address.splitlines() if line.strip())
    if address:
        left.append(Paragraph(_text(address), s["body"]))
    contact: list[Flowable] = []
    if clinic.phone.strip():
        contact.append(
            Paragraph(f"{_text(h['phone'])}: {_bold(_text(clinic.phone))}", s["contact"])
        )
    if clinic.out_of_hours_phone.strip():
        contact.append(
            Paragraph(
                f"{_text(h['out_of_hours'])}: {_bold(_text(clinic.out_of_hours_phone))}",
                s["contact"],
            )
        )
    logo = _logo(clinic.logo_path) if clinic.logo_path is not None else None
    contact_width = 6.2 * cm
    logo_width = (logo.drawWidth + 0.4 * cm) if logo is not None else 0
    row: list[Any] = [left, contact]
    col_widths = [width - contact_width - logo_width, contact_width]
    if logo is not None:
        row.insert(0, logo)
        col_widths.insert(0, logo_width)
    table = Table([row], colWidths=col_widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 4), HRFlowable(width="100%", thickness=1.2, color=colors.black)]


def _details(sheet: AftercareSheet, template: AftercareTemplate) -> Flowable:
    s = _styles()
    h = template.headings
    areas = ", ".join(reference.zone(z).name for z in sheet.zones) or "—"

    def pair(label: str, value: str) -> str:
        return f"{_text(label)}: {_bold(value)}"

    treated = format_moment(sheet.treated_at.replace(tzinfo=None))
    gap = "&nbsp;" * 6
    lines = [
        pair(h["patient"], _text(sheet.patient_name))
        + gap
        + pair(h["practitioner"], _text(sheet.practitioner)),
        pair(h["treated_at"], escape(treated)),
        pair(h["areas"], escape(areas)),
        pair(h["next_appointment"], _text(next_appointment_text(sheet, template))),
    ]
    return Paragraph("<br/>".join(lines), s["body"])


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
    s = _styles()
    h = template.headings
    rows: list[list[Any]] = [
        [Paragraph(_text(h["timeline_when"]), s["table_heading"]),
         Paragraph(_text(h["timeline_what"]), s["table_heading"])]
    ]  # fmt: skip
    previous: TimelineStep | None = None
    widest = 0.0
    for step in timeline(sheet, template, tz):
        what = Paragraph(_text(step.text), s["cell"])
        if previous is not None and (previous.start, previous.end) == (step.start, step.end):
            rows[-1][1].append(what)  # same dates as the row above: one row, no repetition
            continue
        # "From …" starts a second line at "until" so both moments read at a glance
        lines = step.when(sheet.treated_at).replace(" until ", "\n until ").split("\n")
        widest = max(widest, *(stringWidth(line, FONT, SMALL_SIZE) for line in lines))
        when = "<br/>".join(escape(line.strip()) for line in lines)
        rows.append([Paragraph(when, s["cell"]), [what]])
        previous = step
    # as wide as the longest date needs (no lone "16:00" on a line), within reason
    when_width = min(widest + 2 * CELL_PADDING + 2, width * 0.48)
    return Table(rows, colWidths=[when_width, width - when_width], repeatRows=1,
                 style=_grid_style())  # fmt: skip


def _bullets(items: Sequence[str]) -> ListFlowable:
    s = _styles()
    return ListFlowable(
        [ListItem(Paragraph(_text(item), s["cell"]), leftIndent=12) for item in items],
        bulletType="bullet",
        start="•",
        bulletFontName=FONT,
        bulletFontSize=SMALL_SIZE,
        leftIndent=12,
    )


def _normal_and_call(sheet: AftercareSheet, template: AftercareTemplate, width: float) -> Flowable:
    s = _styles()
    h = template.headings
    clinic = sheet.clinic
    normal: list[Flowable] = [
        Paragraph(_text(h["normal"]), s["cell_heading"]),
        _bullets(template.normal),
    ]
    call: list[Flowable] = [Paragraph(_text(h["call_clinic"]), s["cell_heading"])]
    if clinic.phone.strip():
        call.append(Paragraph(f"{_text(h['call_phone'])} {_text(clinic.phone)}", s["phone"]))
    if clinic.out_of_hours_phone.strip():
        call.append(
            Paragraph(
                f"{_text(h['out_of_hours'])}: {_bold(_text(clinic.out_of_hours_phone))}",
                s["cell"],
            )
        )
    call.append(_bullets(template.call_clinic))
    normal_width = width * 0.4  # the boxed column gets the room: its lines matter more
    table = Table([[normal, call]], colWidths=[normal_width, width - normal_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (1, 0), (1, 0), 5),
                # the "call the clinic" column is boxed: it must stand out without colour
                ("BOX", (1, 0), (1, 0), 1.5, colors.black),
            ]
        )
    )
    return table


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
        Paragraph(_text(template.title), s["title"]),
        _details(sheet, template),
        Spacer(1, 6),
        Paragraph(_text(template.intro), s["body"]),
    ]
    if sheet.show_depth_table and sheet.zone_depths:
        story.append(_depth_table(sheet, template, width))
    if sheet.notes.strip():
        story += [
            Paragraph(_text(h["notes"]), s["heading"]),
            Paragraph(_text(sheet.notes), s["body"]),
        ]
    story += [Spacer(1, 8), _timeline_table(sheet, template, width, tz)]
    story += [Spacer(1, 10), _normal_and_call(sheet, template, width)]
    return story


MARGIN = 1.8 * cm
CELL_PADDING = 5
FRAME_PADDING = 6  # SimpleDocTemplate's frame keeps this much inside the margins
FOOTER_HEIGHT = 1.7 * cm  # two lines of 11 pt, clear of the printers' unprintable edge


def _numbered_canvas(sheet: AftercareSheet, template: AftercareTemplate, pages: list[int]) -> type:
    """A canvas that draws the footer once the page count is known ("Page 1 of 2")."""
    phone = printable(sheet.clinic.phone.strip())
    name = printable(sheet.clinic.name.strip())
    phone_text = f"{printable(template.headings['phone'])}: {phone}" if phone else ""
    disclaimer = printable(template.footer)
    page_number = printable(template.headings["page_number"])

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
            left, right = MARGIN, page_width - MARGIN
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
    _register_fonts()
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


def check_output_path(out: Path) -> None:
    """``InvalidInput`` naming the folder when ``out`` cannot be written there."""
    folder = out.parent
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist.", "out")
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder; give a file name ending in .pdf.", "out")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(f"The folder {folder} is not writable.", "out")


def write_file_atomically(out: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so no partial file is ever left."""
    check_output_path(out)
    try:
        fd, temp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise InvalidInput(
            f"The folder {out.parent} is not writable ({exc.strerror}).", "out"
        ) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise InvalidInput(f"{out} cannot be written: {exc.strerror}.", "out") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def render_pdf(
    sheet: AftercareSheet,
    out: Path,
    template: AftercareTemplate | None = None,
    tz: ZoneInfo | None = None,
) -> RenderResult:
    """Write the sheet to ``out`` (atomically). Show ``warnings`` to the user before printing."""
    check_output_path(out)
    started = time.perf_counter()
    rendered = render_sheet(sheet, template, tz)
    write_file_atomically(out, rendered.data)
    log.info(
        "aftercare sheet written to %s (%d pages, %.0f ms)",
        out, rendered.pages, (time.perf_counter() - started) * 1000,
    )  # fmt: skip
    return RenderResult(out, rendered.pages, rendered.warnings)
