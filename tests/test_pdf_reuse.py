"""Font subsets and shaped words kept between documents
(``assistant.pdf.reportlab_internals``): the sheets are byte for byte those ReportLab makes
without them, in every script."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaFrag

from assistant.aftercare import render_sheet
from assistant.pdf import reportlab_internals as reuse
from assistant.pdf.fonts import FAMILIES, FONT, FONT_BOLD, register_family, register_fonts
from tests.test_aftercare_pdf import make_sheet


def our_faces() -> list[object]:
    register_fonts()
    names = {FONT, FONT_BOLD}
    for family in FAMILIES:
        names |= {register_family(family).regular, register_family(family).bold}
    return [pdfmetrics.getFont(name).face for name in sorted(names)]


@pytest.mark.parametrize("code", ["ar", "zh", "en", "vi"])
def test_a_sheet_is_the_same_with_and_without_reuse(
    code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no creation time or random document id
    sheet = replace(make_sheet(language=code), patient_name="Zoë 王秀英 نور")
    render_sheet(sheet)  # fills the subsets and the shaped words kept
    kept = render_sheet(sheet).data
    large = render_sheet(replace(sheet, large_print=True)).data
    shaped_in_scope = []
    with reuse.shaping_kept():
        shaped_in_scope.append(paragraph.shapeFragWord)
    assert shaped_in_scope == [reuse.shape_word]
    for face in our_faces():
        assert "makeSubset" in vars(type(face))  # each of our faces keeps its subsets
        monkeypatch.setattr(face, "__class__", type(face).__mro__[1])  # ReportLab's own again
    monkeypatch.setattr(reuse, "shape_word", reuse.shape_uncached)  # keeps nothing
    assert render_sheet(sheet).data == kept
    assert render_sheet(replace(sheet, large_print=True)).data == large


def test_shaping_is_kept_per_font_size_and_text_and_given_the_words_own_style() -> None:
    register_family("noto")
    style_a = ParaFrag(fontName="ChairsideNoto", fontSize=11.0, textColor="red")
    style_b = ParaFrag(fontName="ChairsideNoto", fontSize=11.0, textColor="blue")
    first = reuse.shape_word([0, (style_a, "مرحبا")])
    again = reuse.shape_word([0, (style_b, "مرحبا")])
    assert [part for _, part in first[1:]] == [part for _, part in again[1:]]
    assert all(style is style_b for style, _ in again[1:])
    assert first[0] == again[0]
    bigger = reuse.shape_word([0, (ParaFrag(fontName="ChairsideNoto", fontSize=16.0),
                                   "مرحبا")])  # fmt: skip
    assert bigger[0] > first[0]
    latin = [0, (style_a, "plain")]
    assert reuse.shape_word(latin) is latin or reuse.shape_word(latin)[0] > 0
