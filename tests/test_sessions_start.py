"""Starting a session is one core operation in one transaction: the checklist, the draft and
its planned zones are stored together, or not at all."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

import assistant.sessions.start as start_module
from assistant.checklist import AssessmentResult, Outcome, Verdict
from assistant.db import Database
from assistant.errors import DatabaseUnavailable
from assistant.models import Assessment, AuditEvent, TreatmentSession
from assistant.sessions import DeviceLimits, default_depth, start_session
from tests.sessions_support import Clinic, make_clinic, make_patient


@pytest.fixture
def clinic(db: Database) -> Clinic:
    return make_clinic(db)


def _result() -> AssessmentResult:
    verdict = Verdict(Outcome.SUITABLE, None, (), "2026.1")
    return AssessmentResult({"pregnant": False}, verdict, None, date(2026, 11, 17))


def counts(db: Database) -> tuple[int, int, int]:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Assessment)) or 0,
            session.scalar(select(func.count()).select_from(TreatmentSession)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )


def test_start_stores_the_checklist_the_draft_and_the_planned_zones(
    db: Database, clinic: Clinic
) -> None:
    patient = make_patient(db)
    context = start_session(db, patient, _result(), ["cheeks", "forehead"], clinic.practitioner)
    record = context.record
    assert record.state == "draft" and record.draft.assessment_id is not None
    limits = DeviceLimits.default()
    assert [(z.zone, z.depth_mm) for z in record.draft.zones] == [
        ("cheeks", default_depth("cheeks", limits)),
        ("forehead", default_depth("forehead", limits)),
    ]
    with db.session() as session:
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-3:] == ["create", "create", "change"]  # checklist, draft, its zones


def test_a_failure_part_way_leaves_nothing_behind(
    db: Database, clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = make_patient(db)
    before = counts(db)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise DatabaseUnavailable("The disk is full.")

    monkeypatch.setattr(start_module, "save_draft_in", disk_full)
    with pytest.raises(DatabaseUnavailable):
        start_session(db, patient, _result(), ["cheeks"], clinic.practitioner)
    assert counts(db) == before  # no orphan assessment, draft or audit row
