"""Records you can trust, from the main window: backups and the banner, the idle lock,
PINs set in Settings, the audit trail, and a patient's export and erasure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant import paths
from assistant.access import auth
from assistant.patients.store import search_patients
from assistant.settings import Settings
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Patient
from ui.app_context import GuiContext
from ui.main_window import MainWindow


@pytest.fixture
def signed_in(demo_db: Database) -> int:
    auth.set_pin(demo_db, 1, "2468", actor=None)
    return 1


@pytest.fixture
def window(
    qtbot: QtBot,
    demo_db: Database,
    runner: object,
    signed_in: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    settings = Settings(tmp_path / "settings.json")
    settings.set("demo_offered", True)
    settings.set("backup_on_exit", False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    win = MainWindow(GuiContext.for_database(demo_db, settings, runner, signed_in))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    return win


def test_banner_warns_until_a_backup_is_made(window: MainWindow) -> None:
    banner = window.safekeeping.banner
    assert banner.isVisible()
    assert "back" in banner.text.text().lower()
    window.backup_action.trigger()
    backups = list(paths.backup_dir().glob("*.sqlite3"))
    assert len(backups) == 1
    assert not banner.isVisible()
    assert window.settings.get("last_backup_at")


def test_lock_covers_the_window_and_the_pin_unlocks(qtbot: QtBot, window: MainWindow) -> None:
    window.lock_action.trigger()
    screen = window.safekeeping.lock_screen
    assert screen is not None and screen.isVisible()
    qtbot.keyClicks(screen.pin, "2468")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=5000)
    with window.db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert "lock" in actions and actions[-1] == "login"


def test_pin_set_in_settings_lets_a_colleague_sign_in(qtbot: QtBot, window: MainWindow) -> None:
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(window.db, window.settings, window.practitioner_id)
    qtbot.addWidget(dialog)
    editor = dialog.practitioners
    row = next(i for i, r in enumerate(editor.records) if r.id == 2)
    editor.table.selectRow(row)
    answers = iter(["13579", "97531"])
    dialog._set_pin(lambda label: (next(answers), True))
    assert "differ" in dialog.pin_message.text()
    answers = iter(["13579", "13579"])
    dialog._set_pin(lambda label: (next(answers), True))
    assert "can now sign in" in dialog.pin_message.text()
    assert auth.verify_login(window.db, 2, "13579").id == 2


def test_export_writes_the_record(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    window.safekeeping.export_patient(1, ask_path=lambda: str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["patient"]["id"] == 1
    pdf = tmp_path / "record.pdf"
    window.safekeeping.export_patient(1, ask_path=lambda: str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_erasure_is_confirmed_twice(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.patient_list.table.selectRow(0)
    record = window.patient_page.record
    assert record is not None
    name = record.display_name
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("wrong words", True))
    window.patient_page.erase_action.trigger()
    assert any(r.id == record.id for r in search_patients(window.db, "", limit=1000))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (f"{record.id} {name}", True))
    window.patient_page.erase_action.trigger()
    with window.db.session() as session:
        row = session.get(Patient, record.id)
        assert row is not None and row.erased_at is not None
    assert all(r.id != record.id for r in search_patients(window.db, "", limit=1000))
    assert window.stack.currentWidget() is window.welcome


def test_audit_trail_opens_on_the_patient(window: MainWindow) -> None:
    window.patient_list.table.selectRow(0)
    window.patient_page.audit_action.trigger()
    view = window.audit_view
    assert view is not None and window.stack.currentWidget() is view
    window.audit_action.trigger()
    assert window.stack.currentWidget() is view
