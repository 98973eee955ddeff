"""The date of birth and Fitzpatrick type the checklist asked for are saved to the patient
with the assessment, audited like any other change of the patient's details."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from assistant.checklist import AssessmentResult, PatientFacts, default_checklist, evaluate
from assistant.patients.store import PatientDetails, create_patient, get_patient
from assistant.sessions import start_session
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, PatientHistory

ASSESSED = date(2026, 11, 24)


def _result(dob: date | None, fitzpatrick: int | None) -> AssessmentResult:
    checklist = default_checklist()
    answers = {qid: None for qid in checklist.questions}
    verdict = evaluate(checklist, answers, PatientFacts(dob, fitzpatrick), ["cheeks"], ASSESSED)
    return AssessmentResult(answers, verdict, None, ASSESSED, dob, fitzpatrick)


def test_missing_details_are_saved_to_the_patient_and_audited(db: Database) -> None:
    patient = create_patient(db, PatientDetails("Lan", "Nguyen"), actor=None).id
    start_session(db, patient, _result(date(1991, 3, 4), 4), ["cheeks"], actor=None)
    details = get_patient(db, patient).details
    assert details.date_of_birth == date(1991, 3, 4)
    assert details.fitzpatrick == 4
    with db.session() as session:
        history = {
            row.field: (row.old_value, row.new_value)
            for row in session.scalars(
                select(PatientHistory).where(PatientHistory.patient_id == patient)
            )
        }
        events = [
            e.summary
            for e in session.scalars(select(AuditEvent).where(AuditEvent.patient_id == patient))
        ]
    assert history == {"date_of_birth": (None, "1991-03-04"), "fitzpatrick": (None, 4)}
    assert any("date_of_birth" in s and "fitzpatrick" in s for s in events)


def test_a_detail_on_record_is_never_replaced_this_way(db: Database) -> None:
    details = PatientDetails("Lan", "Nguyen", date_of_birth=date(1980, 1, 2))
    patient = create_patient(db, details, actor=None).id
    start_session(db, patient, _result(date(1991, 3, 4), 2), ["cheeks"], actor=None)
    saved = get_patient(db, patient).details
    assert saved.date_of_birth == date(1980, 1, 2)
    assert saved.fitzpatrick == 2
