"""Stock as the screens and the command line read it: the lots with what is on hand, the
warnings that matter (low, expiring, empty but still offered, recalled), a lot's history,
and what a code scanned at the chair names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from assistant.errors import NotFound
from assistant.settings import DEFAULTS
from assistant.stock.gs1 import read_code
from assistant.stock.tables import StockItem, StockLot, StockMovement
from assistant.storage.db import Database
from assistant.storage.models import Cartridge, Practitioner
from assistant.text.i18n import _
from assistant.text.screen_dates import screen_long_date


@dataclass(frozen=True)
class StockLine:
    """One lot of an item, with the item's totals."""

    item_id: int
    lot_id: int
    gtin: str
    name: str
    kind: str
    needle_count: str
    size: str
    units_per_box: int
    lot: str
    expiry: date
    on_hand: int
    item_on_hand: int
    reorder_level: int
    recalled: bool
    offered: bool  # still chosen from in the session form
    expired: bool
    expiring: bool

    @property
    def low(self) -> bool:
        return self.item_on_hand <= self.reorder_level

    def to_json(self) -> dict[str, object]:
        return {
            "gtin": self.gtin,
            "name": self.name,
            "kind": self.kind,
            "lot": self.lot,
            "expiry": self.expiry.isoformat(),
            "on_hand": self.on_hand,
            "reorder_level": self.reorder_level,
            "low": self.low,
            "item_on_hand": self.item_on_hand,
            "needle_count": self.needle_count or None,
            "recalled": self.recalled,
            "expired": self.expired,
        }


@dataclass(frozen=True)
class StockWarning:
    """Something about the stock the clinic should act on."""

    code: str  # low, expiring, expired, empty, recalled
    gtin: str
    name: str
    lot: str
    message: str
    expiry: date | None = None
    lot_id: int | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "gtin": self.gtin,
            "name": self.name,
            "lot": self.lot or None,
            "expiry": self.expiry.isoformat() if self.expiry else None,
            "message": self.message,
        }


@dataclass(frozen=True)
class StockMove:
    at: datetime
    practitioner: str
    quantity: int
    reason: str
    session_id: int | None
    note: str


@dataclass(frozen=True)
class ChairScan:
    """What a code scanned at the chair names, when it is in stock."""

    kind: str  # cartridge, product
    name: str
    lot: str
    expiry: date
    needle_count: str
    cartridge_id: int | None
    product_id: int | None
    recalled: bool
    on_hand: int


def _warn_days(warn_days: int | None) -> int:
    return int(DEFAULTS["stock_expiry_warning_days"]) if warn_days is None else warn_days


def stock_lines(db: Database, today: date, warn_days: int | None = None) -> list[StockLine]:
    """Every lot with units on hand (or not zero), and for an item with none, its newest lot:
    by kind, name and expiry."""
    days = _warn_days(warn_days)
    with db.session() as session:
        totals = dict(
            session.execute(
                select(StockMovement.lot_id, func.sum(StockMovement.quantity)).group_by(
                    StockMovement.lot_id
                )
            ).all()
        )
        active = {
            cartridge_id
            for (cartridge_id,) in session.execute(
                select(Cartridge.id).where(Cartridge.active.is_(True))
            )
        }
        rows = session.execute(
            select(StockItem, StockLot)
            .join(StockLot, StockLot.item_id == StockItem.id)
            .order_by(StockItem.kind, StockItem.name, StockLot.expiry_date, StockLot.id)
        ).all()
        by_item: dict[int, list[StockLot]] = defaultdict(list)
        items: dict[int, StockItem] = {}
        for item, lot in rows:
            items[item.id] = item
            by_item[item.id].append(lot)
        lines = []
        for item_id, lots in by_item.items():
            item = items[item_id]
            item_total = sum(int(totals.get(lot.id) or 0) for lot in lots)
            shown = [lot for lot in lots if int(totals.get(lot.id) or 0) != 0]
            if not shown:
                shown = [max(lots, key=lambda lot: lot.id)]
            for lot in shown:
                offered = (
                    lot.cartridge_id in active
                    if lot.cartridge_id is not None
                    else lot.product_lot_id is not None and lot.recalled_at is None
                )
                lines.append(
                    StockLine(
                        item.id, lot.id, item.gtin, item.name, item.kind, item.needle_count,
                        item.size, item.units_per_box, lot.lot_number, lot.expiry_date,
                        int(totals.get(lot.id) or 0), item_total, item.reorder_level,
                        lot.recalled_at is not None, offered, lot.expiry_date < today,
                        today <= lot.expiry_date <= today + timedelta(days=days),
                    )
                )  # fmt: skip
        return lines


def list_stock(
    db: Database,
    today: date,
    *,
    low: bool = False,
    expiring_days: int | None = None,
    warn_days: int | None = None,
) -> list[StockLine]:
    """``stock_lines``, only the items at or below their reorder level (``low``) and only
    the lots on hand expiring within ``expiring_days`` (expired ones included)."""
    lines = stock_lines(db, today, warn_days)
    if low:
        lines = [line for line in lines if line.low]
    if expiring_days is not None:
        until = today + timedelta(days=expiring_days)
        lines = [line for line in lines if line.on_hand > 0 and line.expiry <= until]
    return lines


