"""Small things a new user met in the main window, each fixed and kept fixed."""

from __future__ import annotations

from pathlib import Path

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


def test_the_first_practitioner_dialog_fits_its_hints_and_says_pin_or_password(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    from ui.first_practitioner_dialog import FirstPractitionerDialog

    dialog = FirstPractitionerDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.findChild(QFormLayout)
    assert form is not None
    labels = [
        form.labelForField(field).text()  # type: ignore[union-attr]
        for field in (dialog.pin, dialog.repeat)
    ]
    assert labels == ["&PIN or password", "PIN or password &again"]
    assert dialog.repeat.accessibleName() == "PIN or password again"
    # the placeholder shows whole, and the introduction needs no more than four lines
    field = dialog.credentials
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.width() >= needed + 8
    intro = dialog.findChildren(QLabel)[0]
    assert intro.height() <= 4 * intro.fontMetrics().lineSpacing() + 8
    dialog.grab().save(str(tmp_path / "first-practitioner.png"))
