"""Device profiles: depth entry snapped to the device's step and refused outside its range,
a device record based on a profile, SkinPen's 1.5 mm warning, and the aftercare sheet of a
session following the checklist and the clinic's rules."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant import reference
from assistant.checklist import AssessmentResult, PatientFacts, evaluate
from assistant.clinic import store as clinic
from assistant.clinic.devices import limits_of_profile, snap_depth
from assistant.errors import InvalidInput
from assistant.rules import checklist_in_force, set_rule
from assistant.sessions import (
    ZoneEntry,
    aftercare_sheet_for_session,
    create_draft,
    save_assessment,
    save_draft,
)
from assistant.storage.db import Database
from tests.consent_support import record_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient


def test_the_shipped_profiles() -> None:
    profiles = reference.device_profiles()
    assert list(profiles) == ["dermapen_4", "skinpen_precision", "generic"]
    dp4, skinpen, generic = profiles.values()
    assert (dp4.min_depth_mm, dp4.max_depth_mm, dp4.step_mm) == (0.2, 3.0, 0.1)
    assert (skinpen.min_depth_mm, skinpen.max_depth_mm, skinpen.step_mm) == (0.25, 2.5, 0.25)
    assert skinpen.warn_above_mm == 1.5 and skinpen.cleared_age == 22
    assert (generic.min_depth_mm, generic.max_depth_mm) == (0.1, 3.0)
    assert all(p.sources for p in profiles.values())


@pytest.mark.parametrize(
    ("profile", "typed", "snapped"),
    [
        ("skinpen_precision", 0.3, 0.25),
        ("skinpen_precision", 0.38, 0.5),
        ("skinpen_precision", 1.6, 1.5),
        ("skinpen_precision", 2.5, 2.5),
        ("dermapen_4", 0.25, 0.3),
        ("dermapen_4", 1.04, 1.0),
        ("dermapen_4", 0.2, 0.2),
        ("dermapen_4", 3.0, 3.0),
        ("generic", 0.12, 0.1),
    ],
)
def test_depth_snaps_to_the_device_step(profile: str, typed: float, snapped: float) -> None:
    assert snap_depth(typed, limits_of_profile(profile)) == snapped


@pytest.mark.parametrize(
    ("profile", "typed"),
    [("skinpen_precision", 0.2), ("skinpen_precision", 2.6), ("dermapen_4", 0.1), ("generic", 3.1)],
)
def test_depth_outside_the_device_range_is_refused(profile: str, typed: float) -> None:
    with pytest.raises(InvalidInput, match="outside the range") as caught:
        snap_depth(typed, limits_of_profile(profile))
    assert caught.value.field == "depth_mm"


@given(st.floats(min_value=0.25, max_value=2.5))
def test_a_snapped_depth_is_a_setting_of_the_device_within_its_range(typed: float) -> None:
    limits = limits_of_profile("skinpen_precision")
    depth = snap_depth(typed, limits)
    assert 0.25 <= depth <= 2.5
    assert abs(depth / 0.25 - round(depth / 0.25)) < 1e-9
    assert abs(depth - typed) <= 0.125 + 1e-9


def test_a_device_record_is_based_on_a_profile(db: Database) -> None:
    device = clinic.save_device(
        db, "Crown", "SkinPen Precision", "SP-9", 0.25, 2.5, profile="skinpen_precision"
    )
    assert device.profile == "skinpen_precision"
    with pytest.raises(InvalidInput, match="SkinPen Precision allows 0.25–2.5 mm"):
        clinic.save_device(db, "Crown", "SkinPen", "SP-10", 0.1, 3.0, profile="skinpen_precision")
    with pytest.raises(InvalidInput, match="Unknown device profile"):
        clinic.save_device(db, "X", "Y", "", 0.1, 3.0, profile="no_such_pen")


def test_skinpen_warns_above_1_5_mm_in_a_saved_session(db: Database) -> None:
    c = make_clinic(db)
    skinpen = clinic.save_device(
        db, "Crown", "SkinPen Precision", "SP-9", 0.25, 2.5, profile="skinpen_precision"
    )
    patient = make_patient(db)
    session_id = create_draft(db, patient, c.practitioner, treated_at=TREATED)
    zones = (ZoneEntry("cheeks", 1.75, 2, "8", "pinpoint_bleeding"),)
    record = save_draft(
        db, session_id, complete_draft(c, zones=zones, device_id=skinpen.id), c.practitioner
    )
    device_warning = [w for w in record.warnings if w.code == "device_depth"]
    assert len(device_warning) == 1 and "1.5 mm" in device_warning[0].message
    zones = (ZoneEntry("cheeks", 2.75, 2, "8", "pinpoint_bleeding"),)
    with pytest.raises(InvalidInput, match="outside the limits"):
        save_draft(
            db, session_id, complete_draft(c, zones=zones, device_id=skinpen.id), c.practitioner
        )


def test_the_aftercare_sheet_of_a_session_follows_the_checklist_and_the_clinic(
    db: Database,
) -> None:
    c = make_clinic(db)
    patient = make_patient(db)
    checklist = checklist_in_force(db)
    on = TREATED.date()
    verdict = evaluate(
        checklist, {"cold_sore_history": True}, PatientFacts(date(1988, 4, 12), 2), ["chin"], on
    )
    assessment = save_assessment(
        db, patient, AssessmentResult({"cold_sore_history": True}, verdict, None, on), ["chin"],
        c.practitioner,
    )  # fmt: skip
    set_rule(db, "sweat_window_hours", "48 hours", "Clinic protocol", c.practitioner)
    session_id = create_draft(db, patient, c.practitioner, assessment, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(c), c.practitioner)
    sheet = aftercare_sheet_for_session(db, session_id)
    assert sheet.cold_sore_caution is True and sheet.sweat_window_hours == 48
    other = create_draft(db, make_patient(db, "Li", "Wei"), c.practitioner, treated_at=TREATED)
    assert aftercare_sheet_for_session(db, other).cold_sore_caution is False


def test_a_session_stores_the_rules_version_and_it_is_read_only_once_signed(
    db: Database,
) -> None:
    from sqlalchemy import text

    from assistant.sessions import sign_session
    from assistant.storage.models import TreatmentSession

    c = make_clinic(db)
    patient = make_patient(db)
    set_rule(db, "interval_deeper", "8 weeks", "Longer rest", c.practitioner)
    session_id = create_draft(db, patient, c.practitioner, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(c), c.practitioner)
    record_consent(db, patient, c.practitioner, c.device)
    sign_session(db, session_id, c.practitioner)
    with db.session() as session:
        row = session.get(TreatmentSession, session_id)
        assert row is not None and row.rules_version == "2026.3+clinic.1"
    with pytest.raises(Exception, match="read-only"), db.session() as session:
        session.execute(
            text("UPDATE treatment_session SET rules_version = 'x' WHERE id = :id"),
            {"id": session_id},
        )


def test_a_patient_under_the_device_s_cleared_age_is_warned_in_the_session(db: Database) -> None:
    """The checklist cannot know the device when it is chosen later, at the session: the
    session warns instead (SkinPen Precision is cleared for patients 22 and older)."""
    from assistant.patients.store import PatientDetails, create_patient

    c = make_clinic(db)
    skinpen = clinic.save_device(
        db, "Crown", "SkinPen Precision", "SP-9", 0.25, 2.5, profile="skinpen_precision"
    )
    young = create_patient(
        db, PatientDetails("Ana", "Ruiz", date_of_birth=date(2005, 11, 18)), actor=None
    ).id  # 20 on the treatment day
    adult = make_patient(db)
    zones = (ZoneEntry("cheeks", 1.0, 2, "8", "erythema"),)
    for patient, expected in ((young, 1), (adult, 0)):
        session_id = create_draft(db, patient, c.practitioner, treated_at=TREATED)
        record = save_draft(
            db, session_id, complete_draft(c, zones=zones, device_id=skinpen.id), c.practitioner
        )
        found = [w for w in record.warnings if w.code == "device_age"]
        assert len(found) == expected
    # The same patient with a device that has no cleared age: no warning.
    session_id = create_draft(db, young, c.practitioner, treated_at=TREATED)
    record = save_draft(db, session_id, complete_draft(c, zones=zones), c.practitioner)
    assert not [w for w in record.warnings if w.code == "device_age"]
    assert "22 and older; the patient is 20" in found_message(db, young, skinpen.id, c)


def found_message(db: Database, patient: int, device: int, c: Clinic) -> str:
    from assistant.sessions import session_warnings

    draft = complete_draft(
        c, zones=(ZoneEntry("cheeks", 1.0, 2, "8", "erythema"),), device_id=device
    )
    return " ".join(w.message for w in session_warnings(db, draft, patient))
