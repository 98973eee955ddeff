"""Stored sessions: drafts, course carried forward, interval warning from the database,
signing, read-only signed records (even for direct ORM or SQL changes), amendments in the
audit log, assessments, recall and the aftercare sheet."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from assistant.checklist import AssessmentResult, Outcome, Verdict
from assistant.errors import DatabaseUnavailable, InvalidInput, NotFound, RecordLocked
from assistant.sessions import (
    ProductEntry,
    ZoneEntry,
    aftercare_sheet_for_session,
    amend_session,
    create_draft,
    discard_draft,
    effective_value,
    get_session,
    last_assessment_answers,
    list_sessions,
    mark_aftercare_printed,
    recall,
    recall_csv,
    save_assessment,
    save_draft,
    session_context,
    session_warnings,
    sign_session,
    unfinished_drafts,
)
from assistant.storage.db import Database
from assistant.storage.models import (
    Amendment,
    Assessment,
    AuditEvent,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
)
from tests.consent_support import give_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return make_clinic(db)


def signed_session(db: Database, c: Clinic, patient: int, treated_at: datetime = TREATED) -> int:
    session_id = create_draft(db, patient, c.practitioner, treated_at=treated_at)
    save_draft(db, session_id, complete_draft(c, treated_at), c.practitioner)
    give_consent(db, patient, c.practitioner, c.device)
    sign_session(db, session_id, c.practitioner)
    return session_id


def audit_rows(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# --- drafts -----------------------------------------------------------------------------------


def test_a_draft_round_trips_every_field(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    draft = complete_draft(
        clinic,
        ended_at=TREATED + timedelta(minutes=45),
        reactions="mild erythema",
        adverse_events="none",
        post_care="balm",
        notes="tolerated well",
        next_session_date=date(2026, 12, 15),
        interval_weeks=4,
        anaesthetic_removed_at=TREATED - timedelta(minutes=2),
    )
    saved = save_draft(db, session_id, draft, clinic.practitioner)
    assert saved.draft == draft
    record = get_session(db, session_id)
    assert record.state == "draft"
    assert record.draft == draft


def test_saving_rewrites_zones_in_place_and_removes_extra_ones(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    zones = tuple(ZoneEntry(z, 0.5, 2) for z in ("forehead", "nose", "chin", "neck"))
    save_draft(db, session_id, complete_draft(clinic, zones=zones), None)
    with db.session() as session:
        ids_before = list(
            session.scalars(select(ZoneTreatment.id).where(ZoneTreatment.session_id == session_id))
        )
    fewer = (ZoneEntry("forehead", 0.25, 1), ZoneEntry("cheeks", 1.0, 2))
    save_draft(db, session_id, complete_draft(clinic, zones=fewer), None)
    assert get_session(db, session_id).draft.zones == fewer
    with db.session() as session:
        rows = list(
            session.scalars(
                select(ZoneTreatment)
                .where(ZoneTreatment.session_id == session_id)
                .order_by(ZoneTreatment.position)
            )
        )
    assert [r.id for r in rows] == ids_before[:2]
    assert [(r.position, r.zone) for r in rows] == [(0, "forehead"), (1, "cheeks")]


def test_draft_saves_are_audited_with_field_names(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    draft = complete_draft(clinic)
    save_draft(db, session_id, draft, clinic.practitioner)
    save_draft(db, session_id, draft, clinic.practitioner)  # nothing changed: no audit row
    save_draft(db, session_id, replace(draft, notes="more"), clinic.practitioner)
    changes = [e.changes for e in audit_rows(db, "change") if e.entity == "treatment_session"]
    assert len(changes) == 2
    assert changes[-1] == {"fields": ["notes"]}
    assert [e.entity_id for e in audit_rows(db, "create") if e.entity == "treatment_session"] == [
        session_id
    ]


def test_a_refused_draft_saves_nothing(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, None, treated_at=TREATED)
    bad = complete_draft(
        clinic, device_id=clinic.narrow_device, zones=(ZoneEntry("cheeks", 2.75, 2),)
    )
    with pytest.raises(InvalidInput) as info:
        save_draft(db, session_id, bad, None)
    assert info.value.field == "zones[0].depth_mm"
    with pytest.raises(InvalidInput) as info:
        save_draft(db, session_id, complete_draft(clinic, cartridge_expiry=date(2026, 1, 1)), None)
    assert info.value.field == "cartridge_expiry"
    assert get_session(db, session_id).draft.zones == ()


def test_warnings_are_stored_with_the_draft(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db, fitzpatrick=5)
    session_id = create_draft(db, patient, None, treated_at=TREATED)
    zones = (ZoneEntry("cheeks", 1.75, 4),)
    record = save_draft(db, session_id, complete_draft(clinic, zones=zones), None)
    expected = ["pigmented_depth", "pigmented_passes"]
    assert [w.code for w in record.warnings] == expected
    assert [w.code for w in get_session(db, session_id).warnings] == expected


def test_unknown_records_are_not_found(db: Database, clinic: Clinic) -> None:
    with pytest.raises(NotFound):
        create_draft(db, 999, None)
    with pytest.raises(NotFound):
        get_session(db, 999)
    with pytest.raises(NotFound):
        list_sessions(db, 999)


def test_unfinished_drafts_are_offered_until_signed_or_discarded(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    first = create_draft(db, patient, None, treated_at=TREATED)
    second = create_draft(db, patient, None, treated_at=TREATED + timedelta(hours=2))
    save_draft(db, first, complete_draft(clinic), None)
    offered = unfinished_drafts(db)
    assert {d.session_id for d in offered} == {first, second}
    assert offered[0].session_id == first  # the last edited first
    assert offered[0].patient_name == "Amara Okafor" and offered[0].zones == 2
    give_consent(db, patient, clinic.practitioner, clinic.device)
    sign_session(db, first, clinic.practitioner)
    discard_draft(db, second, None, "started twice")
    assert unfinished_drafts(db) == []
    assert [s.id for s in list_sessions(db, patient)] == [first]


# --- course and interval ------------------------------------------------------------------


def test_the_course_is_carried_forward(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    first = create_draft(db, patient, None, treated_at=datetime(2026, 9, 1, 10))
    draft = complete_draft(clinic, datetime(2026, 9, 1, 10), course_number=1, course_total=3)
    save_draft(db, first, draft, None)
    give_consent(db, patient, clinic.practitioner, clinic.device)
    sign_session(db, first, clinic.practitioner)
    second = create_draft(db, patient, None, treated_at=datetime(2026, 10, 1, 10))
    assert get_session(db, second).draft.course_number == 2
    assert get_session(db, second).draft.course_total == 3
    save_draft(
        db,
        second,
        complete_draft(clinic, datetime(2026, 10, 1, 10), course_number=2, course_total=3),
        None,
    )
    sign_session(db, second, clinic.practitioner)
    third = create_draft(db, patient, None, treated_at=datetime(2026, 11, 1, 10))
    assert (
        get_session(db, third).draft.course_number,
        get_session(db, third).draft.course_total,
    ) == (3, 3)
    save_draft(
        db,
        third,
        complete_draft(clinic, datetime(2026, 11, 1, 10), course_number=3, course_total=3),
        None,
    )
    sign_session(db, third, clinic.practitioner)
    after = create_draft(db, patient, None, treated_at=datetime(2027, 5, 1, 10))
    # The course is complete: a maintenance session starts no new count by itself.
    assert get_session(db, after).draft.course_number is None


def test_the_interval_warning_comes_from_the_previous_session(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    signed_session(db, clinic, patient, datetime(2026, 11, 3, 10))  # deepest 1.5 mm
    draft = complete_draft(clinic, datetime(2026, 11, 17, 10))
    warnings = session_warnings(db, draft, patient)
    assert [w.code for w in warnings] == ["interval"]
    assert "Tuesday 3 November 2026 at 1.5 mm: 4 weeks recommended" in warnings[0].message
    assert "Tuesday 17 November 2026 is only 2 weeks later" in warnings[0].message
    later = complete_draft(clinic, datetime(2026, 12, 1, 10))
    assert session_warnings(db, later, patient) == []
    other_patient = make_patient(db, "Yuki", "Tanaka")
    assert session_warnings(db, draft, other_patient) == []


def test_the_interval_uses_an_amended_depth(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    first = signed_session(db, clinic, patient, datetime(2026, 11, 3, 10))
    draft = complete_draft(clinic, datetime(2026, 11, 20, 10))
    assert [w.code for w in session_warnings(db, draft, patient)] == ["interval"]
    amend_session(db, first, "zones[1].depth_mm", "0.5", "Depth typed wrongly at the chair", None)
    assert session_warnings(db, draft, patient) == []  # 0.5 mm: 2 weeks


# --- signing and read-only records ----------------------------------------------------------


def test_signing_locks_the_record(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    record = get_session(db, session_id)
    assert record.state == "signed" and record.is_signed
    assert record.signed_by_id == clinic.practitioner
    assert record.signed_by_name == "Dr Naomi Clarke"
    assert record.signed_at is not None
    with pytest.raises(RecordLocked):
        save_draft(db, session_id, replace(record.draft, notes="changed"), clinic.practitioner)
    with pytest.raises(RecordLocked):
        sign_session(db, session_id, clinic.practitioner)
    assert get_session(db, session_id).draft == record.draft
    assert [e.entity_id for e in audit_rows(db, "sign")] == [session_id]


def test_an_incomplete_draft_cannot_be_signed(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, None, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(clinic, consent_on_file=False), None)
    with pytest.raises(InvalidInput) as info:
        sign_session(db, session_id, clinic.practitioner)
    assert info.value.field == "consent_on_file"
    assert get_session(db, session_id).state == "draft"


def test_an_expired_cartridge_cannot_be_signed(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, None, treated_at=TREATED)
    with pytest.raises(InvalidInput, match="expired on Sunday 1 November 2026"):
        save_draft(
            db,
            session_id,
            complete_draft(
                clinic,
                cartridge_id=clinic.expired_cartridge.id,
                cartridge_lot=clinic.expired_cartridge.lot_number,
                cartridge_expiry=clinic.expired_cartridge.expiry_date,
            ),
            None,
        )


@pytest.mark.parametrize(
    "change",
    [
        lambda row: setattr(row, "notes", "rewritten"),
        lambda row: setattr(row, "cartridge_lot", "OTHER"),
        lambda row: setattr(row, "state", "draft"),
        lambda row: setattr(row.zones[0], "depth_mm", 0.25),
        lambda row: row.zones.append(
            ZoneTreatment(position=9, zone="neck", depth_mm=0.5, passes=1)
        ),
        lambda row: row.zones.pop(),
        lambda row: setattr(row.products[0], "lot_number", "HA-0000"),
    ],
    ids=["notes", "cartridge_lot", "state", "zone_depth", "add_zone", "remove_zone", "product_lot"],
)
def test_direct_orm_changes_to_a_signed_session_are_refused(
    db: Database, clinic: Clinic, change: object
) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    before = get_session(db, session_id)
    with pytest.raises(RecordLocked), db.session() as session:
        row = session.get(TreatmentSession, session_id)
        assert row is not None
        change(row)  # type: ignore[operator]
        session.flush()
    assert get_session(db, session_id) == before


def test_direct_orm_deletes_of_signed_rows_are_refused(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    amend_session(db, session_id, "notes", "x-ray clear", "Note added after the visit", None)
    for model in (TreatmentSession, ZoneTreatment, ProductUse, Amendment):
        with pytest.raises(RecordLocked), db.session() as session:
            column = model.id if model is TreatmentSession else model.session_id  # type: ignore[attr-defined]
            session.delete(session.scalars(select(model).where(column == session_id)).first())
            session.flush()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE treatment_session SET notes = 'rewritten' WHERE id = :id",
        "UPDATE treatment_session SET state = 'draft' WHERE id = :id",
        "DELETE FROM treatment_session WHERE id = :id",
        "UPDATE zone_treatment SET depth_mm = 0.25 WHERE session_id = :id",
        "DELETE FROM zone_treatment WHERE session_id = :id",
        "UPDATE product_use SET lot_number = 'X' WHERE session_id = :id",
        "DELETE FROM product_use WHERE session_id = :id",
        "UPDATE amendment SET reason = 'none' WHERE session_id = :id",
        "DELETE FROM amendment WHERE session_id = :id",
    ],
)
def test_the_database_refuses_raw_changes_to_signed_sessions(
    db: Database, clinic: Clinic, statement: str
) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    amend_session(db, session_id, "tolerance", "4", "Patient re-scored the pain", None)
    before = get_session(db, session_id)
    with pytest.raises((DatabaseUnavailable, IntegrityError)), db.session() as session:
        session.execute(text(statement), {"id": session_id})
    assert get_session(db, session_id) == before


def test_bulk_orm_update_is_refused_by_the_database(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    with pytest.raises(DatabaseUnavailable), db.session() as session:
        session.execute(
            update(TreatmentSession).where(TreatmentSession.id == session_id).values(tolerance=9)
        )
    assert get_session(db, session_id).draft.tolerance == 3


def test_drafts_stay_freely_editable_in_the_database(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, None, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(clinic), None)
    with db.session() as session:
        session.execute(
            text("UPDATE zone_treatment SET depth_mm = 0.25 WHERE session_id = :id"),
            {"id": session_id},
        )
    assert get_session(db, session_id).draft.zones[0].depth_mm == 0.25


def test_the_aftercare_stamp_is_the_one_change_a_signed_session_takes(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    printed = mark_aftercare_printed(db, session_id, clinic.practitioner)
    record = get_session(db, session_id)
    assert record.aftercare_printed_at == printed
    (event,) = audit_rows(db, "print")
    assert event.entity_id == session_id and event.patient_id == patient


# --- amendments -------------------------------------------------------------------------------


def test_an_amendment_keeps_the_original_and_is_audited(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    record = amend_session(
        db,
        session_id,
        "zones[1].depth_mm",
        1.25,
        "Pen display misread; 1.25 mm used",
        clinic.practitioner,
    )
    assert record.draft.zones[1].depth_mm == 1.5  # the original, as signed
    assert effective_value(record, "zones[1].depth_mm") == 1.25
    assert record.effective.deepest_depth == 1.25
    (amendment,) = record.amendments
    assert (amendment.field, amendment.old_value, amendment.new_value) == (
        "zones[1].depth_mm",
        "1.5",
        "1.25",
    )
    assert amendment.reason == "Pen display misread; 1.25 mm used"
    assert amendment.practitioner_name == "Dr Naomi Clarke"
    (event,) = audit_rows(db, "amend")
    assert event.entity_id == session_id and event.patient_id == patient
    assert event.practitioner_id == clinic.practitioner
    assert event.changes["zones[1].depth_mm"] == ["1.5", "1.25"]
    assert event.changes["reason"] == "Pen display misread; 1.25 mm used"
    with db.session() as session:
        stored = session.get(TreatmentSession, session_id)
        assert stored is not None and stored.zones[1].depth_mm == 1.5


def test_a_second_amendment_starts_from_the_first(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    amend_session(db, session_id, "tolerance", "5", "Patient re-scored the pain", None)
    record = amend_session(db, session_id, "tolerance", "6", "Re-scored again at the desk", None)
    assert [(a.old_value, a.new_value) for a in record.amendments] == [("3", "5"), ("5", "6")]
    assert effective_value(record, "tolerance") == 6
    assert record.draft.tolerance == 3
    assert list_sessions(db, patient)[0].amendments == 2


@pytest.mark.parametrize(
    ("field", "value", "reason", "named"),
    [
        ("notes", "x", "", "reason"),
        ("notes", "x", "why", "reason"),
        ("zones[0].depth_mm", "3.5", "Pen display misread", "zones[0].depth_mm"),
        ("zones[0].passes", "0", "Count was wrong", "zones[0].passes"),
        ("tolerance", "12", "Patient re-scored", "tolerance"),
        ("cartridge_expiry", "2026-01-01", "Box label misread", "cartridge_expiry"),
        ("zones[5].depth_mm", "1.0", "Wrong zone", "field"),
        ("tolerance", "3", "Same value again", "tolerance"),
    ],
)
def test_bad_amendments_are_refused(
    db: Database, clinic: Clinic, field: str, value: str, reason: str, named: str
) -> None:
    patient = make_patient(db)
    session_id = signed_session(db, clinic, patient)
    with pytest.raises(InvalidInput) as info:
        amend_session(db, session_id, field, value, reason, None)
    assert info.value.field == named
    assert get_session(db, session_id).amendments == ()
    assert audit_rows(db, "amend") == []


def test_a_draft_is_edited_not_amended(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, None, treated_at=TREATED)
    with pytest.raises(InvalidInput):
        amend_session(db, session_id, "notes", "x", "Not yet signed", None)


# --- timeline, assessments, aftercare --------------------------------------------------------


def test_the_timeline_shows_effective_zones_products_and_lots(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    older = signed_session(db, clinic, patient, datetime(2026, 9, 1, 10))
    newer = signed_session(db, clinic, patient, datetime(2026, 10, 6, 10))
    amend_session(db, newer, "products[0].lot_number", "HA-2611", "Second box was opened", None)
    rows = list_sessions(db, patient)
    assert [r.id for r in rows] == [newer, older]
    assert rows[0].deepest_depth_mm == 1.5
    assert [z.zone for z in rows[0].zones] == ["forehead", "cheeks"]
    assert [(p.product_name, p.lot_number) for p in rows[0].products] == [
        ("Hyaluronic acid 1.5%", "HA-2611")
    ]
    assert rows[0].cartridge_lot == "DP16-2611A" and rows[0].amendments == 1
    assert rows[0].to_json()["treated_at"] == "2026-10-06T10:00"


def _result(outcome: Outcome, override: str | None = None) -> AssessmentResult:
    verdict = Verdict(outcome, None, (), "2026.1")
    return AssessmentResult({"pregnant": False}, verdict, override, date(2026, 11, 17))


def test_assessments_are_stored_and_overrides_audited(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    assert last_assessment_answers(db, patient) is None
    plain = save_assessment(db, patient, _result(Outcome.SUITABLE), ["cheeks"], clinic.practitioner)
    assert audit_rows(db, "override") == []
    overridden = save_assessment(
        db,
        patient,
        _result(Outcome.DEFER, "Dermatologist letter confirms healed"),
        ["cheeks", "upper_lip"],
        clinic.practitioner,
    )
    assert overridden > plain
    (event,) = audit_rows(db, "override")
    assert event.entity_id == overridden
    assert event.changes["reason"] == "Dermatologist letter confirms healed"
    with db.session() as session:
        row = session.get(Assessment, overridden)
        assert row is not None and row.outcome == "defer" and row.zones == ["cheeks", "upper_lip"]
    assert last_assessment_answers(db, patient) == {"pregnant": False}
    session_id = create_draft(db, patient, clinic.practitioner, assessment_id=overridden)
    assert get_session(db, session_id).draft.assessment_id == overridden
    with pytest.raises(InvalidInput):
        create_draft(db, make_patient(db, "Yuki", "Tanaka"), None, assessment_id=overridden)


def test_the_form_context_holds_choices_and_history(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db, fitzpatrick=4)
    first = signed_session(db, clinic, patient, datetime(2026, 11, 3, 10))
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    context = session_context(db, session_id)
    assert context.patient.fitzpatrick == 4 and context.patient.name == "Amara Okafor"
    assert [h.id for h in context.history] == [first]
    assert context.history[0].deepest_depth_mm == 1.5
    assert {d.limits.max_depth_mm for d in context.devices} == {3.0, 2.5}
    assert {c.lot_number for c in context.cartridges} == {"DP16-2611A", "OLD-0001"}
    assert context.products[0].lots == (("HA-2604", date(2027, 3, 1)),)


def test_the_aftercare_sheet_comes_from_the_session(db: Database, clinic: Clinic) -> None:
    from assistant.clinic.store import ClinicProfile, save_clinic

    save_clinic(db, ClinicProfile(name="Harbour Skin Clinic", phone="0117 496 0123"), None)
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    ended = TREATED + timedelta(minutes=40)
    draft = complete_draft(
        clinic, ended_at=ended, next_session_date=date(2026, 12, 15), interval_weeks=4
    )
    save_draft(db, session_id, draft, None)
    give_consent(db, patient, clinic.practitioner, clinic.device)
    sign_session(db, session_id, clinic.practitioner)
    sheet = aftercare_sheet_for_session(db, session_id)
    assert sheet.clinic.name == "Harbour Skin Clinic"
    # one clinic type: the sheet prints the stored profile itself
    assert isinstance(sheet.clinic, ClinicProfile)
    assert (sheet.clinic.phone, sheet.clinic.paper_size) == ("0117 496 0123", "A4")
    assert sheet.patient_name == "Amara Okafor"
    assert sheet.practitioner == "Dr Naomi Clarke"
    assert sheet.treated_at == ended
    assert sheet.zones == ("forehead", "cheeks")
    assert sheet.next_session == date(2026, 12, 15) and sheet.interval_weeks == 4
    assert [(z.zone, z.depth_mm, z.passes) for z in sheet.zone_depths] == [
        ("forehead", 0.5, 2),
        ("cheeks", 1.5, 3),
    ]


# --- recall -----------------------------------------------------------------------------------


def test_recall_finds_product_and_cartridge_lots(db: Database, clinic: Clinic) -> None:
    amara = make_patient(db)
    yuki = make_patient(db, "Yuki", "Tanaka")
    zoe = make_patient(db, "=Zoë", "Adeyemi")
    s1 = signed_session(db, clinic, amara, datetime(2026, 9, 1, 10))
    s2 = signed_session(db, clinic, yuki, datetime(2026, 9, 2, 10))
    s3 = create_draft(db, zoe, None, treated_at=datetime(2026, 9, 3, 10))
    other_lot = complete_draft(
        clinic,
        datetime(2026, 9, 3, 10),
        products=(ProductEntry(None, "Growth-factor serum", "serum", "GF-7719"),),
    )
    save_draft(db, s3, other_lot, None)

    by_product = recall(db, " ha-2604 ")
    assert [(r.last_name, r.session_id) for r in by_product] == [("Okafor", s1), ("Tanaka", s2)]
    assert by_product[0].matched == "product lot HA-2604 (Hyaluronic acid 1.5%)"
    assert by_product[0].phone == "07700 900123" and by_product[0].date_of_birth == date(
        1988, 4, 12
    )

    by_cartridge = recall(db, "DP16-2611A")
    assert {r.session_id for r in by_cartridge} == {s1, s2, s3}
    assert all(r.matched == "cartridge lot DP16-2611A, 16 needles" for r in by_cartridge)
    assert recall(db, "GF-7719")[0].first_name == "=Zoë"
    assert recall(db, "NOPE-1") == []
    with pytest.raises(InvalidInput):
        recall(db, "  ")

    amend_session(db, s2, "cartridge_lot", "DP36-2609C", "Wrong box recorded", None)
    amended = recall(db, "DP36-2609C")
    assert [(r.session_id, r.matched) for r in amended] == [
        (s2, "cartridge lot DP36-2609C (amended)")
    ]


def test_recall_csv_is_safe_for_spreadsheets(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db, "=HYPERLINK(1)", "+Evil")
    signed_session(db, clinic, patient)
    csv_text = recall_csv(recall(db, "HA-2604"))
    lines = csv_text.splitlines()
    assert lines[0] == (
        "patient_id,last_name,first_name,date_of_birth,phone,session_id,session_date,state,matched"
    )
    assert lines[1] == (
        f"{patient},'+Evil,'=HYPERLINK(1),1988-04-12,07700 900123,1,2026-11-17,signed,"
        "product lot HA-2604 (Hyaluronic acid 1.5%)"
    )
    assert csv_text.endswith("\r\n")
