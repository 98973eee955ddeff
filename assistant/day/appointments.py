"""Appointments: booking at a safe date, the planned step of the course, and their states.

A booking before the earliest safe date (``assistant.day.safety``) is refused unless the
practitioner gives a reason, which is stored with the appointment and audited as an override.
States: ``booked`` → ``arrived`` → ``done`` (a signed session of that day links to it), or
``cancelled`` (who, when, why) or ``no_show``. Every change is audited in its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.day.safety import EarliestSafe, earliest_safe_in
from assistant.day.tables import Appointment
from assistant.errors import InvalidInput, NotFound, RecordLocked
from assistant.sessions.record import DISCARDED
from assistant.storage.db import Database
from assistant.storage.models import Patient, Practitioner, TreatmentSession, utcnow
from assistant.text.i18n import _
from assistant.text.safety import check_one_line

BOOKED, ARRIVED, DONE, CANCELLED, NO_SHOW = "booked", "arrived", "done", "cancelled", "no_show"
STATES = (BOOKED, ARRIVED, DONE, CANCELLED, NO_SHOW)
OPEN_STATES = (BOOKED, ARRIVED)
MIN_MINUTES, MAX_MINUTES = 5, 480
MAX_NOTE = 1000


class UnsafeDate(InvalidInput):
    """A booking before the earliest safe date without a reason; ``earliest`` says why."""

    def __init__(self, earliest: EarliestSafe) -> None:
        super().__init__(
            _("Too early: {refusal}. Give a reason to book an earlier date.").format(
                refusal=earliest.refusal()
            ),
            "at",
        )
        self.earliest = earliest


@dataclass(frozen=True)
class AppointmentInfo:
    id: int
    patient_id: int
    starts_at: datetime
    minutes: int
    practitioner_id: int | None
    course_number: int | None
    course_total: int | None
    note: str
    state: str
    earliest_safe: date | None
    override_reason: str | None
    session_id: int | None
    cancel_reason: str = ""

    @property
    def course_step(self) -> str | None:
        """ "3 of 4", or None outside a course."""
        if self.course_number and self.course_total:
            return f"{self.course_number} of {self.course_total}"
        return None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "patient_id": self.patient_id,
            "at": self.starts_at.strftime("%Y-%m-%d %H:%M"),
            "minutes": self.minutes,
            "practitioner_id": self.practitioner_id,
            "course_step": self.course_step,
            "note": self.note,
            "state": self.state,
            "earliest_safe": self.earliest_safe.isoformat() if self.earliest_safe else None,
            "override_reason": self.override_reason,
            "session_id": self.session_id,
        }


@dataclass(frozen=True)
class BookingRequest:
    patient_id: int
    starts_at: datetime  # local wall time
    minutes: int = 60
    practitioner_id: int | None = None
    note: str = ""
    override_reason: str = ""  # why a date before the earliest safe one is right


def info_of(row: Appointment) -> AppointmentInfo:
    return AppointmentInfo(
        row.id,
        row.patient_id,
        row.starts_at,
        row.minutes,
        row.practitioner_id,
        row.course_number,
        row.course_total,
        row.note,
        row.state,
        row.earliest_safe,
        row.override_reason,
        row.session_id,
        row.cancel_reason,
    )


def _patient(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None or row.erased_at is not None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def earliest_safe(db: Database, patient_id: int, today: date | None = None) -> EarliestSafe:
    """The earliest safe date for the patient's next session (see ``assistant.day.safety``)."""
    with db.session() as session:
        _patient(session, patient_id)
        return earliest_safe_in(session, patient_id, today or date.today())


