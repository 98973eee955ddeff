"""What an aftercare sheet's text looks like in its language and print size: the sizes, the
paragraph styles (built once per language and size, and cached), the Paragraph that lays
itself out once per width, list items that move between pages whole, and the plain and
ruled table styles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle

from assistant.pdf.bidi import BidiParagraph
from assistant.pdf.families import family_markup, register_family
from assistant.text.languages import Language, language

LEADING = 1.15  # line height as a multiple of the font size
BODY_SIZE = 11.0  # readable at arm's length; nothing on the sheet is smaller than 11 pt
SMALL_SIZE = 11.0
HEADING_CELL_SIZE = 12.0
CELL_HEADING_SIZE = 12.5
CELL_PADDING = 5
PAGE_ROOM = 690  # points: a little less than the text area of a Letter page, the smaller


class Para(BidiParagraph):
    """A Paragraph that lays itself out once per width: tables ask each cell for its size
    more than once (to measure, then to draw), and shaping Arabic every time costs."""

    _wrapped_for: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped_for == avail_width and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_for = avail_width
        return size


@dataclass(frozen=True)
class Sizes:
    body: float
    small: float
    cell_heading: float
    section: float
    title: float
    clinic: float
    phone: float
    leading: float
    gap: float  # space between the parts of the sheet
    cell_leading: float  # the timeline's and the lists' lines, a little closer: each row
    # is ruled off, each item has its bullet
    row_padding: tuple[float, float] = (1, 2)  # above and below a ruled row's text
    rule_gap: float = 4  # around the header's rule and above the introduction


REGULAR_PRINT = Sizes(BODY_SIZE, SMALL_SIZE, HEADING_CELL_SIZE, CELL_HEADING_SIZE, 16, 15, 14,
                      LEADING, 5, 1.12)  # fmt: skip
# Large print: body text of 16 pt or more, and more room between lines and parts.
LARGE_PRINT = Sizes(16, 16, 17, 18, 22, 20, 20, 1.35, 14, 1.3)
# A sheet that has run onto another page is set once more closer between its parts and
# rows (the text keeps its size and leading): enough for a short visit to fit one page.
FIT_PRINT = replace(REGULAR_PRINT, gap=3, row_padding=(0.5, 1), rule_gap=2)


@dataclass(frozen=True)
class Look:
    """What a sheet's text looks like: its language's fonts and direction, and its sizes."""

    language: Language
    sizes: Sizes
    styles: dict[str, ParagraphStyle]

    @property
    def rtl(self) -> bool:
        return self.language.rtl

    def text(self, value: str, bold: bool = False) -> str:
        return family_markup(value, self.language.family, bold)

    def para(self, value: str, style: str = "body", bold: bool = False) -> Paragraph:
        return Para(self.text(value, bold), self.styles[style])

    def paras(
        self, value: str, style: str = "body", bold: bool = False, typed: bool = False
    ) -> list[Flowable]:
        """Text of any length as Paragraphs of at most ``CHUNK`` characters each, one after
        the other: ReportLab lays a paragraph out again on every page it is split across,
        so one paragraph of the whole text would cost time growing with its square.
        ``typed``: text someone typed (a name, an address), read in the direction of its
        first letter."""
        return [Para(self.text(part, bold), self.styles[style], auto_direction=typed)
                for part in chunks(value)]  # fmt: skip

    def labelled_markup(self, label: str, value: str) -> str:
        """ "Label: **value**" as Paragraph markup, the label first in the reading order
        (on the right, right to left), with the language's colon."""
        joined = one_line(value)
        head = self.text(label.strip() + self.colon)
        return f"{head}{self.space}<b>{self.text(joined, bold=True)}</b>"

    @property
    def colon(self) -> str:
        """The colon after a label: full width in Chinese (it carries its own space)."""
        return "\N{FULLWIDTH COLON}" if self.language.family == "cjk" else ":"

    @property
    def space(self) -> str:
        return "" if self.language.family == "cjk" else " "

    def labelled(self, label: str, value: str, style: str = "body") -> Paragraph:
        return Para(self.labelled_markup(label, value), self.styles[style])

    def labelled_long(self, label: str, value: str, style: str = "body") -> list[Flowable]:
        """ "Label: **value**", the value in pieces of ``CHUNK`` characters when it is long."""
        if len(value) <= CHUNK:
            return [self.labelled(label, value, style)]
        head = Para(self.text(f"{label.strip()}{self.colon}"), self.styles[style])
        return [head, *self.paras(one_line(value), style, bold=True)]

    def row(self, cells: list[Any]) -> list[Any]:
        """A table row in reading order: mirrored for right-to-left languages."""
        return cells[::-1] if self.rtl else cells


