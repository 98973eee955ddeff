"""The day screen and ``day`` name what the clinic should do about its stock (an item below
its reorder level, a lot expiring soon), compactly, with a way to open Stock; ``day --json``
keeps its list of appointments and ``day --json --stock`` adds the warnings."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from assistant.day.appointments import BookingRequest, book_appointment
from assistant.settings import Settings
from assistant.stock import NewItem, receive_box, stock_warnings
from assistant.storage.db import Database
from tests.cli_support import run_in_process
from tests.sessions_support import make_clinic, make_patient
from ui.app_context import GuiContext
from ui.day.view import DayView
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

TODAY = date.today()
GTIN = "09506000134352"
SERUM_GTIN = "09506000134376"
CARTRIDGE = NewItem("Nano cartridge 16", "cartridge", needle_count="16", units_per_box=10)
SERUM = NewItem("Growth-factor serum", "product", size="5 ml", reorder_level=0)


def box(gtin: str, lot: str, expiry: date) -> str:
    return f"]d201{gtin}17{expiry:%y%m%d}10{lot}"


@pytest.fixture
def stocked(db: Database) -> Database:
    """A cartridge lot below its reorder level and expiring in 20 days; a serum lot fine."""
    make_clinic(db)
    receive_box(db, box(GTIN, "DP16-2611A", TODAY + timedelta(days=20)), None,
                details=replace(CARTRIDGE, reorder_level=12), today=TODAY)  # fmt: skip
    receive_box(db, box(SERUM_GTIN, "GF-88", TODAY + timedelta(days=400)), None,
                details=SERUM, today=TODAY)  # fmt: skip
    return db


def test_the_day_screen_shows_the_stock_warnings_and_opens_stock(
    qtbot: QtBot, stocked: Database, runner: TaskRunner
) -> None:
    view = DayView(stocked, runner)
    qtbot.addWidget(view)
    view.refresh(TODAY)
    assert [w.code for w in view.stock] == ["low", "expiring"]
    assert not view.stock_strip.isHidden()
    text = view.stock_text.text()
    assert text.splitlines()[0].endswith("Stock warnings: 2")
    assert "Nano cartridge 16: 10 left, at or below the reorder level of 12." in text
    assert "Nano cartridge 16 lot DP16-2611A expires on" in text
    assert "GF-88" not in text
    opened: list[bool] = []
    view.stockRequested.connect(lambda: opened.append(True))
    view.stock_button.click()
    assert opened == [True]


def test_the_strip_names_the_first_warnings_and_counts_the_rest(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    make_clinic(db)
    for n in range(5):
        receive_box(db, box(GTIN, f"LOT-{n}", TODAY + timedelta(days=5 + n)), None,
                    details=CARTRIDGE, today=TODAY)  # fmt: skip
    view = DayView(db, runner)
    qtbot.addWidget(view)
    view.refresh(TODAY)
    lines = view.stock_text.text().splitlines()
    assert lines[0].endswith("Stock warnings: 5") and len(lines) == 5
    assert lines[-1] == "2 more in Stock"
    # the warning's mark is the shipped icon beside the words, not a character in them
    assert lines[0] == "Stock warnings: 5"
    from PySide6.QtWidgets import QLabel

    marks = [w.property("icon") for w in view.stock_strip.findChildren(QLabel)]
    assert "warning" in marks


def test_no_warning_no_strip(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    make_clinic(db)
    view = DayView(db, runner)
    qtbot.addWidget(view)
    view.refresh(TODAY)
    assert view.stock == [] and view.stock_strip.isHidden()


def test_the_windows_day_opens_stock_and_reads_it_again(
    qtbot: QtBot, stocked: Database, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = make_patient(stocked, "Amara", "Okafor")
    book_appointment(stocked, BookingRequest(patient, datetime.combine(TODAY, time(15)),
                     override_reason="x"), None)  # fmt: skip
    window = MainWindow(GuiContext.for_database(stocked, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    opened: list[bool] = []

    def receive_in_stock() -> None:  # what a practitioner does in Stock, stood in for
        opened.append(True)
        receive_box(stocked, box(SERUM_GTIN, "GF-89", TODAY + timedelta(days=10)), None,
                    today=TODAY)  # fmt: skip

    monkeypatch.setattr(window, "open_stock", receive_in_stock)
    window.show_day()
    assert window.day is not None
    view = window.day.view
    assert [w.code for w in view.stock] == ["low", "expiring"]
    view.stock_button.click()
    assert opened == [True]
    assert [(w.code, w.lot) for w in view.stock][-1] == ("expiring", "GF-89")
    assert "GF-89" in view.stock_text.text()


def test_day_json_keeps_its_list_and_adds_the_warnings_on_request(stocked: Database) -> None:
    patient = make_patient(stocked, "Amara", "Okafor")
    book_appointment(stocked, BookingRequest(patient, datetime.combine(TODAY, time(15)),
                     override_reason="x"), None)  # fmt: skip
    plain = run_in_process(["day", "--date", TODAY.isoformat(), "--json"])
    assert plain.returncode == 0, plain.stderr
    (entry,) = json.loads(plain.stdout)
    assert entry["patient_id"] == patient
    both = run_in_process(["day", "--date", TODAY.isoformat(), "--json", "--stock"])
    assert both.returncode == 0, both.stderr
    shown = json.loads(both.stdout)
    assert set(shown) == {"appointments", "stock_warnings"}
    assert shown["appointments"] == [entry]
    expected = [w.to_json() for w in stock_warnings(stocked, TODAY)]
    assert shown["stock_warnings"] == expected
    assert [(w["code"], w["lot"]) for w in expected] == [("low", None), ("expiring", "DP16-2611A")]
    assert expected[1]["expiry"] == (TODAY + timedelta(days=20)).isoformat()
    listing = run_in_process(["day", "--date", TODAY.isoformat()])
    assert listing.returncode == 0, listing.stderr
    low = "Stock: Nano cartridge 16: 10 left, at or below the reorder level of 12."
    assert low in listing.stdout
