"""The PDF toolkit every printed document shares (the aftercare sheet, the record export and
any later one): the font registry and what its faces can draw (``fonts``), paragraph markup
and styles (``styles``), the page with its numbered footer (``page``), and every use of
ReportLab's internals, only on a version the tests ran on (``reportlab_internals``)."""

from __future__ import annotations

from assistant.pdf.fonts import (
    FONT,
    FONT_BOLD,
    REPLACEMENT,
    describe_character,
    missing_glyphs,
    printable,
    register_fonts,
)
from assistant.pdf.page import (
    FOOTER_HEIGHT,
    FRAME_PADDING,
    Footer,
    Margins,
    build_pdf,
    content_width,
    footer_drawer,
    numbered_canvas,
)
from assistant.pdf.styles import markup, paragraph_style

__all__ = [
    "FONT",
    "FONT_BOLD",
    "FOOTER_HEIGHT",
    "FRAME_PADDING",
    "REPLACEMENT",
    "Footer",
    "Margins",
    "build_pdf",
    "content_width",
    "describe_character",
    "footer_drawer",
    "markup",
    "missing_glyphs",
    "numbered_canvas",
    "paragraph_style",
    "printable",
    "register_fonts",
]
