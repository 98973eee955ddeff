"""The patient's photo consent, as far as photos need it.

A minimal record that the full consent work builds on: each answer (given, refused,
withdrawn) is a new ``photo_consent`` row and the newest applies from its time on. Photos
for the clinical record are part of care, so a patient with no answer recorded may be
photographed; after a refusal or a withdrawal, adding photos is refused
(``check_photos_allowed``, the one hook the import calls).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.db import Database
from assistant.errors import InvalidInput, NotFound
from assistant.models import Patient, PhotoConsent
from assistant.records import audit

GIVEN = "given"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
STATUSES = (GIVEN, REFUSED, WITHDRAWN)
# Separate yes/no answers for uses beyond the patient's own record (domain/consent.md).
USES = ("training_without_face", "marketing")


@dataclass(frozen=True)
class PhotoConsentAnswer:
    status: str
    recorded_at: datetime
    uses: dict[str, bool]


def current_photo_consent(session: Session, patient_id: int) -> PhotoConsentAnswer | None:
    row = session.scalars(
        select(PhotoConsent)
        .where(PhotoConsent.patient_id == patient_id)
        .order_by(PhotoConsent.recorded_at.desc(), PhotoConsent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return PhotoConsentAnswer(row.status, row.recorded_at, dict(row.uses or {}))


def check_photos_allowed(session: Session, patient_id: int) -> None:
    """Refuse with a clear message when the patient has refused or withdrawn photo consent."""
    answer = current_photo_consent(session, patient_id)
    if answer is not None and answer.status in (REFUSED, WITHDRAWN):
        raise InvalidInput(
            f"Patient {patient_id} has {answer.status} consent to photos "
            f"(recorded {answer.recorded_at:%Y-%m-%d}), so no photo can be added. "
            "Nothing was stored.",
            "consent",
        )


def record_photo_consent(
    db: Database,
    patient_id: int,
    status: str,
    *,
    actor: int | None = None,
    uses: dict[str, bool] | None = None,
    note: str = "",
) -> PhotoConsentAnswer:
    """Append the patient's answer (audited ``change``)."""
    if status not in STATUSES:
        raise InvalidInput(f"Photo consent is one of {', '.join(STATUSES)}.", "consent")
    unknown = set(uses or {}) - set(USES)
    if unknown:
        raise InvalidInput(f"Unknown photo uses: {', '.join(sorted(unknown))}.", "consent")
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        row = PhotoConsent(
            patient_id=patient_id, status=status, uses=dict(uses or {}), recorded_by_id=actor,
            note=note,
        )
        session.add(row)
        session.flush()
        changes: dict[str, Any] = {"photo_consent": status, "uses": dict(uses or {})}
        audit.record(
            session,
            "change",
            "photo_consent",
            row.id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Photo consent of patient {patient_id}: {status}",
            changes=changes,
        )
        return PhotoConsentAnswer(row.status, row.recorded_at, dict(row.uses))