def planned_step_in(session: Session, patient_id: int, before: datetime) -> tuple[int, int] | None:
    """The course step the next visit is planned as: after the latest session or booked
    appointment of a course not yet complete ("3 of 4" after "2 of 4")."""
    candidates: list[tuple[datetime, int | None, int | None]] = []
    last = session.execute(
        select(TreatmentSession.treated_at, TreatmentSession.course_number,
               TreatmentSession.course_total)
        .where(TreatmentSession.patient_id == patient_id, TreatmentSession.state != DISCARDED,
               TreatmentSession.treated_at < before)
        .order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc())
        .limit(1)
    ).first()  # fmt: skip
    if last is not None:
        candidates.append(tuple(last))  # type: ignore[arg-type]
    booked = session.execute(
        select(Appointment.starts_at, Appointment.course_number, Appointment.course_total)
        .where(Appointment.patient_id == patient_id, Appointment.state.in_(OPEN_STATES),
               Appointment.starts_at < before)
        .order_by(Appointment.starts_at.desc(), Appointment.id.desc())
        .limit(1)
    ).first()  # fmt: skip
    if booked is not None:
        candidates.append(tuple(booked))  # type: ignore[arg-type]
    if not candidates:
        return None
    _when, number, total = max(candidates, key=lambda c: c[0])
    if number and total and number < total:
        return number + 1, total
    return None


def _check_request(request: BookingRequest) -> None:
    if not MIN_MINUTES <= request.minutes <= MAX_MINUTES:
        raise InvalidInput(
            _("An appointment lasts between {low} and {high} minutes.").format(
                low=MIN_MINUTES, high=MAX_MINUTES
            ),
            "minutes",
        )
    for value, field, label in (
        (request.note, "note", _("The note")),
        (request.override_reason, "override", _("The reason")),
    ):
        if len(value) > MAX_NOTE:
            raise InvalidInput(
                _("{label} is at most {most} characters.").format(label=label, most=MAX_NOTE),
                field,
            )
        check_one_line(value, field, label)


def book_appointment(
    db: Database, request: BookingRequest, actor: int | None, today: date | None = None
) -> AppointmentInfo:
    """Book the visit; ``UnsafeDate`` when it is before the earliest safe date and no reason
    is given. One transaction with its audit entries."""
    with db.session() as session:
        return book_appointment_in(session, request, actor, today or date.today())


def book_appointment_in(
    session: Session, request: BookingRequest, actor: int | None, today: date
) -> AppointmentInfo:
    _check_request(request)
    _patient(session, request.patient_id)
    if (
        request.practitioner_id is not None
        and session.get(Practitioner, request.practitioner_id) is None
    ):
        raise NotFound(f"There is no practitioner with id {request.practitioner_id}.")
    earliest = earliest_safe_in(session, request.patient_id, today)
    reason = request.override_reason.strip()
    too_early = not earliest.allows(request.starts_at.date())
    if too_early and not reason:
        raise UnsafeDate(earliest)
    step = planned_step_in(session, request.patient_id, request.starts_at)
    row = Appointment(
        patient_id=request.patient_id,
        starts_at=request.starts_at.replace(second=0, microsecond=0),
        minutes=request.minutes,
        practitioner_id=request.practitioner_id,
        course_number=step[0] if step else None,
        course_total=step[1] if step else None,
        note=request.note.strip(),
        state=BOOKED,
        earliest_safe=earliest.on,
        override_reason=reason if too_early else None,
        created_by_id=actor,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "create",
        "appointment",
        row.id,
        actor=actor,
        patient_id=row.patient_id,
        summary=f"Booked appointment {row.id} for {row.starts_at:%Y-%m-%d %H:%M}",
        changes={"starts_at": row.starts_at, "minutes": row.minutes},
    )
    if too_early:
        audit.record(
            session,
            "override",
            "appointment",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Booked before the earliest safe date {earliest.on} (reason in the details)",
            changes={"earliest_safe": earliest.on, "reason": reason},
        )
    return info_of(row)


def _get(session: Session, appointment_id: int) -> Appointment:
    row = session.get(Appointment, appointment_id)
    if row is None:
        raise NotFound(f"There is no appointment with id {appointment_id}.")
    return row


def get_appointment(db: Database, appointment_id: int) -> AppointmentInfo:
    with db.session() as session:
        return info_of(_get(session, appointment_id))


