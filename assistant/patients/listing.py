"""The patient list outside the window: the same search, read as plain values.

``list_patients`` runs the window's search (``assistant.patients.search``: words beginning a
name as written, accents aside; a birth date; the ending of a phone number) and returns the
page as frozen values. ``record_list_export`` audits a copy of the list handed to another
program (``patients --json``), as the recall list's CSV is: it holds patients' contact
details. The audit entry names the patients by number only, never the words searched for
(they may be a name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from assistant.audit import trail as audit
from assistant.patients.store import find_patients

if TYPE_CHECKING:
    from assistant.storage.db import Database

STANDARD_OUTPUT = "standard output (command line)"


@dataclass(frozen=True)
class ListedPatient:
    number: int
    name: str  # as the patient writes it (``assistant.patients.store.display_name``)
    date_of_birth: date | None
    phone: str
    last_session: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "phone": self.phone,
            "last_session": (
                self.last_session.isoformat(timespec="minutes") if self.last_session else None
            ),
        }


@dataclass(frozen=True)
class PatientListing:
    patients: tuple[ListedPatient, ...]
    more: bool  # more patients match than were listed
    count: int  # how many match, exact when ``count_exact`` (else "more than")
    count_exact: bool


def list_patients(db: Database, text: str = "", limit: int = 50) -> PatientListing:
    """Up to ``limit`` patients matching every word of ``text``, in the list's order."""
    page = find_patients(db, text, limit)
    return PatientListing(
        tuple(
            ListedPatient(row.id, row.display_name, row.date_of_birth, row.phone,
                          row.last_session)
            for row in page.rows
        ),
        page.more,
        page.count,
        page.count_exact,
    )  # fmt: skip


def record_list_export(
    db: Database, listing: PatientListing, actor: int | None, destination: str = STANDARD_OUTPUT
) -> None:
    """Audit a copy of the patient list given to another program."""
    numbers = [p.number for p in listing.patients]
    with db.session() as session:
        audit.record(
            session,
            "export",
            "patient",
            None,
            actor=actor,
            summary=f"Exported the patient list ({len(numbers)} row(s)) to {destination}",
            changes={"patients": numbers},
        )
