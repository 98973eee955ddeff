"""The aftercare sheet: template, dates of every step, fonts, layout, the clinic's template,
and writing the PDF. The PDF is read back with pypdf, as a patient's printer would get it."""

from __future__ import annotations

import io
import os
import pathlib
import struct
import time
import zlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from assistant import aftercare, output_files, reference
from assistant.aftercare import (
    AftercareSheet,
    ClinicProfile,
    ZoneDepth,
    active_template_path,
    check_sheet_glyphs,
    install_template_copy,
    load_active_template,
    load_template,
    missing_glyphs,
    render_pdf,
    render_pdf_bytes,
    render_sheet,
    reset_template,
    timeline,
)
from assistant.errors import InvalidInput

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")

NAMES = (
    "Zoë Łukasiewicz-Nguyễn",
    "Ελένη Παπαδοπούλου",
    "Светлана Иванова",
    "Żaneta Wójcik",
    "Nguyễn Thị Minh Khai",
)


def make_clinic(**changes: object) -> ClinicProfile:
    clinic = ClinicProfile(
        name="Riverside Skin Clinic",
        address="14 Mill Lane\nKingston upon Thames\nKT1 2AB",
        phone="020 7946 0321",
        out_of_hours_phone="07700 900123",
        logo_path=None,
        paper_size="A4",
    )
    return replace(clinic, **changes)  # type: ignore[arg-type]


def make_sheet(**changes: object) -> AftercareSheet:
    sheet = AftercareSheet(
        clinic=make_clinic(),
        patient_name="Amelia Hart",
        practitioner="Amira Haddad",
        treated_at=datetime(2026, 11, 24, 15, 30),
        zones=("cheeks", "forehead", "nose"),
        next_session=None,
        interval_weeks=4,
    )
    return replace(sheet, **changes)  # type: ignore[arg-type]


def long_sheet(**changes: object) -> AftercareSheet:
    """Everything at its longest: all zones, a long address, long notes, the depth table."""
    zones = tuple(reference.zones())
    clinic = make_clinic(
        name="Riverside Skin & Laser Clinic of Greater Kingston",
        address="Unit 4, The Old Brewery Courtyard\n14–16 Mill Lane, off the High Street\n"
        "Kingston upon Thames\nSurrey\nKT1 2AB\nUnited Kingdom",
    )
    sheet = make_sheet(
        clinic=clinic,
        zones=zones,
        notes="Use the hyaluronic serum we gave you morning and evening. " * 14,
        zone_depths=tuple(ZoneDepth(z, 1.0, 3) for z in zones),
        show_depth_table=True,
    )
    return replace(sheet, **changes)  # type: ignore[arg-type]


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page with runs of whitespace (line breaks, no-break spaces) as one space."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def template() -> aftercare.AftercareTemplate:
    return load_template()


# --------------------------------------------------------------------------- the template


def test_shipped_template_has_every_step_of_the_clinical_source(template):
    offsets = [(str(s.start), str(s.end), s.areas) for s in template.steps]
    every, face, body, scalp = ("face", "body", "scalp"), ("face",), ("body",), ("scalp",)
    assert offsets == [
        ("0h", "6h", every),
        ("6h", "24h", ("face", "body")),
        ("0h", "24h", scalp),  # no washing the hair, then a gentle shampoo
        ("0h", "24h", face),  # no make-up, no sunscreen
        ("0h", "24h", body),  # loose, clean clothing
        ("0h", "24h", every),
        ("0h", "72h", every),
        ("0h", "72h", every),
        ("0h", "72h", body),  # no shaving
        ("0h", "72h", scalp),  # no hair dye, styling products or minoxidil
        ("0h", "7d", ("face", "body")),
        ("0h", "14d", every),
        ("0h", "14d", body),  # no self-tan
        ("24h", "14d", face),
        ("24h", "14d", body),  # sun protection for uncovered skin
        ("24h", "14d", scalp),  # a hat in the sun
        ("0h", "None", every),
        ("2d", "5d", every),
    ]
    assert template.version == "2026.3"
    texts = " ".join(s.text for s in template.steps)
    for phrase in (
        "hot yoga", "retinol", "vitamin C", "SPF 30", "threading", "mineral make-up",
        "no sunscreen", "Wash your hands", "facial brushes", "antiviral",
    ):  # fmt: skip
        assert phrase in texts
    assert "alcohol." not in texts.replace("toners with alcohol.", "")  # "no alcohol" dropped
    assert [s.only_when for s in template.steps].count("cold_sore_caution") == 1
    assert len(template.normal) == 5
    assert any("bruises" in item for item in template.normal)
    assert any("darker for a few days" in item for item in template.normal)
    assert len(template.call_clinic) == 8
    assert any("allergy" in item for item in template.call_clinic)
    assert any("lines of small marks" in item for item in template.call_clinic)
    assert template.footer == "This sheet does not replace medical advice."


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [("0h", 0, "h"), ("6h", 6, "h"), ("72 h", 72, "h"), ("7d", 7, "d"), ("14 days", 14, "d")],
)
def test_offsets_parse(text, amount, unit):
    offset = aftercare.Offset.parse(text)
    assert (offset.amount, offset.unit) == (amount, unit)


