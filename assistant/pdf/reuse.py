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
import unicodedata
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
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


def _direction(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    return "R" if kind in ("R", "AL") else "L" if kind in ("L", "EN", "AN") else ""


def _direction_runs(word: list[Any]) -> list[tuple[int, int]] | None:
    """Where a word mixing right-to-left letters with Latin letters or digits ("10ملم",
    "وForehead") changes direction, as (start, end) of its text; None for a word in one
    direction. HarfBuzz shapes a whole word in one direction: a mixed word would have its
    digits or Latin letters reversed."""
    text = "".join(str(part) for _, part in word[1:])
    directions = [_direction(ch) for ch in text]
    if "R" not in directions or "L" not in directions:
        return None
    runs: list[tuple[int, int]] = []
    start, current = 0, ""
    for i, direction in enumerate(directions):
        if direction and current and direction != current:
            runs.append((start, i))
            start = i
        current = direction or current
    runs.append((start, len(text)))
    return runs


def _shape_mixed(word: list[Any], runs: list[tuple[int, int]]) -> Any:
    """A mixed word shaped run by run, each in its own direction, the runs in typed order
    (the lines' bidirectional order puts them in place: ``assistant.pdf.bidi``)."""
    pieces: list[tuple[Any, Any]] = []
    width = 0.0
    for start, end in runs:
        part: list[Any] = [0.0]
        offset = 0
        for style, text in word[1:]:
            a, b = max(start, offset), min(end, offset + len(text))
            if a < b:
                part.append((style, text[a - offset : b - offset]))
                part[0] += stringWidth(part[-1][1], style.fontName, style.fontSize)
            offset += len(text)
        shaped = _shape(word.__class__(part))
        width += shaped[0]
        pieces += shaped[1:]
    return ttfonts.makeShapedFragWord(word)([width, *pieces])


def shape_uncached(word: list[Any], *args: Any, **kwargs: Any) -> Any:
    """A word shaped without keeping anything: as ReportLab does, but run by run for a word
    mixing directions."""
    runs = None if args or kwargs else _mixed_runs(word)
    return _shape(word, *args, **kwargs) if runs is None else _shape_mixed(word, runs)


def _mixed_runs(word: list[Any]) -> list[tuple[int, int]] | None:
    if isinstance(word, ttfonts.ShapedFragWord):
        return None
    if any(hasattr(style, "cbDefn") for style, _ in word[1:]):
        return None
    return _direction_runs(word)


def shape_word(word: list[Any], *args: Any, **kwargs: Any) -> Any:
    """``shapeFragWord`` for paragraphs, kept by font, size and text for a word in one
    style (the common case); a word mixing directions is shaped run by run; anything else
    is shaped as ReportLab does."""
    if args or kwargs or isinstance(word, ttfonts.ShapedFragWord):
        return _shape(word, *args, **kwargs)
    runs = _mixed_runs(word)
    if runs is not None:
        return _shape_mixed(word, runs)
    if len(word) != 2:
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
