"""The consent in the patient's language: one file of forms and printed words per language
(same keys and fields as the English), the form versions kept per language, the consent
issued and printed in its language (read back from the PDF: the name, the date in words,
Arabic right to left and joined), validity against the same language's form, and copies of
consents issued before forms had a language still checked."""

from __future__ import annotations

import hashlib
import io
import json
import string
import tomllib
import unicodedata
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import shapeStr

from assistant.consent import (
    ConsentContext,
    ConsentRequest,
    consent_pdf,
    consent_status,
    current_template,
    issue_consent,
    preview_consent,
    save_clinic_template,
    template_versions,
    verify_bytes,
)
from assistant.consent.document import _look, canonical_content, fingerprint
from assistant.consent.templates import labels, shipped_file
from assistant.errors import InvalidInput
from assistant.patients.store import PatientDetails, create_patient
from assistant.resources import resource_path
from assistant.storage.db import Database
from assistant.storage.models import Consent
from assistant.text.bidi import log2vis
from assistant.text.languages import LANGUAGES, format_day
from tests import pdf_geometry as geometry
from tests.consent_support import PIN, SIGNATURE, ensure_pin
from tests.sessions_support import Clinic, make_clinic

CODES = list(LANGUAGES)
MOMENT = datetime(2026, 6, 1, 9, 0)
SIGNED_ON = MOMENT.date()


def nfkc(text: str) -> str:
    """Arabic reads back from a PDF as presentation forms, Chinese punctuation may come back
    half width: compare compatibility forms."""
    return unicodedata.normalize("NFKC", text)


