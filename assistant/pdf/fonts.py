"""The fonts every printed document uses: the shipped DejaVu faces, registered once, and
what they cannot draw (shown as "\N{REPLACEMENT CHARACTER}" and reported before printing)."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from assistant.errors import ResourceMissing
from assistant.pdf.reuse import reuse_shaping, reuse_subsets
from assistant.resources import resource_path

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"

FONT = "ChairsideSans"
FONT_BOLD = "ChairsideSans-Bold"


@cache
def register_fonts() -> None:
    """Register the shipped font with ReportLab (once); a missing or damaged font file is a
    ``ResourceMissing`` error that says how to repair the installation."""
    faces = []
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        path = resource_path("fonts", file)
        try:
            faces.append(TTFont(name, str(path)))
        except Exception as exc:  # ReportLab raises its own TTFError or an OSError
            raise ResourceMissing(
                f"The font file {path} is missing or damaged ({exc}), so no document can be "
                "printed. Reinstall Chairside (pip install -e .) to restore it."
            ) from exc
    regular, bold = faces
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    for font in faces:
        reuse_subsets(font.face)
    reuse_shaping()
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


@cache
def _covered_codepoints() -> frozenset[int]:
    """Characters both shipped faces can draw (names may be printed in either)."""
    register_fonts()
    regular = pdfmetrics.getFont(FONT).face.charToGlyph
    bold = pdfmetrics.getFont(FONT_BOLD).face.charToGlyph
    return frozenset(regular.keys() & bold.keys())


_LAYOUT_CHARACTERS = frozenset("\n\r\t")


def missing_glyphs(text: str) -> set[str]:
    """Characters in ``text`` the sheet's font cannot draw (after NFC normalisation)."""
    return set(_missing_glyphs(text))


@lru_cache(maxsize=1024)
def _missing_glyphs(text: str) -> frozenset[str]:
    covered = _covered_codepoints()
    return frozenset(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if ch not in _LAYOUT_CHARACTERS and ord(ch) not in covered
    )


@lru_cache(maxsize=1024)
def printable(text: str) -> str:
    """``text`` as it will be printed: NFC, with each missing character shown as "�"."""
    covered = _covered_codepoints()
    return "".join(
        ch if ch in _LAYOUT_CHARACTERS or ord(ch) in covered else REPLACEMENT
        for ch in unicodedata.normalize("NFC", text)
    )


def describe_character(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"“{ch}” (U+{ord(ch):04X}{' ' + name if name else ''})"