def stock_warnings(db: Database, today: date, warn_days: int | None = None) -> list[StockWarning]:
    """What the day screen and Stock show: items at or below their reorder level, lots
    expiring soon or expired with units on hand, empty cartridge lots still offered at the
    chair, recalled lots with units still on the shelf."""
    warnings: list[StockWarning] = []
    low_done: set[int] = set()
    for line in stock_lines(db, today, warn_days):
        if line.recalled and line.on_hand > 0:
            warnings.append(StockWarning(
                "recalled", line.gtin, line.name, line.lot,
                _("{name} lot {lot} was recalled by its maker: set its {count} unit(s) aside "
                  "and send them back.").format(name=line.name, lot=line.lot,
                                                 count=line.on_hand),
                line.expiry, line.lot_id,
            ))  # fmt: skip
            continue
        if line.low and line.item_id not in low_done:
            low_done.add(line.item_id)
            warnings.append(StockWarning(
                "low", line.gtin, line.name, "",
                _("{name}: {count} left, at or below the reorder level of {level}.").format(
                    name=line.name, count=line.item_on_hand, level=line.reorder_level),
            ))  # fmt: skip
        if line.on_hand > 0 and line.expired:
            warnings.append(StockWarning(
                "expired", line.gtin, line.name, line.lot,
                _("{name} lot {lot} expired on {expiry}: discard its {count} unit(s).").format(
                    name=line.name, lot=line.lot, expiry=screen_long_date(line.expiry),
                    count=line.on_hand),
                line.expiry, line.lot_id,
            ))  # fmt: skip
        elif line.on_hand > 0 and line.expiring:
            warnings.append(StockWarning(
                "expiring", line.gtin, line.name, line.lot,
                _("{name} lot {lot} expires on {expiry} ({count} on hand).").format(
                    name=line.name, lot=line.lot, expiry=screen_long_date(line.expiry),
                    count=line.on_hand),
                line.expiry, line.lot_id,
            ))  # fmt: skip
        if line.on_hand <= 0 and line.offered and line.kind == "cartridge":
            warnings.append(StockWarning(
                "empty", line.gtin, line.name, line.lot,
                _("{name} lot {lot} has none left but is still offered at the chair.").format(
                    name=line.name, lot=line.lot),
                line.expiry, line.lot_id,
            ))  # fmt: skip
    return warnings


def lot_history(db: Database, lot_id: int) -> list[StockMove]:
    """Every movement of a lot, oldest first, with who made it and the session it names."""
    with db.session() as session:
        if session.get(StockLot, lot_id) is None:
            raise NotFound(f"There is no stock lot with id {lot_id}.")
        return [
            StockMove(m.at, name or "", m.quantity, m.reason, m.session_id, m.note)
            for m, name in session.execute(
                select(StockMovement, Practitioner.name)
                .outerjoin(Practitioner, Practitioner.id == StockMovement.practitioner_id)
                .where(StockMovement.lot_id == lot_id)
                .order_by(StockMovement.id)
            )
        ]


def scan_at_chair(db: Database, code: str) -> ChairScan:
    """What a box scanned at the chair names: its item and lot in stock. A code that is not
    in stock is ``NotFound`` (it is received in Stock first)."""
    box = read_code(code)
    with db.session() as session:
        item = session.scalars(select(StockItem).where(StockItem.gtin == box.gtin)).first()
        lot = (
            next((x for x in item.lots if x.lot_number.upper() == box.lot.upper()), None)
            if item is not None
            else None
        )
        if item is None or lot is None:
            raise NotFound(
                _(
                    "Lot {lot} (GTIN {gtin}) is not in stock: receive the box in Stock first."
                ).format(lot=box.lot, gtin=box.gtin)
            )
        total = session.scalar(
            select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(
                StockMovement.lot_id == lot.id
            )
        )
        return ChairScan(
            item.kind, item.name, lot.lot_number, lot.expiry_date, item.needle_count,
            lot.cartridge_id, item.product_id, lot.recalled_at is not None, int(total or 0),
        )  # fmt: skip


def unusable_reason(expiry: date | None, recalled: bool, lot: str, on: date) -> str:
    """Why a lot scanned or chosen at the chair cannot be used ("" when it can)."""
    if recalled:
        return _("Lot {lot} was recalled by its maker: it cannot be used.").format(lot=lot)
    if expiry is not None and expiry < on:
        return _("Lot {lot} expired on {expiry}: it cannot be used.").format(
            lot=lot, expiry=screen_long_date(expiry)
        )
    return ""


def recalled_lot_numbers(db: Database) -> frozenset[str]:
    """The lot numbers marked recalled (upper case), for the session form."""
    with db.session() as session:
        return frozenset(
            number.strip().upper()
            for (number,) in session.execute(
                select(StockLot.lot_number).where(StockLot.recalled_at.is_not(None))
            )
        )


def recalled_on(db: Database, lot_number: str) -> date | None:
    """When a lot with this number was marked recalled in stock (None: it was not)."""
    with db.session() as session:
        when = session.scalar(
            select(func.min(StockLot.recalled_at)).where(
                func.upper(func.trim(StockLot.lot_number)) == lot_number.strip().upper(),
                StockLot.recalled_at.is_not(None),
            )
        )
        return when.date() if when is not None else None
