"""Each language typeset as its readers expect: Chinese lines broken by Chinese rules, its
labels followed by a full-width colon, no bold digits among regular characters; Vietnamese
dates with "năm" before the year; Arabic millimetres as "ملم"; numbers held together."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from assistant.aftercare import ZoneDepth, load_template, render_sheet
from assistant.aftercare.look import Para, look
from assistant.pdf.cjk import CANNOT_END, CANNOT_START
from assistant.pdf.families import hold_numbers
from assistant.text.languages import format_day, format_moment
from tests import pdf_geometry as geometry
from tests.test_aftercare_pdf import make_sheet, pdf_text

CHINESE = (
    "治疗部位不化妆，不涂防晒霜，并避开阳光直射。之后只使用矿物彩妆（用洁净的手指或全新、"
    "干净的化妆刷上妆）。只使用诊所给您的产品：“清洁乳”和“保湿精华”。"
)


def broken_lines(paragraph: Para) -> list[str]:
    lines = paragraph.blPara.lines
    return [
        "".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
        for line in lines
    ]


@pytest.mark.parametrize("width", range(90, 330, 6))
def test_chinese_lines_break_by_chinese_rules(width: int) -> None:
    lk = look("zh", False)
    paragraph = Para(lk.text(CHINESE), lk.styles["cell"])
    paragraph.wrap(width, 10_000)
    lines = broken_lines(paragraph)
    assert "".join(lines) == CHINESE  # nothing lost or doubled
    for line, following in zip(lines, lines[1:], strict=False):
        assert line[-1] not in CANNOT_END, (width, line)
        assert following[0] not in CANNOT_START, (width, following)


def test_chinese_labels_take_a_full_width_colon_and_no_bold_latin_face() -> None:
    template = load_template(language="zh")
    data = render_sheet(make_sheet(language="zh", patient_name="王秀英")).data
    text = pdf_text(data)
    for key in ("patient", "treated_at", "next_appointment", "phone"):
        assert f"{template.headings[key]}：" in text
        assert f"{template.headings[key]}:" not in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    # the Chinese face has one weight: digits and Latin letters in its headings and values
    # are not set in a bold face beside regular Chinese characters
    assert not any("Bold" in name for name in fonts), fonts
    english = render_sheet(make_sheet(language="en")).data
    assert any(
        "Bold" in str(font.get_object()["/BaseFont"])
        for font in PdfReader(io.BytesIO(english)).pages[0]["/Resources"]["/Font"].values()
    )


def test_vietnamese_dates_say_nam_before_the_year() -> None:
    assert format_day(date(2026, 7, 26), "vi") == "Chủ Nhật, 26 tháng 7 năm 2026"
    assert "năm" not in format_day(date(2026, 7, 26), "vi", with_year=False)
    assert format_day(date(2026, 7, 26), "es") == "domingo, 26 de julio de 2026"  # unchanged


def test_arabic_depths_are_in_millimetres_written_in_arabic() -> None:
    depths = (ZoneDepth("cheeks", 1.5, 3), ZoneDepth("forehead", 0.5, 2))
    sheet = make_sheet(language="ar", zone_depths=depths, show_depth_table=True)
    text = unicodedata.normalize("NFKC", pdf_text(render_sheet(sheet).data))
    assert "ملم" in text and "mm" not in text
    english = make_sheet(zone_depths=depths, show_depth_table=True)
    assert "1.5 mm" in pdf_text(render_sheet(english).data)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Out of hours: 07700 900456", "Out of hours: 07700\xa0900456"),
        ("(0117) 496 0123", "(0117)\xa0496\xa00123"),
        ("0.5 mm deep", "0.5\xa0mm deep"),
        ("lundi 20 juillet 2026, 15:25", "lundi 20\xa0juillet 2026,\xa015:25"),
        ("الهاتف: 0117 496 0123", "الهاتف: 0117\xa0496\xa00123"),
        ("20 يوليو 2026، 3:25 م", "20\xa0يوليو 2026،\xa03:25\xa0م"),
        ("no numbers here", "no numbers here"),
    ],
)
def test_numbers_are_held_together(text: str, held: str) -> None:
    assert hold_numbers(text) == held


def test_a_time_stays_with_its_date_in_large_print() -> None:
    """No "23:25" alone on a line: the time is held to the date before it."""
    moment = format_moment(make_sheet().treated_at, "fr")
    lk = look("fr", True)
    for width in range(120, 400, 4):
        paragraph = Para(lk.text(f"Fin du soin : {moment}"), lk.styles["body"])
        paragraph.wrap(width, 10_000)
        for line in broken_lines(paragraph):
            assert not line.strip().startswith("15:30"), (width, line)


def test_the_rule_sheet_is_set_in_the_documents_type_and_in_words() -> None:
    from assistant.rules import shipped_rules
    from assistant.rules.sheet import rule_sheet_pdf

    data, pages = rule_sheet_pdf("Harbour Skin Clinic", shipped_rules(), today=date(2026, 12, 7))
    reader = PdfReader(io.BytesIO(data))
    embedded = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        if "+" in str(font.get_object()["/BaseFont"])  # fonts shipped and embedded
    }
    assert embedded == {"NotoSans-Regular", "NotoSans-Bold"}
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "History of keloid or hypertrophic scarring" in text and "not suitable" in text
    assert "keloid_history" not in text and "not_suitable" not in text and "_mm" not in text
    assert f"Page {pages} of {pages}" in text


def test_digits_joined_to_arabic_words_still_read_left_to_right() -> None:
    """"20 يوليو" and "3:25 م" are held together, so HarfBuzz gets a word mixing digits and
    Arabic letters: it is shaped run by run, and its digits are not reversed."""
    sheet = make_sheet(language="ar", treated_at=datetime(2026, 7, 20, 15, 25))
    data = render_sheet(sheet).data
    line = next(line for line in geometry.lines(data)
                if "2026" in "".join(line.logical_words()) and "3:25" in line.text)  # fmt: skip
    numbers = re.findall(r"[\d:]+", " ".join(line.logical_words()))
    assert {"20", "2026", "3:25"} <= set(numbers), line.logical_words()
    assert not {"02", "6202", "52:3", "71"} & set(numbers)  # none reversed
    # and they stand in reading order, right to left: the day, then the time
    x = {n: next(w.left for w in line.words if re.match(rf"(^|\D){n}(\D|$)", w.logical))
         for n in ("20", "3:25")}  # fmt: skip
    assert x["20"] > x["3:25"]