def shipped(code: str) -> dict[str, object]:
    return tomllib.loads(resource_path(shipped_file(code)).read_text(encoding="utf-8"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def texts(data: dict[str, object]) -> dict[str, str]:
    """Every translated text of a file, by a dotted key."""
    found: dict[str, str] = {}
    for key, form in data["templates"].items():  # type: ignore[attr-defined]
        found[f"templates.{key}.title"] = form["title"]
        found[f"templates.{key}.body"] = form["body"]
    for table in ("photo_choices", "labels"):
        for key, value in data[table].items():  # type: ignore[attr-defined]
            found[f"{table}.{key}"] = value
    return found


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_every_language_has_every_text_with_the_same_fields(code: str) -> None:
    english, translated = shipped("en"), shipped(code)
    assert shipped_file(code) == f"consent-{code}.toml"
    assert translated["language"] == code and translated["version"] == english["version"]
    ours, theirs = texts(english), texts(translated)
    assert set(theirs) == set(ours)
    for key, text in ours.items():
        assert fields(theirs[key]) == fields(text), key
        assert theirs[key].strip(), key
    for key in english["templates"]:  # type: ignore[attr-defined]
        form, original = translated["templates"][key], english["templates"][key]  # type: ignore[index]
        assert form["required_fields"] == original["required_fields"]
        assert form["title"] != original["title"] and form["body"] != original["body"]


@pytest.mark.parametrize("code", CODES)
def test_each_file_says_whether_a_clinician_reviewed_it(code: str) -> None:
    reviewed = shipped(code)["reviewed"]
    assert isinstance(reviewed, bool)
    # English is the reviewed original; no translation has been reviewed yet
    assert reviewed is (code == "en")


# --------------------------------------------------------------------------- issuing


@pytest.fixture
def clinic(db: Database) -> Clinic:
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    return c


def patient_in(db: Database, code: str, first: str = "Zoë", last: str = "Łukasiewicz") -> int:
    details = PatientDetails(first, last, date_of_birth=date(1988, 4, 12), language=code)
    return create_patient(db, details, None).id


def request_for(c: Clinic, patient: int, **changes: object) -> ConsentRequest:
    request = ConsentRequest(
        patient_id=patient,
        practitioner_id=c.practitioner,
        areas=("cheeks", "forehead"),
        device_id=c.device,
        patient_strokes=SIGNATURE,
    )
    return replace(request, **changes)  # type: ignore[arg-type]


def issue(db: Database, request: ConsentRequest, when: datetime = MOMENT) -> int:
    return issue_consent(db, request, PIN, clock=lambda: when, local_clock=lambda: when).id


def read_back(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_patients_language_is_the_default_and_another_can_be_chosen(
    db: Database, clinic: Clinic
) -> None:
    patient = patient_in(db, "es")
    preview = preview_consent(db, patient, ["cheeks", "forehead"], clinic.device,
                              clinic.practitioner, today=SIGNED_ON)  # fmt: skip
    assert preview.language == "es" and not preview.reviewed
    assert preview.text.startswith("Yo, Zoë Łukasiewicz, acepto")
    assert "Mejillas y Frente" in preview.text and "Dermapen 4" in preview.text
    assert preview.photo_questions["marketing"].startswith("Las fotos")
    english = preview_consent(db, patient, ["cheeks"], clinic.device, clinic.practitioner,
                              today=SIGNED_ON, language="en")  # fmt: skip
    assert english.language == "en" and english.reviewed and "I, Zoë Łukasiewicz" in english.text

    spanish = issue(db, request_for(clinic, patient))
    french = issue(db, request_for(clinic, patient, language="fr"))
    with db.session() as session:
        assert session.get(Consent, spanish).language == "es"  # type: ignore[union-attr]
        assert session.get(Consent, french).language == "fr"  # type: ignore[union-attr]
        assert "Je soussigné(e), Zoë Łukasiewicz" in session.get(Consent, french).text  # type: ignore[union-attr]
    assert current_template(db, "microneedling", "es").language == "es"


def test_an_unknown_language_is_refused_before_the_pin(db: Database, clinic: Clinic) -> None:
    patient = patient_in(db, "en")
    with pytest.raises(InvalidInput) as caught:
        issue_consent(db, request_for(clinic, patient, language="xx"), "wrong")
    assert caught.value.field == "language" and "es (Spanish)" in str(caught.value)


@pytest.mark.parametrize("code", [c for c in CODES if c != "ar"])
def test_the_pdf_is_printed_in_the_consents_language(
    db: Database, clinic: Clinic, code: str
) -> None:
    patient = patient_in(db, code)
    consent = issue(db, request_for(clinic, patient))
    data = consent_pdf(db, consent)
    flat = nfkc(read_back(data)).replace(" ", "")
    words = labels(code)
    form = shipped(code)["templates"]["microneedling"]  # type: ignore[index]
    for expected in (
        "Zoë Łukasiewicz",
        format_day(SIGNED_ON, code),  # the date in words, in the language
        form["title"],
        words["signatures"],
        words["role_practitioner"],
        words["page"].format(page=1, pages=len(PdfReader(io.BytesIO(data)).pages)),
        "2026-06-01 09:00 UTC",
    ):
        # Chinese sets no spaces; pypdf may add some between characters
        assert nfkc(expected).replace(" ", "") in flat, expected
    assert "\N{REPLACEMENT CHARACTER}" not in flat and "\x00" not in flat
    assert "reviewed" not in flat  # the notice is the practitioner's, never the patient's
    if code != "en":
        assert "Plannedareas" not in flat and "Cheeks" not in flat
    # the copy is the one issued, and the fingerprint covers the language
    assert verify_bytes(db, data).matches


def test_arabic_is_right_to_left_joined_and_reads_back_as_shaped(
    db: Database, clinic: Clinic
) -> None:
    patient = patient_in(db, "ar")
    data = consent_pdf(db, issue(db, request_for(clinic, patient)))
    title = shipped("ar")["templates"]["microneedling"]["title"]  # type: ignore[index]
    page = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    # The title's words stand right to left where the page shows them: the first word
    # typed on the right, the last on the left.
    visual = log2vis(title, "RTL").split()
    assert len(visual) == len(title.split())
    seen = geometry.line_holding(data, title)
    assert seen is not None
    typed = [word.strip("()") for word in title.split()]
    assert [word.strip("()") for word in seen.logical_words()] == typed[::-1]
    # each word as HarfBuzz shaped it (drawing order, right to left), its letters joined
    title_line = next(
        line for line in lines if {w.strip("()") for w in nfkc(line).split()} == set(typed)
    )
    font = _look("ar").styles["title"].fontName
    shaped = {str(shapeStr(word, font, 16))[::-1] for word in typed}
    assert {word.strip("()") for word in title_line.split()} == shaped
    arabic = [ch for ch in title_line if "\u0600" <= ch <= "\u06ff" or ord(ch) >= 0xFB50]
    joined = [ch for ch in arabic if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFF]
    names = [unicodedata.name(ch) for ch in joined]
    assert any("INITIAL FORM" in n for n in names) and any("FINAL FORM" in n for n in names)
    assert any("MEDIAL FORM" in n for n in names)
    # the name, the date in Arabic words and the signatures' heading read back too
    text = nfkc(read_back(data))
    assert "Zoë Łukasiewicz" in text and "يونيو" in text and "الاثنين" in text
    assert labels("ar")["signatures"] in text and labels("ar")["role_practitioner"] in text
    assert verify_bytes(db, data).matches


# --------------------------------------------------------------------------- fingerprints


def test_english_fingerprints_are_computed_as_before_languages(
    db: Database, clinic: Clinic
) -> None:
    """Consents issued before forms had a language were fingerprinted without one: an
    English consent's content has no language key, so theirs and new ones agree; another
    language's content names it."""
    from assistant.consent.document import ConsentDocument

    document = ConsentDocument(
        1, "Clinic", "Zoë", ("Cheeks",), "Dermapen 4", "Title", "microneedling", 1, "Text",
        "Photos", 1, "Photo text", (("Kept", True),), SIGNED_ON, (),
    )  # fmt: skip
    content = json.loads(canonical_content(document))
    assert "language" not in content
    spanish = replace(document, language="es")
    assert json.loads(canonical_content(spanish))["language"] == "es"
    assert fingerprint(spanish) != fingerprint(document)
    assert fingerprint(document) == hashlib.sha256(canonical_content(document)).hexdigest()


# --------------------------------------------------------------------------- validity


def test_versions_and_validity_are_kept_per_language(db: Database, clinic: Clinic) -> None:
    spanish_patient = patient_in(db, "es")
    english_patient = patient_in(db, "en", "Amara", "Okafor")
    spanish = issue(db, request_for(clinic, spanish_patient))
    english = issue(db, request_for(clinic, english_patient))
    session_context = ConsentContext(date(2026, 7, 1), ("cheeks",), clinic.device)
    assert consent_status(db, spanish_patient, session_context).valid

    # a new English version leaves the Spanish consent valid
    english_form = current_template(db, "microneedling")
    save_clinic_template(db, "microneedling", english_form.title,
                         english_form.body + "\n\nAsk us anything.", None)  # fmt: skip
    assert [v.version for v in template_versions(db, "microneedling")] == [2, 1]
    assert [v.version for v in template_versions(db, "microneedling", "es")] == [1]
    status = consent_status(db, spanish_patient, session_context)
    assert status.valid and status.consent_id == spanish
    assert not consent_status(db, english_patient, session_context).valid

    # a new Spanish version ends it, and says which language's form changed
    form = current_template(db, "microneedling", "es")
    body = form.body + "\n\nPregúntenos lo que quiera."
    saved = save_clinic_template(db, "microneedling", form.title, body, None, "es")
    assert saved.version == 2 and saved.language == "es" and saved.source == "clinic"
    status = consent_status(db, spanish_patient, session_context)
    assert not status.valid and "Spanish" in status.message and "version 2" in status.message
    # a new Spanish consent is issued from the clinic's Spanish copy
    renewed = issue(db, request_for(clinic, spanish_patient), datetime(2026, 6, 2, 9, 0))
    assert consent_status(db, spanish_patient, session_context).consent_id == renewed
    with db.session() as session:
        assert "Pregúntenos lo que quiera." in session.get(Consent, renewed).text  # type: ignore[union-attr]
    assert english != renewed


def test_validity_can_ask_for_one_language(db: Database, clinic: Clinic) -> None:
    patient = patient_in(db, "es")
    issue(db, request_for(clinic, patient, language="en"))
    today = date(2026, 7, 1)
    assert consent_status(db, patient, ConsentContext(today, (), None)).valid
    status = consent_status(db, patient, ConsentContext(today, (), None, language="es"))
    assert not status.valid and "in Spanish" in status.message
