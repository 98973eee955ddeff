"""Where the words of a printed page stand: what a reader sees, measured with pdfium's
character boxes rather than the order text comes out of the file (which says nothing about
which word stands on the right)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium


@dataclass(frozen=True)
class Word:
    text: str  # in reading order (pdfium undoes the joined forms and reverses Arabic)
    left: float
    right: float
    baseline: float

    @property
    def logical(self) -> str:
        """The word as typed (compatibility forms undone)."""
        return unicodedata.normalize("NFKC", self.text)


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]  # left to right
    baseline: float

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def logical_words(self) -> list[str]:
        return [word.logical for word in self.words]


def page_count(data: bytes) -> int:
    return len(pdfium.PdfDocument(data))


def words(data: bytes, page: int = 0) -> list[Word]:
    """The words of ``page`` (split at spaces, no-break spaces kept inside a word)."""
    document = pdfium.PdfDocument(data)
    text_page = document[page].get_textpage()
    found: list[Word] = []
    chars: list[tuple[str, tuple[float, float, float, float]]] = []

    def close() -> None:
        if chars:
            boxes = [box for _, box in chars]
            found.append(
                Word(
                    "".join(ch for ch, _ in chars),
                    min(b[0] for b in boxes),
                    max(b[2] for b in boxes),
                    round(min(b[1] for b in boxes)),
                )
            )
            chars.clear()

    for index in range(text_page.count_chars()):
        ch = text_page.get_text_range(index, 1)
        box = text_page.get_charbox(index, loose=True)
        if not ch or ch in " \r\n\t":
            close()
            continue
        if chars:
            last = chars[-1][1]
            apart = max(box[0], last[0]) - min(box[2], last[2])  # the gap, either direction
            if abs(box[1] - last[1]) > 4 or apart > 20:
                close()  # another line, or another cell
        chars.append((ch, box))
    close()
    return found


def lines(data: bytes, page: int = 0) -> list[Line]:
    """The page's lines, top to bottom, each with its words left to right. Words whose
    baselines are within 3 points stand on one line."""
    result: list[list[Word]] = []
    for word in sorted(words(data, page), key=lambda w: -w.baseline):
        if result and abs(result[-1][0].baseline - word.baseline) <= 3:
            result[-1].append(word)
        else:
            result.append([word])
    return [
        Line(tuple(sorted(group, key=lambda w: w.left)), group[0].baseline) for group in result
    ]


def line_holding(data: bytes, text: str, page: int = 0) -> Line | None:
    """The line on which ``text`` (typed words, in logical order) stands whole."""
    wanted = [bare(word) for word in unicodedata.normalize("NFKC", text).split()]
    for line in lines(data, page):
        logical = [bare(word) for word in line.logical_words()]
        if all(word in logical for word in wanted):
            return line
    return None


def bare(word: str) -> str:
    """A word without the brackets and punctuation around it."""
    return word.strip("()[]{}.,:;،؛\ue000\ue001")