@pytest.mark.parametrize("text", ["5x", "", "h", "-3h", "1.5h", "6 weeks"])
def test_bad_offsets_are_rejected(text):
    with pytest.raises(ValueError):
        aftercare.Offset.parse(text)


# --------------------------------------------------------------------------- dates

MONTH_END_EXPECTED = [
    "Until Monday 30 November, 22:00",
    "From Monday 30 November, 22:00 until Tuesday 1 December, 16:00",
    "Until Tuesday 1 December, 16:00",
    "Until Tuesday 1 December, 16:00",
    "Until Thursday 3 December, 16:00",
    "Until Thursday 3 December, 16:00",
    "Until Monday 7 December, 16:00",
    "Until Monday 14 December, 16:00",
    "From Tuesday 1 December, 16:00 until Monday 14 December, 16:00",
    "From Wednesday 2 December, 16:00 until Saturday 5 December, 16:00",
]

# Clocks go forward at 01:00 on Sunday 29 March 2026: elapsed hours end an hour later on the
# clock; calendar days keep the wall time.
LONDON_SPRING_EXPECTED = [
    "Until Friday 27 March, 21:30",
    "From Friday 27 March, 21:30 until Saturday 28 March, 15:30",
    "Until Saturday 28 March, 15:30",
    "Until Saturday 28 March, 15:30",
    "Until Monday 30 March, 16:30",
    "Until Monday 30 March, 16:30",
    "Until Friday 3 April, 15:30",
    "Until Friday 10 April, 15:30",
    "From Saturday 28 March, 15:30 until Friday 10 April, 15:30",
    "From Sunday 29 March, 15:30 until Wednesday 1 April, 15:30",
]

# Clocks go back at 02:00 on Sunday 1 November 2026: elapsed hours end an hour earlier.
NEW_YORK_AUTUMN_EXPECTED = [
    "Until Friday 30 October, 21:30",
    "From Friday 30 October, 21:30 until Saturday 31 October, 15:30",
    "Until Saturday 31 October, 15:30",
    "Until Saturday 31 October, 15:30",
    "Until Monday 2 November, 14:30",
    "Until Monday 2 November, 14:30",
    "Until Friday 6 November, 15:30",
    "Until Friday 13 November, 15:30",
    "From Saturday 31 October, 15:30 until Friday 13 November, 15:30",
    "From Sunday 1 November, 15:30 until Wednesday 4 November, 15:30",
]

DATE_CASES = [
    (datetime(2026, 11, 30, 16, 0), LONDON, MONTH_END_EXPECTED),
    (datetime(2026, 3, 27, 15, 30), LONDON, LONDON_SPRING_EXPECTED),
    (datetime(2026, 10, 30, 15, 30), NEW_YORK, NEW_YORK_AUTUMN_EXPECTED),
]


@pytest.mark.parametrize(("treated_at", "tz", "expected"), DATE_CASES)
def test_every_step_has_the_right_dates(template, treated_at, tz, expected):
    sheet = make_sheet(treated_at=treated_at)
    steps = timeline(sheet, template, tz)
    assert [step.when(treated_at) for step in steps] == expected


