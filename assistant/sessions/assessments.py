"""Storing the suitability checklist a practitioner accepted, and reading the latest answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.audit import trail as audit
from assistant.checklist import AssessmentResult
from assistant.errors import NotFound
from assistant.patients.store import record_missing_facts_in
from assistant.storage.db import Database
from assistant.storage.models import Assessment, Patient, Practitioner


def save_assessment(
    db: Database,
    patient_id: int,
    result: AssessmentResult,
    zones: Sequence[str],
    actor: int | None,
) -> int:
    """Store the accepted checklist (answers, verdict, zones); an override is audited with
    its reason."""
    with db.session() as session:
        return save_assessment_in(session, patient_id, result, zones, actor)


def save_assessment_in(
    session: Session,
    patient_id: int,
    result: AssessmentResult,
    zones: Sequence[str],
    actor: int | None,
) -> int:
    """``save_assessment`` inside a transaction the caller holds."""
    for index, zone_id in enumerate(zones):
        reference.zone(zone_id, f"zones[{index}]")
    verdict = result.verdict
    if session.get(Patient, patient_id) is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    practitioner = session.get(Practitioner, actor) if actor is not None else None
    if result.date_of_birth_recorded is not None or result.fitzpatrick_recorded is not None:
        record_missing_facts_in(
            session,
            patient_id,
            result.date_of_birth_recorded,
            result.fitzpatrick_recorded,
            actor,
        )
    row = Assessment(
        patient_id=patient_id,
        practitioner_id=practitioner.id if practitioner else None,
        assessed_on=result.assessed_on,
        checklist_version=verdict.checklist_version,
        answers=result.answers_to_json(),
        zones=list(zones),
        outcome=verdict.outcome.value,
        defer_until=verdict.defer_until,
        reasons=[
            {**reason.to_dict(), "until": audit._plain(reason.until)} for reason in verdict.reasons
        ],
        override_reason=result.override_reason,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "create",
        "assessment",
        row.id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Suitability checklist: {verdict.outcome.label}",
        changes={"outcome": [None, verdict.outcome.value]},
    )
    if result.override_reason:
        audit.record(
            session,
            "override",
            "assessment",
            row.id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Overrode the verdict '{verdict.outcome.label}' (reason in the details)",
            changes={"outcome": verdict.outcome.value, "reason": result.override_reason},
        )
    return row.id


def last_assessment_answers(db: Database, patient_id: int) -> dict[str, Any] | None:
    """The answers (as JSON values) of the patient's latest assessment, or None."""
    with db.session() as session:
        answers = session.scalar(
            select(Assessment.answers)
            .where(Assessment.patient_id == patient_id)
            .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
            .limit(1)
        )
        return dict(answers) if answers is not None else None
