"""Right-to-left text in paragraphs, ordered the way a reader of Arabic expects.

ReportLab breaks a shaped paragraph into lines in logical order but leaves the words of each
line in that order too: an Arabic line reads left to right, its colons and full stops on the
wrong side. ``BidiParagraph`` lets ReportLab break and measure the lines (HarfBuzz shapes
every word, so an Arabic word is already drawn right to left inside itself) and then, only
when a line is drawn, orders its pieces with the Unicode bidirectional algorithm (UAX #9):
levels resolved over the whole paragraph, from the paragraph's direction (its language), and
each line reordered on its own after line breaking (rule L2). A right-to-left name inside a
left-to-right sheet is ordered the same way. The lines themselves stay in logical order, so
a paragraph split between pages is split as ReportLab would.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bidi import algorithm
from reportlab.lib.styles import ParagraphStyle

from assistant.pdf import reportlab_internals as internals
from assistant.pdf.cjk import break_cjk

_RTL_CLASSES = frozenset({"R", "AL"})
_PIECES = re.compile("[ ]+|[^ ]+")  # ReportLab joins the words of a line with plain spaces
_PRIVATE_USE = range(0xE000, 0xF900)  # glyphs HarfBuzz made that have no character of their own
_STRONG_RTL = "\N{ARABIC LETTER BEH}"  # stands for a word HarfBuzz has set right to left
_STRONG_LTR = "a"


_TAGS = re.compile("<[^>]*>")


def first_strong_level(markup: str) -> int | None:
    """0 when the first letter of ``markup``'s text is left to right, 1 when it is right to
    left, None when it has no letter (rules P2, P3)."""
    for ch in html.unescape(_TAGS.sub("", markup)):
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return 0
        if kind in _RTL_CLASSES:
            return 1
    return None


# the blocks of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their
# presentation forms): a quick look before asking each character its class
_RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Arabic, Hebrew…)."""
    return _RTL_BLOCKS.search(text) is not None and any(
        unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text
    )


@dataclass
class _Unit:
    """A piece of a line that moves as one: a word shaped right to left, a run of
    left-to-right letters, or one digit, space or punctuation mark."""

    frag: Any
    text: str  # as drawn (a shaped word's glyphs, already in visual order inside)
    stands_for: str  # one character of the same bidirectional type, for the algorithm


@lru_cache(maxsize=4096)
def _kind(ch: str) -> str:
    """ "R" for a right-to-left letter, "L" for a left-to-right one, "D" for a digit, "N"
    for the rest (punctuation, marks, glyphs HarfBuzz made)."""
    if ord(ch) in _PRIVATE_USE:
        return "N"
    kind = unicodedata.bidirectional(ch)
    if kind in _RTL_CLASSES:
        return "R"
    if kind == "L":
        return "L"
    return "D" if kind in ("EN", "AN") else "N"


def _word_units(frag: Any, text: str, start: int, end: int) -> list[_Unit]:
    """The units of one word. HarfBuzz has drawn a right-to-left run with the punctuation
    around it ("(العلاج", "الدقيقة:") in its own visual order: it moves as one. Latin
    letters move as one; digits and other punctuation each find their own level."""
    units: list[_Unit] = []
    kinds = [_kind(ch) for ch in text[start:end]]
    i = 0
    while i < len(kinds):
        j = i + 1
        if kinds[i] in "RN":
            while j < len(kinds) and kinds[j] in "RN":
                j += 1
            if "R" in kinds[i:j]:
                units.append(_Unit(frag, text[start + i : start + j], _STRONG_RTL))
            else:
                units += [_Unit(frag, text[start + k], text[start + k]) for k in range(i, j)]
        elif kinds[i] == "L":
            while j < len(kinds) and kinds[j] == "L":
                j += 1
            units.append(_Unit(frag, text[start + i : start + j], _STRONG_LTR))
        else:
            units.append(_Unit(frag, text[start + i], text[start + i]))
        i = j
    return units


def _units(frag: Any, text: str) -> list[_Unit]:
    if internals.is_inline_object(frag) or not text:
        return [_Unit(frag, text, "\N{OBJECT REPLACEMENT CHARACTER}")]
    units: list[_Unit] = []
    for match in _PIECES.finditer(text):
        start, end = match.span()
        if text[start] == " ":
            units.append(_Unit(frag, text[start:end], " "))
        else:
            units += _word_units(frag, text, start, end)
    return units