@pytest.mark.parametrize(("treated_at", "tz", "expected"), DATE_CASES)
def test_every_step_date_is_printed_on_the_sheet(template, treated_at, tz, expected):
    text = pdf_text(render_pdf_bytes(make_sheet(treated_at=treated_at), template, tz))
    for phrase in expected:
        assert phrase in text
    # steps with the same dates share one row: their date is printed once, both texts are there
    assert text.count(expected[2]) == 1
    assert "no sunscreen" in text and "Wash your hands" in text
    assert "threading" in text and "SPF 30" in text


def test_sunscreen_starts_at_24_hours_after_a_day_without_it(template):
    treated_at = datetime(2026, 11, 30, 16, 0)
    steps = timeline(make_sheet(treated_at=treated_at), template, LONDON)
    sunscreen = next(s for s in steps if "SPF 30" in s.text)
    bare = next(s for s in steps if "no sunscreen" in s.text)
    assert sunscreen.start == bare.end == datetime(2026, 12, 1, 16, 0)
    assert sunscreen.when(treated_at) == (
        "From Tuesday 1 December, 16:00 until Monday 14 December, 16:00"
    )


def test_the_antiviral_step_only_when_the_cold_sore_caution_fired(template):
    without = timeline(make_sheet(), template, LONDON)
    assert not any("antiviral" in s.text for s in without)
    with_caution = timeline(make_sheet(cold_sore_caution=True), template, LONDON)
    antiviral = [s for s in with_caution if "antiviral" in s.text]
    assert len(antiviral) == 1 and antiviral[0].end is None
    assert antiviral[0].when(datetime(2026, 11, 24, 15, 30)) == "As prescribed"
    text = pdf_text(render_pdf_bytes(make_sheet(cold_sore_caution=True), template, LONDON))
    assert "keep taking it" in text and "As prescribed" in text


@pytest.mark.parametrize(("hours", "until"), [(24, "Wednesday 25 November"), (48, "Thursday 26")])
def test_the_clinics_sweat_window_sets_the_exercise_step(template, hours, until):
    sheet = make_sheet(sweat_window_hours=hours)
    step = next(s for s in timeline(sheet, template, LONDON) if "sweat" in s.text)
    assert step.end == datetime(2026, 11, 24, 15, 30) + timedelta(hours=hours)
    assert until in step.when(sheet.treated_at)


def test_72_hours_across_the_spring_clock_change(template):
    sheet = make_sheet(treated_at=datetime(2026, 3, 27, 15, 30))
    step = next(s for s in timeline(sheet, template, LONDON) if "sweat" in s.text)
    assert str(template.steps[6].end) == "72h" and "sweat" in template.steps[6].text
    assert step.end == datetime(2026, 3, 30, 16, 30)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
def test_the_system_time_zone_is_used_by_default(template, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        sheet = make_sheet(treated_at=datetime(2026, 3, 27, 15, 30))
        assert timeline(sheet, template)[4].end == datetime(2026, 3, 30, 16, 30)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_year_is_written_when_a_date_falls_in_the_next_year(template):
    sheet = make_sheet(treated_at=datetime(2026, 12, 28, 10, 0))
    phrases = [step.when(sheet.treated_at) for step in timeline(sheet, template, LONDON)]
    assert phrases[2] == "Until Tuesday 29 December, 10:00"
    assert phrases[6] == "Until Monday 4 January 2027, 10:00"
    assert phrases[9] == "From Wednesday 30 December, 10:00 until Saturday 2 January 2027, 10:00"


def test_dates_are_english_whatever_the_locale():
    assert aftercare.format_date(date(2026, 11, 25)) == "Wednesday 25 November 2026"
    assert aftercare.format_moment(datetime(2027, 1, 1, 9, 5), 2026) == (
        "Friday 1 January 2027, 09:05"
    )


@settings(max_examples=200, deadline=None)
@given(
    treated_at=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)),
    hours=st.integers(min_value=1, max_value=400),
    days=st.integers(min_value=1, max_value=60),
    tz=st.sampled_from([LONDON, NEW_YORK, ZoneInfo("Australia/Sydney")]),
)
def test_hours_are_elapsed_time_and_days_keep_the_wall_time(treated_at, hours, days, tz):
    treated_at = treated_at.replace(second=0, microsecond=0)
    by_hours = aftercare._shift(treated_at, aftercare.Offset(hours, "h"), tz)
    by_days = aftercare._shift(treated_at, aftercare.Offset(days, "d"), tz)
    start_utc = treated_at.replace(tzinfo=tz).astimezone(UTC)
    assert by_hours.replace(tzinfo=tz).astimezone(UTC) - start_utc == timedelta(hours=hours)
    assert by_days.time() == treated_at.time()
    assert by_days.date() == treated_at.date() + timedelta(days=days)


