"""Right-to-left text where a reader of Arabic expects it, measured where the page shows it
(pdfium's character boxes), not in the order the text comes out of the file."""

from __future__ import annotations

from datetime import date, datetime

from assistant.aftercare import render_sheet
from assistant.consent.document import ConsentDocument, SignatureBlock, render_pdf
from assistant.consent.templates import labels
from assistant.pdf.bidi import visual_order
from tests import pdf_geometry as geometry
from tests.test_aftercare_pdf import make_sheet

ARABIC_NAME = "فاطمة الزهراء"  # Fatima first, then al-Zahra


def x_of(line: geometry.Line, word: str) -> float:
    """Where ``word`` (as typed) starts on ``line``, from the left."""
    found = [w for w in line.words if geometry.bare(w.logical) == word]
    assert found, f"{word} not on the line {line.logical_words()}"
    return found[0].left


def test_an_arabic_name_stands_first_word_on_the_right_of_an_arabic_sheet():
    data = render_sheet(make_sheet(language="ar", patient_name=ARABIC_NAME)).data
    line = geometry.line_holding(data, ARABIC_NAME)
    assert line is not None
    first, last = ARABIC_NAME.split()
    assert x_of(line, first) > x_of(line, last)
    # the label comes first, on the right, then the value
    assert x_of(line, "المريض") > x_of(line, first)


def test_an_arabic_name_reads_right_to_left_inside_an_english_sheet():
    data = render_sheet(make_sheet(language="en", patient_name=ARABIC_NAME)).data
    line = geometry.line_holding(data, ARABIC_NAME)
    assert line is not None
    first, last = ARABIC_NAME.split()
    assert x_of(line, first) > x_of(line, last)
    assert x_of(line, "Patient") < x_of(line, last)  # the English label stays on the left


def test_arabic_title_and_a_latin_name_on_an_arabic_sheet():
    data = render_sheet(make_sheet(language="ar", patient_name="Amelia Hart")).data
    line = geometry.line_holding(data, "Amelia Hart")
    assert line is not None
    # the Latin name reads left to right inside the line, its label on its right
    assert x_of(line, "Amelia") < x_of(line, "Hart") < x_of(line, "المريض")


def test_a_phone_number_keeps_its_groups_in_order_right_to_left():
    """Digits run left to right even in Arabic, and the groups of a phone number are one
    number: "020 7946 0321", never "0321 7946 020"."""
    data = render_sheet(make_sheet(language="ar")).data
    line = geometry.line_holding(data, "020 7946 0321")
    assert line is not None
    assert x_of(line, "020") < x_of(line, "7946") < x_of(line, "0321")


def test_the_arabic_consent_puts_the_label_before_the_name():
    words = labels("ar")
    at = datetime(2026, 6, 15, 13, 25)
    document = ConsentDocument(
        7, "Harbour Skin Clinic", ARABIC_NAME, ("cheeks",), "Dermapen 4", "عنوان", "m", 3,
        "نص الموافقة.", "التصوير", 2, "نص.", (), date(2026, 6, 15),
        (SignatureBlock(words["role_patient"], ARABIC_NAME, at, None, note="-"),),
        language="ar",
    )  # fmt: skip
    data, _ = render_pdf(document)
    line = geometry.line_holding(data, ARABIC_NAME)
    assert line is not None
    first, last = ARABIC_NAME.split()
    assert x_of(line, first) > x_of(line, last)
    assert x_of(line, geometry.bare(words["patient"])) > x_of(line, first)


class _Piece:
    def __init__(self, text: str) -> None:
        self.stands_for = text


def test_lines_are_reordered_by_levels_after_breaking():
    """Rule L2 on one line: runs at a level or above are reversed, highest first; trailing
    spaces take the paragraph's level."""
    pieces = [_Piece(t) for t in ("a", " ", "b", "c", " ")]
    order = visual_order(pieces, [1, 1, 2, 2, 1], 1)
    assert [p.stands_for for p in order] == [" ", "b", "c", " ", "a"]
    assert visual_order([], [], 0) == []
