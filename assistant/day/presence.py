"""Whether the clinic books appointments at all: one row read at start (the window opens on
the day then), without loading the rest of the day's modules. Read through the table, not the
mapped class, so that it does not configure every mapper before the window is painted."""

from __future__ import annotations

from sqlalchemy import select

from assistant.day.tables import Appointment
from assistant.storage.db import Database


def has_appointments(db: Database) -> bool:
    with db.session() as session:
        table = Appointment.__table__
        return session.scalar(select(table.c.id).limit(1)) is not None