def test_next_appointment_on_a_date_or_the_week_to_book(template):
    on_date = make_sheet(next_session=date(2026, 12, 22))
    assert "Next appointment: Tuesday 22 December 2026" in pdf_text(
        render_pdf_bytes(on_date, template)
    )
    # 4 weeks after Tuesday 24 November is Tuesday 22 December: book that week, from Monday
    by_interval = make_sheet(next_session=None, interval_weeks=4)
    assert "book for the week of Monday 21 December 2026" in pdf_text(
        render_pdf_bytes(by_interval, template)
    )
    unknown = make_sheet(next_session=None, interval_weeks=None)
    assert "ask the clinic when to book" in pdf_text(render_pdf_bytes(unknown, template))


# --------------------------------------------------------------------------- content


def test_sheet_shows_header_details_lists_and_footer(template):
    text = pdf_text(render_pdf_bytes(make_sheet(), template, LONDON))
    for expected in (
        "Riverside Skin Clinic",
        "14 Mill Lane, Kingston upon Thames, KT1 2AB",
        "Phone: 020 7946 0321",
        "Out of hours: 07700 900123",
        "Patient: Amelia Hart",
        "Practitioner: Amira Haddad",
        "Treatment ended: Tuesday 24 November 2026, 15:30",
        "Areas treated: Cheeks, Forehead, Nose",
        template.title,
        "Redness like a mild sunburn for 1 to 3 days.",
        "Blisters.",
        "This sheet does not replace medical advice.",
        "Page 1 of 1",
    ):
        assert expected in text
    # the clinic's number stands under the "call the clinic" heading, without a second "call"
    call = text.index(template.headings["call_clinic"])
    assert (
        text.index("Phone: 020 7946 0321", call) == call + len(template.headings["call_clinic"]) + 1
    )
    assert "Call us on" not in text
    assert text.index("A fever.") > call


def test_zone_ids_are_never_printed(template):
    text = pdf_text(render_pdf_bytes(make_sheet(zones=("upper_lip", "full_face")), template))
    assert "Areas treated: Upper lip, Full face" in text
    assert "upper_lip" not in text and "full_face" not in text


def test_depth_table_is_off_by_default(template):
    depths = (ZoneDepth("cheeks", 1.5, 3),)
    assert "Needle depth" not in pdf_text(
        render_pdf_bytes(make_sheet(zone_depths=depths), template)
    )
    shown = make_sheet(zone_depths=depths, show_depth_table=True)
    text = pdf_text(render_pdf_bytes(shown, template))
    assert "Needle depth" in text and "1.5 mm" in text


def test_markup_characters_in_names_are_printed_as_typed(template):
    sheet = make_sheet(
        clinic=make_clinic(name="Smith & Jones <Skin> Clinic"), patient_name="A <b>O'Neil</b>"
    )
    text = pdf_text(render_pdf_bytes(sheet, template))
    assert "Smith & Jones <Skin> Clinic" in text
    assert "A <b>O'Neil</b>" in text


def test_no_text_is_smaller_than_11_points(template):
    data = render_pdf_bytes(long_sheet(), template)
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(font_size * abs(tm[3]) * abs(cm[3]))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    assert len(sizes) > 50
    assert min(sizes) >= 11
    assert aftercare.BODY_SIZE >= 11 and aftercare.SMALL_SIZE >= 11


# --------------------------------------------------------------------------- fonts


@pytest.mark.parametrize("name", NAMES)
def test_unicode_names_are_printed_intact(template, name):
    sheet = make_sheet(patient_name=name, practitioner=name)
    rendered = render_sheet(sheet, template)
    assert rendered.warnings == ()
    assert f"Patient: {name}" in pdf_text(rendered.data)
    assert missing_glyphs(name) == set()


