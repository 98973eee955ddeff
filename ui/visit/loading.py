"""What a visit reads before its checklist is shown (on the database thread): the patient's
facts for the rules, the clinic's checklist in force, the last assessment's answers, the
last signed session's zones and the latest questionnaire; and the panel of the patient's
own answers when there is a questionnaire."""

from __future__ import annotations

from typing import Any

from assistant.checklist import Checklist, PatientFacts
from assistant.patients.store import get_patient
from assistant.rules import checklist_in_force
from assistant.sessions import last_assessment_answers, last_signed_settings
from assistant.storage.db import Database

Loaded = tuple[PatientFacts, dict[str, Any] | None, Checklist, Any, Any]


def load_visit(db: Database, patient_id: int) -> Loaded:
    """Facts, previous answers, checklist, carried settings and questionnaire."""
    # the questionnaire store only when a visit's patient loads
    from assistant.intake.store import latest_questionnaire

    patient = get_patient(db, patient_id)
    facts = PatientFacts(patient.details.date_of_birth, patient.details.fitzpatrick)
    # the rules in force in this clinic (its values and version)
    checklist = checklist_in_force(db)
    previous = last_assessment_answers(db, patient_id)
    carried = last_signed_settings(db, patient_id)
    return facts, previous, checklist, carried, latest_questionnaire(db, patient_id)


def patient_said(questionnaire: Any, settings: Any) -> Any:
    """The patient's own answers beside the questions, when they sent a questionnaire."""
    if questionnaire is None:
        return None
    # the patient's answers panel only when they sent a questionnaire
    from assistant.text.dates import utcnow
    from ui.checklist.patient_said import PatientSaid

    days = int(getattr(settings, "intake_review_days", 7))
    return PatientSaid(questionnaire, questionnaire.review_only(utcnow(), days))
