"""The font registry every printed document uses: the shipped faces, registered once, and
one answer to "can this text print in this family".

- ``sans`` (DejaVu Sans) sets documents in English: the record export, the recovery
  sheet, the day's lists;
- ``noto`` (Noto Sans with Noto Sans Arabic merged in, so a line mixing Arabic, Latin and
  digits stays in one face) and ``cjk`` (Droid Sans Fallback, one weight) set documents in
  the patient's language: aftercare and consent, the rule and translation sheets.

What a face can draw is read from the font file's character map (HarfBuzz), once per face.
In a language's family a character the family lacks is drawn in the first other shipped face
that has it (a Chinese name on an English sheet, ``family_markup``); one that no shipped
face has is printed as "\N{REPLACEMENT CHARACTER}" and reported before printing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal
from xml.sax.saxutils import escape

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from assistant.errors import ResourceMissing
from assistant.pdf import reportlab_internals as internals
from assistant.pdf.bidi import has_rtl
from assistant.resources import resource_path

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

FamilyName = Literal["noto", "cjk", "sans"]


@dataclass(frozen=True)
class Family:
    regular: str  # ReportLab font names
    bold: str
    regular_file: str
    bold_file: str


FAMILIES: dict[str, Family] = {
    "noto": Family(
        "ChairsideNoto", "ChairsideNoto-Bold",
        "NotoSansWithArabic-Regular.ttf", "NotoSansWithArabic-Bold.ttf",
    ),
    # one weight only: bold Chinese is drawn in the regular face
    "cjk": Family(
        "ChairsideCJK", "ChairsideCJK", "DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"
    ),
    "sans": Family(
        "ChairsideSans", "ChairsideSans-Bold", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
    ),
}  # fmt: skip
LANGUAGE_FAMILIES = ("noto", "cjk")  # in fallback order, before ``sans``

FONT = FAMILIES["sans"].regular
FONT_BOLD = FAMILIES["sans"].bold

_LAYOUT_CHARACTERS = frozenset("\n\r\t")
# What a family with one weight (Chinese) sets in bold elsewhere: headings and values stand
# out by this colour and their size, never by a heavier Latin face among regular characters.
EMPHASIS_COLOUR = "#1f3a68"
_files: dict[str, str] = {}  # ReportLab font name -> the file it was registered from


def _register(family: Family, again: bool) -> None:
    """Register a family's faces with ReportLab (``again``: even when already there). A
    missing or damaged font file is a ``ResourceMissing`` error that says how to repair the
    installation."""
    for font_name, file in ((family.regular, family.regular_file), (family.bold, family.bold_file)):
        if not again and font_name in pdfmetrics.getRegisteredFontNames():
            continue
        path = resource_path("fonts", file)
        try:
            font = TTFont(font_name, str(path))
        except Exception as exc:  # ReportLab raises its own TTFError or an OSError
            raise ResourceMissing(
                f"The font file {path} is missing or damaged ({exc}), so no document can be "
                "printed. Reinstall Chairside (pip install -e .) to restore it."
            ) from exc
        internals.keep_subsets(font)
        pdfmetrics.registerFont(font)
        _files[font_name] = str(path)
    pdfmetrics.registerFontFamily(
        family.regular, normal=family.regular, bold=family.bold,
        italic=family.regular, boldItalic=family.bold,
    )  # fmt: skip


@cache
def register_fonts() -> None:
    """Register the English documents' faces (``sans``) with ReportLab, once."""
    _register(FAMILIES["sans"], again=True)


@cache
def register_family(name: str) -> Family:
    """Register a family's faces with ReportLab (once) and return it."""
    family = FAMILIES[name]
    if name == "sans":
        register_fonts()
    else:
        _register(family, again=False)
    return family


# --------------------------------------------------------------------------- coverage


@cache
def _coverage(font_name: str) -> frozenset[int]:
    """The characters a registered face can draw: its file's character map, and a no-break
    space wherever there is a space (ReportLab draws one as the other)."""
    blob = uharfbuzz.Blob.from_file_path(_files[font_name])
    codes = set(uharfbuzz.Face(blob).unicodes)
    if codes & {0x20, 0xA0}:
        codes |= {0x20, 0xA0}
    return frozenset(codes)


@cache
def covered(families: tuple[str, ...]) -> frozenset[int]:
    """Characters both weights of one of ``families`` can draw (names may be printed in
    either weight)."""
    result: frozenset[int] = frozenset()
    for name in families:
        family = register_family(name)
        result |= _coverage(family.regular) & _coverage(family.bold)
    return result


ALL_FAMILIES = (*LANGUAGE_FAMILIES, "sans")


@lru_cache(maxsize=2048)
def _missing(text: str, families: tuple[str, ...]) -> frozenset[str]:
    chars = covered(families)
    return frozenset(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch not in _LAYOUT_CHARACTERS and ord(ch) not in chars
    )


