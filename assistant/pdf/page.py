"""The page every printed document shares: margins, a footer rule with up to two lines on
the left and "Page 1 of 2" on the right, drawn once the page count is known."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from assistant.pdf.bidi import BidiParagraph
from assistant.pdf.fonts import FONT, FONT_BOLD, printable, register_fonts
from assistant.pdf.reportlab_internals import line_count, page_canvas, shaping_kept

FRAME_PADDING = 6  # SimpleDocTemplate's frame keeps this much inside the margins
FOOTER_HEIGHT = 1.7 * cm  # two lines of 11 pt, clear of the printers' unprintable edge
FOOTER_SIZE = 11.0
ANCHOR_SIZE = 7.0  # the audit chain head, small: for checking, not for reading


@dataclass(frozen=True)
class Footer:
    """``first_line`` choices, longest first: the first that fits beside the page number is
    drawn. ``page_number`` is formatted with ``page`` and ``pages``."""

    first_line: Sequence[str]
    second_line: str
    page_number: str
    size: float = FOOTER_SIZE
    anchor: str = ""  # the audit chain head, printed small at the right
    font: str = FONT
    font_bold: str = FONT_BOLD
    rtl: bool = False  # right to left: text on the right, page number on the left, shaped
    # (text, bold) -> Paragraph markup: the lines are then set as Paragraphs in ``font``
    # (shaped, right to left when ``rtl``, other faces for what ``font`` lacks)
    markup: Callable[[str, bool], str] | None = None

    @property
    def height(self) -> float:
        """Room kept at the bottom of each page: two lines of ``size`` and their gaps."""
        return max(FOOTER_HEIGHT, self.size * 2.54 + 20)

    @property
    def gap(self) -> float:
        """From the rule to the first baseline, and between the two baselines."""
        return max(14.0, self.size * 1.27)


@dataclass(frozen=True)
class Margins:
    left: float
    right: float
    top: float
    bottom: float


def footer_drawer(
    footer: Footer, margin: float, page_width: float
) -> Callable[[Canvas, int, int], None]:
    """What draws ``footer`` on a page ``page_width`` wide once the page count is known
    (``numbered_canvas``)."""
    # a document in its own fonts has already made its text printable in them
    clean: Callable[[str], str] = (lambda text: text) if footer.markup else printable
    # a choice that cannot fit on one line is never measured (a pasted page of text would
    # cost its length on every page)
    texts = [text for text in footer.first_line if text]
    choices = [clean(text) for text in texts if len(text) <= 300]
    if texts and not choices:
        choices = [clean(texts[-1][:300])]
    second = clean(footer.second_line)
    number_format = clean(footer.page_number)
    anchor = clean(footer.anchor)
    size = footer.size
    font, font_bold = footer.font, footer.font_bold

    def paragraph(text: str, bold: bool, align: int) -> Paragraph:
        assert footer.markup is not None
        style = ParagraphStyle(
            "footer", fontName=font_bold if bold else font, fontSize=size,
            leading=size * 1.2, alignment=align,
            **({"wordWrap": "RTL", "shaping": 1} if footer.rtl else {}),
        )  # fmt: skip
        return BidiParagraph(footer.markup(text, bold), style)

    def draw_paragraphs(canvas: Canvas, page: int, total: int) -> None:
        left, right = margin + FRAME_PADDING, page_width - margin - FRAME_PADDING
        top, gap = footer.height, footer.gap
        canvas.setLineWidth(0.8)
        canvas.line(left, top, right, top)
        near, far = (TA_RIGHT, TA_LEFT) if footer.rtl else (TA_LEFT, TA_RIGHT)
        number_width = (right - left) * 0.25
        text_width = right - left - number_width - 12
        text_x, number_x = (
            (left + number_width + 12, left) if footer.rtl else (left, right - number_width)
        )
        first = None
        for text in choices or [""]:
            first = paragraph(text, False, near)
            _, height = first.wrap(text_width, FOOTER_HEIGHT)
            if line_count(first, height) <= 1:
                break
        lines = [(first, text_x, top - gap, text_width)]
        lines.append((paragraph(second, False, near), text_x, top - 2 * gap, text_width))
        number = number_format.format(page=page, pages=total)
        lines.append((paragraph(number, True, far), number_x, top - gap, number_width))
        for para, x, baseline, width in lines:
            if para is None:
                continue
            _, height = para.wrap(width, FOOTER_HEIGHT)
            # the first line's baseline sits a fifth of the size above the bottom of a line
            para.drawOn(canvas, x, baseline - height + size)
        if anchor:
            canvas.setFont(FONT, ANCHOR_SIZE)
            end = canvas.drawString if footer.rtl else canvas.drawRightString
            end(left if footer.rtl else right, top + 3, anchor)

    def draw_strings(canvas: Canvas, page: int, total: int) -> None:
        left, right = margin + FRAME_PADDING, page_width - margin - FRAME_PADDING
        top = FOOTER_HEIGHT
        canvas.setLineWidth(0.8)
        canvas.line(left, top, right, top)
        number = number_format.format(page=page, pages=total)
        room = right - left - stringWidth(number, font_bold, size) - 12
        first = next(
            (text for text in choices if stringWidth(text, font, size) <= room),
            choices[-1] if choices else "",
        )
        canvas.setFont(font, size)
        canvas.drawString(left, top - 14, first)
        canvas.drawString(left, top - 28, second)
        canvas.setFont(font_bold, size)
        canvas.drawRightString(right, top - 14, number)
        if anchor:
            canvas.setFont(FONT, ANCHOR_SIZE)
            spare = right - left - stringWidth(second, font, size) - 12
            fits = stringWidth(anchor, FONT, ANCHOR_SIZE) <= spare
            canvas.drawRightString(right, top - 28 if fits else top + 3, anchor)

    draw_footer = draw_paragraphs if footer.markup is not None else draw_strings

    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        draw_footer(canvas, page, total)
        canvas.restoreState()

    return draw


def numbered_canvas(
    draw: Callable[[Canvas, int, int], None], pages: list[int] | None = None
) -> type[Canvas]:
    """The canvas of every document with "Page N of M": ``draw(canvas, page, pages)`` runs
    on every page once the page count is known (the count is appended to ``pages``)."""
    return page_canvas(draw, [] if pages is None else pages)


def build_pdf(
    story: list[Flowable],
    *,
    page_size: tuple[float, float],
    margins: Margins,
    footer: Footer | None,
    title: str,
    author: str,
    subject: str = "",
) -> tuple[bytes, int]:
    """Lay ``story`` out on pages of ``page_size``; the PDF bytes and the page count."""
    register_fonts()
    buffer = io.BytesIO()
    bottom = margins.bottom + (footer.height if footer is not None else 0)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        creator="Chairside",
    )
    pages: list[int] = []
    with shaping_kept():  # for a plain Paragraph in the story too
        if footer is None:
            doc.build(story)
            return buffer.getvalue(), doc.page
        draw = footer_drawer(footer, margins.left, page_size[0])
        doc.build(story, canvasmaker=numbered_canvas(draw, pages))
    return buffer.getvalue(), pages[0] if pages else 0


def content_width(page_size: tuple[float, float], margins: Margins) -> float:
    """The width a story can use inside the margins and the frame's padding."""
    return page_size[0] - margins.left - margins.right - 2 * FRAME_PADDING