def _levels(text: str, base_level: int) -> list[int]:
    """The resolved embedding level of each character of ``text`` (rules X1–I2)."""
    storage = algorithm.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    algorithm.get_embedding_levels(text, storage, False, False)
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    return [int(ch["level"]) for ch in storage["chars"]]


def visual_order(items: list[Any], levels: list[int], base_level: int) -> list[Any]:
    """``items`` of one line in the order they are drawn, left to right (rules L1, L2):
    trailing spaces take the paragraph's level, then from the highest level down to the
    lowest odd one every run at that level or above is reversed."""
    levels = list(levels)
    end = len(items)
    while end and getattr(items[end - 1], "stands_for", "") == " ":
        end -= 1
        levels[end] = base_level
    order = list(range(len(items)))
    if not levels:
        return []
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [items[i] for i in order]


def _visual_lines(lines: list[Any], base_level: int) -> list[Any]:
    """Copies of ReportLab's lines with their words in the order they are drawn."""
    per_line = [
        [unit for frag, text in internals.line_pieces(line) for unit in _units(frag, text)]
        for line in lines
    ]
    # one paragraph for the algorithm: the lines joined by the spaces they were broken at
    text = " ".join("".join(unit.stands_for for unit in units) for units in per_line)
    levels = _levels(text, base_level)
    result = []
    start = 0
    for line, units in zip(lines, per_line, strict=True):
        line_levels = levels[start : start + len(units)]
        start += len(units) + 1
        drawn = visual_order(units, line_levels, base_level)
        result.append(internals.rebuilt_line(line, [(unit.frag, unit.text) for unit in drawn]))
    return result


class BidiParagraph(internals.ParagraphHooks):
    """A Paragraph whose lines are drawn in the order of the Unicode bidirectional
    algorithm: right to left when its style's ``wordWrap`` is "RTL", and with any
    right-to-left words (a name) ordered correctly inside a left-to-right paragraph.
    Text without right-to-left letters in a left-to-right style is drawn as by Paragraph.
    Chinese lines (``wordWrap`` "CJK") are also broken by Chinese rules.

    ``auto_direction``: the paragraph's direction is that of its first letter (rule P2), for
    text typed by someone (an address in Latin letters on an Arabic sheet reads "14 Quay
    Street", not "Quay Street 14"); otherwise it is the style's, that is the language's."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *args: Any,
        auto_direction: bool = False,
        **kwargs: Any,
    ) -> None:
        self._auto_level = (
            first_strong_level(text) if auto_direction and isinstance(text, str) else None
        )
        rtl_style = getattr(style, "wordWrap", None) == "RTL"
        if isinstance(text, str):
            self._bidi = rtl_style or has_rtl(text)
        else:  # a part of a paragraph split between pages: its frags are its text
            self._bidi = rtl_style or has_rtl(internals.split_part_text(kwargs))
        if self._bidi and not style.shaping:
            style = _shaped(style)
        super().__init__(text, style, *args, **kwargs)

    def rebreak_cjk(self, break_lines: Any, widths: Any) -> Any:
        """Chinese lines broken by its rules too (``assistant.pdf.cjk``)."""
        return break_cjk(break_lines, widths)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = super().split(avail_width, avail_height)
        for part in parts:
            if isinstance(part, BidiParagraph):
                part._auto_level = self._auto_level
        return parts

    def line_order_needed(self) -> bool:
        return self._bidi

    def visual_lines(self, lines: list[Any]) -> list[Any] | None:
        if not self._bidi:
            return None
        base_level = self._auto_level
        if base_level is None:
            base_level = 1 if self.style.wordWrap == "RTL" else 0
        visual = _visual_lines(lines, base_level)
        if self.style.wordWrap == "RTL":  # ReportLab reverses the pieces of an RTL line
            for line in visual:
                internals.reverse_pieces(line)
        return visual


_shaped_styles: dict[int, ParagraphStyle] = {}


def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` with HarfBuzz shaping on (once per style)."""
    kept = _shaped_styles.get(id(style))
    if kept is None or kept.parent is not style:
        kept = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        _shaped_styles[id(style)] = kept
    return kept
