"""The aftercare sheet follows the areas treated (revision 2026.3): a face, a body and a scalp
session each get their own steps, read back from the printed PDF; a face-and-body session
prints both sets, each step once; every step prints with its "when"."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from assistant.aftercare import load_template, render_sheet, timeline
from tests.test_aftercare_pdf import LONDON, make_sheet, pdf_text

FACE = ("cheeks", "forehead")
BODY = ("abdomen", "back")
SCALP = ("scalp",)

MAKE_UP = "mineral make-up"
CLOTHING = "loose, clean clothing"
SHAVE = "Do not shave"
SELF_TAN = "No self-tan"
UNCOVERED = "On treated skin that is not covered"
HAIR_WASH = "Do not wash your hair"
HAIR_PRODUCTS = "minoxidil"
HAT = "Wear a hat in the sun"
FACE_SUN = "SPF 30 or higher (mineral is best), every morning"
ACIDS = "Restart them only once any flaking has stopped"
PRODUCTS = "use only the products the clinic gave you"
EVERY_AREA = ("Leave your skin alone", "Wash your hands", "hot yoga", "Do not pick or scrub")


def sheet_text(zones: tuple[str, ...], **changes: object) -> str:
    return pdf_text(render_sheet(make_sheet(zones=zones, **changes), load_template(),
                                 LONDON).data)  # fmt: skip


def test_a_face_session_gets_the_face_steps_only() -> None:
    text = sheet_text(FACE)
    for phrase in (MAKE_UP, FACE_SUN, ACIDS, PRODUCTS, *EVERY_AREA):
        assert phrase in text, phrase
    for phrase in (CLOTHING, SHAVE, SELF_TAN, UNCOVERED, HAIR_WASH, HAIR_PRODUCTS, HAT):
        assert phrase not in text, phrase


def test_a_body_session_has_no_make_up_step_and_gets_the_body_steps() -> None:
    text = sheet_text(BODY)
    for phrase in (CLOTHING, SHAVE, SELF_TAN, UNCOVERED, ACIDS, PRODUCTS, *EVERY_AREA):
        assert phrase in text, phrase
    for phrase in (MAKE_UP, "No make-up", FACE_SUN, HAIR_WASH, HAIR_PRODUCTS, HAT):
        assert phrase not in text, phrase


def test_a_scalp_session_gets_the_scalp_steps() -> None:
    text = sheet_text(SCALP)
    for phrase in (HAIR_WASH, "gentle shampoo", HAIR_PRODUCTS, HAT, *EVERY_AREA):
        assert phrase in text, phrase
    for phrase in (MAKE_UP, "sunscreen", CLOTHING, SHAVE, SELF_TAN, ACIDS):
        assert phrase not in text, phrase


def test_face_and_body_print_both_sets_each_step_once() -> None:
    steps = timeline(make_sheet(zones=FACE + BODY), load_template(), LONDON)
    texts = [s.text for s in steps]
    assert len(texts) == len(set(texts))
    joined = " ".join(texts)
    for phrase in (MAKE_UP, FACE_SUN, CLOTHING, SHAVE, SELF_TAN, UNCOVERED):
        assert phrase in joined, phrase
    assert HAIR_WASH not in joined
    assert sum("Leave your skin alone" in t for t in texts) == 1


@pytest.mark.parametrize("zones", [FACE, BODY, SCALP, FACE + BODY + SCALP])
def test_every_step_prints_with_its_when(zones: tuple[str, ...]) -> None:
    sheet = make_sheet(zones=zones, cold_sore_caution=True)
    for step in timeline(sheet, load_template(), LONDON):
        assert step.when(sheet.treated_at, load_template()).strip(), step.text


def test_the_clinics_wait_before_hair_products_sets_the_scalp_step() -> None:
    sheet = make_sheet(zones=SCALP, scalp_products_hours=24)
    step = next(s for s in timeline(sheet, load_template(), LONDON) if HAIR_PRODUCTS in s.text)
    assert step.end == datetime(2026, 11, 24, 15, 30) + timedelta(hours=24)


def test_each_translation_follows_the_areas_too() -> None:
    for code in ("es", "de", "ar"):
        template = load_template(language=code)
        body = timeline(make_sheet(zones=BODY, language=code), template, LONDON)
        face = timeline(make_sheet(zones=FACE, language=code), template, LONDON)
        assert len(body) == 12 and len(face) == 10
        assert {s.text for s in body} != {s.text for s in face}
