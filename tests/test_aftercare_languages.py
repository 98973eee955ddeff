"""The aftercare sheet in the patient's language: every language rendered and read back from
the PDF, dates from CLDR, Arabic right to left and joined, large print, long unbroken text in
linear time, and the texts' files (one per language, each saying whether it was reviewed)."""

from __future__ import annotations

import io
import re
import tomllib
import unicodedata
from datetime import date, datetime

import pytest
import reportlab.platypus.paragraph as rl_paragraph
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import shapeStr

from assistant import aftercare
from assistant.aftercare import (
    LANGUAGES,
    format_day,
    install_template_copy,
    language,
    load_active_template,
    load_template,
    render_sheet,
    shipped_template_path,
)
from assistant.aftercare.look import LARGE_PRINT, chunks, look
from assistant.errors import InvalidInput
from assistant.text.bidi import log2vis
from assistant.text.languages import format_moment
from tests import pdf_geometry as geometry
from tests.test_aftercare_pdf import make_clinic, make_sheet, pdf_pages, pdf_text

TREATED = datetime(2026, 11, 24, 15, 30)
NAME = "Zoë Łukasiewicz-Nguyễn"
PHONE = "020 7946 0321"
CODES = list(LANGUAGES)


def sheet_in(code: str, **changes: object) -> aftercare.AftercareSheet:
    values: dict[str, object] = {"patient_name": NAME, "treated_at": TREATED, **changes}
    return make_sheet(language=code, **values)


def nfkc(text: str) -> str:
    """Arabic read back from a PDF comes as presentation forms, and Chinese punctuation may
    come back half width: compare their compatibility forms."""
    return unicodedata.normalize("NFKC", text)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "miércoles, 25 de noviembre"),
        ("vi", "Thứ Tư, 25 tháng 11"),
        ("zh", "11月25日星期三"),
        ("fr", "mercredi 25 novembre"),
        ("de", "Mittwoch, 25. November"),
        ("pl", "środa, 25 listopada"),
        ("pt", "quarta-feira, 25 de novembro"),
        ("ar", "الأربعاء، 25 نوفمبر"),
        ("en", "Wednesday 25 November"),
    ],
)
def test_weekdays_and_months_come_from_cldr(code, expected):
    assert format_day(date(2026, 11, 25), code, with_year=False) == expected


def test_the_year_and_time_are_worded_per_language():
    assert format_day(date(2026, 11, 25), "es") == "miércoles, 25 de noviembre de 2026"
    assert format_moment(datetime(2026, 11, 25, 18, 30), "es", 2026) == (
        "miércoles, 25 de noviembre, 18:30"
    )
    assert format_moment(datetime(2027, 1, 4, 9, 5), "de", 2026) == "Montag, 4. Januar 2027, 09:05"


def test_an_unknown_language_lists_the_available_ones():
    with pytest.raises(InvalidInput) as caught:
        language("xx")
    for code in CODES:
        assert f"{code} (" in str(caught.value)
    assert language("es-MX").code == "es" and language("ZH_Hans").code == "zh"


# --------------------------------------------------------------------------- the texts


@pytest.mark.parametrize("code", CODES)
def test_one_file_per_language_with_every_step_of_the_english(code):
    english, template = load_template(), load_template(language=code)
    assert template.language == code
    assert template.version == english.version == "2026.3"
    assert [(s.start, s.end, s.only_when, s.follows) for s in template.steps] == [
        (s.start, s.end, s.only_when, s.follows) for s in english.steps
    ]
    assert len(template.normal) == len(english.normal)
    assert len(template.call_clinic) == len(english.call_clinic)
    assert set(template.headings) == set(english.headings)
    if code != "en":
        assert template.texts() != english.texts()
        assert template.title != english.title


