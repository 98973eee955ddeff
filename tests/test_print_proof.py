"""Proof in pictures: a demo visit's aftercare sheet printed from the command line in every
language, its first page rendered (pdfium) and measured as a reader would see it: one page,
nothing below 11 points, the clinic's numbers whole on their lines, ink down the page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import func, select

from assistant.aftercare import LANGUAGES
from assistant.storage.db import Database
from assistant.storage.models import TreatmentSession, ZoneTreatment
from tests import pdf_geometry as geometry
from tests.cli_support import cli_main

CODES = list(LANGUAGES)


@pytest.fixture
def short_visit(demo_db: Database) -> int:
    """A signed demo session of three or four zones (a short visit: no depth table)."""
    with demo_db.session() as session:
        zones = (
            select(ZoneTreatment.session_id, func.count().label("n"))
            .group_by(ZoneTreatment.session_id)
            .subquery()
        )
        found = session.scalars(
            select(TreatmentSession.id)
            .join(zones, zones.c.session_id == TreatmentSession.id)
            .where(zones.c.n.between(3, 4), TreatmentSession.state == "signed")
            .order_by(zones.c.n.desc(), TreatmentSession.id)
        ).first()
    assert found is not None
    return int(found)


def print_sheet(tmp_path: Path, session: int, code: str) -> bytes:
    out = tmp_path / f"sheet-{code}.pdf"
    argv = ["aftercare", "--session", str(session), "--language", code, "--out", str(out),
            "--timezone", "Europe/London"]  # fmt: skip
    assert cli_main(argv) == 0
    return out.read_bytes()


def text_sizes(data: bytes) -> list[float]:
    """The size of every character drawn on the first page (pdfium's own measure)."""
    text_page = pdfium.PdfDocument(data)[0].get_textpage()
    sizes = []
    for index in range(text_page.count_chars()):
        if text_page.get_text_range(index, 1).strip():
            sizes.append(pdfium.raw.FPDFText_GetFontSize(text_page.raw, index))
    return sizes


def inked_rows(data: bytes) -> tuple[float, float]:
    """The first page as a picture: the share of its height from the top to the last row of
    text (above the footer) and the share of rows with any ink."""
    page = pdfium.PdfDocument(data)[0]
    image = page.render(scale=0.5, grayscale=True).to_pil()
    width, height = image.size
    pixels = image.load()
    inked = [y for y in range(height) if any(pixels[x, y] < 128 for x in range(0, width, 2))]
    body = [y for y in inked if y < height * 0.88]  # the footer sits below
    return max(body) / height, len(inked) / height


@pytest.mark.parametrize("code", CODES)
def test_a_short_visit_prints_on_one_page_in_every_language(
    demo_db: Database, short_visit: int, tmp_path: Path, code: str
) -> None:
    data = print_sheet(tmp_path, short_visit, code)
    assert geometry.page_count(data) == 1
    sizes = text_sizes(data)
    assert len(sizes) > 300
    # nothing smaller than 11 points, except the audit anchor printed small for checking
    assert sorted(sizes)[len(sizes) // 50] >= 10.9
    bottom, share = inked_rows(data)
    assert bottom > 0.6  # the page is used, well past its middle
    assert share > 0.3


@pytest.mark.parametrize("code", CODES)
def test_the_clinics_numbers_stand_whole_on_one_line(
    demo_db: Database, short_visit: int, tmp_path: Path, code: str
) -> None:
    data = print_sheet(tmp_path, short_visit, code)
    with demo_db.session() as session:
        from assistant.storage.models import Clinic

        clinic = session.scalars(select(Clinic)).first()
        assert clinic is not None
        numbers = [clinic.phone, clinic.out_of_hours_phone]
    for number in filter(None, numbers):
        groups = number.split()
        assert len(groups) >= 2
        holding = [line for line in geometry.lines(data) if all(
            g in tokens(line) for g in groups)]  # fmt: skip
        # the header, the box and the footer (the out-of-hours number only in the first two)
        assert len(holding) >= 2, (number, [line.text for line in geometry.lines(data)])
        for line in holding:
            xs = [next(w.left for w in line.words if g in tokens(w)) for g in groups]
            assert xs == sorted(xs)  # left to right, in every language


def tokens(where: geometry.Line | geometry.Word) -> list[str]:
    """Its words, a Chinese label's full-width colon (which takes no space) cut off."""
    words = where.logical_words() if isinstance(where, geometry.Line) else [where.logical]
    return [part for word in words for part in word.replace("\uff1a", ":").split(":")]
