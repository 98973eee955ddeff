"""Small things a new user met in the main window, each fixed and kept fixed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.db import Database
from assistant.patients import PatientDetails, create_patient
from assistant.settings import Settings
from ui.app_context import GuiContext
from ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, runner: object, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    return win


def test_no_patient_stays_highlighted_while_the_new_patient_form_is_open(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    for first in ("Ana", "Bea"):
        create_patient(db, PatientDetails(first, "Silva"), actor=None)
    window.patient_list.refresh()
    window.patient_list.table.selectRow(1)
    assert window.patient_list.table.selectionModel().hasSelection()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.patient_form
    assert not window.patient_list.table.selectionModel().hasSelection()
    assert not window.patient_list.table.currentIndex().isValid()
