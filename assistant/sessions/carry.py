"""Settings carried forward: a new session starts from the patient's last signed session.

Its zones (with depth, passes and speed), its device and its serums come across; never its
cartridge or any lot (those are new each time), nor what was observed (endpoint, notes,
reactions). ``CarriedSettings`` is what was carried, kept beside the form so every value can
say "as last time", or show the previous value beside a changed one (``compare``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.sessions.limits import DEFAULT_PASSES, default_depth
from assistant.sessions.record import SIGNED, DeviceLimits, ProductEntry, SessionDraft, ZoneEntry
from assistant.sessions.store import _record_of
from assistant.storage.db import Database
from assistant.storage.models import Device, Product, TreatmentSession
from assistant.text.i18n import _


@dataclass(frozen=True)
class CarriedSettings:
    """What a new session took over from the signed session ``session_id``."""

    session_id: int
    treated_at: datetime
    device_id: int | None
    zones: tuple[ZoneEntry, ...]
    products: tuple[ProductEntry, ...]  # without lot or expiry

    def zone(self, zone_id: str) -> ZoneEntry | None:
        return next((z for z in self.zones if z.zone == zone_id), None)


@dataclass(frozen=True)
class CarriedValue:
    """One value of the form beside the one carried: same, or changed from ``previous``."""

    what: str  # "device", "zone", "product"
    key: str  # zone id, product name, "" for the device
    previous: str  # the value last time, as text ("" when there was none)
    current: str  # the value now, as text ("" when removed)

    @property
    def unchanged(self) -> bool:
        return self.previous == self.current


def last_signed_in(
    session: Session,
    patient_id: int,
    exclude_id: int | None = None,
    before: datetime | None = None,
) -> CarriedSettings | None:
    """The settings of the patient's latest signed session (amendments applied), or None."""
    stmt = select(TreatmentSession).where(
        TreatmentSession.patient_id == patient_id, TreatmentSession.state == SIGNED
    )
    if exclude_id is not None:
        stmt = stmt.where(TreatmentSession.id != exclude_id)
    if before is not None:
        stmt = stmt.where(TreatmentSession.treated_at <= before)
    row = session.scalar(
        stmt.order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc()).limit(1)
    )
    if row is None:
        return None
    draft = _record_of(session, row).effective
    device = session.get(Device, draft.device_id) if draft.device_id else None
    active_products = {
        p.id for p in session.scalars(select(Product).where(Product.active.is_(True)))
    }
    return CarriedSettings(
        session_id=row.id,
        treated_at=draft.treated_at,
        device_id=device.id if device is not None and device.active else None,
        zones=tuple(ZoneEntry(z.zone, z.depth_mm, z.passes, z.speed) for z in draft.zones),
        products=tuple(
            ProductEntry(p.product_id, p.product_name, p.kind)
            for p in draft.products
            if p.product_id in active_products
        ),
    )


def last_signed_settings(db: Database, patient_id: int) -> CarriedSettings | None:
    with db.session() as session:
        return last_signed_in(session, patient_id)


def carry_forward(
    draft: SessionDraft,
    carried: CarriedSettings | None,
    zones: Sequence[str],
    limits: DeviceLimits | None = None,
) -> SessionDraft:
    """The new draft: the planned zones, each as last time when it was treated then (else
    at the shallow end of its range), the device and serums of last time; no cartridge or
    lot is ever carried."""
    limits = limits or DeviceLimits.default()
    entries = []
    for zone in zones:
        before = carried.zone(zone) if carried is not None else None
        if before is not None:
            entries.append(ZoneEntry(zone, before.depth_mm, before.passes, before.speed))
        else:
            entries.append(ZoneEntry(zone, default_depth(zone, limits), DEFAULT_PASSES))
    if carried is None:
        return replace(draft, zones=tuple(entries))
    return replace(
        draft,
        zones=tuple(entries),
        device_id=draft.device_id or carried.device_id,
        products=draft.products or carried.products,
    )


def _zone_text(entry: ZoneEntry) -> str:
    # shown on the form only ("From last time"): the screen's decimal sign
    from assistant.text.screen_dates import screen_mm

    depth = screen_mm(entry.depth_mm)
    if entry.speed:
        return _("{depth} mm × {passes}, speed {speed}").format(
            depth=depth, passes=entry.passes, speed=entry.speed
        )
    return f"{depth} mm × {entry.passes}"


def compare(
    draft: SessionDraft,
    carried: CarriedSettings,
    device_names: dict[int, str],
) -> list[CarriedValue]:
    """Each carried value beside the form's value now (zones in the draft's order)."""
    values = []
    if carried.device_id is not None:
        values.append(
            CarriedValue(
                "device",
                "",
                device_names.get(carried.device_id, ""),
                device_names.get(draft.device_id or 0, ""),
            )
        )
    now = {z.zone: z for z in draft.zones}
    for entry in carried.zones:
        current = now.get(entry.zone)
        values.append(
            CarriedValue(
                "zone",
                entry.zone,
                _zone_text(entry),
                _zone_text(replace(current, endpoint="none", notes="")) if current else "",
            )
        )
    used = {p.product_name for p in draft.products}
    for product in carried.products:
        name = product.product_name
        values.append(CarriedValue("product", name, name, name if name in used else ""))
    return values
