"""The demo clinic has a day and a stock to look at: a cartridge lot and serum lots received
(one expiring soon), appointments today and tomorrow, one patient with a follow-up call due —
all through the clinic's own functions, audited, and added once."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from assistant.audit.chain import verify
from assistant.day.agenda import day_agenda
from assistant.demo.clinic import load_demo_data
from assistant.demo.day import add_demo_day
from assistant.settings import Settings
from assistant.stock import list_stock, stock_warnings
from assistant.storage.db import Database
from ui.app_context import GuiContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def test_the_demo_fills_the_day_and_stock(demo_db: Database) -> None:
    today = date.today()
    lines = list_stock(demo_db, today)
    assert {(line.kind, line.lot, line.on_hand) for line in lines} >= {
        ("cartridge", "DP16-2702B", 20),
        ("product", "GF-8102", 1),
        ("product", "GF-8230", 3),
    }
    assert [(w.code, w.lot) for w in stock_warnings(demo_db, today)] == [("expiring", "GF-8102")]
    todays = day_agenda(demo_db, today, today)
    tomorrows = day_agenda(demo_db, today + timedelta(days=1), today)
    assert [f"{e.appointment.starts_at:%H:%M}" for e in todays] == ["10:00", "14:30"]
    assert [f"{e.appointment.starts_at:%H:%M}" for e in tomorrows] == ["11:00"]
    entries = todays + tomorrows
    assert all(e.patient_name and not e.too_early for e in entries)
    assert [d.kind for d in todays[0].due] == ["follow_up"]
    assert len({e.patient_id for e in entries}) == 3


def test_the_demos_day_is_added_once_and_keeps_the_chain(db: Database) -> None:
    load_demo_data(db, patients=6, seed=5)
    load_demo_data(db, patients=2, seed=6)  # more demo patients: no second delivery
    today = date.today()
    assert add_demo_day(db, today) == 0
    cartridge = next(line for line in list_stock(db, today) if line.kind == "cartridge")
    assert cartridge.on_hand == 20
    with db.engine.connect() as conn:
        assert verify(conn).intact


def test_a_page_opened_before_the_first_screen_shows_is_kept(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner
) -> None:
    """With appointments the day is the first screen, but it never takes the window from a
    patient or a visit opened before it showed."""
    window = MainWindow(GuiContext.for_database(demo_db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show_patient(2)
    qtbot.wait(50)
    assert window.stack.currentWidget() is window.patient_page and window.day is None
    visit = MainWindow(GuiContext.for_database(demo_db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(visit)
    visit.start_session(3)
    qtbot.wait(50)
    assert visit.workflow is not None and visit.day is None
    other = MainWindow(GuiContext.for_database(demo_db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.day is not None)
    assert other.stack.currentWidget() is other.day.view
