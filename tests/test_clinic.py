"""The clinic's records: profile, practitioners, devices, cartridges, products and lots."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.clinic import store as clinic
from assistant.clinic.store import ClinicProfile
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent


def test_cartridge_and_lot_with_dates_are_saved_and_audited(db: Database) -> None:
    cartridge = clinic.save_cartridge(db, "Dermapen 4", "16", "LOT-16A", date(2027, 3, 1))
    product = clinic.save_product(db, "Hyaluronic acid", "glide")
    lot = clinic.add_product_lot(db, product.id, "HA-2611", date(2027, 6, 30))
    assert clinic.list_cartridges(db)[0].expiry_date == date(2027, 3, 1)
    assert clinic.list_products(db)[0].lots == (lot,)
    with db.session() as session:
        events = {(e.entity, e.action): e.changes for e in session.scalars(select(AuditEvent))}
    assert events[("cartridge", "create")]["expiry_date"] == [None, "2027-03-01"]
    assert events[("product_lot", "create")]["lot_number"] == [None, "HA-2611"]
    assert cartridge.label == "Dermapen 4, 16 needles, lot LOT-16A"


def test_edits_record_old_and_new_values(db: Database) -> None:
    device = clinic.save_device(db, "Dermapen", "4", "S1", 0.2, 3.0)
    clinic.save_device(db, "Dermapen", "4", "S1", 0.25, 2.5, device_id=device.id)
    with db.session() as session:
        change = session.scalars(select(AuditEvent).where(AuditEvent.action == "change")).one()
    assert change.changes == {"max_depth_mm": [3.0, 2.5], "min_depth_mm": [0.2, 0.25]}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda db: clinic.save_device(db, "", "4"), "model"),
        (lambda db: clinic.save_device(db, "Pen", "X", min_depth_mm=0.05), "max_depth_mm"),
        (lambda db: clinic.save_device(db, "Pen", "X", max_depth_mm=3.5), "max_depth_mm"),
        (lambda db: clinic.save_cartridge(db, "C", "15", "L", date(2027, 1, 1)), "needle_count"),
        (lambda db: clinic.save_cartridge(db, "C", "12", " ", date(2027, 1, 1)), "lot_number"),
        (lambda db: clinic.save_product(db, "Serum", "potion"), "kind"),
        (lambda db: clinic.save_practitioner(db, "  "), "name"),
    ],
)
def test_bad_records_are_refused_naming_the_field(db: Database, call: object, field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        call(db)  # type: ignore[operator]
    assert info.value.field == field


def test_clinic_profile_checks_the_logo(db: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        clinic.save_clinic(db, ClinicProfile(name="C", logo_path=str(tmp_path / "x.png")), None)
    text_file = tmp_path / "logo.txt"
    text_file.write_text("not an image")
    with pytest.raises(InvalidInput, match="not a PNG"):
        clinic.save_clinic(db, ClinicProfile(name="C", logo_path=str(text_file)), None)
    with pytest.raises(InvalidInput, match="A4 or Letter"):
        clinic.save_clinic(db, ClinicProfile(name="C", paper_size="A3"), None)
    saved = clinic.save_clinic(db, ClinicProfile(name="Harbour", paper_size="Letter"), None)
    assert clinic.get_clinic(db) == saved
