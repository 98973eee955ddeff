"""The patient's aftercare sheet: the fonts and their glyph check, the PDF, and the file.

This is the module the rest of Chairside imports from. The sheet's contents, the template
and the dates live in ``aftercare_sheet``, ``aftercare_template`` and ``aftercare_dates``;
their names are re-exported here.

Characters the shipped font (DejaVu Sans) cannot draw are never dropped silently: they are
printed as "\N{REPLACEMENT CHARACTER}" and every render returns a warning that names the
field and the character, so the user can correct the record before handing the sheet over.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assistant import reference
from assistant.aftercare.dates import (
    TimelineStep,
    next_appointment_text,
    timeline,
)
from assistant.aftercare.dates import _shift as _shift  # used by the tests
from assistant.aftercare.layout import (
    LEADING,
    Run,
    _Columns,
    _labelled,
    _Lines,
    _plain,
    _width,
    _wrap,
)
from assistant.aftercare.sheet import PAPERS, AftercareSheet, Paper, ZoneDepth
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
from assistant.clinic_profile import ClinicProfile
from assistant.dates import DAY_NAMES, MONTH_NAMES, format_date, format_moment
from assistant.errors import InvalidInput
from assistant.files import check_output_path, write_file_atomically
from assistant.pdf import (
    FONT,
    FONT_BOLD,
    FOOTER_HEIGHT,
    FRAME_PADDING,
    REPLACEMENT,
    Footer,
    Margins,
    build_pdf,
    content_width,
    describe_character,
    markup,
    missing_glyphs,
    paragraph_style,
    printable,
    register_fonts,
)

# register_fonts() looks the font files up through this module's name (a test replaces it)

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
    "ClinicProfile",
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

BODY_SIZE = 11.5  # readable at arm's length; nothing on the sheet is smaller than 11 pt
SMALL_SIZE = 11.0
HEADING_CELL_SIZE = 12.5
CELL_HEADING_SIZE = 13.5


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
            chars = ", ".join(describe_character(ch) for ch in sorted(missing))
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
    body = paragraph_style("body", BODY_SIZE)
    return {
        "body": body,
        "cell": paragraph_style("cell", SMALL_SIZE, parent=body),
        "cell_bold": paragraph_style("cell_bold", SMALL_SIZE, bold=True, parent=body),
        "heading": paragraph_style(
            "heading", CELL_HEADING_SIZE, bold=True, parent=body, spaceBefore=8, spaceAfter=3
        ),
    }


_text = markup


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
    logo = _logo(Path(clinic.logo_path)) if clinic.logo_path else None
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


def _footer(sheet: AftercareSheet, template: AftercareTemplate) -> Footer:
    phone = sheet.clinic.phone.strip()
    name = sheet.clinic.name.strip()
    phone_text = f"{template.headings['phone']}: {phone}" if phone else ""
    both = " · ".join(part for part in (name, phone_text) if part)
    # When both do not fit, the phone matters more: the header already names the clinic.
    return Footer(
        (both, phone_text or name),
        template.footer,
        template.headings["page_number"],
        anchor=sheet.record_anchor.strip(),
    )


def render_sheet(
    sheet: AftercareSheet,
    template: AftercareTemplate | None = None,
    tz: ZoneInfo | None = None,
    templates: Path | None = None,
) -> RenderedSheet:
    """The sheet as PDF bytes, its page count, and warnings to show before it is printed.
    Without ``template``, the one in use in the ``templates`` folder is read."""
    warnings: list[str] = []
    if template is None:
        template, template_warning = load_active_template(templates)
        if template_warning:
            warnings.append(template_warning)
    warnings += check_sheet_glyphs(sheet, template)
    if sheet.clinic.paper_size not in PAGE_SIZES:
        raise InvalidInput(
            f"Paper must be one of {', '.join(PAPERS)}, not '{sheet.clinic.paper_size}'.", "paper"
        )
    register_fonts()
    page_size = PAGE_SIZES[sheet.clinic.paper_size]
    margins = Margins(MARGIN, MARGIN, 1.0 * cm, 0.4 * cm)
    data, pages = build_pdf(
        _story(sheet, template, content_width(page_size, margins), tz),
        page_size=page_size,
        margins=margins,
        footer=_footer(sheet, template),
        title=f"Aftercare: {printable(sheet.patient_name)}",
        author=printable(sheet.clinic.name),
        subject=f"Aftercare sheet, template {template.version}",
    )
    return RenderedSheet(data, pages, tuple(warnings))


def render_pdf_bytes(
    sheet: AftercareSheet, template: AftercareTemplate | None = None, tz: ZoneInfo | None = None
) -> bytes:
    """The sheet as PDF bytes, for a preview."""
    return render_sheet(sheet, template, tz).data


def render_pdf(
    sheet: AftercareSheet,
    out: Path,
    template: AftercareTemplate | None = None,
    tz: ZoneInfo | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
) -> RenderResult:
    """Write the sheet to ``out`` (atomically; an existing file only with ``force``). Show
    ``warnings`` to the user before printing."""
    check_output_path(out, force=force)
    started = time.perf_counter()
    rendered = render_sheet(sheet, template, tz, templates)
    write_file_atomically(out, rendered.data, force=force)
    log.info(
        "aftercare sheet written to %s (%d pages, %.0f ms)",
        out, rendered.pages, (time.perf_counter() - started) * 1000,
    )  # fmt: skip
    return RenderResult(out, rendered.pages, rendered.warnings)
