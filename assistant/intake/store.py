"""Questionnaires received, kept with the patient: storing what arrived, listing them,
confirming answers at the chair, and the patient's questionnaires in an export or an
erasure. Every change is audited in its own transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.checklist.answers import answers_to_json
from assistant.checklist.loading import default_checklist
from assistant.checklist.model import Answer, QuestionKind
from assistant.errors import InvalidInput, NotFound
from assistant.intake.answers import NOT_SURE, Received, proposed_answers
from assistant.intake.table import IntakeQuestionnaire
from assistant.storage.db import Database
from assistant.storage.models import Patient

ENTITY = "intake_questionnaire"
TO_CONFIRM, CONFIRMED = "to_confirm", "confirmed"
DEFAULT_REVIEW_DAYS = 7


@dataclass(frozen=True)
class Questionnaire:
    id: int
    patient_id: int
    language: str
    wording_version: str
    device: str
    received_at: datetime  # naive UTC
    answers: Mapping[str, str]  # what the patient said
    guardian: Mapping[str, str] | None
    confirmed: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    confirmed_at: datetime | None = None

    @property
    def answered(self) -> int:
        """Questions the patient answered ("not sure" does not count)."""
        return sum(1 for value in self.answers.values() if value != NOT_SURE)

    @property
    def state(self) -> str:
        return CONFIRMED if self.confirmed_at is not None else TO_CONFIRM

    def proposed(self) -> dict[str, Answer]:
        """The checklist answers the patient's answers propose ("not sure" left out)."""
        return proposed_answers(_kinds(), self.answers, self.received_at.date())

    def review_only(self, now: datetime, review_days: int = DEFAULT_REVIEW_DAYS) -> bool:
        """Older than ``review_days``: offered for review, not confirmed as today's answers."""
        return now - self.received_at > timedelta(days=review_days)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "received_at": self.received_at.isoformat(timespec="seconds") + "Z",
            "language": self.language,
            "answered": self.answered,
            "state": self.state,
        }


def _kinds() -> dict[str, QuestionKind]:
    return {qid: q.kind for qid, q in default_checklist().questions.items()}


def _of(row: IntakeQuestionnaire) -> Questionnaire:
    return Questionnaire(
        id=row.id,
        patient_id=row.patient_id,
        language=row.language,
        wording_version=row.wording_version,
        device=row.device,
        received_at=row.received_at,
        answers=dict(row.answers or {}),
        guardian=dict(row.guardian) if row.guardian else None,
        confirmed={k: dict(v) for k, v in (row.confirmed or {}).items()},
        confirmed_at=row.confirmed_at,
    )


def save_received(
    db: Database, patient_id: int, received: Received, requested_by: int | None
) -> Questionnaire:
    """Store a questionnaire as it arrived (audited ``create``)."""
    with db.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None or patient.erased_at is not None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        row = IntakeQuestionnaire(
            patient_id=patient_id,
            requested_by=requested_by,
            language=received.language,
            wording_version=received.wording_version,
            device=received.device,
            answers=dict(received.answers),
            guardian=dict(received.guardian) if received.guardian else None,
            confirmed={},
        )
        session.add(row)
        session.flush()
        result = _of(row)
        audit.record(
            session,
            "create",
            ENTITY,
            row.id,
            actor=requested_by,
            patient_id=patient_id,
            summary=f"Received the patient's questionnaire ({result.answered} answers)",
            changes={
                "language": received.language,
                "wording_version": received.wording_version,
                "device": received.device,
                "answered": result.answered,
            },
        )
        return result


def list_questionnaires(db: Database, patient_id: int) -> list[Questionnaire]:
    """The patient's questionnaires, the newest first."""
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        rows = session.scalars(
            select(IntakeQuestionnaire)
            .where(IntakeQuestionnaire.patient_id == patient_id)
            .order_by(IntakeQuestionnaire.received_at.desc(), IntakeQuestionnaire.id.desc())
        )
        return [_of(row) for row in rows]