def test_decomposed_accents_are_printed_composed(template):
    decomposed = "Nguye\u0302\u0303n"  # as some keyboards type it
    assert missing_glyphs(decomposed) == set()
    assert "Patient: Nguyễn" in pdf_text(render_pdf_bytes(make_sheet(patient_name=decomposed)))


@pytest.mark.parametrize(
    ("name", "char"), [("Jo 🦷 Smith", "🦷"), ("Ra \U00013080", "\U00013080"), ("ꦱꦶꦠꦶ", "ꦱ")]
)
def test_a_character_the_font_lacks_is_reported_and_shown_as_a_replacement(template, name, char):
    sheet = make_sheet(patient_name=name)
    assert char in missing_glyphs(name)
    warnings = check_sheet_glyphs(sheet)
    assert len(warnings) == 1
    assert "patient name" in warnings[0] and char in warnings[0]
    assert f"U+{ord(char):04X}" in warnings[0]
    rendered = render_sheet(sheet, template)
    assert rendered.warnings == tuple(warnings)
    text = pdf_text(rendered.data)
    assert aftercare.REPLACEMENT in text  # visible, never silently dropped
    assert char not in text


def test_every_field_is_checked_for_glyphs(template):
    sheet = make_sheet(
        clinic=make_clinic(address="Street ꦱ"), practitioner="Dr \U00013080", notes="Use 🦷 paste"
    )
    warnings = check_sheet_glyphs(sheet)
    assert any("clinic address" in w and "ꦱ" in w for w in warnings)
    assert any("practitioner" in w and "\U00013080" in w for w in warnings)
    assert any("notes" in w and "🦷" in w for w in warnings)


@pytest.mark.parametrize("name", ["Li 李", "王芳", "Amal أمل"])
def test_chinese_and_arabic_names_print_on_an_english_sheet(template, name):
    rendered = render_sheet(make_sheet(patient_name=name), template)
    assert rendered.warnings == ()
    assert missing_glyphs(name) == set()
    assert aftercare.REPLACEMENT not in pdf_text(rendered.data)


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize(
    "treated_at",
    # the widest dates: Wednesday, September, and steps that end in the next year
    [datetime(2026, 11, 24, 15, 30), datetime(2026, 9, 29, 15, 30), datetime(2027, 12, 28, 15, 30)],
)
@pytest.mark.parametrize("with_logo", [False, True])
def test_the_lists_follow_the_timeline_on_the_first_page(
    template, tmp_path, paper, treated_at, with_logo
):
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png(40, 20))
    clinic = make_clinic(paper_size=paper, logo_path=str(logo) if with_logo else None)
    sheet = make_sheet(
        clinic=clinic, patient_name=NAMES[0], practitioner=NAMES[1], treated_at=treated_at
    )
    rendered = render_sheet(sheet, template)
    # The whole timeline on the first page, and the two lists right after it: they may run
    # onto a second page but never move there whole, leaving the first half empty.
    assert rendered.pages in (1, 2)
    pages = pdf_pages(rendered.data)
    assert len(pages) == rendered.pages
    assert f"Page 1 of {rendered.pages}" in pages[0]
    assert "Dry skin and light flaking" in pages[0]
    assert "What is normal" in pages[0] and "Call the clinic if you have" in pages[0]
    assert "Dark patches in the weeks" in pages[-1]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_long_content_flows_onto_a_second_page(template, paper):
    clinic = replace(long_sheet().clinic, paper_size=paper)
    rendered = render_sheet(long_sheet(clinic=clinic), template)
    pages = pdf_pages(rendered.data)
    assert rendered.pages == len(pages) >= 2
    assert "Page 1 of" in pages[0] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    # nothing is lost on the way: every zone, the last timeline step and the lists are there
    text = " ".join(pages)
    for zone in reference.zones().values():
        assert zone.name in text
    assert "Dark patches in the weeks after treatment." in text
    assert "Treated dark patches may look darker" in text
    assert "This sheet does not replace medical advice." in pages[-1]


