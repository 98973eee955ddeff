"""Screens refresh from what an operation changed (``runner.operations``), never from a
refresh wired by hand; no screen holds a database session; the audit trail is read off the
UI thread."""

from __future__ import annotations

import ast
import threading
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from assistant.audit import trail as audit
from assistant.operations import OpChanges
from assistant.sessions import create_draft, save_draft, sign_session
from assistant.settings import Settings
from assistant.stock import NewItem, receive_box
from assistant.storage.db import Database
from tests.consent_support import give_consent
from tests.sessions_support import complete_draft, make_clinic, make_patient
from ui.app_context import GuiContext
from ui.audit.table_model import AuditTableModel
from ui.day.booking_dialog import BookingDialog
from ui.main_window import MainWindow
from ui.tasks import SynchronousRunner, TaskRunner

UI = Path(__file__).resolve().parent.parent / "ui"
TODAY = date.today()
GTIN = "09506000134352"
CARTRIDGE = NewItem("Nano cartridge 16", "cartridge", needle_count="16", units_per_box=10)


def box(lot: str, expiry: date) -> str:
    return f"]d201{GTIN}17{expiry:%y%m%d}10{lot}"


class Counted:
    """Counts the calls of ``obj.name`` (still calling it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, obj: object, name: str) -> None:
        self.calls = 0
        real = getattr(obj, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(obj, name, counted)


def window_on(qtbot: QtBot, db: Database, runner: TaskRunner) -> MainWindow:
    window = MainWindow(GuiContext.for_database(db, Settings(), runner))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_signing_on_the_worker_thread_refreshes_the_patient_list_by_itself(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = make_clinic(db)
    patient = make_patient(db, "Zadie", "Quill")
    give_consent(db, patient, c.practitioner, c.device)
    runner = TaskRunner()  # the real worker thread
    window = window_on(qtbot, db, runner)
    try:
        model = window.patient_list.model
        assert model.data(model.index(0, 4)) == ""  # no session yet
        reads = Counted(monkeypatch, model, "refresh")
        treated = datetime.combine(TODAY - timedelta(days=1), time(10, 30))
        with qtbot.waitSignal(runner.operations.operationDidExecute, timeout=20_000) as made:
            runner.run(partial(create_draft, db, patient, c.practitioner, treated_at=treated))
        assert made.args[0].sessions and made.args[1] is None
        assert reads.calls == 1 and model.data(model.index(0, 4)) != ""
        session_id = _sessions(db, patient)[0]
        with qtbot.waitSignal(runner.operations.operationDidExecute, timeout=20_000):
            runner.run(
                partial(save_draft, db, session_id, complete_draft(c, treated), c.practitioner)
            )
        with qtbot.waitSignal(runner.operations.operationDidExecute, timeout=20_000) as signed:
            runner.run(partial(sign_session, db, session_id, c.practitioner))
        assert signed.args[0].sessions
        assert reads.calls == 3  # the save and the signing, each read once: nothing by hand
    finally:
        runner.wait()


def _sessions(db: Database, patient: int) -> list[int]:
    from assistant.sessions import list_sessions

    return [s.id for s in list_sessions(db, patient)]


def test_booking_reaches_the_day_on_screen_without_a_hand_refresh(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_clinic(db)
    patient = make_patient(db, "Zadie", "Quill")
    runner = SynchronousRunner()
    window = window_on(qtbot, db, runner)
    window.show_day()
    assert window.day is not None
    day = window.day.view
    assert not any("Quill" in e.patient_name for es in day.entries.values() for e in es)
    list_reads = Counted(monkeypatch, window.patient_list.model, "refresh")
    dialog = window.day.book(patient)
    assert isinstance(dialog, BookingDialog)
    tomorrow = TODAY + timedelta(days=1)
    dialog.date_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    heard: list[OpChanges] = []
    runner.operations.operationDidExecute.connect(lambda changes, _h: heard.append(changes))
    dialog.book_button.click()
    assert dialog.appointment is not None
    assert heard and heard[0].appointments and not heard[0].stock
    assert any("Quill" in e.patient_name for e in day.entries[tomorrow])
    assert list_reads.calls == 0  # the patient list does not show appointments


def test_stock_received_refreshes_the_day_and_not_the_patient_list(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.stock.window import StockWindow

    make_clinic(db)
    receive_box(db, box("DP16-2611A", TODAY + timedelta(days=400)), None,
                details=replace(CARTRIDGE, reorder_level=12), today=TODAY)  # fmt: skip
    runner = SynchronousRunner()
    window = window_on(qtbot, db, runner)
    window.show_day()
    assert window.day is not None
    day = window.day.view
    assert [w.code for w in day.stock] == ["low"]
    day_reads = Counted(monkeypatch, day, "refresh")
    list_reads = Counted(monkeypatch, window.patient_list.model, "refresh")
    stock = StockWindow(db, runner, window.settings, None, window)
    qtbot.addWidget(stock)
    stock.receive(box("DP16-2611A", TODAY + timedelta(days=400)))
    assert "20 on hand" in stock.receive_message.text()
    assert day_reads.calls == 1 and day.stock == []  # 20 is above the reorder level
    assert list_reads.calls == 0
    assert stock.model.rowCount() == 1 and stock.model.line(0).on_hand == 20  # type: ignore[union-attr]
    stock.close()
    stock.deleteLater()
    qtbot.wait(10)
    receive_box(db, box("DP16-2611A", TODAY + timedelta(days=400)), None, today=TODAY)
    runner.operations.announce(OpChanges.of("stock"))  # a closed Stock window hears nothing


def test_the_audit_trail_reads_its_pages_off_the_ui_thread(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.audit.table_model as module

    with db.session() as session:
        for n in range(250):
            audit.record(session, "print", "treatment_session", n, actor=None,
                         summary=f"Printed sheet {n}")  # fmt: skip
    threads: list[threading.Thread] = []
    real = module.audit_page

    def read(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(module, "audit_page", read)
    runner = TaskRunner()
    try:
        from ui.audit.view import AuditView

        view = AuditView(db, runner=runner)
        qtbot.addWidget(view)
        model = view.model
        assert model.busy and model.rowCount() == 0  # the screen did not wait
        assert view.count.text() == "Reading the audit trail…"
        assert not view.reload_button.isEnabled()
        qtbot.waitUntil(lambda: not model.busy, timeout=20_000)
        assert model.rowCount() == AuditTableModel.BATCH and model.canFetchMore()
        assert view.count.text() == "200+ entries (scroll for more)"
        with qtbot.waitSignal(model.loaded, timeout=20_000):
            model.fetchMore()
        assert model.rowCount() == 250 and not model.canFetchMore()
        assert len(threads) == 2
        assert all(t is not threading.main_thread() for t in threads)
    finally:
        runner.wait()


def test_no_screen_holds_a_database_session_or_imports_sqlalchemy() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name == "sqlalchemy" or name.startswith("sqlalchemy.") for name in names):
                found.append(f"{path.name}:{node.lineno} imports sqlalchemy")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "session"
            ):
                found.append(f"{path.name}:{node.lineno} calls .session(")
    assert found == []


def test_the_first_patient_saved_wakes_the_backup_banner_and_fills_the_list(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = SynchronousRunner()
    window = window_on(qtbot, db, runner)
    banner = window.safekeeping.banner
    assert not banner.isVisible()  # nothing to back up yet
    window.new_patient()
    form = window.patient_form
    form.first_name.insert("Ada")
    form.last_name.insert("Lovelace")
    qtbot.keyClicks(form.date_of_birth, "10/12/1985")
    heard: list[tuple[OpChanges, object]] = []
    runner.operations.operationDidExecute.connect(lambda c, h: heard.append((c, h)))
    form.save()  # on the UI thread (the form is left only once saved), announced all the same
    assert [c.names() for c, _h in heard] == [("patients", "audit")]
    assert banner.isVisible()
    assert window.patient_list.model.rowCount() == 1


def test_what_the_settings_dialog_saved_is_told_once_it_closes(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.clinic import store as clinic
    from ui.settings.dialog import SettingsDialog

    c = make_clinic(db)
    runner = SynchronousRunner()
    window = window_on(qtbot, db, runner)
    window.show_day()
    assert window.day is not None
    day_reads = Counted(monkeypatch, window.day.view, "refresh")
    heard: list[OpChanges] = []
    runner.operations.operationDidExecute.connect(lambda changes, _h: heard.append(changes))

    def a_lot_added_on_its_page(dialog: SettingsDialog) -> int:
        clinic.add_product_lot(db, c.glide.id, "HA-2701", date(2028, 1, 1), None)
        clinic.add_product_lot(db, c.glide.id, "HA-2702", date(2028, 2, 1), None)
        assert heard == [] and day_reads.calls == 0  # nothing told while it is open
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", a_lot_added_on_its_page)
    window.open_settings()
    assert [changes.names() for changes in heard] == [("stock", "audit")]
    assert day_reads.calls == 1  # the day shows stock warnings: read once
