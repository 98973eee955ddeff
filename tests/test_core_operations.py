"""One core function per user operation: starting a session stores the checklist, the draft
and its planned zones in one transaction (or nothing); the recall CSV is written with its
audit entry in one call, the same for the window and the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

import assistant.sessions.start as start_module
from assistant.checklist import AssessmentResult, Outcome, Verdict
from assistant.errors import DatabaseUnavailable
from assistant.sessions import DeviceLimits, default_depth, start_session
from assistant.storage.db import Database
from assistant.storage.models import Assessment, AuditEvent, TreatmentSession
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


def test_the_recall_csv_is_written_with_its_audit_entry_in_one_call(
    db: Database, clinic: Clinic, tmp_path: Path
) -> None:
    from assistant.sessions import create_draft, export_recall_csv, recall, save_draft
    from tests.sessions_support import complete_draft

    patient = make_patient(db, "Zoë", "Adeyemi")
    session_id = create_draft(db, patient, clinic.practitioner)
    save_draft(db, session_id, complete_draft(clinic), clinic.practitioner)
    rows = recall(db, "HA-2604")
    out = tmp_path / "recall.csv"
    text = export_recall_csv(db, "HA-2604", rows, clinic.practitioner, out)
    assert out.read_bytes() == text.encode("utf-8-sig") and "Adeyemi" in text
    with db.session() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and event.action == "export" and event.entity == "recall"
    assert str(out) in event.summary and event.practitioner_id == clinic.practitioner


def test_a_recall_file_that_cannot_be_written_is_not_audited(
    db: Database, clinic: Clinic, tmp_path: Path
) -> None:
    from assistant.errors import InvalidInput
    from assistant.sessions import export_recall_csv

    before = counts(db)
    with pytest.raises(InvalidInput, match="does not exist"):
        export_recall_csv(db, "HA-2604", [], clinic.practitioner, tmp_path / "no" / "r.csv")
    assert counts(db) == before
