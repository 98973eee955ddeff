"""The patient's aftercare sheet: the glyph check, the PDF, and the file.

This is the module the rest of Chairside imports from. The sheet's contents (``sheet``), its
wording per language (``template``), its dates (``dates``, worded per language by
``languages``) and its layout (``layout``) live beside it; their names are re-exported here.

Characters no shipped font can draw are never dropped silently: they are printed as
"\N{REPLACEMENT CHARACTER}" and every render returns a warning that names the field and the
character, so the user can correct the record before handing the sheet over.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import cm

from assistant.aftercare.dates import (
    TimelineStep,
    next_appointment_text,
    timeline,
)
from assistant.aftercare.dates import _shift as _shift  # used by the tests
from assistant.aftercare.layout import story
from assistant.aftercare.look import (
    BODY_SIZE,
    CELL_HEADING_SIZE,
    CELL_PADDING,
    HEADING_CELL_SIZE,
    LARGE_PRINT,
    LEADING,
    SMALL_SIZE,
    look,
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
    template_name,
)
from assistant.clinic.profile import ClinicProfile
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
    printable,
    register_fonts,
)
from assistant.pdf.families import (
    family_markup,
    missing_in_every_font,
    printable_any,
    register_family,
)
from assistant.text.dates import DAY_NAMES, MONTH_NAMES, format_date, format_moment
from assistant.text.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Language,
    available_languages,
    format_day,
    language,
)

# On the sheet a character is missing only when no shipped face (Noto Sans with Arabic,
# Droid Sans Fallback for Chinese, DejaVu Sans) can draw it.
missing_glyphs = missing_in_every_font

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
    "LANGUAGES",
    "LARGE_PRINT",
    "LEADING",
    "MARGIN",
    "MONTH_NAMES",
    "PAGE_SIZES",
    "PAPERS",
    "DEFAULT_LANGUAGE",
    "Language",
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
    "TemplateStep",
    "TimelineStep",
    "ZoneDepth",
    "active_template_path",
    "available_languages",
    "format_day",
    "language",
    "look",
    "template_for",
    "template_name",
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
MARGIN = 1.3 * cm


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
    """One warning per field that contains characters no shipped font has, naming them."""
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


def _footer(sheet: AftercareSheet, template: AftercareTemplate) -> Footer:
    phone = sheet.clinic.phone.strip()
    name = sheet.clinic.name.strip()
    lk = look(sheet.language, sheet.large_print)
    phone_text = f"{template.headings['phone']}{lk.colon}{lk.space}{phone}" if phone else ""
    both = " · ".join(part for part in (name, phone_text) if part)
    lang = language(sheet.language)
    family = register_family(lang.family)
    size = LARGE_PRINT.small if sheet.large_print else SMALL_SIZE
    # When both do not fit, the phone matters more: the header already names the clinic.
    return Footer(
        tuple(printable_any(text) for text in (both, phone_text or name)),
        printable_any(template.footer),
        printable_any(template.headings["page_number"]),
        size=size,
        anchor=printable(sheet.record_anchor.strip()),
        font=family.regular,
        font_bold=family.bold,
        rtl=lang.rtl,
        markup=lambda text, bold: family_markup(text, lang.family, bold),
    )


def template_for(
    sheet: AftercareSheet, template: AftercareTemplate | None = None, templates: Path | None = None
) -> tuple[AftercareTemplate, str | None]:
    """The template to print ``sheet`` with: ``template`` when it is in the sheet's language,
    else the one in use in that language (the clinic's copy when there is one), and a warning
    when the clinic's copy cannot be used."""
    code = language(sheet.language).code
    if template is not None and template.language == code:
        return template, None
    folder = templates if templates is not None else (template.folder if template else None)
    return load_active_template(folder, code)


def render_sheet(
    sheet: AftercareSheet,
    template: AftercareTemplate | None = None,
    tz: ZoneInfo | None = None,
    templates: Path | None = None,
) -> RenderedSheet:
    """The sheet as PDF bytes, its page count, and warnings to show before it is printed.
    Without ``template`` (or with one in another language), the one in use in the sheet's
    language in the ``templates`` folder is read."""
    warnings: list[str] = []
    template, template_warning = template_for(sheet, template, templates)
    if template_warning:
        warnings.append(template_warning)
    warnings += check_sheet_glyphs(sheet, template)
    if sheet.clinic.paper_size not in PAGE_SIZES:
        raise InvalidInput(
            f"Paper must be one of {', '.join(PAPERS)}, not '{sheet.clinic.paper_size}'.", "paper"
        )
    register_fonts()
    page_size = PAGE_SIZES[sheet.clinic.paper_size]
    margins = Margins(MARGIN, MARGIN, 0.8 * cm, 0.3 * cm)
    def build(fit: bool) -> tuple[bytes, int]:
        return build_pdf(
            story(sheet, template, content_width(page_size, margins), tz, fit),
            page_size=page_size,
            margins=margins,
            footer=_footer(sheet, template),
            title=f"Aftercare: {printable_any(sheet.patient_name)}",
            author=printable_any(sheet.clinic.name),
            subject=f"Aftercare sheet, template {template.version} ({template.language})",
        )

    data, pages = build(fit=False)
    if pages > 1 and not sheet.large_print:  # once more, its columns sized to fit
        fitted, fewer = build(fit=True)
        if fewer < pages:
            data, pages = fitted, fewer
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
        "aftercare sheet written (%d pages, %.0f ms)",
        rendered.pages, (time.perf_counter() - started) * 1000,
    )  # fmt: skip
    return RenderResult(out, rendered.pages, rendered.warnings)
