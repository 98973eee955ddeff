"""The core's messages in the practitioner's language: the Spanish gettext catalog covers
every message marked in ``assistant/``, its compiled ``.mo`` is current, and the warnings and
errors shown at the chair come out in Spanish when the practitioner works in Spanish."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from assistant.patients import store as patients
from assistant.resources import resource_path
from assistant.sessions import DeviceLimits, PreviousSession, ZoneEntry, check_zone
from assistant.sessions.limits import device_age_warning, interval_warning
from assistant.text import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = resource_path("locale", "es", "LC_MESSAGES", "chairside.po")
MO = PO.with_suffix(".mo")


def marked_messages() -> set[str | tuple[str, str]]:
    """Every message marked with _() or ngettext() in assistant/, as Babel extracts them."""
    found: set[str | tuple[str, str]] = set()
    keywords = {"_": None, "ngettext": (1, 2)}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "assistant"), keywords=keywords
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_the_spanish_catalog_covers_every_marked_message() -> None:
    wanted = marked_messages()
    assert len(wanted) >= 30
    catalog = read_po(PO.open("rb"))
    translated = {
        (m.id if isinstance(m.id, str) else tuple(m.id)): m
        for m in catalog
        if m.id
    }
    missing = sorted(map(str, wanted - set(translated)))
    assert missing == [], f"not in {PO} (pybabel extract / update): {missing}"
    for key in wanted:
        message = translated[key]
        assert message.string and all(message.string), key
        assert not message.fuzzy, key


def test_the_compiled_catalog_matches_the_po() -> None:
    compiled = gettext.GNUTranslations(MO.open("rb"))
    for message in read_po(PO.open("rb")):
        if not message.id:
            continue
        if isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string
        else:
            singular, plural = message.id
            assert compiled.ngettext(singular, plural, 1) == message.string[0]
            assert compiled.ngettext(singular, plural, 5) == message.string[1]


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.use_language("es")
    yield
    i18n.use_language("en")


def test_session_warnings_in_spanish(spanish: None) -> None:
    dermapen = DeviceLimits(0.1, 3.0, "Dermapen 4")
    warnings = check_zone(ZoneEntry("forehead", 1.5, 4), dermapen, 5)
    messages = " ".join(w.message for w in warnings)
    assert "supera el límite superior habitual" in messages
    assert "fototipo de Fitzpatrick V" in messages
    assert "hiperpigmentación postinflamatoria" in messages
    previous = PreviousSession(1, datetime(2026, 11, 3, 10, 0), 1.5)
    warning = interval_warning(previous, datetime(2026, 11, 17, 9, 0))
    assert warning is not None
    assert warning.message.startswith(
        "Sesión anterior el martes, 3 de noviembre de 2026 a 1.5 mm: se recomiendan 4 semanas"
    )
    assert "solo 2 semanas después" in warning.message
    young = device_age_warning(DeviceLimits(0.1, 3.0, "Dermapen 4", cleared_age=22),
                               date(2008, 1, 1), date(2026, 11, 17))  # fmt: skip
    assert young is not None and "autorizado para pacientes de 22 años" in young.message
    # the zone is named in the same language as the message around it
    assert messages.startswith("Frente:")


def test_the_database_place_in_spanish(spanish: None) -> None:
    from assistant.storage.places import describe_database

    assert describe_database("sqlite:////srv/clinic/chairside.sqlite3") == (
        "Base de datos local en /srv/clinic"
    )
    assert describe_database("postgresql://db.example/clinic") == (
        "Servidor de la clínica db.example con PostgreSQL"
    )


def test_patient_details_errors_in_spanish(spanish: None) -> None:
    errors = patients.validation_errors(patients.PatientDetails("", "Lima", email="nope"))
    assert errors["first_name"] == "Escriba el nombre del paciente."
    assert errors["email"].startswith("El correo electrónico no es válido")


def test_english_stays_as_written() -> None:
    assert i18n.current_language() == "en"
    errors = patients.validation_errors(patients.PatientDetails("", "Lima"))
    assert errors["first_name"] == "Enter the patient's first name."
    i18n.use_language("xx")  # no catalog: English, never a failure
    try:
        assert i18n._("Enter the patient's first name.") == "Enter the patient's first name."
    finally:
        i18n.use_language("en")


# -- the checklist's texts --------------------------------------------------------------------


def checklist_texts_of(checklist) -> set[str]:  # type: ignore[no-untyped-def]
    texts: set[str] = set()
    for group in checklist.groups:
        texts.add(group.title)
        for q in group.questions:
            texts |= {q.text, q.message, *q.actions}
            for o in q.options:
                texts |= {o.label, *o.actions} | ({o.message} if o.message else set())
            for v in q.variants.values():
                texts |= {v.message, *v.actions}
            if q.help:
                texts.add(q.help)
            if q.after is not None:
                texts |= {q.after.message, *q.after.actions}
    for f in checklist.fact_rules:
        texts |= {f.message, *f.actions}
    return texts


def test_the_spanish_checklist_texts_cover_every_text_of_the_checklist() -> None:
    import re

    from assistant.checklist import default_checklist
    from assistant.checklist.loading import checklist_texts

    spanish = checklist_texts("es")
    english = checklist_texts_of(default_checklist())
    assert sorted(english - set(spanish)) == []
    for source, text in spanish.items():
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", text))


def test_the_checklist_at_the_chair_speaks_the_practitioners_language(spanish: None, db) -> None:
    from assistant.checklist import PatientFacts, evaluate
    from assistant.rules import checklist_in_force

    checklist = checklist_in_force(db)
    assert checklist.question("pregnant_or_breastfeeding").text == "¿Embarazo o lactancia?"
    assert checklist.groups[0].title == "Enfermedades permanentes"
    answers = {"pregnant_or_breastfeeding": True}
    facts = PatientFacts(date(1990, 1, 1), 2)
    verdict = evaluate(checklist, answers, facts, ["cheeks"], date(2026, 11, 24))
    assert any("Embarazo o lactancia." in reason.message for reason in verdict.reasons)
    # ids and outcomes are the same in every language: answers mean the same
    assert checklist.version == checklist_in_force_english(db).version


def checklist_in_force_english(db):  # type: ignore[no-untyped-def]
    from assistant.rules import checklist_in_force

    i18n.use_language("en")
    try:
        return checklist_in_force(db)
    finally:
        i18n.use_language("es")


def test_errors_shown_at_the_chair_in_spanish(spanish: None, tmp_path: Path) -> None:
    from dataclasses import replace

    from assistant.access.auth import validate_secret
    from assistant.errors import InvalidInput
    from assistant.output_files import check_output_file
    from assistant.sessions import SessionDraft, validate_draft, validate_for_signing

    with pytest.raises(InvalidInput, match="^Un PIN necesita al menos 4 dígitos.$"):
        validate_secret("12")
    with pytest.raises(InvalidInput, match="no es un nombre de archivo|no existe"):
        check_output_file(tmp_path / "missing" / "record.pdf")
    draft = SessionDraft(
        treated_at=datetime(2026, 11, 17, 10),
        practitioner_id=1,
        device_id=1,
        cartridge_needles="16",
        cartridge_lot="DP16-2611A",
        cartridge_expiry=date(2026, 11, 16),
        consent_on_file=True,
        zones=(ZoneEntry("cheeks", 1.0, 2),),
    )
    with pytest.raises(InvalidInput) as expired:
        validate_draft(draft)
    assert str(expired.value) == (
        "El cartucho del lote DP16-2611A caducó el lunes, 16 de noviembre de 2026, antes de "
        "esta sesión (martes, 17 de noviembre de 2026). Use un cartucho sin caducar."
    )
    with pytest.raises(InvalidInput, match="^Añada al menos una zona tratada.$"):
        validate_for_signing(replace(draft, cartridge_expiry=date(2027, 1, 1), zones=()))


def test_the_sign_in_wait_in_spanish(spanish: None) -> None:
    from assistant.access.auth import _wait_message

    assert _wait_message(1) == (
        "Tras varios intentos fallidos, espere 1 segundo antes de volver a intentarlo."
    )
    assert _wait_message(30).startswith("Tras varios intentos fallidos, espere 30 segundos")


def test_a_refused_backup_in_spanish(spanish: None, tmp_path: Path) -> None:
    """Restoring from the window checks the file first; its refusal is in the practitioner's
    language, and so is what it adds (nothing was changed)."""
    from assistant.errors import InvalidInput
    from assistant.storage.backup import inspect_backup

    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_bytes(b"shopping list\n" * 20)
    with pytest.raises(InvalidInput) as refused:
        inspect_backup(not_a_backup)
    assert str(refused.value) == (
        "notes.sqlite3 no es una copia de seguridad de Chairside (no es un archivo de base de "
        "datos, o está cifrado con la clave de otra clínica). No se ha cambiado nada; elija "
        "otra copia de seguridad."
    )
    with pytest.raises(InvalidInput, match="^No existe el archivo "):
        inspect_backup(tmp_path / "missing.sqlite3")
