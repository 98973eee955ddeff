"""Work ReportLab repeats on every document, done once per process instead.

Every PDF embeds a subset of each font it uses, and ReportLab builds each subset again for
every document: for the Chinese face (a 4 MB font) that was a sixth of a sheet's time. The
subset depends only on the characters and the glyphs they map to, so it is kept by those.

Arabic words are shaped with HarfBuzz every time a paragraph is laid out, and the sheets of
one language share almost all their words. A word's shaping depends only on its font, its
size and its text, so it is kept by those and handed back with the word's own style.

Both give the same bytes as without them (``tests/test_pdf_reuse.py`` compares the two).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.platypus import paragraph

SUBSETS_PER_FACE = 64  # a document uses a few subsets of 256 characters per font
SHAPED_WORDS = 20_000  # words of every language's sheet, many times over

_lock = threading.Lock()


def reuse_subsets(face: Any) -> None:
    """Make the ReportLab font face ``face`` (``TTFont.face``) keep the subsets it builds."""
    if getattr(face, "_chairside_subsets", None) is not None:
        return
    made: dict[tuple[tuple[int, int], ...], bytes] = {}
    build: Callable[[list[int]], bytes] = face.makeSubset

    def make_subset(subset: list[int]) -> bytes:
        # charToGlyph grows when shaping adds a glyph; an entry, once there, never changes
        glyphs = face.charToGlyph
        key = tuple((code, glyphs.get(code, 0)) for code in subset)
        data = made.get(key)
        if data is None:
            data = build(subset)
            with _lock:
                if len(made) >= SUBSETS_PER_FACE:
                    made.clear()
                made[key] = data
        return data

    face._chairside_subsets = made
    face.makeSubset = make_subset  # the instance's, found before the class's


_UNCHANGED = object()  # shaping left the word as it was
_shaped: dict[tuple[str, float, str], Any] = {}
_shape = paragraph.shapeFragWord


def shape_word(word: list[Any], *args: Any, **kwargs: Any) -> Any:
    """``shapeFragWord`` for paragraphs, kept by font, size and text for a word in one
    style (the common case); anything else is shaped as ReportLab does."""
    if args or kwargs or len(word) != 2 or isinstance(word, ttfonts.ShapedFragWord):
        return _shape(word, *args, **kwargs)
    style, text = word[1]
    if hasattr(style, "cbDefn"):
        return _shape(word)
    key = (style.fontName, style.fontSize, str(text))
    kept = _shaped.get(key)
    if kept is None:
        shaped = _shape(word)
        parts = tuple(part for _, part in shaped[1:])
        kept = _UNCHANGED if shaped is word else (shaped[0], parts)
        with _lock:
            if len(_shaped) >= SHAPED_WORDS:
                _shaped.clear()
            _shaped[key] = kept
        return shaped
    if kept is _UNCHANGED:
        return word
    width, parts = kept
    return ttfonts.makeShapedFragWord(word)([width, *((style, part) for part in parts)])


def reuse_shaping() -> None:
    """Lay paragraphs out with ``shape_word`` (once per process)."""
    if ttfonts.uharfbuzz and paragraph.shapeFragWord is _shape:
        paragraph.shapeFragWord = shape_word
