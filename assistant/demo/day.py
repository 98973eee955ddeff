"""The demo clinic's stock and day: a delivery of cartridges and of a serum (one lot expiring
soon), and appointments today and tomorrow (one patient with a follow-up call due), so the
day screen and Stock are filled the first time a newcomer opens the demo.

Added through the same functions the clinic uses (receiving a box, booking a visit), each
audited; only on the first load (a demo clinic with stock already has its day)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from assistant import reference
from assistant.day.appointments import BookingRequest, book_appointment
from assistant.day.followups import add_followup_in
from assistant.day.safety import earliest_safe_in
from assistant.stock import NewItem, receive_box
from assistant.stock.tables import StockItem
from assistant.storage.db import Database
from assistant.storage.models import Patient, Practitioner, TreatmentSession

# Example GTINs of GS1's documentation (valid check digits), never a real product's.
CARTRIDGE_GTIN = "09506000134352"
SERUM_GTIN = "09506000134376"
CARTRIDGE = NewItem("Dermapen 4 cartridge 16", "cartridge", needle_count="16", units_per_box=10,
                    reorder_level=12)  # fmt: skip
SERUM = NewItem("Growth-factor serum", "product", size="5 ml", reorder_level=1)
# (day offset, hour, minute) of the demo's appointments.
VISITS = ((0, 10, 0), (0, 14, 30), (1, 11, 0))


def _code(gtin: str, lot: str, expiry: date) -> str:
    """A GS1 element string as a scanner types it (lot last: no separator needed)."""
    return f"01{gtin}17{expiry:%y%m%d}10{lot}"


def add_demo_day(db: Database, today: date) -> int:
    """Stock and appointments for the demo clinic; the number of appointments booked (0 when
    the demo already has stock, or no patients)."""
    with db.session() as session:
        if session.scalar(select(func.count(StockItem.id))):
            return 0
        actor = session.scalar(select(Practitioner.id).order_by(Practitioner.id))
        treated = list(
            session.scalars(
                select(Patient.id)
                .join(TreatmentSession, TreatmentSession.patient_id == Patient.id)
                .where(TreatmentSession.state == "signed")
                .group_by(Patient.id)
                .order_by(Patient.id)
            )
        )
        ready = [p for p in treated if earliest_safe_in(session, p, today).allows(today)]
    receive_box(db, _code(CARTRIDGE_GTIN, "DP16-2702B", today + timedelta(days=420)), actor,
                quantity=2, details=CARTRIDGE, today=today)  # fmt: skip
    receive_box(db, _code(SERUM_GTIN, "GF-8102", today + timedelta(days=21)), actor,
                details=SERUM, today=today)  # fmt: skip
    receive_box(db, _code(SERUM_GTIN, "GF-8230", today + timedelta(days=300)), actor,
                quantity=3, today=today)  # fmt: skip
    booked = 0
    for patient, (offset, hour, minute) in zip(ready, VISITS, strict=False):
        at = datetime.combine(today + timedelta(days=offset), time(hour, minute))
        book_appointment(db, BookingRequest(patient, at, 45, actor), actor, today)
        booked += 1
    if ready:
        _followup_due(db, ready[0], today, actor)
    return booked


def _followup_due(db: Database, patient_id: int, today: date, actor: int | None) -> None:
    """A follow-up call due today after the patient's latest session, as signing adds one."""
    with db.session() as session:
        latest = session.scalars(
            select(TreatmentSession)
            .where(TreatmentSession.patient_id == patient_id, TreatmentSession.state == "signed")
            .order_by(TreatmentSession.treated_at.desc())
        ).first()
        if latest is None:
            return
        deepest = max((zone.depth_mm for zone in latest.zones), default=None)
        reason = f"treated at {reference.format_mm(deepest)} mm" if deepest else ""
        add_followup_in(session, patient_id, latest.id, today, reason, actor, "demo data")
