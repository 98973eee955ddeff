"""Every use of ReportLab's internals, in one place, and only on a version the tests ran on.

Chairside prints with ReportLab's public API (Paragraph, Table, the canvas, the fonts). A few
things go further, into names ReportLab does not document and may change in any release:

- a paragraph's laid-out lines (``blPara``), which Arabic lines are reordered in
  (``assistant.pdf.bidi``), Chinese line breaks checked in (``assistant.pdf.cjk``), and a
  line count or a one-line width read from;
- the page states a canvas keeps, so "Page 1 of 2" is drawn straight onto each page;
- a table's cells, to leave off an empty part split from it;
- keeping font subsets and shaped words between documents (the bytes stay the same), and
  shaping a word that mixes directions run by run, through ``paragraph.shapeFragWord``:
  replaced only while a document is built or one of our paragraphs laid out, never for
  the whole process;
- a raised mark at the start of a shaped line (``PDFTextObject.setRise``), around one build.

``enabled()`` is true only when the installed ReportLab is one of ``TESTED_VERSIONS``
(``pyproject.toml`` allows that series). On any other version each function here takes the
public path: "Page N of M" drawn in a form filled in at the end, lines counted and widths
found by laying a paragraph out, nothing kept between documents, Chinese broken as ReportLab
breaks it, and a number never joined to an Arabic word (HarfBuzz would reverse its digits):
the same documents, a little slower and sometimes less compact. Two things stay, because
without them a document is wrong rather than plainer: right-to-left lines are still put in
reading order (ReportLab's own order puts an Arabic line's words left to right), falling back
to ReportLab's order if its lines are no longer what this expects, and the ``setRise`` guard
(without it such a line cannot be drawn), which acts only on an empty list of commands.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph, paragraph

# The ReportLab releases the whole suite passed on; ``pyproject.toml`` pins the same series.
TESTED_VERSIONS = frozenset({"5.1.0"})

log = logging.getLogger(__name__)


def enabled() -> bool:
    """Whether the installed ReportLab is one the tests ran on (read at each use, so a
    process never mixes the two paths inside one document)."""
    return reportlab.Version in TESTED_VERSIONS


# --------------------------------------------------------------------------- paragraphs


class ParagraphHooks(Paragraph):
    """A Paragraph that lets a subclass reorder its lines as they are drawn
    (``visual_lines``) and break Chinese again (``rebreak_cjk``), and lays itself out with
    the kept shaping (``shaping_kept``). On an untested ReportLab it is a plain Paragraph."""

    def visual_lines(self, lines: list[Any]) -> list[Any] | None:
        """The laid-out lines (ReportLab's, of several styles) in the order to draw them;
        None to draw them as they are."""
        return None

    def rebreak_cjk(self, break_lines: Callable[[list[float]], Any], widths: Any) -> Any:
        return break_lines(widths)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        with shaping_kept():
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        with shaping_kept():
            parts: list[Any] = super().split(availWidth, availHeight)
            return parts

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - ReportLab's names
        if not enabled():
            return super().breakLinesCJK(maxWidths)
        return self.rebreak_cjk(super().breakLinesCJK, maxWidths)

    def line_order_needed(self) -> bool:
        """Whether the lines must be reordered to read correctly (right-to-left text), so
        that they are reordered on an untested ReportLab too (see ``drawPara``)."""
        return False

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 - ReportLab's name
        """The lines drawn in ``visual_lines`` order. On an untested ReportLab only where
        the order is needed to read right (ReportLab's own puts the words of an Arabic line
        left to right), and only while its lines are what this expects: otherwise they are
        drawn as ReportLab orders them."""
        blpara = getattr(self, "blPara", None)
        wanted = enabled() or self.line_order_needed()
        if not wanted or blpara is None or getattr(blpara, "kind", 0) != 1:
            super().drawPara(debug)
            return
        logical = blpara.lines
        try:
            visual = self.visual_lines(logical)
        except (AttributeError, TypeError, ValueError, IndexError):
            if enabled():
                raise
            log.warning("ReportLab %s lays lines out otherwise: drawn unordered", reportlab.Version)
            visual = None
        if visual is None:
            super().drawPara(debug)
            return
        blpara.lines = visual
        try:
            super().drawPara(debug)
        finally:
            blpara.lines = logical


def is_inline_object(frag: Any) -> bool:
    """Whether a piece of a line is an image or other object rather than text."""
    return hasattr(frag, "cbDefn")


def line_pieces(line: Any) -> list[tuple[Any, str]]:
    """The pieces of one laid-out line of several styles, each with its text."""
    return [(frag, getattr(frag, "text", "")) for frag in line.words]


def split_part_text(kwargs: dict[str, Any]) -> str:
    """The text of a part of a paragraph split between pages, from the arguments ReportLab
    makes it with (its pieces, ``frags``)."""
    return "".join(str(getattr(frag, "text", "")) for frag in kwargs.get("frags") or [])


def rebuilt_line(line: Any, pieces: Sequence[tuple[Any, str]]) -> Any:
    """A copy of ``line`` drawing ``pieces`` (a piece of it, a text to draw in its style) in
    order; neighbours of the same piece become one."""
    words: list[Any] = []
    previous = None
    for frag, text in pieces:
        if frag is previous and words:
            words[-1].text = words[-1].text + text
        else:
            copy = frag.clone()
            copy.text = text
            words.append(copy)
        previous = frag
    result = line.clone()
    result.words = words
    return result


def reverse_pieces(line: Any) -> None:
    """Reverse the pieces of a line (a copy from ``rebuilt_line``) in place."""
    line.words = line.words[::-1]


def line_ends(layout: Any) -> list[tuple[str, str, float]]:
    """(first character, last character, the last one's width) of each line of a
    paragraph's layout, as ``breakLinesCJK`` returned it."""
    result = []
    for line in layout.lines:
        if isinstance(line, tuple):  # one style: (spare width, [text])
            text = "".join(line[1])
            font, size = layout.fontName, layout.fontSize
            if text:
                result.append((text[0], text[-1], stringWidth(text[-1], font, size)))
            else:
                result.append(("", "", 0.0))
            continue
        pieces = [w for w in line.words if getattr(w, "text", "")]
        if not pieces:
            result.append(("", "", 0.0))
            continue
        last = pieces[-1]
        width = stringWidth(last.text[-1], last.fontName, last.fontSize)
        result.append((pieces[0].text[0], last.text[-1], width))
    return result


def laid_out(para: Paragraph) -> bool:
    """Whether ``para`` still holds its layout from its last ``wrap`` (always False on an
    untested ReportLab: it is laid out again)."""
    return enabled() and hasattr(para, "blPara")


def line_count(para: Paragraph, height: float) -> int:
    """How many lines ``para`` was broken into by the ``wrap`` that gave ``height``."""
    lines = getattr(para, "blPara", None) if enabled() else None
    if lines is not None:
        return len(lines.lines)
    leading = para.style.leading or para.style.fontSize * 1.2
    return max(1, round(height / leading))


def single_line_width(para: Paragraph, width: float) -> float | None:
    """The width the text of ``para`` takes when it fits on one line of ``width``; None
    when it needs more lines. On an untested ReportLab it is found by laying the paragraph
    out at narrower widths (to half a point), then at ``width`` again."""
    _, height = para.wrap(width, 10_000)
    if not enabled():
        if line_count(para, height) != 1:
            return None
        fits, too_narrow = width, 0.0
        while fits - too_narrow > 0.5:
            middle = (fits + too_narrow) / 2
            _, height = para.wrap(middle, 10_000)
            if line_count(para, height) == 1:
                fits = middle
            else:
                too_narrow = middle
        para.wrap(width, 10_000)
        return fits
    lines = para.blPara.lines
    if len(lines) != 1:
        return None
    spare = getattr(lines[0], "extraSpace", None)  # a line of several styles, or a
    return float(width - (lines[0][0] if spare is None else spare))  # simple one


def table_is_empty(table: Any) -> bool:
    """Whether a part split from a table has no cell with anything in it (False on an
    untested ReportLab: the part is kept)."""
    if not enabled():
        return False
    return all(not cell for row in getattr(table, "_cellvalues", [[1]]) for cell in row)


# --------------------------------------------------------------------------- pages


def page_canvas(draw: Callable[[Canvas, int, int], None], pages: list[int]) -> type[Canvas]:
    """A canvas that runs ``draw(canvas, page, pages)`` on every page once the page count is
    known, and appends the count to ``pages``. With ReportLab's internals each page is kept
    until the end and drawn on directly; without, each page shows a form that is filled in
    at the end (the same look, one more object per page)."""
    if enabled():
        return _held_pages_canvas(draw, pages)
    return _form_canvas(draw, pages)


def _held_pages_canvas(draw: Callable[[Canvas, int, int], None], pages: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._chairside_held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._chairside_held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            held = self._chairside_held
            pages.append(len(held))
            for state in held:
                self.__dict__.update(state)
                draw(self, self._pageNumber, len(held))
                super().showPage()
            super().save()

    return NumberedCanvas


def _form_canvas(draw: Callable[[Canvas, int, int], None], pages: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self.doForm(f"chairsidePage{self.getPageNumber()}")
            super().showPage()

        def save(self) -> None:
            total = self.getPageNumber() - 1
            pages.append(total)
            for page in range(1, total + 1):
                self.beginForm(f"chairsidePage{page}")
                draw(self, page, total)
                self.endForm()
            super().save()

    return NumberedCanvas


@contextmanager
def marks_may_start_a_line() -> Iterator[None]:
    """ReportLab raises IndexError when a shaped right-to-left line starts (visually) with a
    raised mark (Arabic tanwin at a line's logical end): it folds the rise into a previous
    text command that does not exist yet. Give it an empty one while a document is drawn;
    the PDF is otherwise the same. Kept on an untested ReportLab too, since without it the
    document cannot be drawn at all: it acts only on an empty list of text commands, and
    does nothing once ReportLab keeps them otherwise."""
    original = PDFTextObject.setRise

    def set_rise(self: Any, rise: float) -> None:
        commands = getattr(self, "_code", None)
        if isinstance(commands, list) and not commands:
            commands.append("")
        original(self, rise)

    with _patch_lock:
        PDFTextObject.setRise = set_rise
    try:
        yield
    finally:
        with _patch_lock:
            PDFTextObject.setRise = original


_patch_lock = threading.Lock()

# --------------------------------------------------------------------------- fonts

SUBSETS_PER_FACE = 64  # a document uses a few subsets of 256 characters per font


def keep_subsets(font: ttfonts.TTFont) -> None:
    """Make ``font`` keep the subsets it embeds: ReportLab builds each again for every
    document, and for the Chinese face (a 4 MB font) that was a sixth of a sheet's time. A
    subset depends only on its characters and the glyphs they map to, so it is kept by
    those. Done on our own fonts' faces (a subclass of their class), never ReportLab's."""
    face = font.face
    if not enabled() or getattr(face, "_chairside_subsets", None) is not None:
        return
    made: dict[tuple[tuple[int, int], ...], bytes] = {}
    base = type(face)

    def make_subset(self: Any, subset: list[int]) -> bytes:
        if not enabled():
            data: bytes = base.makeSubset(self, subset)
            return data
        # charToGlyph grows when shaping adds a glyph; an entry, once there, never changes
        glyphs = self.charToGlyph
        key = tuple((code, glyphs.get(code, 0)) for code in subset)
        kept = made.get(key)
        if kept is None:
            kept = base.makeSubset(self, subset)
            with _shaped_lock:
                if len(made) >= SUBSETS_PER_FACE:
                    made.clear()
                made[key] = kept
        return kept

    face.__class__ = type("KeptSubsetsFace", (base,), {"makeSubset": make_subset})
    face._chairside_subsets = made


# --------------------------------------------------------------------------- shaping

SHAPED_WORDS = 20_000  # words of every language's sheet, many times over

_shaped_lock = threading.Lock()
_UNCHANGED = object()  # shaping left the word as it was
_shaped: dict[tuple[str, float, str], Any] = {}
_shape = paragraph.shapeFragWord
_scopes = 0


@contextmanager
def shaping_kept() -> Iterator[None]:
    """Paragraphs laid out inside use ``shape_word`` (on a tested ReportLab with HarfBuzz);
    ReportLab's own ``shapeFragWord`` is back once the last such scope ends."""
    global _scopes
    if not (enabled() and ttfonts.uharfbuzz):
        yield
        return
    with _patch_lock:
        _scopes += 1
        paragraph.shapeFragWord = shape_word
    try:
        yield
    finally:
        with _patch_lock:
            _scopes -= 1
            if not _scopes:
                paragraph.shapeFragWord = _shape


def _direction(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    return "R" if kind in ("R", "AL") else "L" if kind in ("L", "EN", "AN") else ""


def direction_runs(text: str) -> list[tuple[int, int]] | None:
    """Where a word mixing right-to-left letters with Latin letters or digits ("10ملم",
    "وForehead") changes direction, as (start, end) of its text; None for a word in one
    direction. HarfBuzz shapes a whole word in one direction: a mixed word would have its
    digits or Latin letters reversed."""
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


def _mixed_runs(word: list[Any]) -> list[tuple[int, int]] | None:
    if isinstance(word, ttfonts.ShapedFragWord):
        return None
    if any(hasattr(style, "cbDefn") for style, _ in word[1:]):
        return None
    return direction_runs("".join(str(part) for _, part in word[1:]))


def shape_uncached(word: list[Any], *args: Any, **kwargs: Any) -> Any:
    """A word shaped without keeping anything: as ReportLab does, but run by run for a word
    mixing directions."""
    runs = None if args or kwargs else _mixed_runs(word)
    return _shape(word, *args, **kwargs) if runs is None else _shape_mixed(word, runs)


def shape_word(word: list[Any], *args: Any, **kwargs: Any) -> Any:
    """``shapeFragWord`` for paragraphs, kept by font, size and text for a word in one
    style (the common case: a word's shaping depends only on those); a word mixing
    directions is shaped run by run; anything else is shaped as ReportLab does."""
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
        with _shaped_lock:
            if len(_shaped) >= SHAPED_WORDS:
                _shaped.clear()
            _shaped[key] = kept
        return shaped
    if kept is _UNCHANGED:
        return word
    width, parts = kept
    return ttfonts.makeShapedFragWord(word)([width, *((style, part) for part in parts)])
