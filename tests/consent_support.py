"""Consents for tests that sign sessions: since signing needs a consent valid for the session,
those tests give the patient one through the real issuing path (drawn signature, PIN)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from assistant import reference
from assistant.access import auth
from assistant.consent import (
    ConsentRecord,
    ConsentRequest,
    GuardianSignature,
    issue_consent,
    issue_in,
)
from assistant.storage.db import Database
from assistant.storage.models import Practitioner

PIN = "2468"
SIGNATURE = (
    ((10.0, 40.0), (30.0, 10.0), (50.0, 60.0), (70.0, 20.0), (90.0, 45.0)),
    ((100.0, 30.0), (140.0, 32.0), (180.0, 28.0)),
)


def ensure_pin(db: Database, practitioner_id: int, pin: str = PIN) -> str:
    with db.session() as session:
        row = session.get(Practitioner, practitioner_id)
        has_pin = row is not None and row.pin_hash is not None
    if not has_pin:
        auth.set_pin(db, practitioner_id, pin, actor=None)
    return pin


def give_consent(
    db: Database,
    patient_id: int,
    practitioner_id: int,
    device_id: int,
    *,
    signed_on: date = date(2026, 6, 1),
    areas: Sequence[str] | None = None,
    guardian: GuardianSignature | None = None,
) -> ConsentRecord:
    """A complete consent signed on ``signed_on`` (every area unless ``areas`` is given)."""
    pin = ensure_pin(db, practitioner_id)
    moment = datetime.combine(signed_on, time(9, 0))
    request = ConsentRequest(
        patient_id=patient_id,
        practitioner_id=practitioner_id,
        areas=tuple(areas) if areas is not None else tuple(reference.zones()),
        device_id=device_id,
        patient_strokes=SIGNATURE,
        guardian=guardian,
    )
    return issue_consent(db, request, pin, clock=lambda: moment, local_clock=lambda: moment)


def record_consent(
    db: Database,
    patient_id: int,
    practitioner_id: int,
    device_id: int,
    signed_on: date = date(2026, 6, 1),
) -> ConsentRecord:
    """A complete consent stored without the PIN step (as demo data is), for tests whose
    audit trail is checked event by event; the PIN countersignature is tested on its own."""
    request = ConsentRequest(
        patient_id=patient_id,
        practitioner_id=practitioner_id,
        areas=tuple(reference.zones()),
        device_id=device_id,
        patient_strokes=SIGNATURE,
    )
    with db.session() as session:
        return issue_in(session, request, datetime.combine(signed_on, time(9, 0)), signed_on)
