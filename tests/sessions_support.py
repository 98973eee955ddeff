"""A small clinic for the session tests: one practitioner, a full-range and a narrowed device,
a valid and an expired cartridge, a glide with a lot, and patients with no history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from assistant.clinic import store as clinic
from assistant.patients.store import PatientDetails, create_patient
from assistant.sessions import ProductEntry, SessionDraft, ZoneEntry
from assistant.storage.db import Database

TREATED = datetime(2026, 11, 17, 10, 30)


@dataclass(frozen=True)
class Clinic:
    practitioner: int
    device: int  # 0.1–3.0 mm
    narrow_device: int  # 0.25–2.5 mm
    cartridge: clinic.CartridgeInfo
    expired_cartridge: clinic.CartridgeInfo
    glide: clinic.ProductInfo


def make_clinic(db: Database) -> Clinic:
    practitioner = clinic.save_practitioner(db, "Dr Naomi Clarke", "GMC 7012345")
    device = clinic.save_device(db, "Dermapen", "4", "DP4-1", 0.1, 3.0)
    narrow = clinic.save_device(db, "SkinPen", "Precision", "SP-1", 0.25, 2.5)
    cartridge = clinic.save_cartridge(
        db, "Dermapen 4 cartridge", "16", "DP16-2611A", date(2027, 6, 30)
    )
    expired = clinic.save_cartridge(db, "Old cartridge", "12", "OLD-0001", date(2026, 11, 1))
    glide = clinic.save_product(db, "Hyaluronic acid 1.5%", "glide")
    clinic.add_product_lot(db, glide.id, "HA-2604", date(2027, 3, 1))
    glide = next(p for p in clinic.list_products(db) if p.id == glide.id)
    return Clinic(practitioner.id, device.id, narrow.id, cartridge, expired, glide)


def make_patient(
    db: Database, first: str = "Amara", last: str = "Okafor", fitzpatrick: int | None = 2
) -> int:
    details = PatientDetails(
        first_name=first,
        last_name=last,
        date_of_birth=date(1988, 4, 12),
        phone="07700 900123",
        fitzpatrick=fitzpatrick,
    )
    return create_patient(db, details, actor=None).id


def complete_draft(
    c: Clinic,
    treated_at: datetime = TREATED,
    zones: tuple[ZoneEntry, ...] | None = None,
    **changes: object,
) -> SessionDraft:
    draft = SessionDraft(
        treated_at=treated_at,
        practitioner_id=c.practitioner,
        device_id=c.device,
        cartridge_id=c.cartridge.id,
        cartridge_needles=c.cartridge.needle_count,
        cartridge_lot=c.cartridge.lot_number,
        cartridge_expiry=c.cartridge.expiry_date,
        anaesthetic_product="LMX4 lidocaine cream",
        anaesthetic_strength="4%",
        anaesthetic_minutes=30,
        consent_on_file=True,
        consent_date=treated_at.date(),
        photos_taken=True,
        tolerance=3,
        zones=zones
        if zones is not None
        else (
            ZoneEntry("forehead", 0.5, 2, "8", "erythema"),
            ZoneEntry("cheeks", 1.5, 3, "8", "pinpoint_bleeding"),
        ),
        products=(ProductEntry(c.glide.id, c.glide.name, "glide", "HA-2604", date(2027, 3, 1)),),
    )
    return replace(draft, **changes)  # type: ignore[arg-type]