def change_state(
    db: Database, appointment_id: int, state: str, actor: int | None, reason: str = ""
) -> AppointmentInfo:
    """Mark an appointment arrived, no-show or cancelled (a cancellation needs its reason)."""
    if state not in (ARRIVED, CANCELLED, NO_SHOW):
        raise InvalidInput(
            _("{value} is not one of: {choices}.").format(
                value=state, choices=", ".join((ARRIVED, CANCELLED, NO_SHOW))
            ),
            "state",
        )
    reason = check_one_line(reason.strip(), "reason", _("The reason"))
    if state == CANCELLED and not reason:
        raise InvalidInput(_("Say why the appointment is cancelled."), "reason")
    with db.session() as session:
        row = _get(session, appointment_id)
        if row.state not in OPEN_STATES:
            raise RecordLocked(
                _("Appointment {id} is {state}; it can no longer change.").format(
                    id=row.id, state=row.state
                )
            )
        old = row.state
        row.state = state
        if state == CANCELLED:
            row.cancelled_at = utcnow()
            row.cancelled_by_id = actor
            row.cancel_reason = reason
        session.flush()
        audit.record(
            session,
            "change",
            "appointment",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Appointment {row.id}: {old} to {state}",
            changes={"state": [old, state], **({"reason": reason} if reason else {})},
        )
        return info_of(row)


def done_on_signing_in(
    session: Session, patient_id: int, session_id: int, day: date, actor: int | None
) -> int | None:
    """Link the signed session to the patient's open appointment of that day (now ``done``)."""
    start = datetime.combine(day, datetime.min.time())
    row = session.scalars(
        select(Appointment)
        .where(
            Appointment.patient_id == patient_id,
            Appointment.state.in_(OPEN_STATES),
            Appointment.starts_at >= start,
            Appointment.starts_at < start + timedelta(days=1),
        )
        .order_by(Appointment.starts_at)
        .limit(1)
    ).first()
    if row is None:
        return None
    old = row.state
    row.state = DONE
    row.session_id = session_id
    session.flush()
    audit.record(
        session,
        "change",
        "appointment",
        row.id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Appointment {row.id}: {old} to done (session {session_id} signed)",
        changes={"state": [old, DONE], "session_id": [None, session_id]},
    )
    return row.id


def next_appointment_in(
    session: Session, patient_id: int, after: datetime
) -> AppointmentInfo | None:
    """The patient's first open appointment after ``after``, if any."""
    row = session.scalars(
        select(Appointment)
        .where(
            Appointment.patient_id == patient_id,
            Appointment.state.in_(OPEN_STATES),
            Appointment.starts_at > after,
        )
        .order_by(Appointment.starts_at, Appointment.id)
        .limit(1)
    ).first()
    return info_of(row) if row is not None else None


def appointments_between_in(
    session: Session, start: datetime, end: datetime
) -> list[AppointmentInfo]:
    """Every appointment starting in [start, end), in time order."""
    return [
        info_of(row)
        for row in session.scalars(
            select(Appointment)
            .where(Appointment.starts_at >= start, Appointment.starts_at < end)
            .order_by(Appointment.starts_at, Appointment.id)
        )
    ]


def patient_appointments(db: Database, patient_id: int) -> list[AppointmentInfo]:
    with db.session() as session:
        return [
            info_of(row)
            for row in session.scalars(
                select(Appointment)
                .where(Appointment.patient_id == patient_id)
                .order_by(Appointment.starts_at, Appointment.id)
            )
        ]


def erase_appointments_in(session: Session, patient_id: int, erased_at: datetime) -> int:
    """A patient's erasure: the notes of their appointments go (they may name them) and the
    visits still open are cancelled. The count of appointments touched."""
    count = 0
    for row in session.scalars(select(Appointment).where(Appointment.patient_id == patient_id)):
        row.note = ""
        if row.state in OPEN_STATES:
            row.state = CANCELLED
            row.cancelled_at = erased_at
            row.cancel_reason = "patient erased"
        count += 1
    return count
