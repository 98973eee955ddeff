"""The two tables printed records share: label–value pairs, and a grid with a heading row.
Each document says how it words a value (``text``) and which paragraph it sets text in."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

ValueText = Callable[[Any], str]  # a value as Paragraph markup


def pairs_table(
    pairs: Sequence[tuple[str, Any]],
    styles: Mapping[str, ParagraphStyle],
    width: float,
    text: ValueText,
    label_share: float = 0.3,
    paragraph: type[Paragraph] = Paragraph,
) -> Table:
    """Labels in a narrow column (``label_share`` of ``width``), values beside them."""
    rows = [
        [paragraph(escape(label), styles["small"]), paragraph(text(value), styles["body"])]
        for label, value in pairs
    ]
    table = Table(rows, colWidths=[width * label_share, width * (1 - label_share)])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    styles: Mapping[str, ParagraphStyle],
    widths: Sequence[float],
    text: ValueText,
    paragraph: type[Paragraph] = Paragraph,
) -> Table:
    """A ruled grid whose heading row repeats on every page it runs onto."""
    data = [[paragraph(f"<b>{escape(h)}</b>", styles["small"]) for h in header]]
    data += [[paragraph(text(cell), styles["small"]) for cell in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return table
