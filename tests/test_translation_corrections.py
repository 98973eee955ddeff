"""The translations as corrected for revision 2026.3, spot-checked in each language's
aftercare sheet, consent forms and on-screen labels; each file records its language variant
and register; the consent requires the practitioner in every language and lists swollen
lymph nodes among the rare risks."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from assistant.aftercare import LANGUAGES, load_template
from assistant.consent.templates import check_body, required_fields
from assistant.errors import InvalidInput
from assistant.resources import resource_path
from assistant.text.languages import format_day

CODES = list(LANGUAGES)


def aftercare(code: str) -> str:
    template = load_template(language=code)
    return " ".join([*(s.text for s in template.steps), *template.normal, *template.call_clinic,
                     *template.headings.values(), template.title, template.intro,
                     template.next_book_week, template.next_unknown,
                     *template.zones.values()])  # fmt: skip


def consent(code: str) -> dict:  # type: ignore[type-arg]
    name = "consent.toml" if code == "en" else f"consent-{code}.toml"
    return tomllib.loads(resource_path(name).read_text(encoding="utf-8"))


def consent_text(code: str) -> str:
    data = consent(code)
    return " ".join([t["body"] for t in data["templates"].values()] + list(data["labels"].values()))


def step(code: str, index: int) -> str:
    return load_template(language=code).steps[index].text


# The "dry skin and flaking" step: pick, never scratch.
FLAKING = 17


@pytest.mark.parametrize("code", CODES)
def test_every_file_records_its_variant_and_register(code: str) -> None:
    template = load_template(language=code)
    assert template.variant.split("-")[0] == code and template.register
    assert consent(code)["variant"] == template.variant
    assert consent(code)["version"] == template.version == "2026.3"


@pytest.mark.parametrize("code", CODES)
def test_the_consent_requires_the_practitioner_and_names_lymph_nodes(code: str) -> None:
    data = consent(code)
    fields = data["templates"]["microneedling"]["required_fields"]
    assert fields == ["patient_name", "areas", "device", "practitioner"]
    assert "{practitioner}" in data["templates"]["microneedling"]["body"]
    assert data["templates"]["microneedling"]["body"].count("\n- ") == 10  # ten risks
    lymph = {"en": "lymph nodes", "es": "ganglios linfáticos", "fr": "ganglions lymphatiques",
             "de": "Lymphknoten", "pl": "węzłów chłonnych", "pt": "gânglios linfáticos",
             "vi": "hạch bạch huyết", "ar": "العقد اللمفاوية", "zh": "淋巴结"}  # fmt: skip
    assert lymph[code] in data["templates"]["microneedling"]["body"]


def test_a_form_without_the_practitioner_is_refused() -> None:
    assert "practitioner" in required_fields("microneedling")
    body = consent("en")["templates"]["microneedling"]["body"].replace(", carried out by "
                                                                      "{practitioner}", "")
    with pytest.raises(InvalidInput, match="practitioner"):
        check_body("microneedling", "Consent", body)


def test_spanish_uses_one_variety_and_pick_not_scratch() -> None:
    text = aftercare("es") + consent_text("es")
    assert "moratones" in text and "moretones" not in text
    assert "calenturas" not in text and "yoga caliente" not in text
    assert "rasque" not in step("es", FLAKING) and "arranque" in step("es", FLAKING)


def test_french_corrections() -> None:
    template = load_template(language="fr")
    assert not any("boutons qui ne" in item for item in template.call_clinic)
    assert any("granulomes" in item for item in template.call_clinic)
    assert "grattez" not in step("fr", FLAKING) and "arrachez" in step("fr", FLAKING)
    assert consent("fr")["labels"]["role_guardian"].startswith("Représentant légal")
    assert "Laissez votre peau tranquille" not in aftercare("fr")


def test_german_corrections() -> None:
    labels = consent("de")["labels"]
    assert "Vormund" not in labels["role_guardian"] and "Sorgeberechtigte" in labels[
        "role_guardian"
    ]
    assert labels["role_practitioner"] == load_template(language="de").headings[
        "practitioner"
    ] == "Behandelnde Person"
    assert "Behandlers" not in labels["pin_note"] and "Behandler/in" not in consent_text("de")
    assert "kratzen" not in step("de", FLAKING)


def test_polish_addresses_the_patient_formally_or_impersonally() -> None:
    text = aftercare("pl")
    for informal in ("Zostaw ", "Zadzwoń", " masz", "Umyj ", "Nie drap", "się pocisz",
                     "przepisano ci", "zarezerwuj", "zapytaj "):  # fmt: skip
        assert informal not in text, informal
    assert step("pl", FLAKING).endswith("Nie zdrapywać łusek i nie szorować skóry.")


def test_portuguese_is_european_and_says_so() -> None:
    template = load_template(language="pt")
    assert template.variant == "pt-PT"
    assert template.headings["call_phone"] == "Contacte-nos pelo número"
    assert not any(item.startswith("Altos") for item in template.call_clinic)
    assert any(item.startswith("Nódulos") for item in template.call_clinic)


def test_vietnamese_pen_register_and_year() -> None:
    text = aftercare("vi") + consent_text("vi")
    assert "lăn kim" not in text.lower() and "vi kim" in text
    assert " bạn" not in text and "Quý khách" in text
    assert format_day(date(2026, 11, 25), "vi") == "Thứ Tư, 25 tháng 11 năm 2026"


def test_arabic_is_gender_neutral_and_medical() -> None:
    text = aftercare("ar")
    for masculine in ("اترك ", "اشطف", "استخدم ", "اغسل ", "ابتعد", "اتصل ", "احجز", "اسأل "):
        assert masculine not in text, masculine
    assert "قرحة برد" not in text and "هربس الشفة" in text
    assert consent("ar")["labels"]["role_guardian"].startswith("ولي الأمر")


def test_chinese_warmth_pigmentation_and_one_term_each() -> None:
    template = load_template(language="zh")
    assert not any("发热" in item for item in template.normal + template.call_clinic)
    assert "发烧" in template.call_clinic[0]  # fever stays fever
    text = aftercare("zh") + consent_text("zh")
    assert "淤青" not in text and "疤痕" not in text
    assert "色斑加深" not in consent_text("zh") and "炎症后色素沉着" in consent_text("zh")


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_the_back_zone_is_named_in_every_language(code: str) -> None:
    assert load_template(language=code).zones["back"]
