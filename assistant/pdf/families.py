"""Fonts for documents printed in the patient's language.

Each language is set in one family: Noto Sans (with Noto Sans Arabic merged in, so a line
mixing Arabic, Latin and digits stays in one face) or Droid Sans Fallback for Chinese. A
character the family lacks is drawn in the first other shipped face that has it (a Chinese
name on an English sheet); one that no shipped face has is printed as
"\N{REPLACEMENT CHARACTER}" and reported before printing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from assistant.errors import ResourceMissing
from assistant.pdf.fonts import FONT, FONT_BOLD, REPLACEMENT, register_fonts
from assistant.pdf.reuse import reuse_shaping, reuse_subsets
from assistant.resources import resource_path

FamilyName = Literal["noto", "cjk"]
# (regular font name, bold font name, characters both draw) of each shipped face
Faces = tuple[tuple[str, str, frozenset[int]], ...]


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
}  # fmt: skip

_LAYOUT_CHARACTERS = frozenset("\n\r\t")
# What a family with one weight (Chinese) sets in bold elsewhere: headings and values stand
# out by this colour and their size, never by a heavier Latin face among regular characters.
EMPHASIS_COLOUR = "#1f3a68"


@cache
def register_family(name: str) -> Family:
    """Register a family's faces with ReportLab (once). A missing or damaged font file is a
    ``ResourceMissing`` error that says how to repair the installation."""
    family = FAMILIES[name]
    for font_name, file in ((family.regular, family.regular_file), (family.bold, family.bold_file)):
        if font_name in pdfmetrics.getRegisteredFontNames():
            continue
        path = resource_path("fonts", file)
        try:
            pdfmetrics.registerFont(TTFont(font_name, str(path)))
        except Exception as exc:  # ReportLab raises its own TTFError or an OSError
            raise ResourceMissing(
                f"The font file {path} is missing or damaged ({exc}), so no document can be "
                "printed. Reinstall Chairside (pip install -e .) to restore it."
            ) from exc
    pdfmetrics.registerFontFamily(
        family.regular, normal=family.regular, bold=family.bold,
        italic=family.regular, boldItalic=family.bold,
    )  # fmt: skip
    for font_name in (family.regular, family.bold):
        reuse_subsets(pdfmetrics.getFont(font_name).face)
    reuse_shaping()
    return family


@cache
def _coverage(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph.keys())


@cache
def _faces() -> Faces:
    """(regular, bold, characters both draw) of every shipped face, in fallback order."""
    register_fonts()
    faces = []
    for name in FAMILIES:
        family = register_family(name)
        both = _coverage(family.regular) & _coverage(family.bold)
        faces.append((family.regular, family.bold, both))
    faces.append((FONT, FONT_BOLD, _coverage(FONT) & _coverage(FONT_BOLD)))
    return tuple(faces)


@cache
def _all_covered() -> frozenset[int]:
    covered: frozenset[int] = frozenset()
    for _, _, chars in _faces():
        covered |= chars
    return covered


def missing_in_every_font(text: str) -> set[str]:
    """Characters in ``text`` that no shipped face can draw (after NFC normalisation)."""
    covered = _all_covered()
    return {
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch not in _LAYOUT_CHARACTERS and ord(ch) not in covered
    }


@lru_cache(maxsize=2048)
def printable_any(text: str) -> str:
    """``text`` as it will be printed: NFC, each character no face has shown as "�"."""
    covered = _all_covered()
    return "".join(
        ch if ch in _LAYOUT_CHARACTERS or ord(ch) in covered else REPLACEMENT
        for ch in unicodedata.normalize("NFC", text)
    )


# Below the CJK blocks (Latin, Greek, Cyrillic, Arabic, punctuation, digits) Noto Sans draws
# every character it has, whatever the family: Droid Sans Fallback's Latin is incomplete.
_CJK_START = 0x2E80


def _face_for(ch: str, primary: int, faces: Faces) -> int:
    if ord(ch) < _CJK_START and ord(ch) in faces[0][2]:
        return 0
    if ch.isspace() or ord(ch) in faces[primary][2]:
        return primary
    for index, (_, _, chars) in enumerate(faces):
        if ord(ch) in chars:
            return index
    return primary


# Spaces a line never breaks at: between the groups of a number ("07700 900456", "(0117) 496"),
# after a number and before the word it counts or dates ("0.5 mm", "20 juillet", "3:25 م"),
# and before a time of day ("20 July, 23:25"). A word that joins digits to Arabic letters is
# shaped run by run (``assistant.pdf.reuse``), so its digits still read left to right.
_HELD = re.compile(
    r"(?<=[\d)]) (?=[\d(])"
    r"|(?<=\d) (?=[^\s\d]+(?:\s|$))"
    r"|(?<=\S) (?=\d{1,2}[:.]\d\d(?!\d))"
)


def hold_numbers(text: str) -> str:
    """``text`` with no-break spaces where a number must stay whole on its line."""
    return _HELD.sub("\N{NO-BREAK SPACE}", text) if any(c.isdigit() for c in text) else text


@lru_cache(maxsize=4096)
def family_markup(text: str, family: str, bold: bool = False) -> str:
    """User or template text as Paragraph markup in ``family``: printable, escaped, line
    breaks kept, numbers held together (``hold_numbers``), and each run the family cannot
    draw set in a shipped face that can."""
    faces = _faces()
    primary = list(FAMILIES).index(family)
    emphasis = bold and FAMILIES[family].bold == FAMILIES[family].regular
    if emphasis:  # no bold face: no bold digits or Latin inside it either, the colour instead
        bold = False
    lines = []
    for line in hold_numbers(printable_any(text).strip()).splitlines():
        parts: list[str] = []
        run: list[str] = []
        current = primary
        for ch in line:
            face = _face_for(ch, primary, faces)
            if face != current and run:
                parts.append(_tagged("".join(run), current, primary, bold, faces))
                run = []
            current = face
            run.append(ch)
        if run:
            parts.append(_tagged("".join(run), current, primary, bold, faces))
        lines.append("".join(parts))
    joined = "<br/>".join(lines)
    return f'<font color="{EMPHASIS_COLOUR}">{joined}</font>' if emphasis else joined


def _tagged(run: str, face: int, primary: int, bold: bool, faces: Faces) -> str:
    if face == primary:
        return escape(run)
    regular, bold_name, _ = faces[face]
    return f'<font face="{bold_name if bold else regular}">{escape(run)}</font>'