@pytest.mark.parametrize(("paper", "size"), [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0))])
def test_paper_size(template, paper, size):
    data = render_pdf_bytes(make_sheet(clinic=make_clinic(paper_size=paper)), template)
    for page in PdfReader(io.BytesIO(data)).pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def footer_end(pages: int) -> str:
    return f"This sheet does not replace medical advice. Page {pages} of {pages}"


def test_footer_has_clinic_phone_disclaimer_and_page_number(template):
    data = render_pdf_bytes(make_sheet(), template)
    text, pages = pdf_text(data), len(pdf_pages(data))
    assert text.endswith(f"Riverside Skin Clinic · Phone: 020 7946 0321 {footer_end(pages)}")


def test_a_long_clinic_name_leaves_the_footer_phone_clear_of_the_page_number(template):
    name = "The Very Long Named Aesthetic and Dermatology Clinic of Kingston"
    data = render_pdf_bytes(make_sheet(clinic=make_clinic(name=name)), template)
    text, pages = pdf_text(data), len(pdf_pages(data))
    assert text.endswith(f"Phone: 020 7946 0321 {footer_end(pages)}")
    assert f"{name} · Phone" not in text


def test_logo_is_drawn_in_the_header(template, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    data = render_pdf_bytes(make_sheet(clinic=make_clinic(logo_path=str(logo))), template)
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert len(page.images) == 1


@pytest.mark.parametrize("content", [None, b"this is not an image"])
def test_a_missing_or_broken_logo_names_the_file(template, tmp_path, content):
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)
    out = tmp_path / "out" / "sheet.pdf"
    out.parent.mkdir()
    with pytest.raises(InvalidInput, match="logo") as caught:
        render_pdf(make_sheet(clinic=make_clinic(logo_path=str(logo))), out, template)
    assert str(logo) in str(caught.value)
    assert list(out.parent.iterdir()) == []


# --------------------------------------------------------------------------- writing


def test_render_pdf_writes_the_file_and_reports_pages(template, tmp_path):
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"an older sheet")
    with pytest.raises(InvalidInput, match="already exists; add --force"):
        render_pdf(make_sheet(), out, template)
    assert out.read_bytes() == b"an older sheet"
    result = render_pdf(make_sheet(), out, template, force=True)
    assert result.path == out and result.pages == 1 and result.warnings == ()
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_an_output_folder_that_does_not_exist_is_named(template, tmp_path):
    out = tmp_path / "missing" / "sheet.pdf"
    with pytest.raises(InvalidInput, match="does not exist") as caught:
        render_pdf(make_sheet(), out, template)
    assert str(out.parent) in str(caught.value)


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_an_output_folder_that_is_not_writable_is_named(template, tmp_path):
    from tests.cli_support import locked_folder

    with locked_folder(tmp_path / "locked") as folder:
        with pytest.raises(InvalidInput, match="not writable") as caught:
            render_pdf(make_sheet(), folder / "sheet.pdf", template)
        assert str(folder) in str(caught.value)
        assert list(folder.iterdir()) == []


def test_a_folder_refusing_the_temporary_file_is_named(template, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output_files.tempfile, "mkstemp", refuse)
    with pytest.raises(InvalidInput, match="not writable") as caught:
        render_pdf(make_sheet(), tmp_path / "sheet.pdf", template)
    assert str(tmp_path) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_no_partial_file_is_left_when_writing_fails(template, tmp_path, monkeypatch):
    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_files.os, "replace", fail)
    out = tmp_path / "sheet.pdf"
    with pytest.raises(InvalidInput, match="No space left"):
        render_pdf(make_sheet(), out, template)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_survives_a_failed_write(template, tmp_path, monkeypatch):
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"the sheet printed yesterday")

    def fail(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(output_files.os, "replace", fail)
    with pytest.raises(InvalidInput):
        render_pdf(make_sheet(), out, template, force=True)
    assert out.read_bytes() == b"the sheet printed yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


# --------------------------------------------------------------------------- clinic template


def test_the_shipped_template_is_used_until_the_clinic_makes_a_copy(isolated_data_dir):
    path, is_clinic_copy = active_template_path()
    assert not is_clinic_copy and path == aftercare.shipped_template_path()
    copy = install_template_copy()
    assert copy == isolated_data_dir / "templates" / "aftercare.toml"
    assert active_template_path() == (copy, True)


def test_the_clinics_edited_template_is_printed(isolated_data_dir):
    copy = install_template_copy()
    text = copy.read_text(encoding="utf-8")
    edited = text.replace(
        'text = "No exercise or anything that makes you sweat."',
        'text = "No make-up at all; our own mineral powder from then on."',
    ).replace('title = "Caring for your skin after microneedling"', 'title = "Riverside aftercare"')
    assert edited != text
    copy.write_text(edited, encoding="utf-8")
    template, warning = load_active_template()
    assert warning is None
    rendered = render_sheet(make_sheet())  # no template given: the active one is used
    text_out = pdf_text(rendered.data)
    assert "Riverside aftercare" in text_out
    assert "No make-up at all; our own mineral powder from then on." in text_out
    assert "anything that makes you sweat" not in text_out


def test_a_clinic_copy_may_leave_out_headings(isolated_data_dir):
    copy = install_template_copy()
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace('normal = "What is normal"\n', ""), encoding="utf-8")
    template, warning = load_active_template()
    assert warning is None and template.source == copy
    assert template.headings["normal"] == "What is normal"


