"""The day at a glance: one day's appointments with what the practitioner needs before each
(the planned course step, whether a consent covers the visit, the earliest safe date, a
questionnaire waiting) and what is due (follow-up calls, open complications).

The day screen and ``python main.py day --json`` read the same ``day_agenda``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.consent.validity import ConsentContext, consent_status_in
from assistant.day.appointments import OPEN_STATES, AppointmentInfo, appointments_between_in
from assistant.day.complications import open_complications_in
from assistant.day.followups import FollowUpInfo, list_followups_in
from assistant.day.safety import EarliestSafe, earliest_safe_in
from assistant.intake.store import DEFAULT_REVIEW_DAYS, questionnaire_waiting_in
from assistant.patients.store import display_name
from assistant.storage.db import Database
from assistant.storage.models import Patient
from assistant.text.dates import utcnow


@dataclass(frozen=True)
class DueItem:
    kind: str  # "follow_up" or "complication"
    id: int
    words: str  # "follow-up call due 2026-11-19 (treated at 1.5 mm)"

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "what": self.words}


@dataclass(frozen=True)
class AgendaEntry:
    appointment: AppointmentInfo
    patient_name: str
    consent_valid: bool
    consent_reasons: tuple[str, ...]
    earliest_safe: EarliestSafe
    questionnaire_waiting: bool  # answers sent from a phone, still to confirm
    due: tuple[DueItem, ...]

    @property
    def patient_id(self) -> int:
        return self.appointment.patient_id

    @property
    def too_early(self) -> bool:
        return self.appointment.state in OPEN_STATES and not self.earliest_safe.allows(
            self.appointment.starts_at.date()
        )

    def to_json(self) -> dict[str, object]:
        a = self.appointment
        return {
            "appointment_id": a.id,
            "patient_id": a.patient_id,
            "patient_name": self.patient_name,
            "at": a.starts_at.strftime("%Y-%m-%d %H:%M"),
            "minutes": a.minutes,
            "state": a.state,
            "course_step": a.course_step,
            "consent_valid": self.consent_valid,
            "earliest_safe": self.earliest_safe.on.isoformat() if self.earliest_safe.on else None,
            "earliest_safe_why": self.earliest_safe.refusal() or None,
            "undated_deferrals": list(self.earliest_safe.undated),
            "override_reason": a.override_reason,
            "questionnaire_waiting": self.questionnaire_waiting,
            "due": [item.to_json() for item in self.due],
        }


def _due_items(
    followups: list[FollowUpInfo], complications: list[int], on: date
) -> tuple[DueItem, ...]:
    items = [
        DueItem("follow_up", f.id, f"follow-up call due {f.due_on.isoformat()} ({f.reason})")
        for f in followups
        if f.due_on <= on
    ]
    items += [DueItem("complication", cid, f"open complication #{cid}") for cid in complications]
    return tuple(items)


def day_agenda(
    db: Database,
    on: date,
    today: date | None = None,
    *,
    review_days: int = DEFAULT_REVIEW_DAYS,
    now: datetime | None = None,
) -> list[AgendaEntry]:
    """The appointments of ``on`` (cancelled ones included, marked), seen on ``today``; a
    questionnaire waits when one received in the last ``review_days`` is still to confirm."""
    today = today or date.today()
    now = now or utcnow()
    start = datetime.combine(on, datetime.min.time())
    with db.session() as session:
        entries = []
        for appointment in appointments_between_in(session, start, start + timedelta(days=1)):
            patient = session.get(Patient, appointment.patient_id)
            assert patient is not None
            status = consent_status_in(session, patient.id, ConsentContext(on, (), None))
            entries.append(
                AgendaEntry(
                    appointment=appointment,
                    patient_name=display_name(patient) if patient.erased_at is None else "",
                    consent_valid=status.valid,
                    consent_reasons=status.reasons,
                    earliest_safe=earliest_safe_in(session, patient.id, today),
                    questionnaire_waiting=questionnaire_waiting_in(
                        session, patient.id, now, review_days
                    ),
                    due=_due_items(
                        list_followups_in(session, patient_id=patient.id),
                        open_complications_in(session, patient.id),
                        on,
                    ),
                )
            )
        return entries
