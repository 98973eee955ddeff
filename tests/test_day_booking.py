"""Booking at the earliest safe date, follow-up calls made by signing, and the complications
register with its session's device, lot and depths (the core of the clinic's day)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from assistant.day.appointments import (
    BookingRequest,
    UnsafeDate,
    book_appointment,
    change_state,
    earliest_safe,
    get_appointment,
)
from assistant.day.complications import (
    ComplicationDetails,
    add_complication,
    list_complications,
    update_complication,
)
from assistant.day.followups import FollowupRule, complete_followup, list_followups
from assistant.errors import InvalidInput, RecordLocked
from assistant.sessions import ZoneEntry, amend_session, create_draft, save_draft, sign_session
from assistant.sessions.recall import recall, recall_complications
from assistant.settings import Settings
from assistant.storage.db import Database
from assistant.storage.models import Assessment, AuditEvent
from tests.consent_support import give_consent
from tests.day_support import SAFE_AFTER_TREATED, TODAY, Treated, sign, treated_patient
from tests.sessions_support import TREATED, complete_draft, make_clinic, make_patient


def audit_rows(db: Database, entity: str, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.action == action)
            )
        )


def assess(db: Database, patient: int, on: date, reasons: list[dict[str, object]]) -> None:
    with db.session() as session:
        session.add(
            Assessment(
                patient_id=patient,
                assessed_on=on,
                checklist_version="2026.3",
                answers={},
                zones=[],
                outcome="defer",
                reasons=reasons,
            )
        )


# --- the earliest safe date -------------------------------------------------------------------


@pytest.mark.parametrize(("depth", "weeks"), [(0.5, 2), (1.5, 4), (2.0, 6)])
def test_earliest_safe_date_follows_the_deepest_depth(
    db: Database, depth: float, weeks: int
) -> None:
    t = treated_patient(db)
    later = sign(
        db,
        t.clinic,
        t.patient,
        TREATED + timedelta(days=60),
        zones=(
            ZoneEntry("forehead", 0.25, 1, "8", "erythema"),
            ZoneEntry("cheeks", depth, 2, "8", "erythema"),
        ),
    )
    assert later
    safe = earliest_safe(db, t.patient, TODAY)
    assert safe.on == (TREATED + timedelta(days=60)).date() + timedelta(weeks=weeks)
    assert safe.binding is not None and safe.binding.kind == "interval"
    assert f"{weeks} weeks after a session at {depth:g}" in safe.refusal()


def test_an_amended_depth_moves_the_safe_date(db: Database) -> None:
    t = treated_patient(db)
    amend_session(db, t.session, "zones[1].depth_mm", "2.0", "Pen display misread", None)
    assert earliest_safe(db, t.patient, TODAY).on == TREATED.date() + timedelta(weeks=6)


def test_a_running_dated_deferral_later_than_the_interval_wins(db: Database) -> None:
    t = treated_patient(db)
    later = SAFE_AFTER_TREATED + timedelta(days=20)
    assess(
        db,
        t.patient,
        TODAY,
        [
            {
                "id": "filler_in_area_last",
                "outcome": "defer",
                "message": "Dermal filler in the area",
                "actions": [],
                "until": later.isoformat(),
            },
            {
                "id": "toxin_in_area_last",
                "outcome": "defer",
                "message": "Toxin",
                "actions": [],
                "until": (TODAY - timedelta(days=1)).isoformat(),
            },
            {
                "id": "pregnant_or_breastfeeding",
                "outcome": "defer",
                "message": "Pregnant",
                "actions": [],
                "until": None,
            },
        ],
    )
    safe = earliest_safe(db, t.patient, TODAY)
    assert safe.on == later
    assert safe.binding is not None and safe.binding.rule_id == "filler_in_area_last"
    assert [r.kind for r in safe.reasons] == ["deferral", "interval"]  # the past one is over
    assert safe.undated == ("Pregnant",)  # shown, not blocking
    assert "Dermal filler in the area" in safe.refusal()


def test_only_the_latest_assessment_counts(db: Database) -> None:
    t = treated_patient(db)
    assess(
        db,
        t.patient,
        TODAY - timedelta(days=3),
        [{"id": "x", "outcome": "defer", "message": "old", "actions": [], "until": "2027-06-01"}],
    )
    assess(db, t.patient, TODAY, [])
    assert earliest_safe(db, t.patient, TODAY).on == SAFE_AFTER_TREATED


# --- booking ------------------------------------------------------------------------------------


def test_an_unsafe_date_is_refused_and_nothing_is_stored(db: Database) -> None:
    t = treated_patient(db)
    request = BookingRequest(t.patient, datetime(2026, 12, 14, 10, 0))
    with pytest.raises(UnsafeDate) as refused:
        book_appointment(db, request, t.clinic.practitioner, TODAY)
    assert "not before Tuesday 15 December 2026: 4 weeks after a session at 1.5 mm" in str(
        refused.value
    )
    assert audit_rows(db, "appointment", "create") == []


def test_an_earlier_date_with_a_reason_is_stored_and_audited(db: Database) -> None:
    t = treated_patient(db)
    request = BookingRequest(
        t.patient, datetime(2026, 12, 14, 10, 0), override_reason="Leaves the country on the 15th"
    )
    booked = book_appointment(db, request, t.clinic.practitioner, TODAY)
    assert booked.override_reason == "Leaves the country on the 15th"
    assert booked.earliest_safe == SAFE_AFTER_TREATED
    (override,) = audit_rows(db, "appointment", "override")
    assert override.changes["reason"] == "Leaves the country on the 15th"
    assert override.practitioner_id == t.clinic.practitioner


def test_a_safe_date_keeps_no_reason_and_plans_the_course_step(db: Database) -> None:
    c = make_clinic(db)
    patient = make_patient(db)
    give_consent(db, patient, c.practitioner, c.device)
    sign(db, c, patient, course_number=2, course_total=4)
    t = Treated(c, patient, 0)
    first = book_appointment(
        db,
        BookingRequest(t.patient, datetime(2026, 12, 15, 9, 0), override_reason="ignored"),
        None,
        TODAY,
    )
    assert first.override_reason is None
    assert first.course_step == "3 of 4"
    second = book_appointment(
        db, BookingRequest(t.patient, datetime(2027, 1, 20, 9, 0)), None, TODAY
    )
    assert second.course_step == "4 of 4"


def test_cancelling_needs_a_reason_and_a_closed_appointment_stays_closed(db: Database) -> None:
    t = treated_patient(db)
    booked = book_appointment(db, BookingRequest(t.patient, datetime(2026, 12, 16, 9)), None, TODAY)
    with pytest.raises(InvalidInput):
        change_state(db, booked.id, "cancelled", None)
    cancelled = change_state(db, booked.id, "cancelled", None, "Patient unwell")
    assert cancelled.state == "cancelled" and cancelled.cancel_reason == "Patient unwell"
    with pytest.raises(RecordLocked):
        change_state(db, booked.id, "arrived", None)


def test_signing_a_session_marks_that_days_appointment_done(db: Database) -> None:
    t = treated_patient(db)
    visit = datetime(2026, 12, 15, 10, 30)
    booked = book_appointment(db, BookingRequest(t.patient, visit), None, TODAY)
    session_id = sign(db, t.clinic, t.patient, visit)
    done = get_appointment(db, booked.id)
    assert (done.state, done.session_id) == ("done", session_id)


# --- follow-ups ---------------------------------------------------------------------------------


def test_signing_a_deep_session_creates_a_follow_up_two_days_later(db: Database) -> None:
    t = treated_patient(db)
    (call,) = list_followups(db)
    assert call.session_id == t.session
    assert call.due_on == TREATED.date() + timedelta(days=2)
    assert "1.5 mm" in call.reason
    assert audit_rows(db, "follow_up", "create")


def test_a_shallow_session_needs_a_call_only_with_a_reaction(db: Database) -> None:
    t = treated_patient(db)
    shallow = (ZoneEntry("forehead", 0.5, 2, "8", "erythema"),)
    sign(db, t.clinic, t.patient, TREATED + timedelta(days=30), zones=shallow)
    assert len(list_followups(db)) == 1
    sign(
        db,
        t.clinic,
        t.patient,
        TREATED + timedelta(days=60),
        zones=shallow,
        reactions="Wheals on the forehead",
    )
    calls = list_followups(db)
    assert len(calls) == 2 and calls[-1].reason == "immediate reaction recorded"


def test_the_clinic_setting_changes_the_day_and_depth(db: Database, tmp_path: object) -> None:
    from pathlib import Path

    settings = Settings(Path(str(tmp_path)) / "settings.json")
    settings.update({"followup_days": 3, "followup_depth_mm": 2})
    rule = FollowupRule.of(settings)
    assert rule == FollowupRule(3, 2.0)
    t = treated_patient(db)
    session_id = create_draft(
        db, t.patient, t.clinic.practitioner, treated_at=TREATED + timedelta(days=40)
    )
    save_draft(
        db,
        session_id,
        complete_draft(
            t.clinic,
            TREATED + timedelta(days=40),
            zones=(ZoneEntry("cheeks", 2.0, 2, "8", "erythema"),),
        ),
        None,
    )
    sign_session(db, session_id, t.clinic.practitioner, rule)
    assert list_followups(db)[-1].due_on == (TREATED + timedelta(days=43)).date()


def test_a_call_is_closed_by_its_note_and_no_answer_keeps_it_open(db: Database) -> None:
    t = treated_patient(db)
    (call,) = list_followups(db)
    with pytest.raises(InvalidInput):
        complete_followup(db, call.id, "  ", None)
    missed = complete_followup(db, call.id, "Voicemail", None, "no_answer", today=TODAY)
    assert missed.is_open and missed.due_on == TODAY + timedelta(days=1) and missed.attempts == 1
    done = complete_followup(db, call.id, "Fine, mild redness", t.clinic.practitioner, "fine")
    assert not done.is_open and done.note == "Voicemail\nFine, mild redness"
    assert list_followups(db) == []
    assert len(list_followups(db, include_done=True)) == 1
    with pytest.raises(RecordLocked):
        complete_followup(db, call.id, "again", None)


# --- complications ------------------------------------------------------------------------------


def test_a_complication_carries_its_sessions_device_lot_and_depths(db: Database) -> None:
    t = treated_patient(db)
    details = ComplicationDetails("hyperpigmentation", date(2026, 11, 19), "mild", "Patches")
    info = add_complication(db, t.session, details, t.clinic.practitioner, TODAY)
    facts = info.facts
    assert (facts.device_make, facts.device_model, facts.device_serial) == (
        "Dermapen",
        "4",
        "DP4-1",
    )
    assert facts.cartridge_lot == "DP16-2611A"
    assert [(z.zone, z.depth_mm) for z in facts.zones] == [("forehead", 0.5), ("cheeks", 1.5)]
    assert [(p.name, p.lot) for p in facts.products] == [("Hyaluronic acid 1.5%", "HA-2604")]
    assert info.is_open
    (created,) = audit_rows(db, "complication", "create")
    assert created.patient_id == t.patient


def test_recall_by_lot_lists_the_complications_of_the_lot_amended_lots_too(db: Database) -> None:
    t = treated_patient(db)
    other = sign(db, t.clinic, t.patient, TREATED + timedelta(days=40))
    amend_session(db, other, "cartridge_lot", "NEW-LOT-9", "Wrong box scanned", None)
    first = add_complication(
        db, t.session, ComplicationDetails("infection", date(2026, 11, 18), "moderate"), None, TODAY
    )
    second = add_complication(
        db,
        other,
        ComplicationDetails("granuloma", (TREATED + timedelta(days=45)).date(), "severe"),
        None,
        (TREATED + timedelta(days=50)).date(),
    )
    assert [c.id for c in list_complications(db, "dp16-2611a")] == [first.id, second.id]
    assert [c.id for c in list_complications(db, "NEW-LOT-9")] == [second.id]
    assert [c.id for c in recall_complications(db, recall(db, "new-lot-9"))] == [second.id]
    assert list_complications(db, "nothing") == []


def test_a_complication_is_checked_and_its_outcome_recorded(db: Database) -> None:
    t = treated_patient(db)
    base = ComplicationDetails("infection", date(2026, 11, 18), "moderate")
    for wrong in (
        replace(base, kind="sunburn"),
        replace(base, severity="grave"),
        replace(base, onset_on=date(2026, 11, 16)),
        replace(base, onset_on=TODAY + timedelta(days=1)),
    ):
        with pytest.raises(InvalidInput):
            add_complication(db, t.session, wrong, None, TODAY)
    info = add_complication(db, t.session, base, None, TODAY)
    resolved = update_complication(
        db,
        info.id,
        replace(
            base,
            outcome="resolved",
            resolved_on=date(2026, 11, 20),
            treatment_given="Oral flucloxacillin",
        ),
        None,
        TODAY,
    )
    assert not resolved.is_open
    (change,) = audit_rows(db, "complication", "change")
    assert set(change.changes) == {"outcome", "resolved_on", "treatment_given"}


def test_an_erasure_blanks_appointment_notes_and_cancels_open_visits(db: Database) -> None:
    from assistant.patients.erasure import erase_patient

    t = treated_patient(db)
    booked = book_appointment(
        db, BookingRequest(t.patient, datetime(2026, 12, 16, 9), note="Amara's sister drives"),
        None, TODAY,
    )  # fmt: skip
    erase_patient(db, t.patient, None, f"{t.patient} Amara Okafor")
    after = get_appointment(db, booked.id)
    assert (after.note, after.state, after.cancel_reason) == ("", "cancelled", "patient erased")


def test_the_patients_export_holds_appointments_calls_and_complications(db: Database) -> None:
    from assistant.patients.export import export_patient_json

    t = treated_patient(db)
    book_appointment(db, BookingRequest(t.patient, datetime(2026, 12, 16, 9)), None, TODAY)
    add_complication(db, t.session, ComplicationDetails("bruising", date(2026, 11, 18), "mild"),
                     None, TODAY)  # fmt: skip
    data = export_patient_json(db, t.patient, actor=None)
    assert [a["starts_at"] for a in data["appointments"]] == ["2026-12-16T09:00:00"]
    assert [f["session_id"] for f in data["follow_ups"]] == [t.session]
    assert [c["kind"] for c in data["complications"]] == ["bruising"]