@pytest.mark.parametrize("code", CODES)
def test_each_file_says_whether_a_clinician_reviewed_it(code):
    raw = tomllib.loads(shipped_template_path(code).read_text(encoding="utf-8"))
    assert isinstance(raw["reviewed"], bool)
    # the English original is the reviewed source; no translation is reviewed yet
    assert load_template(language=code).reviewed is (code == "en")


def test_the_clinics_own_copy_works_per_language(isolated_data_dir):
    copy = install_template_copy(language="es")
    assert copy.name == "aftercare-es.toml"
    text = copy.read_text(encoding="utf-8").replace(
        "Cómo cuidar su piel después del microneedling", "Cuidados de la Clínica Riverside"
    )
    copy.write_text(text, encoding="utf-8")
    template, warning = load_active_template(language="es")
    assert warning is None and template.title == "Cuidados de la Clínica Riverside"
    assert "Cuidados de la Clínica Riverside" in pdf_text(render_sheet(sheet_in("es")).data)
    # the other languages keep the shipped wording
    assert load_active_template(language="fr")[0].source == shipped_template_path("fr")


def test_a_template_in_another_language_is_swapped_for_the_sheets():
    english = load_template()
    text = pdf_text(render_sheet(sheet_in("fr"), english).data)
    assert "Prendre soin de votre peau après le microneedling" in text


# --------------------------------------------------------------------------- the sheet


@pytest.mark.parametrize("code", [c for c in CODES if c != "ar"])
def test_every_language_prints_names_dates_and_the_clinics_phone(code):
    template = load_template(language=code)
    rendered = render_sheet(sheet_in(code, cold_sore_caution=True))
    assert rendered.warnings == ()
    text = pdf_text(rendered.data)
    flat = text.replace(" ", "")
    assert NAME in text and "Amira Haddad" in text
    assert PHONE in text
    for phrase in (
        format_day(date(2026, 11, 25), code, with_year=False),  # the end of 24 hours
        format_day(TREATED.date(), code),  # the treatment, with its year
    ):
        # Chinese sets no spaces; pypdf may add some between characters
        assert phrase.replace(" ", "") in flat, phrase
    flat = nfkc(flat)
    for value in (template.title, template.call_clinic[0], template.footer):
        assert nfkc(value).replace(" ", "") in flat, value
    number = template.headings["page_number"].format(page=1, pages=rendered.pages)
    assert nfkc(number).replace(" ", "") in flat
    assert "Cheeks" not in text or code == "en"  # the areas are named in the language


def test_arabic_is_right_to_left_joined_and_reads_back_as_shaped():
    template = load_template(language="ar")
    rendered = render_sheet(sheet_in("ar"))
    assert rendered.warnings == ()
    page = PdfReader(io.BytesIO(rendered.data)).pages[0].extract_text()
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    # The title is one line. Its words stand right to left, where the page shows them: the
    # first word typed on the right, the last on the left (the order text comes out of the
    # file says nothing about where it stands).
    title_words = template.title.split()
    assert [w[::-1] for w in log2vis(template.title, "RTL").split()] == title_words[::-1]
    seen = geometry.line_holding(rendered.data, template.title)
    assert seen is not None
    assert seen.logical_words() == title_words[::-1]
    # Each word reads back as HarfBuzz shaped it (ReportLab's shaped string holds the
    # joined forms in drawing order, right to left)
    title_line = next(line for line in lines if set(nfkc(line).split()) == set(title_words))
    font = look("ar", False).styles["title"].fontName
    shaped = {str(shapeStr(word, font, 17))[::-1] for word in title_words}
    assert set(title_line.split()) == shaped
    # joined: the letters are printed in their contextual (presentation) forms, initial,
    # medial and final; only a letter that joins on no side (a word's first alef) stays plain
    arabic = [ch for ch in title_line if not ch.isspace()]
    joined = [ch for ch in arabic if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF]
    assert set(arabic) - set(joined) <= {"\N{ARABIC LETTER ALEF}"}
    names = [unicodedata.name(ch) for ch in joined]
    assert any("INITIAL FORM" in n for n in names) and any("FINAL FORM" in n for n in names)
    assert any("MEDIAL FORM" in n for n in names)
    # and the rest reads back too: the name, the phone and a date in Arabic
    text = nfkc(" ".join(lines))
    assert "Zoë Łukasiewicz-Nguyễn" in text and PHONE in text
    assert "نوفمبر" in text and "الأربعاء" in text


