"""Stock at the chair: which stock lots a session record names, what signing it takes out
of stock (and what an amendment corrects), and refusing a lot that may not touch the skin.

The stock a session used is settled against the record as it stands: signing books one
cartridge from the cartridge lot and one unit of each product lot as "used"; an amendment
that changes a lot books the difference as "amended" (the old lot gets its unit back, the
new one gives one). Every movement names the session.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.errors import InvalidInput
from assistant.sessions.record import SessionDraft
from assistant.stock.receive import lots_numbered, move_in
from assistant.stock.tables import StockItem, StockLot, StockMovement
from assistant.text.i18n import _
from assistant.text.screen_dates import screen_long_date


def _same(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def cartridge_lot_in(session: Session, draft: SessionDraft) -> StockLot | None:
    """The stock lot of the session's cartridge: the one chosen, unless an amendment changed
    its lot number since; then the cartridge lot with that number."""
    if not draft.cartridge_lot.strip():
        return None
    if draft.cartridge_id is not None:
        chosen = session.scalars(
            select(StockLot).where(StockLot.cartridge_id == draft.cartridge_id)
        ).first()
        if chosen is not None and _same(chosen.lot_number, draft.cartridge_lot):
            return chosen
    return next(
        (
            lot
            for lot in lots_numbered(session, draft.cartridge_lot)
            if lot.item.kind == "cartridge"
        ),
        None,
    )


def product_lots_in(session: Session, draft: SessionDraft) -> list[tuple[int, StockLot]]:
    """(position in the record, stock lot) of every product whose lot is in stock."""
    found = []
    for position, product in enumerate(draft.products):
        if not product.lot_number.strip():
            continue
        for lot in lots_numbered(session, product.lot_number):
            item: StockItem = lot.item
            if item.kind != "product":
                continue
            if product.product_id is None or item.product_id == product.product_id:
                found.append((position, lot))
                break
    return found


@dataclass(frozen=True)
class RecordLots:
    """The stock lots a record names: its cartridge's, and (position, lot) of its products.
    Found once per transaction: checking them and settling them read the same rows."""

    cartridge: StockLot | None
    products: tuple[tuple[int, StockLot], ...]


def record_lots_in(session: Session, draft: SessionDraft) -> RecordLots:
    return RecordLots(cartridge_lot_in(session, draft), tuple(product_lots_in(session, draft)))


def _wanted(lots: RecordLots) -> Counter[int]:
    wanted: Counter[int] = Counter()
    if lots.cartridge is not None:
        wanted[lots.cartridge.id] += 1
    for _position, lot in lots.products:
        wanted[lot.id] += 1
    return wanted


def settle_session_in(
    session: Session,
    session_id: int,
    draft: SessionDraft,
    actor: int | None,
    reason: str,
    patient_id: int | None = None,
    lots: RecordLots | None = None,
) -> dict[int, int]:
    """Book the stock the record uses against what was booked for the session before:
    ``reason`` is "used" when it is signed, "amended" after an amendment. Returns
    ``{stock lot id: units moved}``. ``lots``: the draft's lots, when this transaction has
    found them already (``check_usable_in``)."""
    wanted = _wanted(lots if lots is not None else record_lots_in(session, draft))
    booked: Counter[int] = Counter()
    for lot_id, total in session.execute(
        select(StockMovement.lot_id, func.sum(StockMovement.quantity))
        .where(StockMovement.session_id == session_id)
        .group_by(StockMovement.lot_id)
    ):
        booked[lot_id] = -int(total or 0)  # units taken out for the session
    moved: dict[int, int] = {}
    for lot_id in sorted(set(wanted) | set(booked)):
        difference = wanted[lot_id] - booked[lot_id]
        if difference == 0:
            continue
        lot = session.get(StockLot, lot_id)
        assert lot is not None
        move_in(
            session, lot, -difference, reason, actor, session_id=session_id, patient_id=patient_id
        )
        moved[lot_id] = -difference
    return moved


def check_usable_in(session: Session, draft: SessionDraft) -> RecordLots:
    """Refuse a recalled lot, or a product lot expired before the session, in the record (an
    expired cartridge is refused by the session rules). Returns the lots it checked."""
    day = draft.treated_at.date()
    lots = record_lots_in(session, draft)
    cartridge = lots.cartridge
    if cartridge is not None and cartridge.recalled_at is not None:
        raise InvalidInput(
            _(
                "The cartridge lot {lot} was recalled by its maker on {day}: it cannot be "
                "used. Choose another cartridge."
            ).format(lot=cartridge.lot_number, day=screen_long_date(cartridge.recalled_at.date())),
            "cartridge_lot",
        )
    for position, lot in lots.products:
        if lot.recalled_at is not None:
            raise InvalidInput(
                _(
                    "The lot {lot} of {product} was recalled by its maker on {day}: it cannot "
                    "be used. Remove it and choose another lot."
                ).format(
                    lot=lot.lot_number,
                    product=draft.products[position].product_name,
                    day=screen_long_date(lot.recalled_at.date()),
                ),
                f"products[{position}].lot_number",
            )
    for position, product in enumerate(draft.products):
        expiry = product.expiry_date
        if expiry is not None and expiry < day:
            raise InvalidInput(
                _(
                    "The lot {lot} of {product} expired on {expiry}, before this session "
                    "({day}). Remove it and use an unexpired lot."
                ).format(
                    lot=product.lot_number,
                    product=product.product_name,
                    expiry=screen_long_date(expiry),
                    day=screen_long_date(day),
                ),
                f"products[{position}].expiry_date",
            )
    return lots
