"""Receiving a box into stock, and the steps every change to the stock shares (a movement
with its audit row, what is on hand, lots by number).

Each operation is one transaction with its audit rows. A received lot is linked to the row
the session form chooses from (a ``cartridge`` lot, or a ``product`` and its
``product_lot``), so what is received is what the practitioner picks at the chair.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.audit import trail as audit
from assistant.errors import InvalidInput
from assistant.settings import DEFAULTS
from assistant.stock.gs1 import read_code
from assistant.stock.tables import StockItem, StockLot, StockMovement
from assistant.storage.db import Database
from assistant.storage.models import Cartridge, Product, ProductLot
from assistant.text.i18n import _
from assistant.text.safety import check_one_line
from assistant.text.screen_dates import screen_long_date

KINDS = ("cartridge", "product")
REASONS = ("received", "used", "amended", "counted", "discarded", "recalled")
PRODUCT_KINDS = ("serum", "glide", "prp")  # the products a session records with their lot
MAX_UNITS = 100_000


@dataclass(frozen=True)
class NewItem:
    """What Chairside asks once about a GTIN it has not received before."""

    name: str
    kind: str  # cartridge, product
    needle_count: str = ""
    size: str = ""
    units_per_box: int = 1
    reorder_level: int | None = None  # None: the clinic's default
    product_kind: str = "serum"


@dataclass(frozen=True)
class ReceivedLot:
    """A lot after a box of it was received."""

    gtin: str
    lot: str
    expiry: date
    serial: str
    on_hand: int
    name: str
    kind: str
    lot_id: int
    added: int
    warning: str = ""  # expiring within the clinic's warning period

    def to_json(self) -> dict[str, object]:
        return {
            "gtin": self.gtin,
            "lot": self.lot,
            "expiry": self.expiry.isoformat(),
            "serial": self.serial or None,
            "on_hand": self.on_hand,
            "name": self.name,
            "kind": self.kind,
            "added": self.added,
            "warning": self.warning or None,
        }


# --------------------------------------------------------------------------- shared steps


def on_hand_in(session: Session, lot_id: int) -> int:
    """Units of the lot on hand: the sum of its movements."""
    total = session.scalar(
        select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(
            StockMovement.lot_id == lot_id
        )
    )
    return int(total or 0)


def move_in(
    session: Session,
    lot: StockLot,
    quantity: int,
    reason: str,
    actor: int | None,
    *,
    session_id: int | None = None,
    patient_id: int | None = None,
    note: str = "",
) -> int:
    """Add a movement of ``quantity`` units with its audit row; returns the new on hand."""
    if reason not in REASONS:
        raise ValueError(f"unknown stock movement {reason!r}")
    before = on_hand_in(session, lot.id)
    session.add(
        StockMovement(
            lot_id=lot.id,
            quantity=quantity,
            reason=reason,
            practitioner_id=actor,
            session_id=session_id,
            note=note,
        )
    )
    session.flush()
    after = before + quantity
    where = f" (session {session_id})" if session_id is not None else ""
    audit.record(
        session,
        "change",
        "stock_lot",
        lot.id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Stock {reason}: {quantity:+d} of {lot.item.name} lot {lot.lot_number}{where}; "
        f"on hand {after}",
        changes={"on_hand": [before, after], "reason": reason, "session_id": session_id},
    )
    return after


def normal_lot(lot: str) -> str:
    return lot.strip().upper()


def lots_numbered(session: Session, lot: str) -> list[StockLot]:
    """Every stock lot with this lot number (case and surrounding spaces ignored)."""
    wanted = normal_lot(lot)
    return list(
        session.scalars(
            select(StockLot)
            .where(func.upper(func.trim(StockLot.lot_number)) == wanted)
            .order_by(StockLot.id)
        )
    )


def expiry_warning(lot: str, expiry: date, today: date, warn_days: int) -> str:
    """The warning for a lot expiring within ``warn_days`` ("" when it is not)."""
    if today <= expiry <= today + timedelta(days=warn_days):
        return _("Lot {lot} expires on {expiry}, within {days} days.").format(
            lot=lot, expiry=screen_long_date(expiry), days=warn_days
        )
    return ""


# --------------------------------------------------------------------------- receiving


def _check_new_item(details: NewItem) -> NewItem:
    name = " ".join(details.name.split())
    if not name:
        raise InvalidInput(
            _("This product has not been received before: give its name and kind."), "name"
        )
    check_one_line(name, "name", _("The product's name"))
    if details.kind not in KINDS:
        raise InvalidInput(_("The kind must be {kinds}.").format(kinds=" or ".join(KINDS)), "kind")
    if details.needle_count and details.needle_count not in reference.needle_counts():
        raise InvalidInput(
            _("Needle count must be one of {counts}.").format(
                counts=", ".join(reference.needle_counts())
            ),
            "needle_count",
        )
    if not 1 <= details.units_per_box <= MAX_UNITS:
        raise InvalidInput(_("A box holds at least one unit."), "units_per_box")
    if details.reorder_level is not None and not 0 <= details.reorder_level <= MAX_UNITS:
        raise InvalidInput(_("The reorder level is a number of units, 0 or more."), "reorder")
    if details.product_kind not in PRODUCT_KINDS:
        raise InvalidInput(
            _("Product kind must be one of {kinds}.").format(kinds=", ".join(PRODUCT_KINDS)),
            "product_kind",
        )
    check_one_line(details.size, "size", _("The size"))
    return NewItem(
        name,
        details.kind,
        details.needle_count if details.kind == "cartridge" else "",
        details.size.strip()[:50],
        details.units_per_box,
        details.reorder_level,
        details.product_kind,
    )


def _new_item_in(session: Session, gtin: str, details: NewItem, actor: int | None) -> StockItem:
    details = _check_new_item(details)
    product_id = None
    if details.kind == "product":
        # A product already on the clinic's list under this name is the one received.
        product = session.scalars(
            select(Product).where(func.lower(Product.name) == details.name.lower())
        ).first()
        if product is None:
            product = Product(name=details.name, kind=details.product_kind, strength="")
            session.add(product)
            session.flush()
            audit.record(
                session, "create", "product", product.id, actor=actor,
                summary=f"Added product {product.name} (received in stock)",
            )  # fmt: skip
        product_id = product.id
    reorder = details.reorder_level
    item = StockItem(
        gtin=gtin,
        name=details.name,
        kind=details.kind,
        needle_count=details.needle_count,
        size=details.size,
        units_per_box=details.units_per_box,
        reorder_level=reorder if reorder is not None else int(DEFAULTS["stock_reorder_level"]),
        product_id=product_id,
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        "create",
        "stock_item",
        item.id,
        actor=actor,
        summary=f"Added {item.kind} {item.name} (GTIN {gtin}) to stock",
    )
    return item


def _new_lot_in(
    session: Session, item: StockItem, lot_number: str, expiry: date, actor: int | None
) -> StockLot:
    lot = StockLot(item_id=item.id, lot_number=lot_number, expiry_date=expiry, serials=[])
    if item.kind == "cartridge":
        cartridge = Cartridge(
            name=item.name,
            needle_count=item.needle_count,
            lot_number=lot_number,
            expiry_date=expiry,
            active=True,
        )
        session.add(cartridge)
        session.flush()
        audit.record(
            session, "create", "cartridge", cartridge.id, actor=actor,
            summary=f"Added cartridge lot {lot_number} (received in stock)",
        )  # fmt: skip
        lot.cartridge_id = cartridge.id
    elif item.product_id is not None:
        product_lot = session.scalars(
            select(ProductLot).where(
                ProductLot.product_id == item.product_id,
                func.upper(func.trim(ProductLot.lot_number)) == normal_lot(lot_number),
            )
        ).first()
        if product_lot is None:
            product_lot = ProductLot(
                product_id=item.product_id, lot_number=lot_number, expiry_date=expiry
            )
            session.add(product_lot)
            session.flush()
            audit.record(
                session, "create", "product_lot", product_lot.id, actor=actor,
                summary=f"Added product lot {lot_number} (received in stock)",
            )  # fmt: skip
        lot.product_lot_id = product_lot.id
    session.add(lot)
    session.flush()
    audit.record(
        session,
        "create",
        "stock_lot",
        lot.id,
        actor=actor,
        summary=f"Received a new lot {lot_number} of {item.name}, expiring {expiry.isoformat()}",
    )
    return lot


def item_for_gtin(db: Database, gtin: str) -> tuple[str, str] | None:
    """The name and kind of the item with this GTIN, or None when it was never received."""
    with db.session() as session:
        item = session.scalars(select(StockItem).where(StockItem.gtin == gtin)).first()
        return (item.name, item.kind) if item is not None else None


def receive_box(
    db: Database,
    code: str,
    actor: int | None,
    *,
    quantity: int = 1,
    details: NewItem | None = None,
    today: date | None = None,
    warn_days: int | None = None,
) -> ReceivedLot:
    """Receive ``quantity`` boxes of what the GS1 ``code`` names: each adds the item's units
    per box. An expired lot is refused; one expiring within ``warn_days`` is received with
    a warning. A GTIN never received before needs ``details`` (its name and kind), asked
    once; a serial already received is refused as the same box scanned twice."""
    box = read_code(code)
    today = today or date.today()
    days = int(DEFAULTS["stock_expiry_warning_days"]) if warn_days is None else warn_days
    if not 1 <= quantity <= MAX_UNITS:
        raise InvalidInput(_("The quantity is a number of boxes, 1 or more."), "quantity")
    if box.expiry < today:
        raise InvalidInput(
            _("Lot {lot} expired on {expiry}: an expired box is not received.").format(
                lot=box.lot, expiry=screen_long_date(box.expiry)
            ),
            "expiry",
        )
    with db.session() as session:
        item = session.scalars(select(StockItem).where(StockItem.gtin == box.gtin)).first()
        if item is None:
            if details is None:
                raise InvalidInput(
                    _(
                        "GTIN {gtin} has not been received before: give its name and kind "
                        "(cartridge or product)."
                    ).format(gtin=box.gtin),
                    "name",
                )
            item = _new_item_in(session, box.gtin, details, actor)
        lot = next((x for x in item.lots if normal_lot(x.lot_number) == normal_lot(box.lot)), None)
        if lot is None:
            lot = _new_lot_in(session, item, box.lot, box.expiry, actor)
        elif lot.expiry_date != box.expiry:
            raise InvalidInput(
                _(
                    "Lot {lot} was received before with the expiry {stored}; this box says "
                    "{scanned}. Check the box."
                ).format(
                    lot=lot.lot_number,
                    stored=screen_long_date(lot.expiry_date),
                    scanned=screen_long_date(box.expiry),
                ),
                "expiry",
            )
        if lot.recalled_at is not None:
            raise InvalidInput(
                _("Lot {lot} was recalled by its maker: it is not received.").format(
                    lot=lot.lot_number
                ),
                "lot",
            )
        if box.serial:
            if box.serial in (lot.serials or []):
                raise InvalidInput(
                    _("The box with serial {serial} was received already.").format(
                        serial=box.serial
                    ),
                    "serial",
                )
            lot.serials = [*(lot.serials or []), box.serial]
        added = quantity * item.units_per_box
        note = f"serial {box.serial}" if box.serial else ""
        on_hand = move_in(session, lot, added, "received", actor, note=note)
        return ReceivedLot(
            gtin=item.gtin,
            lot=lot.lot_number,
            expiry=lot.expiry_date,
            serial=box.serial,
            on_hand=on_hand,
            name=item.name,
            kind=item.kind,
            lot_id=lot.id,
            added=added,
            warning=expiry_warning(lot.lot_number, lot.expiry_date, today, days),
        )
