"""Consent the clinic can prove: issued only complete, countersigned by PIN, versioned forms,
validity for a session (12 months, form changes, areas, device, withdrawal), the exact PDF
kept and checked, and erasure keeping the proof but not the person."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from assistant.access import auth
from assistant.consent import (
    ConsentContext,
    ConsentRequest,
    GuardianSignature,
    PhotoChoices,
    consent_pdf,
    consent_status,
    current_template,
    get_consent,
    issue_consent,
    list_consents,
    photo_permissions,
    preview_consent,
    save_clinic_template,
    set_valid_months,
    verify_bytes,
    withdraw_consent,
)
from assistant.consent.document import short_fingerprint
from assistant.consent.signature import normalise_strokes, render_png
from assistant.errors import InvalidInput, RecordLocked
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.store import PatientDetails, create_patient
from assistant.sessions import create_draft, save_draft, sign_session
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Consent, ConsentTemplate
from tests.consent_support import PIN, SIGNATURE, ensure_pin, give_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient

SIGNED_ON = date(2026, 6, 1)
MOMENT = datetime(2026, 6, 1, 9, 0)


@pytest.fixture
def clinic(db: Database) -> Clinic:
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    return c


def request_for(c: Clinic, patient: int, **changes: object) -> ConsentRequest:
    request = ConsentRequest(
        patient_id=patient,
        practitioner_id=c.practitioner,
        areas=("cheeks", "Forehead"),
        device_id=c.device,
        patient_strokes=SIGNATURE,
    )
    return replace(request, **changes)  # type: ignore[arg-type]


def issue(db: Database, request: ConsentRequest, pin: str = PIN) -> int:
    return issue_consent(db, request, pin, clock=lambda: MOMENT, local_clock=lambda: MOMENT).id


def consents_in_db(db: Database) -> int:
    with db.session() as session:
        return session.query(Consent).count()


def draft_session(db: Database, c: Clinic, patient: int, treated_at: datetime = TREATED) -> int:
    session_id = create_draft(db, patient, c.practitioner, treated_at=treated_at)
    zones = complete_draft(c, treated_at).zones  # forehead and cheeks
    save_draft(db, session_id, complete_draft(c, treated_at, zones=zones), c.practitioner)
    return session_id


# --- issuing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"patient_strokes": ()}, "patient_signature"),
        ({"patient_strokes": (((5.0, 5.0),),)}, "patient_signature"),  # a tap, not a signature
        ({"patient_strokes": (((1.0, 1.0), (3.0, 2.0)),)}, "patient_signature"),
        ({"areas": ()}, "areas"),
        ({"areas": ("elbow",)}, "areas"),
        ({"device_id": None}, "device_id"),
    ],
)
def test_a_blank_or_unfilled_consent_is_never_issued(
    db: Database, clinic: Clinic, changes: dict[str, object], field: str
) -> None:
    patient = make_patient(db)
    with pytest.raises(InvalidInput) as info:
        issue(db, request_for(clinic, patient, **changes))
    assert info.value.field == field
    assert consents_in_db(db) == 0


def test_a_form_with_a_blank_field_cannot_be_filled() -> None:
    from assistant.consent.templates import fill

    body = "I, {patient_name}, agree to treatment of {areas} with {device}."
    values = {"patient_name": "Amara Okafor", "areas": "Cheeks", "device": " "}
    with pytest.raises(InvalidInput) as info:
        fill(body, values)
    assert info.value.field == "device"
    assert fill(body, {**values, "device": "Dermapen 4"}).endswith("with Dermapen 4.")


def test_a_wrong_pin_is_refused_and_audited(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    with pytest.raises(auth.LoginRefused):
        issue(db, request_for(clinic, patient), pin="9999")
    assert consents_in_db(db) == 0
    with db.session() as session:
        failed = session.query(AuditEvent).filter_by(action="login_failed").one()
    assert "consent countersignature" in failed.summary


def test_an_issued_consent_holds_what_was_signed(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    photo = PhotoChoices(own_record=True, training=True, marketing=False)
    consent_id = issue(db, request_for(clinic, patient, photo=photo))
    record = get_consent(db, consent_id)
    assert record.patient_name == "Amara Okafor"
    assert record.areas == ("cheeks", "forehead") and record.area_names == ("Cheeks", "Forehead")
    assert record.device_label == "Dermapen 4" and record.practitioner_name == "Dr Naomi Clarke"
    assert record.template_version == 1 and record.signed_on == SIGNED_ON
    assert record.photo == photo
    with db.session() as session:
        row = session.get(Consent, consent_id)
        assert row is not None
        assert row.patient_strokes == [[list(p) for p in s] for s in SIGNATURE]
        assert row.patient_signature_png is not None
        assert row.patient_signature_png.startswith(b"\x89PNG")
        assert "I, Amara Okafor, agree" in row.text and "{" not in row.text
        created = session.query(AuditEvent).filter_by(entity="consent", action="create").one()
    assert created.patient_id == patient and created.changes["pdf_sha256"] == record.pdf_sha256


def test_a_patient_under_18_needs_a_guardian(db: Database, clinic: Clinic) -> None:
    born = MOMENT.date() - timedelta(days=16 * 365)
    minor = create_patient(db, PatientDetails("Léa", "Dubois", date_of_birth=born), actor=None).id
    assert preview_consent(db, minor, ["cheeks"], clinic.device, clinic.practitioner,
                           MOMENT.date()).needs_guardian  # fmt: skip
    with pytest.raises(InvalidInput) as info:
        issue(db, request_for(clinic, minor))
    assert info.value.field == "guardian_name"
    no_relation = GuardianSignature("Chloé Dubois", " ", SIGNATURE)
    with pytest.raises(InvalidInput) as info:
        issue(db, request_for(clinic, minor, guardian=no_relation))
    assert info.value.field == "guardian_relation"
    unsigned = GuardianSignature("Chloé Dubois", "mother", ())
    with pytest.raises(InvalidInput) as info:
        issue(db, request_for(clinic, minor, guardian=unsigned))
    assert info.value.field == "guardian_signature"
    guardian = GuardianSignature("Chloé Dubois", "mother", SIGNATURE)
    record = get_consent(db, issue(db, request_for(clinic, minor, guardian=guardian)))
    assert (record.guardian_name, record.guardian_relation) == ("Chloé Dubois", "mother")
    text = "".join(page.extract_text() for page in PdfReader(_pdf(db, record.id)).pages)
    assert "Parent or guardian (mother)" in text and "Chloé Dubois" in text


def _pdf(db: Database, consent_id: int) -> object:
    import io

    return io.BytesIO(consent_pdf(db, consent_id))


def test_the_pdf_shows_text_names_version_fingerprint_and_qr(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    record = get_consent(db, issue(db, request_for(clinic, patient)))
    data = consent_pdf(db, record.id)
    assert hashlib.sha256(data).hexdigest() == record.pdf_sha256
    reader = PdfReader(_pdf(db, record.id))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "Consent to microneedling",
        "Amara Okafor",
        "Cheeks, Forehead",
        "Dermapen 4",
        "version 1",
        "2026-06-01 09:00 UTC",
        "Dr Naomi Clarke",
        short_fingerprint(record.content_sha256),
        "post-inflammatory hyperpigmentation",
        "Photos may be used in the clinic's marketing",
    ):
        assert expected in text, expected
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    images = [image for page in reader.pages for image in page.images]
    assert images, "the signature image is in the PDF"
    assert len(record.content_sha256) == 64 and record.content_sha256 != record.pdf_sha256


def test_signature_strokes_are_drawn() -> None:
    from io import BytesIO

    from PIL import Image

    strokes = normalise_strokes(SIGNATURE, "signature")
    image = Image.open(BytesIO(render_png(strokes)))
    assert image.size == (600, 200)
    assert image.getextrema() == (0, 255)  # ink on paper


# --- the forms and their versions -------------------------------------------------------


def test_an_edit_makes_a_new_version_and_used_versions_never_change(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    consent_id = issue(db, request_for(clinic, patient))
    first = current_template(db, "microneedling")
    body = first.body + "\n\nAsk us anything before you sign."
    edited = save_clinic_template(db, "microneedling", first.title, body, clinic.practitioner)
    assert (edited.version, edited.source) == (2, "clinic")
    assert current_template(db, "microneedling").id == edited.id
    with db.session() as session:
        old = session.get(ConsentTemplate, first.id)
        assert old is not None and old.body == first.body
        old.body = "quietly changed"
        with pytest.raises(RecordLocked):
            session.flush()
        session.rollback()
    assert get_consent(db, consent_id).template_version == 1
    with pytest.raises(InvalidInput):
        save_clinic_template(db, "microneedling", "Consent", "No name field here.", None)
    with pytest.raises(InvalidInput):
        save_clinic_template(db, "microneedling", "Consent", "{patient_name} {areas} {dose}", None)


def test_an_issued_consent_cannot_be_changed(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    consent_id = issue(db, request_for(clinic, patient))
    with db.session() as session:
        row = session.get(Consent, consent_id)
        assert row is not None
        row.areas = ["cheeks", "forehead", "neck"]
        with pytest.raises(RecordLocked):
            session.flush()
        session.rollback()


# --- validity and signing a session -----------------------------------------------------


def test_signing_needs_a_consent(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = draft_session(db, clinic, patient)
    with pytest.raises(InvalidInput) as info:
        sign_session(db, session_id, clinic.practitioner)
    assert info.value.field == "consent"
    assert "no consent to this treatment is on record" in str(info.value).lower()
    give_consent(db, patient, clinic.practitioner, clinic.device)
    assert sign_session(db, session_id, clinic.practitioner).is_signed


def test_a_consent_older_than_12_months_blocks_signing(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    give_consent(db, patient, clinic.practitioner, clinic.device, signed_on=date(2025, 11, 16))
    session_id = draft_session(db, clinic, patient)  # 2026-11-17: a year and a day later
    with pytest.raises(InvalidInput) as info:
        sign_session(db, session_id, clinic.practitioner)
    assert "signed on Sunday 16 November 2025, more than 12 months ago" in str(info.value)
    set_valid_months(db, 18, clinic.practitioner)  # the clinic's setting
    assert sign_session(db, session_id, clinic.practitioner).is_signed


def test_a_consent_of_exactly_12_months_still_covers(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    give_consent(db, patient, clinic.practitioner, clinic.device, signed_on=date(2025, 11, 17))
    context = ConsentContext(date(2026, 11, 17), ("cheeks",), clinic.device)
    assert consent_status(db, patient, context).valid


def test_a_changed_form_blocks_signing_until_a_new_consent(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    give_consent(db, patient, clinic.practitioner, clinic.device)
    current = current_template(db, "microneedling")
    save_clinic_template(db, "microneedling", current.title, current.body + "\n\nNew risk.", None)
    session_id = draft_session(db, clinic, patient)
    with pytest.raises(InvalidInput) as info:
        sign_session(db, session_id, clinic.practitioner)
    assert "the consent form has changed" in str(info.value).lower()
    assert "version 1 signed, version 2 now in use" in str(info.value)
    give_consent(db, patient, clinic.practitioner, clinic.device, signed_on=date(2026, 11, 10))
    assert sign_session(db, session_id, clinic.practitioner).is_signed


def test_areas_and_device_must_be_covered(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    give_consent(db, patient, clinic.practitioner, clinic.device, areas=["cheeks"])
    status = consent_status(db, patient, ConsentContext(TREATED.date(), ("cheeks", "neck"), None))
    assert not status.valid and "does not cover Neck" in status.message
    other = ConsentContext(TREATED.date(), ("cheeks",), clinic.narrow_device)
    assert "another device (Dermapen 4)" in consent_status(db, patient, other).message
    ok = ConsentContext(TREATED.date(), ("cheeks",), clinic.device)
    assert consent_status(db, patient, ok).valid


def test_withdrawal_stops_treatment_from_that_day(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    record = give_consent(db, patient, clinic.practitioner, clinic.device)
    before = draft_session(db, clinic, patient, datetime(2026, 9, 1, 10))
    withdraw_consent(
        db, record.id, "treatment", date(2026, 10, 1), clinic.practitioner, today=date(2026, 11, 1)
    )
    assert sign_session(db, before, clinic.practitioner).is_signed  # before the withdrawal
    after = draft_session(db, clinic, patient)
    with pytest.raises(InvalidInput) as info:
        sign_session(db, after, clinic.practitioner)
    assert "withdrew consent" in str(info.value) and "Thursday 1 October 2026" in str(info.value)
    with pytest.raises(InvalidInput):
        withdraw_consent(
            db, record.id, "treatment", date(2026, 10, 2), None, today=date(2026, 11, 1)
        )
    with pytest.raises(InvalidInput):
        withdraw_consent(db, record.id, "photo", date(2027, 1, 1), None, today=date(2026, 11, 1))
    with db.session() as session:
        audited = session.query(AuditEvent).filter_by(entity="consent", action="change").one()
    assert "withdrawal of the treatment consent" in audited.summary


def test_photo_withdrawal_applies_from_then_on(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    photo = PhotoChoices(own_record=True, training=True, marketing=True)
    consent_id = issue(db, request_for(clinic, patient, photo=photo))
    assert photo_permissions(db, patient, date(2026, 7, 1)) == photo
    withdraw_consent(db, consent_id, "photo", date(2026, 8, 1), None, today=date(2026, 9, 1))
    assert photo_permissions(db, patient, date(2026, 7, 31)) == photo
    assert photo_permissions(db, patient, date(2026, 8, 1)) == PhotoChoices(False, False, False)
    assert get_consent(db, consent_id).withdrawn_on("photo") == date(2026, 8, 1)


# --- evidence ---------------------------------------------------------------------------


def test_verify_accepts_the_issued_bytes_and_refuses_a_changed_byte(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    consent_id = issue(db, request_for(clinic, patient))
    data = consent_pdf(db, consent_id)
    assert verify_bytes(db, data).matches
    assert f"consent {consent_id}" in verify_bytes(db, data).message
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    result = verify_bytes(db, bytes(changed))
    assert result.outcome == "changed" and result.consent_id == consent_id
    other = verify_bytes(db, b"%PDF-1.4\n% another document\n")
    assert other.outcome == "unknown"


def test_erasure_removes_signatures_and_details_but_keeps_the_proof(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    guardian = GuardianSignature("Chloé Okafor", "mother", SIGNATURE)
    consent_id = issue(db, request_for(clinic, patient, guardian=guardian))
    before = get_consent(db, consent_id)
    data = consent_pdf(db, consent_id)
    erase_patient(db, patient, None, erasure_confirmation(db, patient))
    after = get_consent(db, consent_id)
    assert after.erased and after.patient_name == "" and after.guardian_name == ""
    assert (after.signed_on, after.template_version) == (before.signed_on, 1)
    assert (after.content_sha256, after.pdf_sha256) == (before.content_sha256, before.pdf_sha256)
    with db.session() as session:
        row = session.get(Consent, consent_id)
        assert row is not None
        assert row.patient_strokes == [] and row.patient_signature_png is None
        assert row.guardian_strokes == [] and row.guardian_signature_png is None
        assert row.pdf is None and "Okafor" not in row.text
    with pytest.raises(InvalidInput):
        consent_pdf(db, consent_id)
    result = verify_bytes(db, data)  # a paper copy can still be checked
    assert result.matches and "erased" in result.message and "Okafor" not in result.message
    assert list_consents(db, patient)[0].id == consent_id


def test_the_database_refuses_changing_forms_and_deleting_consents(
    db: Database, clinic: Clinic
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    patient = make_patient(db)
    issue(db, request_for(clinic, patient))
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("update consent_template set body = 'changed quietly'"))
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("delete from consent"))
    assert consents_in_db(db) == 1


def test_the_pdf_footer_carries_the_audit_chain_head_at_issue(db: Database, clinic: Clinic) -> None:
    from sqlalchemy import select

    patient = make_patient(db)
    record = get_consent(db, issue(db, request_for(clinic, patient)))
    with db.session() as session:
        own = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "consent", AuditEvent.entity_id == record.id)
            .order_by(AuditEvent.id)
        ).first()
        assert own is not None
        before = session.scalars(
            select(AuditEvent).where(AuditEvent.id < own.id).order_by(AuditEvent.id.desc())
        ).first()
        assert before is not None and before.chain_hash
        printed = f"audit #{before.id} · {before.chain_hash[:12]}"
    reader = PdfReader(_pdf(db, record.id))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # The newest entry before the consent's own: a later rewrite of the chain disagrees with
    # every paper printed before it.
    assert printed in text


def test_why_a_consent_does_not_cover_reads_in_the_practitioners_language(
    db: Database, clinic: Clinic
) -> None:
    from assistant.text import i18n

    patient = make_patient(db)
    consent = give_consent(db, patient, clinic.practitioner, clinic.device, areas=["cheeks"]).id
    context = ConsentContext(TREATED.date(), ("cheeks", "neck"), clinic.narrow_device)
    session_id = draft_session(db, clinic, patient)  # forehead and cheeks
    i18n.use_language("es")
    try:
        status = consent_status(db, patient, context)
        assert f"El consentimiento {consent} no cubre Cuello." in status.message
        assert f"El consentimiento {consent} se dio para otro dispositivo" in status.message
        assert status.message.startswith("Se necesita un nuevo consentimiento: ")
        with pytest.raises(InvalidInput) as info:
            sign_session(db, session_id, clinic.practitioner)
        assert str(info.value).startswith(
            "Esta sesión no se puede firmar sin un consentimiento válido."
        )
        assert f"El consentimiento {consent} no cubre Frente." in str(info.value)
    finally:
        i18n.use_language("en")
    assert "does not cover Neck" in consent_status(db, patient, context).message
