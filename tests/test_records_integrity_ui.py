"""The window checks the audit chain at start: nothing to see when it is intact; a red banner
with an icon and words, and no way to dismiss it, when it is broken; the audit trail screen
says where the break is and selects that entry."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from assistant.settings import Settings
from assistant.storage.db import Database
from tests import keyed_sqlite as sqlite3
from ui.app_context import GuiContext
from ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot,
    db: Database,
    signed_records: object,
    runner: object,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    settings = Settings()
    settings.set("demo_offered", True)
    win = MainWindow(GuiContext.for_database(db, settings, runner))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    return win


def tamper(db: Database, entry: int) -> None:
    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path, isolation_level=None)
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute(f"UPDATE audit_event SET summary = 'nothing happened' WHERE id = {entry}")
    con.close()


def test_an_intact_chain_shows_no_banner(window: MainWindow) -> None:
    window.after_start()
    assert window.safekeeping.integrity is not None and window.safekeeping.integrity.intact
    assert not window.safekeeping.integrity_banner.isVisible()
    window.show_audit()
    view = window.audit_view
    assert view is not None and "verified" in view.chain_status.text()


def test_a_broken_chain_shows_a_banner_that_stays_and_the_audit_screen_shows_where(
    window: MainWindow, db: Database, tmp_path: object
) -> None:
    tamper(db, 7)
    window.after_start()
    banner = window.safekeeping.integrity_banner
    assert banner.isVisible()
    assert "entry 7" in banner.text.text()
    assert banner.icon.pixmap() is not None and not banner.icon.pixmap().isNull()
    buttons = [b.text() for b in banner.findChildren(QAbstractButton)]
    assert buttons == ["Show in the &audit trail"]  # nothing to close it with
    banner.grab().save(str(tmp_path) + "/banner.png")

    banner.button.click()
    view = window.audit_view
    assert view is not None and window.stack.currentWidget() is view
    assert "Audit chain broken: entry 7" in view.chain_status.text()
    selected = view.table.selectionModel().selectedRows()
    assert [view.model.entry(i.row()).id for i in selected] == [7]
    assert banner.isVisible()  # leaving for the audit trail does not dismiss it
    window.grab().save(str(tmp_path) + "/window.png")
