"""The stock tables: what the clinic keeps (an item per GTIN), each lot of it received, and
every movement in or out. How many are on hand is the sum of a lot's movements, never a
number kept beside them, so the history and the count cannot disagree."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.storage.model_base import Base
from assistant.text.dates import utcnow


class StockItem(Base):
    """A product the clinic buys, known by the GTIN on its box."""

    __tablename__ = "stock_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    gtin: Mapped[str] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # cartridge, product
    needle_count: Mapped[str] = mapped_column(String(10), default="")
    size: Mapped[str] = mapped_column(String(50), default="")  # as printed: "5 ml", "10 pcs"
    units_per_box: Mapped[int] = mapped_column(Integer, default=1)
    reorder_level: Mapped[int] = mapped_column(Integer, default=0)
    # The product the session form offers for a product item (serums and glides).
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    lots: Mapped[list[StockLot]] = relationship(back_populates="item", order_by="StockLot.id")


class StockLot(Base):
    """One lot of an item, as printed on its boxes (GTIN + lot), with its expiry."""

    __tablename__ = "stock_lot"
    __table_args__ = (UniqueConstraint("item_id", "lot_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("stock_item.id"))
    lot_number: Mapped[str] = mapped_column(String(100), index=True)
    expiry_date: Mapped[date] = mapped_column(Date)
    serials: Mapped[list[Any]] = mapped_column(JSON, default=list)
    recalled_at: Mapped[datetime | None] = mapped_column(DateTime)
    recalled_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    # The row the session form chooses from: a cartridge lot or a product lot.
    cartridge_id: Mapped[int | None] = mapped_column(ForeignKey("cartridge.id"))
    product_lot_id: Mapped[int | None] = mapped_column(ForeignKey("product_lot.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    item: Mapped[StockItem] = relationship(back_populates="lots")


class StockMovement(Base):
    """Units in (positive) or out (negative) of a lot: who, when, how many and why."""

    __tablename__ = "stock_movement"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("stock_lot.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))  # received, used, amended, counted, …
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
