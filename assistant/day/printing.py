"""What the day's printed documents share (the regulator's report and the governance
summary): their styles, a table of labelled values, and the page size of the clinic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Table

from assistant.pdf import Margins, markup, paragraph_style, tables

MARGINS = Margins(1.8 * cm, 1.8 * cm, 1.6 * cm, 0.6 * cm)
NOT_RECORDED = "not recorded"


def page_size(paper: str) -> tuple[float, float]:
    return LETTER if paper == "Letter" else A4


def styles() -> dict[str, ParagraphStyle]:
    body = paragraph_style("day-body", 10, leading=13)
    return {
        "body": body,
        "small": paragraph_style("day-small", 8.5, leading=11, parent=body),
        "title": paragraph_style("day-title", 17, bold=True, leading=21, parent=body,
                                 spaceAfter=4),
        "heading": paragraph_style(
            "day-heading", 12.5, bold=True, leading=16, parent=body, spaceBefore=10,
            spaceAfter=4,
        ),
    }  # fmt: skip


def value_markup(value: object) -> str:
    """A value as Paragraph markup; nothing recorded is said so, never left blank."""
    if value is None or value == "":
        return f"<i>{NOT_RECORDED}</i>"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return markup(str(value)) or f"<i>{NOT_RECORDED}</i>"


def pairs_table(
    pairs: Sequence[tuple[str, object]], s: Mapping[str, ParagraphStyle], width: float
) -> Table:
    return tables.pairs_table(pairs, s, width, value_markup, label_share=0.34)


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    s: Mapping[str, ParagraphStyle],
    widths: Sequence[float],
) -> Table:
    return tables.grid(header, rows, s, widths, value_markup)