def test_arabic_columns_are_mirrored():
    """The dates column stands on the right of the timeline, the way Arabic is read."""
    data = render_sheet(sheet_in("ar")).data
    found: dict[str, float] = {}
    template = load_template(language="ar")

    def visit(text, cm, tm, font_dict, font_size):
        for key in ("timeline_when", "timeline_what"):
            if set(nfkc(text).split()) == set(template.headings[key].split()):
                found[key] = tm[4] * cm[0] + cm[4]

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert found["timeline_when"] > found["timeline_what"]


def font_sizes(data: bytes) -> list[float]:
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(font_size * abs(tm[3]) * abs(cm[3]))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_large_print_sets_every_text_at_16_points_or_more(code):
    regular = render_sheet(sheet_in(code))
    large = render_sheet(sheet_in(code, large_print=True))
    assert min(font_sizes(regular.data)) < 16
    sizes = font_sizes(large.data)
    assert len(sizes) > 50 and min(sizes) >= 16
    assert LARGE_PRINT.body >= 16 and LARGE_PRINT.small >= 16 and LARGE_PRINT.leading > 1.2
    assert large.pages > regular.pages
    for page in PdfReader(io.BytesIO(large.data)).pages:  # still A4
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )


# --------------------------------------------------------------------------- long text


def text_runs(data: bytes) -> list[tuple[float, float, str]]:
    """(x, page width, text) of every piece of text drawn."""
    found: list[tuple[float, float, str]] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font_dict, font_size, width=width):
            if text.strip():
                found.append((tm[4] * cm[0] + cm[4], width, text))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_long_words_names_and_addresses_break_inside_the_page(code):
    # letters found nowhere else on the sheet, so each can be counted in what is printed
    sheet = sheet_in(
        code,
        patient_name="Щ" * 400,
        clinic=make_clinic(address="Unit 4 " + "Ю" * 600 + "\nKingston"),
        notes="Ж" * 3000,
    )
    rendered = render_sheet(sheet)
    text = pdf_text(rendered.data)
    # every character printed, none lost at a line or page break
    assert (text.count("Ж"), text.count("Щ"), text.count("Ю")) == (3000, 400, 600)
    for x, width, run in text_runs(rendered.data):
        assert 0 <= x < width
        # broken into lines: no line holds more of one word than fits across the page
        assert max(run.count(letter) for letter in "ЖЩЮ") <= 90


def measured_characters(monkeypatch: pytest.MonkeyPatch, sheet: aftercare.AftercareSheet) -> int:
    """How many characters ReportLab measures to lay the sheet out: the work it does."""
    work = [0]
    measure = rl_paragraph.stringWidth

    def counting(text, *args, **kwargs):
        work[0] += len(text)
        return measure(text, *args, **kwargs)

    monkeypatch.setattr(rl_paragraph, "stringWidth", counting)
    render_sheet(sheet)
    monkeypatch.setattr(rl_paragraph, "stringWidth", measure)
    return work[0]


@pytest.mark.parametrize("field", ["notes", "patient_name", "address"])
def test_a_40000_character_word_is_laid_out_in_linear_time(monkeypatch, field):
    def sheet(length: int) -> aftercare.AftercareSheet:
        word = "x" * length
        if field == "address":
            return sheet_in("en", clinic=make_clinic(address=word))
        return sheet_in("en", **{field: word})

    small = measured_characters(monkeypatch, sheet(10_000))
    large = measured_characters(monkeypatch, sheet(40_000))
    # four times the text: about four times the work (a quadratic layout would be sixteen)
    assert large < 6 * small


