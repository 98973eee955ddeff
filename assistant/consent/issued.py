"""Issued consents as the rest of Chairside sees them: frozen records, read from the database,
and the guard that keeps an issued consent unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.consent.fingerprint import short_fingerprint
from assistant.errors import RecordLocked
from assistant.storage.models import Consent, ConsentTemplate, ConsentWithdrawal

TREATMENT_SCOPE = "treatment"
PHOTO_SCOPE = "photo"
SCOPES = (TREATMENT_SCOPE, PHOTO_SCOPE)

# What an erasure blanks; nothing else of an issued consent ever changes.
ERASABLE = frozenset(
    {
        "patient_name",
        "text",
        "patient_strokes",
        "patient_signature_png",
        "guardian_name",
        "guardian_relation",
        "guardian_strokes",
        "guardian_signature_png",
        "pdf",
        "erased_at",
    }
)


@dataclass(frozen=True)
class PhotoChoices:
    """The photo consent's separate yes/no answers."""

    own_record: bool = True
    training: bool = False
    marketing: bool = False

    def to_json(self) -> dict[str, bool]:
        return {
            "own_record": self.own_record,
            "training": self.training,
            "marketing": self.marketing,
        }


NO_PHOTOS = PhotoChoices(False, False, False)


@dataclass(frozen=True)
class WithdrawalEntry:
    id: int
    scope: str
    withdrawn_on: date
    recorded_at: datetime
    practitioner_id: int | None
    note: str


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    patient_id: int
    treatment: str
    template_key: str
    template_version: int
    photo_template_version: int
    patient_name: str
    areas: tuple[str, ...]  # zone ids
    device_id: int | None
    device_label: str
    photo: PhotoChoices
    guardian_name: str
    guardian_relation: str
    practitioner_id: int
    practitioner_name: str
    signed_at: datetime  # UTC
    signed_on: date  # local date
    content_sha256: str
    pdf_sha256: str
    erased: bool
    withdrawals: tuple[WithdrawalEntry, ...] = ()
    language: str = "en"  # the language the patient read and signed

    @property
    def short_fingerprint(self) -> str:
        return short_fingerprint(self.content_sha256)

    @property
    def area_names(self) -> tuple[str, ...]:
        return tuple(area_name(a) for a in self.areas)

    def withdrawn_on(self, scope: str) -> date | None:
        days = [w.withdrawn_on for w in self.withdrawals if w.scope == scope]
        return min(days) if days else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "patient_id": self.patient_id,
            "treatment": self.treatment,
            "template": self.template_key,
            "template_version": self.template_version,
            "language": self.language,
            "photo_template_version": self.photo_template_version,
            "patient_name": self.patient_name,
            "areas": list(self.areas),
            "device": self.device_label,
            "photo": self.photo.to_json(),
            "guardian_name": self.guardian_name,
            "guardian_relation": self.guardian_relation,
            "practitioner": self.practitioner_name,
            "signed_at": self.signed_at.isoformat(timespec="seconds"),
            "signed_on": self.signed_on.isoformat(),
            "fingerprint": self.content_sha256,
            "pdf_sha256": self.pdf_sha256,
            "erased": self.erased,
            "withdrawn": {
                scope: (day.isoformat() if (day := self.withdrawn_on(scope)) else None)
                for scope in SCOPES
            },
        }


def area_name(zone_id: str) -> str:
    zones = reference.zones()
    return zones[zone_id].name if zone_id in zones else zone_id


def withdrawals_in(session: Session, consent_id: int) -> tuple[WithdrawalEntry, ...]:
    rows = session.scalars(
        select(ConsentWithdrawal)
        .where(ConsentWithdrawal.consent_id == consent_id)
        .order_by(ConsentWithdrawal.id)
    )
    return tuple(
        WithdrawalEntry(r.id, r.scope, r.withdrawn_on, r.recorded_at, r.practitioner_id, r.note)
        for r in rows
    )


def record_of(session: Session, row: Consent) -> ConsentRecord:
    return ConsentRecord(
        id=row.id,
        patient_id=row.patient_id,
        treatment=row.treatment,
        template_key=row.template_key,
        template_version=row.template_version,
        photo_template_version=row.photo_template_version,
        patient_name=row.patient_name,
        areas=tuple(row.areas or ()),
        device_id=row.device_id,
        device_label=row.device_label,
        photo=PhotoChoices(row.photo_own_record, row.photo_training, row.photo_marketing),
        guardian_name=row.guardian_name,
        guardian_relation=row.guardian_relation,
        practitioner_id=row.practitioner_id,
        practitioner_name=row.practitioner_name,
        signed_at=row.signed_at,
        signed_on=row.signed_on,
        content_sha256=row.content_sha256,
        pdf_sha256=row.pdf_sha256,
        erased=row.erased_at is not None,
        withdrawals=withdrawals_in(session, row.id),
        language=row.language,
    )


@event.listens_for(Session, "before_flush")
def _keep_issued_consents(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.dirty):
        if isinstance(obj, ConsentTemplate) and session.is_modified(obj):
            raise RecordLocked("A consent form version never changes; save a new version.")
        if isinstance(obj, Consent) and session.is_modified(obj):
            state = inspect(obj)
            changed = {a.key for a in state.attrs if a.history.has_changes()}
            if "" in state.attrs.content_sha256.history.deleted:
                continue  # being issued: the fingerprints are filled in once
            if changed - ERASABLE or obj.erased_at is None:
                raise RecordLocked(f"Consent {obj.id} has been issued and cannot be changed.")
        if isinstance(obj, ConsentWithdrawal) and session.is_modified(obj):
            raise RecordLocked("A recorded withdrawal of consent cannot be changed.")
    for obj in list(session.deleted):
        if isinstance(obj, Consent | ConsentTemplate | ConsentWithdrawal):
            raise RecordLocked("Consent records are kept; they are never deleted.")
