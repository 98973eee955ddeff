"""Plain-text tables for the terminal: columns aligned by the width each character takes
(a Chinese character two cells, a combining accent none), headers underlined."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """The rows under their headers, two spaces between columns; columns whose index is in
    ``right`` (numbers) aligned right. No trailing spaces."""
    widths = [cells(h) for h in headers]
    for row in rows:
        widths = [max(w, cells(value)) for w, value in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for index, (value, width) in enumerate(zip(values, widths, strict=True)):
            pad = " " * (width - cells(value))
            parts.append(pad + value if index in right else value + pad)
        return "  ".join(parts).rstrip()

    rule = ["-" * w for w in widths]
    return "\n".join([line(headers), line(rule), *(line(row) for row in rows)])