def _line_number(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("original", "broken", "line_of", "expected"),
    [
        # a TOML syntax error: tomllib's message gives the line and column
        ('title = "Caring', 'title = "Caring \\q', "Caring \\q", "(at line {n}, column"),
        ('until = "7d"', 'until = "5x"', '"5x"', "line {n}: step 11 has 'until = \"5x\"'"),
        ('from = "2d"', 'from = "6d"', 'until = "5d"', "line {n}: step 18 ends before it starts"),
        ('"book for the week of {week}"', '"book soon"', "book soon", "line {n}: 'book_week'"),
    ],
)
def test_a_broken_clinic_template_falls_back_with_a_message_naming_the_line(
    isolated_data_dir, original, broken, line_of, expected
):
    copy = install_template_copy()
    text = copy.read_text(encoding="utf-8")
    assert text.count(original) == 1
    text = text.replace(original, broken)
    copy.write_text(text, encoding="utf-8")
    line = _line_number(text, line_of)
    with pytest.raises(InvalidInput) as caught:
        load_template(copy)
    assert expected.format(n=line) in str(caught.value)

    template, warning = load_active_template()
    assert template.source == aftercare.shipped_template_path()
    assert warning is not None and str(copy) in warning
    assert expected.format(n=line) in warning
    rendered = render_sheet(make_sheet())
    assert warning in rendered.warnings
    assert load_template().title in pdf_text(rendered.data)


def test_a_clinic_template_missing_a_step_text_is_reported(isolated_data_dir):
    copy = install_template_copy()
    text = copy.read_text(encoding="utf-8")
    text = text.replace('text = "No exercise or anything that makes you sweat."\n', "")
    copy.write_text(text, encoding="utf-8")
    header_line = _line_number(text, 'follows = "sweat_window_hours"') - 3  # its [[steps]] line
    assert text.splitlines()[header_line - 1] == "[[steps]]"
    _, warning = load_active_template()
    assert warning is not None
    assert f"line {header_line}: step 7 has no 'text'" in warning


def test_reset_keeps_the_clinic_copy_aside(isolated_data_dir):
    copy = install_template_copy()
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# our edits\n", encoding="utf-8")
    backup = reset_template()
    assert backup == copy.with_name("aftercare.toml.bak")
    assert "# our edits" in backup.read_text(encoding="utf-8")
    assert not copy.exists()
    assert active_template_path() == (aftercare.shipped_template_path(), False)
    assert reset_template() is None


def test_install_keeps_an_existing_copy(isolated_data_dir):
    copy = install_template_copy()
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# ours\n", encoding="utf-8")
    assert install_template_copy() == copy
    assert copy.read_text(encoding="utf-8").endswith("# ours\n")


def test_a_missing_font_file_is_explained_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    from assistant import aftercare
    from assistant.errors import ResourceMissing
    from assistant.pdf import fonts

    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    aftercare.register_fonts.cache_clear()
    try:
        with pytest.raises(ResourceMissing, match="Reinstall Chairside"):
            aftercare.register_fonts()
    finally:
        monkeypatch.undo()
        aftercare.register_fonts.cache_clear()
        aftercare.register_fonts()
