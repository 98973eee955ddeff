"""The Stock window and the scan field of the session form, driven with the keyboard as a
keyboard-wedge scanner drives them (the code typed fast, then Enter)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from assistant.sessions import create_draft, session_context
from assistant.settings import Settings
from assistant.stock import NewItem, list_stock, mark_recalled, receive_box
from assistant.storage.db import Database
from tests.sessions_support import TREATED, make_clinic, make_patient
from ui.session_form import SessionForm
from ui.stock.window import StockWindow
from ui.tasks import TaskRunner

GS = "\x1d"
GTIN = "09506000134352"
SERUM_GTIN = "09506000134376"
RECEIVED_ON = date(2026, 11, 10)


def scan(qtbot: QtBot, field: QWidget, code: str) -> None:
    """What a keyboard-wedge scanner does: every character as a key (the group separator as
    Ctrl+], as most scanners send it), then Enter."""
    for number, part in enumerate(code.split(GS)):
        if number:
            qtbot.keyClick(field, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, part)
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    values = Settings(tmp_path / "settings.json")
    values.set("autosave_seconds", 0)
    return values


def box(lot: str = "ABC123", expiry: str = "271231", gtin: str = GTIN) -> str:
    return f"]d201{gtin}17{expiry}10{lot}{GS}21SN{lot}"


def test_the_scan_field_keeps_the_group_separator(qtbot: QtBot) -> None:
    from ui.stock.scan_field import ScanField

    field = ScanField()
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.scanned) as got:
        scan(qtbot, field, box())
    assert got.args == [box()]
    assert field.text() == ""  # ready for the next box
    # A scanner that types the separator itself (ASCII 29) is understood the same way.
    qtbot.keyClicks(field, f"01{GTIN}10L1")
    QApplication.sendEvent(
        field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, GS)
    )
    qtbot.keyClicks(field, "17271231")
    assert field.text() == f"01{GTIN}10L1{GS}17271231"


def test_receiving_a_delivery_in_the_stock_window(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = make_clinic(db)
    asked: list[str] = []

    def describe(self: StockWindow, gtin: str) -> NewItem:
        asked.append(gtin)
        return NewItem("Nano cartridge 16", "cartridge", needle_count="16", units_per_box=10)

    monkeypatch.setattr(StockWindow, "ask_new_item", describe)
    window = StockWindow(db, runner, settings, c.practitioner)
    qtbot.addWidget(window)
    window.show()
    assert window.scan_field.hasFocus() or window.focusWidget() is window.scan_field
    scan(qtbot, window.scan_field, box())
    scan(qtbot, window.scan_field, box(lot="ABC123").replace("SNABC123", "SN2"))
    assert asked == [GTIN]  # asked once, the second box is named from the first
    assert "20 on hand" in window.receive_message.text()
    assert window.model.rowCount() == 1
    scan(qtbot, window.scan_field, box(expiry="200101"))
    assert "expired" in window.receive_message.text()
    scan(qtbot, window.scan_field, "not a code")
    assert "could not be read" in window.receive_message.text()

    window.table.selectRow(0)
    monkeypatch.setattr(StockWindow, "ask_count", lambda self, line: 18)
    qtbot.mouseClick(window.count_button, Qt.MouseButton.LeftButton)
    assert [line.on_hand for line in list_stock(db, date.today())] == [18]
    window.table.selectRow(0)
    monkeypatch.setattr(StockWindow, "confirm_recall", lambda self, line: True)
    qtbot.mouseClick(window.recall_button, Qt.MouseButton.LeftButton)
    assert "marked recalled" in window.action_message.text()
    assert "recalled by its maker" in window.warnings_label.text()


@pytest.fixture
def form(qtbot: QtBot, db: Database, runner: TaskRunner, settings: Settings) -> SessionForm:
    c = make_clinic(db)
    receive_box(
        db, box(), None, today=RECEIVED_ON,
        details=NewItem("Nano cartridge 16", "cartridge", needle_count="16"),
    )  # fmt: skip
    receive_box(
        db, box(lot="GF-7", gtin=SERUM_GTIN), None, today=RECEIVED_ON,
        details=NewItem("Growth-factor serum", "product"),
    )  # fmt: skip
    receive_box(db, box(lot="SOON", expiry="261115"), None, today=RECEIVED_ON)
    session_id = create_draft(db, make_patient(db), c.practitioner, treated_at=TREATED)
    widget = SessionForm(db, runner, settings, session_context(db, session_id), c.practitioner)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def test_scanning_the_cartridge_box_fills_the_cartridge_lot_and_expiry(
    qtbot: QtBot, form: SessionForm
) -> None:
    scan(qtbot, form.treatment.scan_field, box())
    draft = form.current_draft()
    assert (draft.cartridge_lot, draft.cartridge_expiry, draft.cartridge_needles) == (
        "ABC123",
        date(2027, 12, 31),
        "16",
    )
    assert "filled in" in form.treatment.scan_message.text()
    assert "expires" not in form.treatment.scan_message.text()


def test_a_box_expiring_soon_is_used_with_a_warning(
    qtbot: QtBot, form: SessionForm, db: Database
) -> None:
    receive_box(db, box(lot="NEAR", expiry="261201"), None, today=RECEIVED_ON)
    scan(qtbot, form.treatment.scan_field, box(lot="NEAR", expiry="261201"))
    assert form.current_draft().cartridge_lot == "NEAR"
    assert "expires" in form.treatment.cartridge_error.text()
    assert form.treatment.cartridge_error.isVisibleTo(form)
    box_ = form.cartridge_box
    box_.setCurrentIndex(box_.findText("ABC123", Qt.MatchFlag.MatchContains))
    assert not form.treatment.cartridge_error.isVisibleTo(form)
    box_.setCurrentIndex(box_.findText("NEAR", Qt.MatchFlag.MatchContains))  # chosen by hand
    assert "expires" in form.treatment.cartridge_error.text()


def test_scanning_a_serum_adds_the_product_and_its_lot(qtbot: QtBot, form: SessionForm) -> None:
    scan(qtbot, form.treatment.scan_field, box(lot="GF-7", gtin=SERUM_GTIN))
    assert [
        (p.product_name, p.lot_number, p.expiry_date) for p in form.current_draft().products
    ] == [("Growth-factor serum", "GF-7", date(2027, 12, 31))]


def test_an_expired_or_recalled_box_is_refused_at_the_chair(
    qtbot: QtBot, form: SessionForm, db: Database
) -> None:
    scan(qtbot, form.treatment.scan_field, box(lot="SOON", expiry="261115"))  # before 17 Nov
    assert "expired" in form.treatment.scan_message.text()
    assert form.current_draft().cartridge_lot == ""
    mark_recalled(db, "ABC123", None)
    scan(qtbot, form.treatment.scan_field, box())
    assert "recalled" in form.treatment.scan_message.text()
    assert form.current_draft().cartridge_lot == ""
    scan(qtbot, form.treatment.scan_field, box(lot="NEVER"))
    assert "not in stock" in form.treatment.scan_message.text()


def test_the_recall_search_says_the_lot_is_marked_recalled(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    from ui.stock.recall_dialog import RecallDialog

    receive_box(db, box(), None, today=RECEIVED_ON, details=NewItem("Nano 16", "cartridge"))
    dialog = RecallDialog(db, runner, actor=None)
    qtbot.addWidget(dialog)
    scan(qtbot, dialog.lot_edit, "ABC123")
    assert "marked recalled" not in dialog.result_label.text()
    mark_recalled(db, "ABC123", None)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    assert "marked recalled in stock" in dialog.result_label.text()
