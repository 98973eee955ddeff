"""Follow-up calls after treatment (day.md).

Signing a session where any zone was at or deeper than the clinic's depth (1.0 mm by default),
or with an immediate reaction recorded, adds a call due a number of days later (2 by
default): settings ``followup_days`` and ``followup_depth_mm``. A call is done with a note and,
when said, its outcome; "no answer" keeps it open for the next day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.audit import trail as audit
from assistant.day.appointments import done_on_signing_in
from assistant.day.tables import FollowUp
from assistant.day.vocabulary import check_choice
from assistant.errors import InvalidInput, NotFound, RecordLocked
from assistant.patients.store import display_name
from assistant.sessions.record import SessionDraft, SessionRecord
from assistant.settings import DEFAULTS, Settings
from assistant.storage.db import Database
from assistant.storage.models import Patient, utcnow
from assistant.text.i18n import _
from assistant.text.safety import check_one_line

NO_ANSWER = "no_answer"
POSSIBLE_COMPLICATION = "possible_complication"
MAX_NOTE = 2000


@dataclass(frozen=True)
class FollowupRule:
    """When a signed session asks for a call: ``days`` after it, for a zone at ``depth_mm``
    or deeper (or any immediate reaction)."""

    days: int = int(DEFAULTS["followup_days"])
    depth_mm: float = float(DEFAULTS["followup_depth_mm"])

    @classmethod
    def of(cls, settings: Settings | None) -> FollowupRule:
        """The rule of these settings (the shipped one without)."""
        if settings is None:
            return cls()
        return cls(settings.followup_days, settings.followup_depth_mm)


@dataclass(frozen=True)
class FollowUpInfo:
    id: int
    patient_id: int
    patient_name: str
    phone: str
    session_id: int
    due_on: date
    reason: str
    attempts: int
    outcome: str | None
    note: str
    done_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "patient_id": self.patient_id,
            "patient_name": self.patient_name,
            "phone": self.phone,
            "session_id": self.session_id,
            "due": self.due_on.isoformat(),
            "reason": self.reason,
            "attempts": self.attempts,
            "outcome": self.outcome,
            "note": self.note,
            "done_at": self.done_at.isoformat(timespec="seconds") if self.done_at else None,
        }


def _info(row: FollowUp, patient: Patient) -> FollowUpInfo:
    return FollowUpInfo(
        row.id,
        row.patient_id,
        display_name(patient) if patient.erased_at is None else "",
        patient.phone,
        row.session_id,
        row.due_on,
        row.reason,
        row.attempts,
        row.outcome,
        row.note,
        row.done_at,
    )


def followup_reason(draft: SessionDraft, rule: FollowupRule) -> str:
    """Why the session needs a call ("" when it does not), in English as stored."""
    deepest = draft.deepest_depth
    reasons = []
    if deepest is not None and deepest >= rule.depth_mm:
        reasons.append(f"treated at {reference.format_mm(deepest)} mm")
    if draft.reactions.strip():
        reasons.append("immediate reaction recorded")
    return "; ".join(reasons)


_TREATED_AT = re.compile(r"treated at (\d+(?:\.\d+)?) mm")


def screen_followup_reason(reason: str) -> str:
    """A stored reason ("treated at 1.5 mm; immediate reaction recorded") in the
    interface's words and decimal sign ("tratada a 1,5 mm; …"), for the screen only; a part
    it does not know stays as stored."""
    # the screen's wording (Babel, the interface's language) loads only for a screen
    from assistant.text.screen_dates import screen_mm

    parts = []
    for part in reason.split("; "):
        treated = _TREATED_AT.fullmatch(part)
        if treated:
            part = _("treated at {depth} mm").format(depth=screen_mm(float(treated.group(1))))
        elif part == "immediate reaction recorded":
            part = _("immediate reaction recorded")
        parts.append(part)
    return "; ".join(parts)


def create_after_signing_in(
    session: Session,
    session_id: int,
    patient_id: int,
    draft: SessionDraft,
    rule: FollowupRule,
    actor: int | None,
) -> int | None:
    """Add the follow-up call a signed session asks for; its id, or None when none is due."""
    reason = followup_reason(draft, rule)
    if not reason:
        return None
    due_on = draft.treated_at.date() + timedelta(days=rule.days)
    return add_followup_in(session, patient_id, session_id, due_on, reason, actor, reason)


def add_followup_in(
    session: Session,
    patient_id: int,
    session_id: int,
    due_on: date,
    reason: str,
    actor: int | None,
    why: str,
) -> int:
    """Add one follow-up call, audited (``why`` ends its audit summary); its id."""
    row = FollowUp(patient_id=patient_id, session_id=session_id, due_on=due_on, reason=reason)
    session.add(row)
    session.flush()
    audit.record(
        session,
        "create",
        "follow_up",
        row.id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Follow-up call {row.id} due {row.due_on.isoformat()} after session "
        f"{session_id} ({why})",
    )
    return row.id


def after_signing_in(
    session: Session, record: SessionRecord, rule: FollowupRule | None, actor: int | None
) -> None:
    """What signing a session does to the day: its follow-up call when one is due, and the
    patient's open appointment of that day marked done."""
    draft = record.effective
    create_after_signing_in(
        session, record.id, record.patient_id, draft, rule or FollowupRule(), actor
    )
    done_on_signing_in(session, record.patient_id, record.id, draft.treated_at.date(), actor)
    session.flush()


