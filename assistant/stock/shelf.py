"""Changes to what is on the shelf: a stock count, units discarded, a lot marked recalled by
its maker, an empty cartridge lot no longer offered at the chair. Each is one transaction with
its audit rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.errors import InvalidInput, NotFound
from assistant.stock.receive import MAX_UNITS, lots_numbered, move_in, normal_lot, on_hand_in
from assistant.stock.tables import StockItem, StockLot
from assistant.storage.db import Database
from assistant.storage.models import Cartridge, utcnow
from assistant.text.i18n import _


@dataclass(frozen=True)
class LotChange:
    """A lot after a count, a discard or a recall mark."""

    lot_id: int
    gtin: str
    name: str
    lot: str
    expiry: date
    on_hand: int
    difference: int = 0
    recalled: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "gtin": self.gtin,
            "name": self.name,
            "lot": self.lot,
            "expiry": self.expiry.isoformat(),
            "on_hand": self.on_hand,
            "difference": self.difference,
            "recalled": self.recalled,
        }


def _lot_change(session: Session, lot: StockLot, difference: int = 0) -> LotChange:
    return LotChange(
        lot.id,
        lot.item.gtin,
        lot.item.name,
        lot.lot_number,
        lot.expiry_date,
        on_hand_in(session, lot.id),
        difference,
        lot.recalled_at is not None,
    )


def _the_lot(session: Session, gtin: str, lot_number: str) -> StockLot:
    lot = session.scalars(
        select(StockLot)
        .join(StockItem, StockItem.id == StockLot.item_id)
        .where(
            StockItem.gtin == gtin.strip(),
            func.upper(func.trim(StockLot.lot_number)) == normal_lot(lot_number),
        )
    ).first()
    if lot is None:
        raise NotFound(
            _("There is no lot {lot} of GTIN {gtin} in stock.").format(
                lot=lot_number.strip(), gtin=gtin.strip()
            )
        )
    return lot


def count_lot(
    db: Database, gtin: str, lot_number: str, on_hand: int, actor: int | None
) -> LotChange:
    """Record what is on the shelf: the difference from the stock's figure is a "counted"
    movement, with who counted."""
    if not 0 <= on_hand <= MAX_UNITS:
        raise InvalidInput(_("The count is a number of units, 0 or more."), "on_hand")
    with db.session() as session:
        lot = _the_lot(session, gtin, lot_number)
        difference = on_hand - on_hand_in(session, lot.id)
        if difference:
            move_in(session, lot, difference, "counted", actor)
        else:
            audit.record(
                session, "change", "stock_lot", lot.id, actor=actor,
                summary=f"Stock counted: {on_hand} of {lot.item.name} lot {lot.lot_number}, "
                "as expected",
            )  # fmt: skip
        return _lot_change(session, lot, difference)


def discard_units(
    db: Database, lot_id: int, quantity: int, actor: int | None, why: str = ""
) -> LotChange:
    """Take units out of stock (expired, damaged, or sent back after a recall)."""
    if not 1 <= quantity <= MAX_UNITS:
        raise InvalidInput(_("Discard at least one unit."), "quantity")
    with db.session() as session:
        lot = session.get(StockLot, lot_id)
        if lot is None:
            raise NotFound(f"There is no stock lot with id {lot_id}.")
        reason = "recalled" if lot.recalled_at is not None else "discarded"
        move_in(session, lot, -quantity, reason, actor, note=why.strip()[:200])
        return _lot_change(session, lot, -quantity)


def mark_recalled(db: Database, lot_number: str, actor: int | None) -> list[LotChange]:
    """Mark every lot with this number recalled by its maker: it can no longer be chosen or
    used at the chair, and is no longer received. What is on hand stays counted until it is
    discarded (sent back)."""
    if not lot_number.strip():
        raise InvalidInput(_("Enter the lot number to search for."), "lot")
    with db.session() as session:
        lots = lots_numbered(session, lot_number)
        if not lots:
            raise NotFound(_("There is no lot {lot} in stock.").format(lot=lot_number.strip()))
        for lot in lots:
            if lot.recalled_at is not None:
                continue
            lot.recalled_at = utcnow()
            lot.recalled_by_id = actor
            if lot.cartridge_id is not None:
                cartridge = session.get(Cartridge, lot.cartridge_id)
                if cartridge is not None:
                    cartridge.active = False
            audit.record(
                session,
                "change",
                "stock_lot",
                lot.id,
                actor=actor,
                summary=f"Marked {lot.item.name} lot {lot.lot_number} recalled by its maker",
                changes={"recalled": [False, True]},
            )
        session.flush()
        return [_lot_change(session, lot) for lot in lots]


def stop_offering(db: Database, lot_id: int, actor: int | None) -> None:
    """An empty cartridge lot is no longer offered in the session form."""
    with db.session() as session:
        lot = session.get(StockLot, lot_id)
        if lot is None:
            raise NotFound(f"There is no stock lot with id {lot_id}.")
        cartridge = session.get(Cartridge, lot.cartridge_id) if lot.cartridge_id else None
        if cartridge is not None and cartridge.active:
            cartridge.active = False
            audit.record(
                session, "change", "cartridge", cartridge.id, actor=actor,
                summary=f"Cartridge lot {lot.lot_number} no longer offered (none in stock)",
                changes={"active": [True, False]},
            )  # fmt: skip
