"""The values a session's zones imply come from the core: the interval before the next
session is computed from the deepest depth and the clinic's interval table when a draft is
saved, signed or amended, whatever the caller sends; the form's preview is the same
function."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from assistant import reference
from assistant.errors import InvalidInput
from assistant.rules import set_rule, treatment_in_force
from assistant.sessions import (
    AMENDABLE_FIELDS,
    SessionDraft,
    ZoneEntry,
    amend_session,
    create_draft,
    derived_values,
    get_session,
    save_draft,
    sign_session,
)
from assistant.storage.db import Database
from assistant.storage.models import Amendment, TreatmentSession
from tests.consent_support import give_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return make_clinic(db)


def shipped_weeks(depth: float) -> int:
    """The shipped interval table (resources/treatment.toml), read here on its own."""
    return next(w for up_to, w in reference.intervals() if depth <= up_to + 1e-9)


@pytest.mark.parametrize("depth", [0.25, 0.5, 0.75, 1.5, 2.0, 2.5])
def test_the_interval_comes_from_the_shipped_table(depth: float) -> None:
    draft = SessionDraft(TREATED, zones=(ZoneEntry("cheeks", depth, 2),))
    derived = derived_values(draft)
    assert derived.deepest_depth_mm == depth
    assert derived.interval_weeks == shipped_weeks(depth)
    assert derived.recommended_next_date == TREATED.date() + timedelta(
        weeks=shipped_weeks(depth)
    )


def test_a_draft_without_zones_implies_nothing() -> None:
    derived = derived_values(SessionDraft(TREATED))
    assert (derived.deepest_depth_mm, derived.interval_weeks) == (None, None)
    assert derived.recommended_next_date is None


def test_saving_a_draft_computes_the_interval_the_caller_did_not_send(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    zones = (ZoneEntry("forehead", 0.5, 2), ZoneEntry("cheeks", 1.5, 3))
    draft = complete_draft(clinic, zones=zones)
    assert draft.interval_weeks is None
    saved = save_draft(db, session_id, draft, clinic.practitioner)
    assert saved.draft.interval_weeks == shipped_weeks(1.5) == 4
    assert get_session(db, session_id).draft.interval_weeks == 4
    with db.session() as session:
        assert session.get(TreatmentSession, session_id).interval_weeks == 4  # type: ignore[union-attr]


def test_a_contradicting_interval_from_the_caller_is_not_stored(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    zones = (ZoneEntry("forehead", 0.5, 2),)
    saved = save_draft(
        db, session_id, complete_draft(clinic, zones=zones, interval_weeks=10), None
    )
    assert saved.draft.interval_weeks == 2
    assert get_session(db, session_id).draft.interval_weeks == 2
    # deeper zones, the caller's old interval sent back: the new one is stored
    deeper = replace(saved.draft, zones=(ZoneEntry("cheeks", 2.0, 2),))
    assert save_draft(db, session_id, deeper, None).draft.interval_weeks == 6
    # no zones left: no interval, whatever was sent
    empty = replace(saved.draft, zones=(), interval_weeks=4)
    assert save_draft(db, session_id, empty, None).draft.interval_weeks is None


def test_saving_follows_the_clinics_interval_table(db: Database, clinic: Clinic) -> None:
    set_rule(db, "interval_up_to_1_5_mm", "6 weeks", "Longer recovery", clinic.practitioner)
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    saved = save_draft(db, session_id, complete_draft(clinic), None)
    assert saved.draft.interval_weeks == 6
    # the form's preview is the same function, with the rules the form was given
    preview = derived_values(saved.draft, treatment_in_force(db))
    assert preview.interval_weeks == 6
    assert preview.recommended_next_date == date(2026, 12, 29)


def test_signing_stores_the_interval_the_core_computes(db: Database, clinic: Clinic) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(clinic), None)
    with db.session() as session:  # written around the core, as an older client might
        session.execute(
            update(TreatmentSession)
            .where(TreatmentSession.id == session_id)
            .values(interval_weeks=12)
        )
    give_consent(db, patient, clinic.practitioner, clinic.device)
    signed = sign_session(db, session_id, clinic.practitioner)
    assert signed.draft.interval_weeks == 4
    assert get_session(db, session_id).draft.interval_weeks == 4


def test_an_amended_depth_amends_the_interval_and_the_interval_is_not_amended_alone(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    session_id = create_draft(db, patient, clinic.practitioner, treated_at=TREATED)
    save_draft(db, session_id, complete_draft(clinic), None)
    give_consent(db, patient, clinic.practitioner, clinic.device)
    sign_session(db, session_id, clinic.practitioner)
    assert "interval_weeks" not in AMENDABLE_FIELDS
    with pytest.raises(InvalidInput, match="amend a zone's depth instead"):
        amend_session(db, session_id, "interval_weeks", "10", "Typed wrong", clinic.practitioner)
    record = amend_session(
        db, session_id, "zones[1].depth_mm", "2.0", "Pen display misread", clinic.practitioner
    )
    assert record.draft.interval_weeks == 4  # as signed
    assert record.effective.interval_weeks == 6  # follows the corrected depth
    with db.session() as session:
        fields = [
            (a.field, a.old_value, a.new_value, a.reason)
            for a in session.scalars(select(Amendment).order_by(Amendment.id))
        ]
    assert fields == [
        ("zones[1].depth_mm", "1.5", "2.0", "Pen display misread"),
        ("interval_weeks", "4", "6", "Pen display misread"),
    ]
    # a correction that leaves the depths alone leaves the interval alone
    amend_session(db, session_id, "notes", "Seen again", "Added later", clinic.practitioner)
    assert len(get_session(db, session_id).amendments) == 3


def test_the_demo_clinics_sessions_carry_the_interval_the_core_derives(
    demo_db: Database,
) -> None:
    with demo_db.session() as session:
        ids = list(session.scalars(select(TreatmentSession.id).limit(40)))
    assert ids
    for session_id in ids:
        draft = get_session(demo_db, session_id).draft
        derived = derived_values(draft)
        assert draft.interval_weeks == derived.interval_weeks is not None
        assert draft.next_session_date == derived.recommended_next_date
