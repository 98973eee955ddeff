"""Paragraph styles in the shipped font, and user text turned into Paragraph markup."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle

from assistant.pdf.fonts import FONT, FONT_BOLD, printable, register_fonts

LEADING = 1.2  # line height as a multiple of the font size


def paragraph_style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    leading: float | None = None,
    parent: ParagraphStyle | None = None,
    **options: Any,
) -> ParagraphStyle:
    """A style in the shipped font (registered first)."""
    register_fonts()
    return ParagraphStyle(
        name,
        parent=parent,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=leading if leading is not None else size * LEADING,
        **options,
    )


def markup(value: str) -> str:
    """User or template text as Paragraph markup: printable, escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in printable(value).strip().splitlines())
