"""The patient's photo consent, as far as photos need it.

Two records answer it, and the newer one applies: the photo part of the consent the patient
signed (``assistant.consent``: own record, training without the face, marketing, and its
withdrawal from a date) and an answer recorded on its own (a ``photo_consent`` row: given,
refused or withdrawn). Photos for the clinical record are part of care, so a patient with no
answer recorded may be photographed; after a refusal or a withdrawal, adding photos is
refused (``check_photos_allowed``, the one hook the import calls).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.errors import InvalidInput, NotFound
from assistant.storage.db import Database
from assistant.storage.models import Consent, ConsentWithdrawal, Patient, PhotoConsent
from assistant.text.i18n import _

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


def _from_signed_consent(
    session: Session, patient_id: int, today: date
) -> PhotoConsentAnswer | None:
    """The photo answer of the patient's newest signed consent, as of ``today``."""
    row = session.scalars(
        select(Consent)
        .where(Consent.patient_id == patient_id, Consent.signed_on <= today)
        .order_by(Consent.signed_at.desc(), Consent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    withdrawal = session.scalars(
        select(ConsentWithdrawal)
        .where(
            ConsentWithdrawal.consent_id == row.id,
            ConsentWithdrawal.scope == "photo",
            ConsentWithdrawal.withdrawn_on <= today,
        )
        .order_by(ConsentWithdrawal.withdrawn_on)
        .limit(1)
    ).first()
    uses = {"training_without_face": row.photo_training, "marketing": row.photo_marketing}
    if withdrawal is not None:
        return PhotoConsentAnswer(WITHDRAWN, withdrawal.recorded_at, uses)
    if not row.photo_own_record:
        return PhotoConsentAnswer(REFUSED, row.signed_at, uses)
    return PhotoConsentAnswer(GIVEN, row.signed_at, uses)


def current_photo_consent(
    session: Session, patient_id: int, today: date | None = None
) -> PhotoConsentAnswer | None:
    """The answer in force: the newer of the signed consent's and a separately recorded one."""
    row = session.scalars(
        select(PhotoConsent)
        .where(PhotoConsent.patient_id == patient_id)
        .order_by(PhotoConsent.recorded_at.desc(), PhotoConsent.id.desc())
        .limit(1)
    ).first()
    recorded = (
        None
        if row is None
        else PhotoConsentAnswer(row.status, row.recorded_at, dict(row.uses or {}))
    )
    signed = _from_signed_consent(session, patient_id, today or date.today())
    answers = [a for a in (recorded, signed) if a is not None]
    return max(answers, key=lambda a: a.recorded_at) if answers else None


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
        raise InvalidInput(
            _("Photo consent is one of {statuses}.").format(statuses=", ".join(STATUSES)), "consent"
        )
    unknown = set(uses or {}) - set(USES)
    if unknown:
        raise InvalidInput(
            _("Unknown photo uses: {uses}.").format(uses=", ".join(sorted(unknown))), "consent"
        )
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        row = PhotoConsent(
            patient_id=patient_id,
            status=status,
            uses=dict(uses or {}),
            recorded_by_id=actor,
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
