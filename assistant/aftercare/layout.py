"""Plain text laid out directly on the aftercare sheet: short blocks of regular and bold
runs, word-wrapped, in one or two columns.

A fraction of the cost of Paragraphs, which matters because the sheet is rendered for every
preview; text that may be long and split across pages stays in Paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from assistant.pdf import FONT, FONT_BOLD, printable
from assistant.pdf.styles import LEADING

BODY_SIZE = 11.5  # readable at arm's length; nothing on the sheet is smaller than 11 pt
SMALL_SIZE = 11.0

__all__ = ["LEADING", "Run"]


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