def list_followups(
    db: Database, due_by: date | None = None, include_done: bool = False
) -> list[FollowUpInfo]:
    """Follow-up calls (open ones only unless ``include_done``), those due on or before
    ``due_by`` when given, by due date."""
    with db.session() as session:
        return list_followups_in(session, due_by, include_done)


def list_followups_in(
    session: Session,
    due_by: date | None = None,
    include_done: bool = False,
    patient_id: int | None = None,
) -> list[FollowUpInfo]:
    stmt = select(FollowUp, Patient).join(Patient, Patient.id == FollowUp.patient_id)
    if not include_done:
        stmt = stmt.where(FollowUp.done_at.is_(None))
    if due_by is not None:
        stmt = stmt.where(FollowUp.due_on <= due_by)
    if patient_id is not None:
        stmt = stmt.where(FollowUp.patient_id == patient_id)
    stmt = stmt.order_by(FollowUp.due_on, FollowUp.id)
    return [_info(row, patient) for row, patient in session.execute(stmt)]


def complete_followup(
    db: Database,
    followup_id: int,
    note: str,
    actor: int | None,
    outcome: str | None = None,
    today: date | None = None,
) -> FollowUpInfo:
    """Record the call with its note (and outcome when said). "No answer" keeps the call
    open, due again the next day; any other closes it."""
    note = note.strip()
    if not note:
        raise InvalidInput(_("Write a note of the call."), "note")
    if len(note) > MAX_NOTE:
        raise InvalidInput(
            _("{label} is at most {most} characters.").format(label=_("The note"), most=MAX_NOTE),
            "note",
        )
    check_one_line(note, "note", _("The note"))
    if outcome is not None:
        check_choice("followup_outcomes", outcome, "outcome")
    today = today or date.today()
    with db.session() as session:
        row = session.get(FollowUp, followup_id)
        if row is None:
            raise NotFound(f"There is no follow-up with id {followup_id}.")
        if row.done_at is not None:
            raise RecordLocked(_("Follow-up {id} is already done.").format(id=row.id))
        row.attempts += 1
        row.note = f"{row.note}\n{note}".strip() if row.note else note
        row.outcome = outcome
        if outcome == NO_ANSWER:
            row.due_on = max(row.due_on, today + timedelta(days=1))
        else:
            row.done_at = utcnow()
            row.done_by_id = actor
        session.flush()
        audit.record(
            session,
            "change",
            "follow_up",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Follow-up call {row.id}: "
            + ("no answer, due again" if outcome == NO_ANSWER else "done"),
            changes={"outcome": outcome, "note": note},
        )
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        return _info(row, patient)