@lru_cache(maxsize=2048)
def _printable(text: str, families: tuple[str, ...]) -> str:
    chars = covered(families)
    return "".join(
        ch if ch in _LAYOUT_CHARACTERS or ord(ch) in chars else REPLACEMENT
        for ch in unicodedata.normalize("NFC", text)
    )


def missing_glyphs(text: str) -> set[str]:
    """Characters in ``text`` the English documents' faces cannot draw (after NFC)."""
    return set(_missing(text, ("sans",)))


def printable(text: str) -> str:
    """``text`` as an English document prints it: NFC, each missing character shown "�"."""
    return _printable(text, ("sans",))


def missing_in_every_font(text: str) -> set[str]:
    """Characters in ``text`` that no shipped face can draw (after NFC normalisation)."""
    return set(_missing(text, ALL_FAMILIES))


def printable_any(text: str) -> str:
    """``text`` as a language's document prints it: NFC, each character no shipped face
    has shown as "�"."""
    return _printable(text, ALL_FAMILIES)


def describe_character(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"“{ch}” (U+{ord(ch):04X}{' ' + name if name else ''})"


# --------------------------------------------------------------------------- markup

# Below the CJK blocks (Latin, Greek, Cyrillic, Arabic, punctuation, digits) Noto Sans draws
# every character it has, whatever the family: Droid Sans Fallback's Latin is incomplete.
_CJK_START = 0x2E80


@cache
def _each_family() -> tuple[frozenset[int], ...]:
    return tuple(covered((name,)) for name in ALL_FAMILIES)


def _face_for(ch: str, primary: int, sets: tuple[frozenset[int], ...]) -> int:
    """The index in ``ALL_FAMILIES`` of the family that draws ``ch``."""
    code = ord(ch)
    if code < _CJK_START and code in sets[0]:
        return 0
    if ch.isspace() or code in sets[primary]:
        return primary
    for index, chars in enumerate(sets):
        if code in chars:
            return index
    return primary


# Spaces a line never breaks at: between the groups of a number ("07700 900456", "(0117) 496"),
# after a number and before the word it counts or dates ("0.5 mm", "20 juillet", "3:25 م"),
# and before a time of day ("20 July, 23:25"). A word that joins digits to Arabic letters is
# shaped run by run (``assistant.pdf.reportlab_internals``), so its digits read left to right.
_HELD = re.compile(
    r"(?<=[\d)]) (?=[\d(])"
    r"|(?<=\d) (?=[^\s\d]+(?:\s|$))"
    r"|(?<=\S) (?=\d{1,2}[:.]\d\d(?!\d))"
)


_DIGIT_GROUPS = re.compile(r"(?<=[\d)]) (?=[\d(])")


def hold_numbers(text: str) -> str:
    """``text`` with no-break spaces where a number must stay whole on its line. Without
    ReportLab's internals a word is shaped in one direction, so a number is then never
    joined to a right-to-left word (its digits would be reversed): only its groups are."""
    if not any(c.isdigit() for c in text):
        return text
    if not internals.enabled() and has_rtl(text):
        return _DIGIT_GROUPS.sub("\N{NO-BREAK SPACE}", text)
    return _HELD.sub("\N{NO-BREAK SPACE}", text)


def family_markup(text: str, family: str, bold: bool = False) -> str:
    """User or template text as Paragraph markup in ``family``: printable, escaped, line
    breaks kept, numbers held together (``hold_numbers``), and each run the family cannot
    draw set in a shipped face that can."""
    return _family_markup(text, family, bold, internals.enabled())


@lru_cache(maxsize=4096)
def _family_markup(text: str, family: str, bold: bool, _internals: bool) -> str:
    primary = ALL_FAMILIES.index(family)
    sets = _each_family()
    emphasis = bold and FAMILIES[family].bold == FAMILIES[family].regular
    if emphasis:  # no bold face: no bold digits or Latin inside it either, the colour instead
        bold = False
    lines = []
    for line in hold_numbers(printable_any(text).strip()).splitlines():
        parts: list[str] = []
        run: list[str] = []
        current = primary
        for ch in line:
            face = _face_for(ch, primary, sets)
            if face != current and run:
                parts.append(_tagged("".join(run), current, primary, bold))
                run = []
            current = face
            run.append(ch)
        if run:
            parts.append(_tagged("".join(run), current, primary, bold))
        lines.append("".join(parts))
    joined = "<br/>".join(lines)
    return f'<font color="{EMPHASIS_COLOUR}">{joined}</font>' if emphasis else joined


def _tagged(run: str, face: int, primary: int, bold: bool) -> str:
    if face == primary:
        return escape(run)
    family = FAMILIES[ALL_FAMILIES[face]]
    return f'<font face="{family.bold if bold else family.regular}">{escape(run)}</font>'
