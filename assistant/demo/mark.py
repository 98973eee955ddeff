"""Whether a database holds any patient, and whether demo data was ever loaded into it.

The window asks both at every start (its title says DEMO; the backup banner and the demo
offer wait for a first patient), so each is one row read from a table's index, through
the tables themselves: neither waits for the mapped classes to be configured nor loads
the demo builder (``assistant.demo.clinic``, which needs most of the application)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Patient, Practitioner

_AUDIT = AuditEvent.__table__
_PATIENT = Patient.__table__
_PRACTITIONER = Practitioner.__table__


def has_data(db: Database) -> bool:
    """Whether any patient is recorded (one row read, not a count of them all)."""
    with db.session() as session:
        return has_patients(session)


def has_patients(session: Session) -> bool:
    return session.execute(select(_PATIENT.c.id).limit(1)).first() is not None


def has_practitioners(session: Session) -> bool:
    return session.execute(select(_PRACTITIONER.c.id).limit(1)).first() is not None


def is_demo_database(db: Database) -> bool:
    """True once demo data was loaded here (its audit entry, which nothing removes)."""
    with db.session() as session:
        return is_demo(session)


def is_demo(session: Session) -> bool:
    marker = select(_AUDIT.c.id).where(_AUDIT.c.entity == "demo").limit(1)
    return session.execute(marker).first() is not None
