"""Settings carried forward: a new session starts from the last signed session's zones,
depths, passes, speed, device and serums — never its cartridge or lots — and each carried
value can be told apart from a changed one (with the previous value beside it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from assistant.checklist import AssessmentResult, Outcome, Verdict
from assistant.sessions import (
    DeviceLimits,
    ZoneEntry,
    amend_session,
    compare,
    create_draft,
    default_depth,
    last_signed_settings,
    save_draft,
    session_context,
    sign_session,
    start_session,
)
from assistant.storage.db import Database
from tests.consent_support import give_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return make_clinic(db)


def _result() -> AssessmentResult:
    verdict = Verdict(Outcome.SUITABLE, None, (), "2026.2")
    return AssessmentResult({}, verdict, None, date(2026, 11, 17))


def sign(
    db: Database, c: Clinic, patient: int, treated_at: datetime = TREATED, **changes: object
) -> int:
    session_id = create_draft(db, patient, c.practitioner, treated_at=treated_at)
    save_draft(db, session_id, complete_draft(c, treated_at, **changes), c.practitioner)
    give_consent(db, patient, c.practitioner, c.device)
    sign_session(db, session_id, c.practitioner)
    return session_id


def test_a_first_session_starts_from_the_defaults(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    assert last_signed_settings(db, patient) is None
    context = start_session(db, patient, _result(), ["cheeks"], clinic.practitioner)
    draft = context.record.draft
    assert [(z.zone, z.depth_mm) for z in draft.zones] == [
        ("cheeks", default_depth("cheeks", DeviceLimits.default()))
    ]
    assert draft.device_id is None and draft.products == () and context.carried is None


def test_the_last_signed_settings_come_across_but_never_a_cartridge_or_a_lot(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    sign(db, clinic, patient, datetime(2026, 9, 1, 10, 0))
    sign(
        db,
        clinic,
        patient,
        zones=(
            ZoneEntry("forehead", 0.5, 2, "8", "erythema", "left side first"),
            ZoneEntry("cheeks", 1.25, 3, "10", "pinpoint_bleeding"),
        ),
    )
    draft_id = create_draft(db, patient, clinic.practitioner)  # an unsigned draft: not used
    save_draft(
        db,
        draft_id,
        complete_draft(clinic, zones=(ZoneEntry("neck", 0.5, 1),)),
        clinic.practitioner,
    )

    context = start_session(
        db, patient, _result(), ["cheeks", "forehead", "chin"], clinic.practitioner
    )
    draft = context.record.draft
    assert [(z.zone, z.depth_mm, z.passes, z.speed) for z in draft.zones] == [
        ("cheeks", 1.25, 3, "10"),
        ("forehead", 0.5, 2, "8"),
        ("chin", default_depth("chin", DeviceLimits.default()), 1, ""),
    ]
    assert all(z.endpoint == "none" and z.notes == "" for z in draft.zones)  # observed anew
    assert draft.device_id == clinic.device
    assert [(p.product_id, p.lot_number, p.expiry_date) for p in draft.products] == [
        (clinic.glide.id, "", None)
    ]
    assert (
        draft.cartridge_id is None and draft.cartridge_lot == "" and draft.cartridge_expiry is None
    )
    assert context.carried is not None and context.carried.device_id == clinic.device


def test_an_amended_value_is_carried_as_amended(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = sign(db, clinic, patient)
    amend_session(
        db, session_id, "zones[1].depth_mm", "1.0", "Recorded the wrong depth.", clinic.practitioner
    )
    context = start_session(db, patient, _result(), ["cheeks"], clinic.practitioner)
    assert context.record.draft.zones[0].depth_mm == 1.0


def test_each_value_says_whether_it_changed_and_what_it_was(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    sign(db, clinic, patient)
    context = start_session(db, patient, _result(), ["forehead", "cheeks"], clinic.practitioner)
    carried = context.carried
    assert carried is not None
    names = {clinic.device: "Dermapen 4"}
    values = compare(context.record.draft, carried, names)
    assert all(v.unchanged for v in values)
    assert {v.what for v in values} == {"device", "zone", "product"}

    changed = replace(
        context.record.draft,
        zones=(ZoneEntry("forehead", 0.75, 2, "8"),),  # deeper, and the cheeks left out
        products=(),
    )
    by_key = {(v.what, v.key): v for v in compare(changed, carried, names)}
    forehead = by_key[("zone", "forehead")]
    assert not forehead.unchanged
    assert forehead.previous == "0.5 mm × 2, speed 8" and forehead.current == "0.75 mm × 2, speed 8"
    assert by_key[("zone", "cheeks")].current == ""
    assert not by_key[("product", clinic.glide.name)].unchanged
    assert by_key[("device", "")].unchanged


def test_the_form_context_of_a_reopened_draft_still_knows_what_was_carried(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    signed_id = sign(db, clinic, patient)
    context = start_session(db, patient, _result(), ["cheeks"], clinic.practitioner)
    again = session_context(db, context.record.id)
    assert again.carried is not None and again.carried.session_id == signed_id
    assert session_context(db, signed_id).carried is None  # a signed record carries nothing
