"""A patient with a signed session at 1.5 mm (the session tests' small clinic), for the tests
of the clinic's day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from assistant.sessions import create_draft, save_draft, sign_session
from assistant.storage.db import Database
from tests.consent_support import give_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient

# TREATED is Tuesday 17 November 2026 10:30; 4 weeks after it (1.5 mm) is 15 December.
SAFE_AFTER_TREATED = date(2026, 12, 15)
TODAY = date(2026, 11, 20)


@dataclass(frozen=True)
class Treated:
    clinic: Clinic
    patient: int
    session: int


def sign(
    db: Database, c: Clinic, patient: int, treated_at: datetime = TREATED, **changes: object
) -> int:
    session_id = create_draft(db, patient, c.practitioner, treated_at=treated_at)
    save_draft(db, session_id, complete_draft(c, treated_at, **changes), c.practitioner)
    sign_session(db, session_id, c.practitioner)
    return session_id


def treated_patient(db: Database, first: str = "Amara", last: str = "Okafor") -> Treated:
    c = make_clinic(db)
    patient = make_patient(db, first, last)
    give_consent(db, patient, c.practitioner, c.device)
    return Treated(c, patient, sign(db, c, patient))