def questionnaire_waiting_in(
    session: Session, patient_id: int, now: datetime, review_days: int = DEFAULT_REVIEW_DAYS
) -> bool:
    """Whether the patient sent a questionnaire still to confirm and recent enough to be
    confirmed as today's answers (not older than ``review_days``)."""
    found = session.scalar(
        select(IntakeQuestionnaire.id)
        .where(
            IntakeQuestionnaire.patient_id == patient_id,
            IntakeQuestionnaire.confirmed_at.is_(None),
            IntakeQuestionnaire.received_at >= now - timedelta(days=review_days),
        )
        .limit(1)
    )
    return found is not None


def latest_questionnaire(db: Database, patient_id: int) -> Questionnaire | None:
    found = list_questionnaires(db, patient_id)
    return found[0] if found else None


def confirm_answers(
    db: Database,
    questionnaire_id: int,
    answers: Mapping[str, Answer],
    actor: int | None,
    *,
    now: datetime,
    review_days: int = DEFAULT_REVIEW_DAYS,
) -> Questionnaire:
    """Record the practitioner's answers to questions the patient answered: each is kept
    beside the patient's, marked changed when it differs (audited ``change``, naming the
    questions and, for a changed one, both answers). Once every question the patient
    answered is confirmed, the questionnaire is confirmed."""
    with db.session() as session:
        row = session.get(IntakeQuestionnaire, questionnaire_id)
        if row is None:
            raise NotFound(f"There is no questionnaire with id {questionnaire_id}.")
        current = _of(row)
        if current.review_only(now, review_days):
            raise InvalidInput(
                f"These answers are more than {review_days} days old: ask the questions again "
                "instead of confirming them as today's.",
                "questionnaire",
            )
        proposed = answers_to_json(current.proposed())
        given = answers_to_json(answers)
        confirmed = {k: dict(v) for k, v in (row.confirmed or {}).items()}
        changed: dict[str, list[Any]] = {}
        stamp = now.isoformat(timespec="seconds")
        for qid, value in given.items():
            if qid not in current.answers:
                raise InvalidInput(f"{qid}: the patient did not answer this question.", qid)
            patient_value = proposed.get(qid, NOT_SURE)
            is_change = qid not in proposed or patient_value != value
            if is_change:
                changed[qid] = [current.answers[qid], value]
            confirmed[qid] = {"answer": value, "changed": is_change, "by": actor, "at": stamp}
        row.confirmed = confirmed
        answered = {q for q, v in current.answers.items() if v != NOT_SURE}
        if row.confirmed_at is None and answered <= set(confirmed):
            row.confirmed_at = now
        session.flush()
        audit.record(
            session,
            "change",
            ENTITY,
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Confirmed {len(given)} of the patient's answers"
            + (f", {len(changed)} changed" if changed else ""),
            changes={"confirmed": sorted(given), "changed": changed},
        )
        return _of(row)


def export_in(session: Session, patient_id: int) -> list[dict[str, Any]]:
    """The patient's questionnaires for a subject-access export."""
    rows = session.scalars(
        select(IntakeQuestionnaire)
        .where(IntakeQuestionnaire.patient_id == patient_id)
        .order_by(IntakeQuestionnaire.id)
    )
    return [
        {
            "id": q.id,
            "received_at": q.received_at.isoformat(),
            "language": q.language,
            "wording_version": q.wording_version,
            "device": q.device,
            "answers": dict(q.answers),
            "guardian": dict(q.guardian) if q.guardian else None,
            "confirmed": {k: dict(v) for k, v in q.confirmed.items()},
            "confirmed_at": q.confirmed_at.isoformat() if q.confirmed_at else None,
        }
        for q in map(_of, rows)
    ]


def erase_in(session: Session, patient_id: int) -> int:
    """Remove the patient's questionnaires (their own words, a guardian's name): part of an
    erasure, audited by the caller. The confirmed answers stay in the checklists saved."""
    result = session.execute(
        delete(IntakeQuestionnaire).where(IntakeQuestionnaire.patient_id == patient_id)
    )
    return int(getattr(result, "rowcount", 0) or 0)
