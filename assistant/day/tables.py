"""The day's tables: appointments, follow-up calls and complications (adverse events).

On the same ``Base`` as ``assistant.storage.models``, which imports this module at its end so one
metadata holds every table (migration ``0017``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.storage.model_base import Base
from assistant.text.dates import utcnow


class Appointment(Base):
    """A booked visit: ``booked`` → ``arrived`` → ``done`` (a signed session links to it),
    or ``cancelled`` (who, when, why) or ``no_show``. ``starts_at`` is local wall time."""

    __tablename__ = "appointment"
    __table_args__ = (Index("ix_appointment_starts_at", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    course_number: Mapped[int | None] = mapped_column(Integer)
    course_total: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="booked")
    # The earliest safe date when it was booked, and why a date before it was accepted.
    earliest_safe: Mapped[date | None] = mapped_column(Date)
    override_reason: Mapped[str | None] = mapped_column(Text)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_session.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class FollowUp(Base):
    """A call due after a signed session (deep enough, or with an immediate reaction)."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    complication_id: Mapped[int | None] = mapped_column(ForeignKey("complication.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Complication(Base):
    """An adverse event recorded against a session; the session gives the device, cartridge
    lot, depths and products (read with its amendments, never copied)."""

    __tablename__ = "complication"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    onset_on: Mapped[date] = mapped_column(Date)
    severity: Mapped[str] = mapped_column(String(10))
    serious: Mapped[bool | None] = mapped_column()  # by the regulators' criteria; None: not said
    description: Mapped[str] = mapped_column(Text, default="")
    treatment_given: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(30))
    resolved_on: Mapped[date | None] = mapped_column(Date)
    udi: Mapped[str] = mapped_column(String(200), default="")  # from the device's label
    reported_to: Mapped[str | None] = mapped_column(String(10))
    reported_on: Mapped[date | None] = mapped_column(Date)
    report_reference: Mapped[str] = mapped_column(String(100), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