def test_chunks_keep_every_character_and_cut_between_words():
    text = "word " * 500 + "y" * 2500
    pieces = chunks(text, 1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert all(not p.startswith("ord") for p in pieces)


# --------------------------------------------------------------------------- pages


@pytest.mark.parametrize("code", CODES)
def test_the_lists_start_on_the_first_page_in_every_language(code):
    template = load_template(language=code)
    pages = pdf_pages(render_sheet(sheet_in(code)).data)
    first = nfkc(pages[0])
    for key in ("normal", "call_clinic"):
        heading = nfkc(template.headings[key])
        if LANGUAGES[code].rtl:  # read back word by word, right to left
            assert set(heading.split()) <= set(first.split())
        else:
            assert heading.replace(" ", "") in first.replace(" ", "")


def test_timeline_rows_are_in_date_order():
    text = pdf_text(render_sheet(sheet_in("en")).data)
    table = text[text.index("What to do for your skin") : text.index("What is normal")]
    shown = []
    # each row opens with "Until <end>" (from the treatment on) or "From <start> until …":
    # down the column, the first date of each row never goes back in time
    for match in re.finditer(r"\b(Until|From) \w+day (\d+) (\w+), (\d\d:\d\d)", table):
        _kind, day, month, clock = match.groups()
        shown.append(datetime.strptime(f"{day} {month} 2026 {clock}", "%d %B %Y %H:%M"))
    assert len(shown) >= 6 and shown == sorted(shown), shown
    assert shown[0] > TREATED


# --------------------------------------------------------------------------- the patient


def test_a_session_prints_in_the_patients_language_and_print_size(db) -> None:
    from assistant.patients import store as patients
    from assistant.sessions import aftercare_sheet_for_session, create_draft, save_draft
    from tests.sessions_support import TREATED as SESSION_TREATED
    from tests.sessions_support import complete_draft, make_patient
    from tests.sessions_support import make_clinic as make_clinic_records

    c = make_clinic_records(db)
    patient = make_patient(db)
    record = patients.get_patient(db, patient)
    details = patients.PatientDetails(
        **{**record.details.__dict__, "language": "vi", "large_print": True}
    )
    patients.update_patient(db, patient, details, actor=c.practitioner)
    session_id = create_draft(db, patient, c.practitioner, treated_at=SESSION_TREATED)
    save_draft(db, session_id, complete_draft(c), c.practitioner)
    sheet = aftercare_sheet_for_session(db, session_id)
    assert (sheet.language, sheet.large_print) == ("vi", True)
    text = pdf_text(render_sheet(sheet).data)
    assert "Chăm sóc da sau khi điều trị vi kim" in text
    # everything the patient reads is large; only the audit anchor stays small (for checking)
    assert sheet.record_anchor.startswith("audit #")
    from dataclasses import replace

    assert min(font_sizes(render_sheet(replace(sheet, record_anchor="")).data)) >= 16


def test_a_patients_language_must_be_one_the_sheet_has() -> None:
    from assistant.patients import store as patients

    details = patients.PatientDetails("Ana", "Lima", language="xx")
    assert "language" in patients.validation_errors(details)
    assert "language" not in patients.validation_errors(
        patients.PatientDetails("Ana", "Lima", language="pt")
    )


def test_the_template_settings_page_works_per_language(qtbot, isolated_data_dir) -> None:
    from ui.settings.templates import AftercareTemplateSettings

    page = AftercareTemplateSettings()
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("pl"))
    assert "default wording" in page.status.text()
    assert "not been reviewed" in page.status.text()
    page.make_copy()
    copy = aftercare.clinic_template_path(language="pl")
    assert copy.name == "aftercare-pl.toml" and copy.exists()
    assert str(copy) in page.status.text()
    assert not aftercare.clinic_template_path(language="en").exists()
    page.reset()
    assert not copy.exists() and copy.with_name("aftercare-pl.toml.bak").exists()