CHUNK = 1000  # characters: a few lines of text, far less than a page
_BLANKS = re.compile("[ \t\r\n]+")


def one_line(text: str) -> str:
    """``text`` on one line, its runs of spaces and line breaks made one space (its no-break
    spaces kept: they hold a phone number together)."""
    return _BLANKS.sub(" ", text).strip()


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, between words where it can,
    with its line breaks kept; a word longer than ``size`` is cut inside."""
    pieces: list[str] = []
    for line in text.strip().splitlines() or [""]:
        current = ""
        for word in line.split(" "):
            while len(word) > size:
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(word[:size])
                word = word[size:]
            if current and len(current) + 1 + len(word) > size:
                pieces.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()] or [""]


@cache
def look(code: str, large_print: bool, fit: bool = False) -> Look:
    """``fit``: the closer spacing of ``FIT_PRINT`` (regular print only)."""
    lang = language(code)
    family = register_family(lang.family)
    latin = register_family("noto")
    sizes = LARGE_PRINT if large_print else FIT_PRINT if fit else REGULAR_PRINT
    options: dict[str, Any] = {"alignment": TA_RIGHT if lang.rtl else TA_LEFT}
    if lang.rtl:
        options.update(wordWrap="RTL", shaping=1)
    elif lang.family == "cjk":
        options.update(wordWrap="CJK")

    def style(name: str, size: float, bold: bool = False, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=family.bold if bold else family.regular,
            fontSize=size,
            **{"leading": size * sizes.leading, **options, **extra},
        )

    s = sizes
    indent: dict[str, Any] = (
        {"rightIndent": 12, "bulletIndent": 1} if lang.rtl
        else {"leftIndent": 12, "bulletIndent": 1}
    )
    styles = {
        "body": style("body", s.body),
        "small": style("small", s.small),
        "cell": style("cell", s.small, leading=s.small * s.cell_leading),
        "cell_bold": style("cell_bold", s.cell_heading, bold=True),
        "heading": style("heading", s.section, bold=True, spaceBefore=s.gap, spaceAfter=3),
        "list_heading": style("list_heading", s.section, bold=True, spaceAfter=3),
        "title": style("title", s.title, bold=True, spaceAfter=min(3, s.gap)),
        "clinic": style("clinic", s.clinic, bold=True),
        "phone": style("phone", s.phone, bold=True, spaceAfter=2),
        "contact": style("contact", s.body, alignment=TA_LEFT if lang.rtl else TA_RIGHT),
        "bullet": style(
            "bullet", s.small, bulletFontName=latin.regular, bulletFontSize=s.small,
            leading=s.small * s.cell_leading, **indent,
        ),
    }  # fmt: skip
    return Look(lang, sizes, styles)


class WholePara(Para):
    """A list item: it moves to the next page whole rather than break between pages (one
    longer than ``WHOLE_LINES`` lines, typed by a clinic, may still break)."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if len(self.blPara.lines) <= WHOLE_LINES:
            return []
        parts: list[Flowable] = super().split(avail_width, avail_height)
        return parts


WHOLE_LINES = 8


def bullet(look_: Look, item: str) -> Paragraph:
    """A list item, its bullet at the start of its first line (on the right, right to left)
    and its other lines under its text."""
    return WholePara(look_.text(item), look_.styles["bullet"], bulletText="•")


def plain_style(commands: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *commands,
        ]
    )


def grid_style(header_row: bool = True, padding: tuple[float, float] = (1, 2)) -> TableStyle:
    """Ruled rows; ``padding``: above and below each row's text."""
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), padding[0]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding[1]),
    ]
    if header_row:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.5, colors.black))
    return TableStyle(commands)
