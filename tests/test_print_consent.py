"""The consent PDF a clinic hands over: its last paragraph on the page of the signatures,
the signing times in the clinic's time zone with their offset, the patient's date of birth
beside the name."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date, datetime

import pytest

from assistant.consent.document import (
    ConsentDocument,
    SignatureBlock,
    canonical_content,
    local_zone_name,
    render_pdf,
    stamp,
)
from assistant.consent.templates import labels, shipped_file
from assistant.resources import resource_path
from tests import pdf_geometry as geometry

SIGNED = datetime(2026, 6, 15, 13, 25)  # UTC


def document(code: str = "en", **changes: object) -> ConsentDocument:
    forms = tomllib.loads(resource_path(shipped_file(code)).read_text(encoding="utf-8"))
    form, photo = forms["templates"]["microneedling"], forms["templates"]["photo"]
    words = labels(code)
    fill = {"patient_name": "Zoë Łukasiewicz", "areas": "Cheeks", "device": "Dermapen 4",
            "practitioner": "Marcus Reid"}  # fmt: skip
    signatures = (
        SignatureBlock(words["role_patient"], "Zoë Łukasiewicz", SIGNED, None, note="-"),
        SignatureBlock(words["role_practitioner"], "Marcus Reid", SIGNED, None,
                       note=words["pin_note"]),
    )  # fmt: skip
    made = ConsentDocument(
        4, "Harbour Skin Clinic", "Zoë Łukasiewicz", ("Cheeks",), "Dermapen 4", form["title"],
        "microneedling", 3, form["body"].format(**fill), photo["title"], 2,
        photo["body"].format(**fill), (("Own record", True), ("Training", False)),
        date(2026, 6, 15), signatures, language=code,
        patient_born=date(1988, 4, 12), time_zone="Europe/London",
    )  # fmt: skip
    return replace(made, **changes)  # type: ignore[arg-type]


def page_of(data: bytes, text: str) -> int:
    for page in range(geometry.page_count(data)):
        if geometry.line_holding(data, text, page) is not None:
            return page
    raise AssertionError(f"{text!r} is on no page")


@pytest.mark.parametrize("code", ["en", "de", "ar", "zh"])
def test_the_last_paragraph_stands_with_the_signatures(code: str) -> None:
    made = document(code)
    data, _ = render_pdf(made)
    last_paragraph = made.photo_text.strip().split("\n\n")[-1]
    first_words = " ".join(last_paragraph.split()[:3]) if code != "zh" else last_paragraph[:6]
    signatures = labels(code)["signatures"]
    if code == "zh":  # no spaces to find words by: the page's text in reading order
        pages = [
            "".join(w.logical for line in geometry.lines(data, p) for w in line.words)
            for p in range(geometry.page_count(data))
        ]
        assert [i for i, t in enumerate(pages) if first_words in t] == [
            i for i, t in enumerate(pages) if signatures in t
        ]
        return
    assert page_of(data, first_words) == page_of(data, signatures)


def test_signing_times_are_in_the_clinics_zone_with_the_offset() -> None:
    assert stamp(SIGNED, "Europe/London") == "2026-06-15 14:25 BST (UTC+01:00)"
    assert stamp(datetime(2026, 1, 15, 13, 25), "Europe/London") == (
        "2026-01-15 13:25 GMT (UTC+00:00)"
    )
    assert stamp(SIGNED, "Asia/Kolkata") == "2026-06-15 18:55 IST (UTC+05:30)"
    data, _ = render_pdf(document())
    text = " ".join(line.text for line in geometry.lines(data, 1))
    assert "2026-06-15 14:25 BST (UTC+01:00)" in text
    assert "UTC+" in stamp(SIGNED)  # the computer's own zone says its offset too


def test_the_zone_is_named_when_the_system_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    assert local_zone_name() == "Europe/Lisbon"
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    assert local_zone_name() != "Nowhere/Atlantis"


@pytest.mark.parametrize(("code", "born"), [("en", "12 April 1988"), ("vi", "12 tháng 4 năm 1988")])
def test_the_date_of_birth_stands_beside_the_name(code: str, born: str) -> None:
    data, _ = render_pdf(document(code))
    lines = [" ".join(line.logical_words()) for line in geometry.lines(data)]
    name = next(i for i, line in enumerate(lines) if "Zoë Łukasiewicz" in line)
    assert born in lines[name + 1] and labels(code)["date_of_birth"] in lines[name + 1]


def test_the_fingerprint_covers_the_date_of_birth_and_zone_only_when_printed() -> None:
    plain = canonical_content(document(patient_born=None, time_zone=""))
    assert b"patient_born" not in plain and b"time_zone" not in plain
    full = canonical_content(document())
    assert b'"patient_born":"1988-04-12"' in full and b'"time_zone":"Europe/London"' in full
