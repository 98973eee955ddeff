"""Stock: reading GS1 codes, receiving boxes, the warnings, and what signing a session takes
out of stock (and an amendment corrects); a recalled or expired lot kept from the skin."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from assistant.errors import InvalidInput, NotFound
from assistant.sessions import (
    ProductEntry,
    amend_session,
    create_draft,
    recall,
    save_draft,
    session_context,
    sign_session,
)
from assistant.stock import (
    NewItem,
    count_lot,
    discard_units,
    list_stock,
    lot_history,
    mark_recalled,
    read_code,
    receive_box,
    scan_at_chair,
    stock_warnings,
    stop_offering,
)
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent
from tests.consent_support import give_consent
from tests.sessions_support import TREATED, Clinic, complete_draft, make_clinic, make_patient

GS = "\x1d"
GTIN = "09506000134352"  # a valid GS1 example GTIN (check digit 2)
SERUM_GTIN = "09506000134376"
TODAY = date(2026, 11, 10)  # before the session of TREATED (2026-11-17)


def box(lot: str = "ABC123", expiry: str = "271231", serial: str = "", gtin: str = GTIN) -> str:
    """The code as a DataMatrix scanner types it: symbology identifier, GS after a
    variable-length value that is not last."""
    code = f"]d201{gtin}17{expiry}10{lot}"
    return code + (f"{GS}21{serial}" if serial else "")


CARTRIDGE = NewItem("Nano cartridge 16", "cartridge", needle_count="16", units_per_box=10)
SERUM = NewItem("Growth-factor serum", "product", size="5 ml", reorder_level=0)


# --- reading codes -----------------------------------------------------------------------------


def test_a_scanned_datamatrix_with_group_separators_is_read() -> None:
    code = read_code(f"]d2010950600013435217271231{GS}10ABC123{GS}21SN0042\r\n")
    assert (code.gtin, code.lot, code.expiry, code.serial) == (
        GTIN,
        "ABC123",
        date(2027, 12, 31),
        "SN0042",
    )


def test_the_lot_before_the_expiry_ends_with_a_group_separator() -> None:
    code = read_code(f"01{GTIN}10LOT-7{GS}17280615")
    assert (code.lot, code.expiry) == ("LOT-7", date(2028, 6, 15))


def test_without_symbology_identifier_and_with_a_leading_separator() -> None:
    code = read_code(f"{GS}01{GTIN}1727123110ABC123")
    assert (code.gtin, code.lot, code.expiry, code.serial) == (
        GTIN,
        "ABC123",
        date(2027, 12, 31),
        "",
    )


def test_the_printed_line_under_the_code_is_read() -> None:
    code = read_code(f"(01){GTIN}(17)271231(10)ABC123(21)77")
    assert (code.gtin, code.lot, code.expiry, code.serial) == (
        GTIN,
        "ABC123",
        date(2027, 12, 31),
        "77",
    )


def test_day_00_is_the_last_day_of_the_month() -> None:
    assert read_code(f"01{GTIN}1728020010X").expiry == date(2028, 2, 29)
    assert read_code(f"(01){GTIN}(17)270400(10)X").expiry == date(2027, 4, 30)


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("hello", "could not be read as a GS1 code"),
        (f"01{GTIN}1727133110ABC", "expiry date (17)"),
        ("01095060001343531727123110ABC", "GTIN 09506000134353"),
        (f"01{GTIN}10ABC", "no expiry date (17)"),
        (f"01{GTIN}17271231", "no lot number (10)"),
        ("1727123110ABC", "no GTIN (01)"),
        ("", "Scan or type"),
        ("9506000134352", "only the product's number"),
    ],
)
def test_an_unreadable_code_names_what_could_not_be_read(code: str, names: str) -> None:
    with pytest.raises(InvalidInput, match=names.replace("(", r"\(").replace(")", r"\)")):
        read_code(code)


# --- receiving ---------------------------------------------------------------------------------


def test_receiving_a_new_box_asks_once_for_what_it_is(db: Database) -> None:
    with pytest.raises(InvalidInput, match="has not been received before") as info:
        receive_box(db, box(), None, today=TODAY)
    assert info.value.field == "name"
    first = receive_box(db, box(serial="S1"), None, details=CARTRIDGE, today=TODAY)
    assert (first.gtin, first.lot, first.expiry, first.serial) == (
        GTIN,
        "ABC123",
        date(2027, 12, 31),
        "S1",
    )
    assert first.on_hand == 10  # one box of ten cartridges
    second = receive_box(db, box(serial="S2"), None, quantity=2, today=TODAY)
    assert second.on_hand == 30 and second.name == "Nano cartridge 16"
    # The cartridge is offered in the session form with its lot and expiry.
    from assistant.clinic import store as clinic

    offered = [c for c in clinic.list_cartridges(db) if c.lot_number == "ABC123"]
    assert [(c.needle_count, c.expiry_date) for c in offered] == [("16", date(2027, 12, 31))]


def test_the_same_box_scanned_twice_is_refused(db: Database) -> None:
    receive_box(db, box(serial="S1"), None, details=CARTRIDGE, today=TODAY)
    with pytest.raises(InvalidInput, match="serial S1 was received already"):
        receive_box(db, box(serial="S1"), None, today=TODAY)


def test_an_expired_box_is_refused_and_nothing_is_stored(db: Database) -> None:
    with pytest.raises(InvalidInput, match="expired") as info:
        receive_box(db, box(expiry="261031"), None, details=CARTRIDGE, today=TODAY)
    assert info.value.field == "expiry"
    assert list_stock(db, TODAY) == []


def test_a_box_expiring_within_the_warning_period_is_received_with_a_warning(
    db: Database,
) -> None:
    soon = receive_box(db, box(expiry="261130"), None, details=CARTRIDGE, today=TODAY)
    assert soon.on_hand == 10 and "expires" in soon.warning
    later = receive_box(db, box(lot="L2", expiry="261130"), None, today=TODAY, warn_days=10)
    assert later.warning == ""


def test_receiving_is_audited(db: Database) -> None:
    receive_box(db, box(), None, details=CARTRIDGE, today=TODAY)
    with db.session() as session:
        entities = [e for (e,) in session.execute(select(AuditEvent.entity))]
    assert {"stock_item", "stock_lot", "cartridge"} <= set(entities)


def test_a_serum_is_linked_to_the_product_of_the_same_name(db: Database) -> None:
    c = make_clinic(db)
    receive_box(
        db,
        box(lot="HA-2701", gtin=SERUM_GTIN),
        None,
        details=NewItem(c.glide.name, "product"),
        today=TODAY,
    )
    from assistant.clinic import store as clinic

    glide = next(p for p in clinic.list_products(db) if p.id == c.glide.id)
    assert "HA-2701" in [lot.lot_number for lot in glide.lots]


# --- list, warnings, count ---------------------------------------------------------------------


def test_low_expiring_and_counted_stock(db: Database) -> None:
    receive_box(
        db, box(expiry="261130"), None, details=replace(CARTRIDGE, reorder_level=12), today=TODAY
    )
    receive_box(db, box(lot="S-1", gtin=SERUM_GTIN), None, details=SERUM, today=TODAY)
    lines = list_stock(db, TODAY)
    cartridge = next(line for line in lines if line.kind == "cartridge")
    assert (cartridge.on_hand, cartridge.reorder_level, cartridge.low) == (10, 12, True)
    assert [line.lot for line in list_stock(db, TODAY, low=True)] == ["ABC123"]
    assert [line.lot for line in list_stock(db, TODAY, expiring_days=30)] == ["ABC123"]
    codes = {(w.code, w.lot) for w in stock_warnings(db, TODAY)}
    assert ("low", "") in codes and ("expiring", "ABC123") in codes
    counted = count_lot(db, GTIN, "abc123", 7, None)
    assert (counted.on_hand, counted.difference) == (7, -3)
    assert [m.reason for m in lot_history(db, counted.lot_id)] == ["received", "counted"]


def test_an_empty_cartridge_lot_still_offered_is_a_warning(db: Database) -> None:
    received = receive_box(db, box(), None, details=CARTRIDGE, today=TODAY)
    discard_units(db, received.lot_id, 10, None, "dropped")
    assert ("empty", "ABC123") in {(w.code, w.lot) for w in stock_warnings(db, TODAY)}
    stop_offering(db, received.lot_id, None)
    assert ("empty", "ABC123") not in {(w.code, w.lot) for w in stock_warnings(db, TODAY)}


# --- at the chair ------------------------------------------------------------------------------


def _stocked_clinic(db: Database) -> tuple[Clinic, int, int]:
    """The test clinic with a cartridge lot and a serum lot received from their boxes."""
    c = make_clinic(db)
    cartridge = receive_box(db, box(), None, details=CARTRIDGE, today=TODAY)
    serum = receive_box(
        db, box(lot="GF-1", gtin=SERUM_GTIN), None, details=NewItem(c.glide.name, "product"),
        today=TODAY,
    )  # fmt: skip
    return c, cartridge.lot_id, serum.lot_id


def _session_with_stock(db: Database, c: Clinic, lot: str = "ABC123") -> tuple[int, int]:
    scanned = scan_at_chair(db, box(lot=lot))
    patient = make_patient(db)
    session_id = create_draft(db, patient, c.practitioner, treated_at=TREATED)
    draft = complete_draft(
        c,
        cartridge_id=scanned.cartridge_id,
        cartridge_needles=scanned.needle_count,
        cartridge_lot=scanned.lot,
        cartridge_expiry=scanned.expiry,
        products=(ProductEntry(c.glide.id, c.glide.name, "glide", "GF-1", date(2027, 12, 31)),),
    )
    save_draft(db, session_id, draft, c.practitioner)
    give_consent(db, patient, c.practitioner, c.device)
    return session_id, patient


def _on_hand(db: Database, lot_id: int) -> int:
    return sum(m.quantity for m in lot_history(db, lot_id))


def test_signing_takes_one_cartridge_and_one_serum_out_naming_the_session(db: Database) -> None:
    c, cartridge_lot, serum_lot = _stocked_clinic(db)
    session_id, _patient = _session_with_stock(db, c)
    assert _on_hand(db, cartridge_lot) == 10  # a draft takes nothing
    sign_session(db, session_id, c.practitioner)
    assert (_on_hand(db, cartridge_lot), _on_hand(db, serum_lot)) == (9, 0)
    used = lot_history(db, cartridge_lot)[-1]
    assert (used.reason, used.quantity, used.session_id) == ("used", -1, session_id)
    assert used.practitioner == "Dr Naomi Clarke"


def test_signing_reads_the_record_s_stock_lots_once(db: Database) -> None:
    """The lots checked for recalls are the lots taken out of stock: one read each."""
    c, cartridge_lot, serum_lot = _stocked_clinic(db)
    session_id, _patient = _session_with_stock(db, c)
    reads: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM stock_lot" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        sign_session(db, session_id, c.practitioner)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert (_on_hand(db, cartridge_lot), _on_hand(db, serum_lot)) == (9, 0)
    assert len(reads) == 2  # the cartridge's lot, the serum's lot


def test_an_amendment_that_changes_the_lot_moves_the_unit(db: Database) -> None:
    c, cartridge_lot, _serum = _stocked_clinic(db)
    other = receive_box(db, box(lot="XYZ9"), None, today=TODAY)
    session_id, _patient = _session_with_stock(db, c)
    sign_session(db, session_id, c.practitioner)
    amend_session(db, session_id, "cartridge_lot", "XYZ9", "Wrong box noted at first", None)
    assert (_on_hand(db, cartridge_lot), _on_hand(db, other.lot_id)) == (10, 9)
    history = lot_history(db, cartridge_lot)
    assert [(m.reason, m.quantity, m.session_id) for m in history[-2:]] == [
        ("used", -1, session_id),
        ("amended", 1, session_id),
    ]


def test_a_recalled_lot_cannot_be_used_and_recall_lists_who_received_it(db: Database) -> None:
    c, _cartridge, _serum = _stocked_clinic(db)
    session_id, patient = _session_with_stock(db, c)
    sign_session(db, session_id, c.practitioner)
    marked = mark_recalled(db, "abc123", c.practitioner)
    assert [(m.lot, m.recalled) for m in marked] == [("ABC123", True)]
    assert [(r.patient_id, r.session_id) for r in recall(db, "ABC123")] == [(patient, session_id)]
    # The lot is no longer offered, scanning it says so, and a draft naming it is refused.
    second = create_draft(db, patient, c.practitioner, treated_at=TREATED)
    assert "ABC123" not in [x.lot_number for x in session_context(db, second).cartridges]
    assert scan_at_chair(db, box()).recalled
    with pytest.raises(InvalidInput, match="recalled by its maker") as info:
        save_draft(db, second, complete_draft(c, cartridge_lot="ABC123", cartridge_id=None), None)
    assert info.value.field == "cartridge_lot"
    with pytest.raises(InvalidInput, match="recalled"):
        receive_box(db, box(), None, today=TODAY)
    assert ("recalled", "ABC123") in {(w.code, w.lot) for w in stock_warnings(db, TODAY)}


def test_an_expired_serum_lot_is_refused_at_the_chair(db: Database) -> None:
    c = make_clinic(db)
    patient = make_patient(db)
    session_id = create_draft(db, patient, c.practitioner, treated_at=TREATED)
    expired = (ProductEntry(c.glide.id, c.glide.name, "glide", "HA-OLD", date(2026, 10, 1)),)
    with pytest.raises(InvalidInput, match="expired") as info:
        save_draft(db, session_id, complete_draft(c, products=expired), None)
    assert info.value.field == "products[0].expiry_date"


def test_a_code_not_in_stock_is_not_found_at_the_chair(db: Database) -> None:
    with pytest.raises(NotFound, match="not in stock"):
        scan_at_chair(db, box())


LOTS = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=20)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2049, 12, 31))


@settings(deadline=None)  # the first call imports the GS1 tables
@given(lot=LOTS, expiry=DAYS, serial=st.one_of(st.just(""), LOTS), form=st.sampled_from("sgh"))
def test_any_lot_expiry_and_serial_read_back_in_every_form(
    lot: str, expiry: date, serial: str, form: str
) -> None:
    """A scanner's string with its symbology identifier and separators, the same without
    them before a fixed-length value, and the printed line: all read back the same."""
    yymmdd = f"{expiry:%y%m%d}"
    if form == "s":
        code = f"]d201{GTIN}17{yymmdd}10{lot}" + (f"{GS}21{serial}" if serial else "")
    elif form == "g":
        code = f"{GS}01{GTIN}10{lot}{GS}17{yymmdd}" + (f"21{serial}" if serial else "")
    else:
        code = f"(01){GTIN}(17){yymmdd}(10){lot}" + (f"(21){serial}" if serial else "")
    read = read_code(code)
    assert (read.gtin, read.lot, read.expiry, read.serial) == (GTIN, lot, expiry, serial)
