"""The clinic's own records: profile, practitioners, devices, cartridge lots, products."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from assistant import reference
from assistant.access import auth
from assistant.audit import trail as audit
from assistant.clinic.practitioner_info import PractitionerInfo
from assistant.clinic.profile import ClinicProfile
from assistant.errors import InvalidInput, NotFound, StaleRecord
from assistant.storage.db import Database
from assistant.storage.models import Cartridge, Clinic, Device, Practitioner, Product, ProductLot
from assistant.text.i18n import _
from assistant.text.safety import check_one_line

T = TypeVar("T", Practitioner, Device, Cartridge, Product, ProductLot)

PAPER_SIZES = ("A4", "Letter")
PRODUCT_KINDS = ("serum", "glide", "anaesthetic", "post_care", "prp")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


@dataclass(frozen=True)
class DeviceInfo:
    id: int
    make: str
    model: str
    serial: str
    min_depth_mm: float
    max_depth_mm: float
    active: bool
    profile: str | None = None

    @property
    def label(self) -> str:
        serial = f" (serial {self.serial})" if self.serial else ""
        return f"{self.make} {self.model}{serial}"


@dataclass(frozen=True)
class CartridgeInfo:
    id: int
    name: str
    needle_count: str
    lot_number: str
    expiry_date: date
    active: bool

    @property
    def label(self) -> str:
        return f"{self.name}, {self.needle_count} needles, lot {self.lot_number}"


@dataclass(frozen=True)
class LotInfo:
    id: int
    lot_number: str
    expiry_date: date | None


@dataclass(frozen=True)
class ProductInfo:
    id: int
    name: str
    kind: str
    strength: str
    active: bool
    lots: tuple[LotInfo, ...]


# -- clinic profile ---------------------------------------------------------------------------


def get_clinic(db: Database) -> ClinicProfile:
    with db.session() as session:
        row = session.scalars(select(Clinic).order_by(Clinic.id)).first()
        return ClinicProfile() if row is None else get_clinic_from_row(row)


def validate_clinic(profile: ClinicProfile) -> None:
    if not profile.name.strip():
        raise InvalidInput(_("Enter the clinic's name."), "name")
    if profile.paper_size not in PAPER_SIZES:
        raise InvalidInput(_("Paper size must be A4 or Letter."), "paper_size")
    if profile.logo_path:
        logo = Path(profile.logo_path)
        if not logo.is_file():
            raise InvalidInput(
                _("The logo file {logo} does not exist.").format(logo=logo), "logo_path"
            )
        if logo.suffix.lower() not in IMAGE_SUFFIXES:
            raise InvalidInput(
                _("The logo {name} is not a PNG, JPEG, GIF or BMP image.").format(name=logo.name),
                "logo_path",
            )


def _values(profile: ClinicProfile) -> dict[str, object]:
    values = asdict(profile)
    del values["version"]
    return values


def save_clinic(db: Database, profile: ClinicProfile, actor: int | None) -> ClinicProfile:
    """Save the profile; a profile read (``get_clinic``) before someone else saved theirs is
    refused with ``StaleRecord`` holding the profile as saved now."""
    validate_clinic(profile)
    try:
        return _save_clinic(db, profile, actor)
    except StaleDataError:
        raise StaleRecord(
            "The clinic profile was saved by someone else while you were editing; compare the "
            "two versions and keep one or merge them.",
            get_clinic(db),
        ) from None


def _save_clinic(db: Database, profile: ClinicProfile, actor: int | None) -> ClinicProfile:
    with db.session() as session:
        row = session.scalars(select(Clinic).order_by(Clinic.id)).first()
        if row is not None and profile.version and row.version != profile.version:
            raise StaleDataError("stale copy")
        before = _values(get_clinic_from_row(row)) if row else {}
        if row is None:
            row = Clinic()
            session.add(row)
        for key, value in _values(profile).items():
            setattr(row, key, value)
        session.flush()
        changes = audit.diff(before, _values(profile))
        if changes:
            audit.record(
                session,
                "change" if before else "create",
                "clinic",
                row.id,
                actor=actor,
                summary="Clinic profile saved",
                changes=changes,
            )
        session.flush()
        saved = replace(profile, version=row.version)
    return saved


def get_clinic_from_row(row: Clinic) -> ClinicProfile:
    return ClinicProfile(
        name=row.name,
        address=row.address,
        phone=row.phone,
        out_of_hours_phone=row.out_of_hours_phone,
        email=row.email,
        logo_path=row.logo_path,
        paper_size=row.paper_size,
        version=row.version,
    )


# -- practitioners ----------------------------------------------------------------------------


def _practitioner_info(row: Practitioner) -> PractitionerInfo:
    return PractitionerInfo(row.id, row.name, row.credentials, row.active, row.pin_hash is not None)


def list_practitioners(db: Database, include_inactive: bool = False) -> list[PractitionerInfo]:
    with db.session() as session:
        stmt = select(Practitioner).order_by(Practitioner.name)
        if not include_inactive:
            stmt = stmt.where(Practitioner.active.is_(True))
        return [_practitioner_info(r) for r in session.scalars(stmt)]


def save_practitioner(
    db: Database,
    name: str,
    credentials: str = "",
    actor: int | None = None,
    practitioner_id: int | None = None,
    active: bool = True,
) -> PractitionerInfo:
    if not name.strip():
        raise InvalidInput(_("Enter the practitioner's name."), "name")
    check_one_line(name, "name", "The practitioner's name")
    check_one_line(credentials, "credentials", "The credentials")
    with db.session() as session:
        info = _practitioner_info(
            _upsert(
                session,
                Practitioner,
                practitioner_id,
                {"name": name.strip(), "credentials": credentials.strip(), "active": active},
                actor,
                "practitioner",
            )
        )
    # An encrypted database's key file follows: a practitioner made inactive loses their copy
    # of the key; a new name is shown at sign-in.
    if not info.active:
        auth.forget_key_copy(db, info.id)
    else:
        auth.rename_key_copy(db, info.id, info.name)
    return info


# -- devices and consumables ------------------------------------------------------------------


def validate_device(make: str, model: str, min_depth: float, max_depth: float) -> None:
    limits = reference.limits()
    if not make.strip() or not model.strip():
        raise InvalidInput(_("Enter the device's make and model."), "model")
    if not limits.depth_min_mm <= min_depth < max_depth <= limits.depth_max_mm:
        raise InvalidInput(
            _(
                "A device's depth limits must lie within {depth_min_mm}–{depth_max_mm} mm, "
                "the smallest below the largest."
            ).format(depth_min_mm=limits.depth_min_mm, depth_max_mm=limits.depth_max_mm),
            "max_depth_mm",
        )


def save_device(
    db: Database,
    make: str,
    model: str,
    serial: str = "",
    min_depth_mm: float = 0.1,
    max_depth_mm: float = 3.0,
    actor: int | None = None,
    device_id: int | None = None,
    active: bool = True,
    profile: str | None = None,
) -> DeviceInfo:
    validate_device(make, model, min_depth_mm, max_depth_mm)
    if profile is not None:
        shipped = reference.device_profile(profile, "profile")
        low, high = shipped.min_depth_mm - 1e-9, shipped.max_depth_mm + 1e-9
        if not low <= min_depth_mm < max_depth_mm <= high:
            raise InvalidInput(
                _(
                    "{device} allows {low}–{high} mm; the device's limits must lie within them."
                ).format(
                    device=shipped.label,
                    low=reference.format_mm(shipped.min_depth_mm),
                    high=reference.format_mm(shipped.max_depth_mm),
                ),
                "max_depth_mm",
            )
    values = {
        "make": make.strip(),
        "model": model.strip(),
        "serial": serial.strip(),
        "min_depth_mm": min_depth_mm,
        "max_depth_mm": max_depth_mm,
        "active": active,
        "profile": profile,
    }
    with db.session() as session:
        row = _upsert(session, Device, device_id, values, actor, "device")
        return _device_info(row)


def _device_info(row: Device) -> DeviceInfo:
    return DeviceInfo(
        row.id,
        row.make,
        row.model,
        row.serial,
        row.min_depth_mm,
        row.max_depth_mm,
        row.active,
        row.profile,
    )


def list_devices(db: Database, include_inactive: bool = False) -> list[DeviceInfo]:
    with db.session() as session:
        stmt = select(Device).order_by(Device.make, Device.model)
        if not include_inactive:
            stmt = stmt.where(Device.active.is_(True))
        return [_device_info(r) for r in session.scalars(stmt)]


def get_device(db: Database, device_id: int) -> DeviceInfo:
    with db.session() as session:
        row = session.get(Device, device_id)
        if row is None:
            raise NotFound(f"There is no device with id {device_id}.")
        return _device_info(row)


def save_cartridge(
    db: Database,
    name: str,
    needle_count: str,
    lot_number: str,
    expiry_date: date,
    actor: int | None = None,
    cartridge_id: int | None = None,
    active: bool = True,
) -> CartridgeInfo:
    if needle_count not in reference.needle_counts():
        raise InvalidInput(
            _("Needle count must be one of {counts}.").format(
                counts=", ".join(reference.needle_counts())
            ),
            "needle_count",
        )
    if not lot_number.strip():
        raise InvalidInput(_("Enter the cartridge lot number."), "lot_number")
    values = {
        "name": name.strip() or "Cartridge",
        "needle_count": needle_count,
        "lot_number": lot_number.strip(),
        "expiry_date": expiry_date,
        "active": active,
    }
    with db.session() as session:
        return _cartridge_info(
            _upsert(session, Cartridge, cartridge_id, values, actor, "cartridge")
        )


def _cartridge_info(row: Cartridge) -> CartridgeInfo:
    return CartridgeInfo(
        row.id, row.name, row.needle_count, row.lot_number, row.expiry_date, row.active
    )


def list_cartridges(db: Database, include_inactive: bool = False) -> list[CartridgeInfo]:
    with db.session() as session:
        stmt = select(Cartridge).order_by(Cartridge.expiry_date)
        if not include_inactive:
            stmt = stmt.where(Cartridge.active.is_(True))
        return [_cartridge_info(r) for r in session.scalars(stmt)]


def save_product(
    db: Database,
    name: str,
    kind: str,
    strength: str = "",
    actor: int | None = None,
    product_id: int | None = None,
    active: bool = True,
) -> ProductInfo:
    if not name.strip():
        raise InvalidInput(_("Enter the product's name."), "name")
    if kind not in PRODUCT_KINDS:
        raise InvalidInput(
            _("Product kind must be one of {kinds}.").format(kinds=", ".join(PRODUCT_KINDS)),
            "kind",
        )
    values = {"name": name.strip(), "kind": kind, "strength": strength.strip(), "active": active}
    with db.session() as session:
        return _product_info(_upsert(session, Product, product_id, values, actor, "product"))


def add_product_lot(
    db: Database,
    product_id: int,
    lot_number: str,
    expiry_date: date | None,
    actor: int | None = None,
) -> LotInfo:
    if not lot_number.strip():
        raise InvalidInput(_("Enter the lot number."), "lot_number")
    with db.session() as session:
        if session.get(Product, product_id) is None:
            raise NotFound(f"There is no product with id {product_id}.")
        values = {
            "product_id": product_id,
            "lot_number": lot_number.strip(),
            "expiry_date": expiry_date,
        }
        row = _upsert(session, ProductLot, None, values, actor, "product_lot")
        return LotInfo(row.id, row.lot_number, row.expiry_date)


def _product_info(row: Product) -> ProductInfo:
    lots = tuple(
        LotInfo(lot.id, lot.lot_number, lot.expiry_date)
        for lot in sorted(row.lots, key=lambda lot: lot.id)
    )
    return ProductInfo(row.id, row.name, row.kind, row.strength, row.active, lots)


def list_products(
    db: Database, kinds: Sequence[str] | None = None, include_inactive: bool = False
) -> list[ProductInfo]:
    with db.session() as session:
        stmt = select(Product).order_by(Product.kind, Product.name)
        if kinds:
            stmt = stmt.where(Product.kind.in_(list(kinds)))
        if not include_inactive:
            stmt = stmt.where(Product.active.is_(True))
        return [_product_info(r) for r in session.scalars(stmt)]


def _upsert(
    session: Session,
    model: type[T],
    row_id: int | None,
    values: dict[str, object],
    actor: int | None,
    entity: str,
) -> T:
    """Insert a row, or update the one with ``row_id``; audit either way."""
    if row_id is None:
        row = model(**values)
        session.add(row)
        session.flush()
        audit.record(
            session,
            "create",
            entity,
            row.id,
            actor=actor,
            summary=f"Added {entity}",
            changes={k: [None, v] for k, v in values.items()},
        )
        return row
    existing = session.get(model, row_id)
    if existing is None:
        raise NotFound(f"There is no {entity} with id {row_id}.")
    before = {k: getattr(existing, k) for k in values}
    for key, value in values.items():
        setattr(existing, key, value)
    session.flush()
    changes = audit.diff(before, values)
    if changes:
        audit.record(
            session,
            "change",
            entity,
            existing.id,
            actor=actor,
            summary=f"Changed {entity} {existing.id}",
            changes=changes,
        )
    return existing
