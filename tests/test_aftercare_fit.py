"""The aftercare sheet when it runs longer than a page: "what is normal" starts at the foot
of the page, item by item, while the boxed "call the clinic" list moves on whole; and the
clinic's products are named once in each window, in every language."""

from __future__ import annotations

import re

import pytest

from assistant import reference
from assistant.aftercare import LANGUAGES, load_template, render_sheet, timeline
from tests.test_aftercare_pdf import LONDON, make_sheet, pdf_pages

EVERY_ZONE = tuple(reference.zones())
PRODUCTS = "products the clinic gave you"


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_what_is_normal_starts_on_the_page_and_the_call_box_follows_whole() -> None:
    template = load_template()
    rendered = render_sheet(make_sheet(zones=EVERY_ZONE), template, LONDON)
    pages = [squeezed(page) for page in pdf_pages(rendered.data)]
    assert len(pages) == rendered.pages == 2
    first, second = pages
    heading = squeezed(template.headings["normal"])
    assert heading in first and heading not in second
    items = [squeezed(item) for item in template.normal]
    # the heading with at least its first two items; each item whole on one page; the
    # list goes on beside the box
    assert items[0] in first and items[1] in first
    assert all((item in first) != (item in second) for item in items)
    assert items[-1] in second
    # the box whole on the next page: its heading and every item (its number is also in
    # the header and footer of every page)
    box = [squeezed(template.headings["call_clinic"]),
           *(squeezed(item) for item in template.call_clinic)]  # fmt: skip
    assert all(part in second and part not in first for part in box)


@pytest.mark.parametrize(
    ("zones", "times"),
    [(("cheeks",), 1), (("abdomen",), 1), (("scalp",), 1), (EVERY_ZONE, 2)],
)
def test_the_clinics_products_are_named_once_in_the_first_day(
    zones: tuple[str, ...], times: int
) -> None:
    """Once in the face and body rinse step, once in the scalp's: never again beside the
    hand washing every sheet has."""
    steps = timeline(make_sheet(zones=zones), load_template(), LONDON)
    assert sum(PRODUCTS in step.text for step in steps) == times
    assert any(step.text.startswith("Wash your hands") for step in steps)


def sentences(text: str) -> int:
    return len(re.findall(r"\.(?:\s|$)|。", text.strip()))


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_language_says_it_in_the_same_steps(code: str) -> None:
    """The hand-washing step for every area is one sentence; the scalp's first-day step
    ends with the clinic's products (three sentences), as in the English."""
    english, template = load_template(), load_template(language=code)
    for mine, theirs in zip(english.steps, template.steps, strict=True):
        if mine.text.startswith("Wash your hands"):
            assert sentences(theirs.text) == 1, theirs.text
        if mine.areas == ("scalp",) and mine.text.startswith("Do not wash your hair"):
            assert sentences(theirs.text) == 3, theirs.text
