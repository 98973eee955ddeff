"""A whole visit through the main window: patient → checklist → session → signed →
aftercare printed; and an unfinished draft offered again when the app reopens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from assistant.sessions import create_draft, get_session, list_sessions
from assistant.storage.db import Database
from tests.checklist_support import answer_everything
from tests.test_sessions_workflow import fill_and_save, tick
from tests.visit_support import open_demo_window
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(
    qtbot: QtBot,
    demo_db: Database,
    runner: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    win = open_demo_window(qtbot, demo_db, runner, tmp_path / "settings.json", monkeypatch)
    assert isinstance(win, MainWindow)
    return win


def test_a_whole_visit(
    qtbot: QtBot, window: MainWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.patient_list.table.selectRow(0)
    patient = window.patient_page.record
    assert patient is not None
    before = len(list_sessions(demo_db, patient.id))
    assert window.timeline.model.rowCount() == before

    qtbot.mouseClick(window.patient_page.new_session_button, LEFT)
    workflow = window.workflow
    assert workflow is not None and window.visit_view is not None
    assert window.pages.currentWidget() is window.visit_view  # the visit has the whole window
    assert window.visit_view.workflow is workflow
    if workflow.zone_picker.is_compact():  # the zones of last time, on one line
        qtbot.mouseClick(workflow.zone_picker.change_button, LEFT)
    tick(qtbot, workflow.zone_checks["cheeks"])
    page = workflow.checklist_page
    assert page is not None
    answer_everything(page)
    with qtbot.waitSignal(workflow.sessionCreated) as created:
        qtbot.mouseClick(page.continue_button, LEFT)
    session_id = created.args[0]
    form = workflow.form
    assert form is not None
    fill_and_save(qtbot, form)
    with qtbot.waitSignal(form.signed):
        qtbot.mouseClick(form.sign_button, LEFT)
    assert get_session(demo_db, session_id).state == "signed"

    printed: list[int] = []

    def fake_exec(dialog: QDialog) -> int:
        assert dialog.images  # type: ignore[attr-defined]
        printed.append(len(dialog.images))  # type: ignore[attr-defined]
        dialog.printed.emit()  # type: ignore[attr-defined]
        return 1

    from ui.visit.aftercare_dialog import AftercarePreviewDialog

    monkeypatch.setattr(AftercarePreviewDialog, "exec", fake_exec)
    qtbot.mouseClick(workflow.aftercare_button, LEFT)
    assert printed and printed[0] >= 1
    assert get_session(demo_db, session_id).aftercare_printed_at is not None

    workflow.finish()
    assert window.workflow is None
    assert window.stack.currentWidget() is window.patient_page
    assert window.timeline.model.rowCount() == before + 1


def test_an_unfinished_draft_is_offered_when_the_window_opens(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    session_id = create_draft(demo_db, 2, 1)
    window.after_start()
    assert window.workflow is not None
    assert window.workflow.form is not None
    assert window.workflow.form.session_id == session_id
    assert window.patient_page.record is not None and window.patient_page.record.id == 2


def test_leaving_a_session_for_another_patient_keeps_the_draft(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    session_id = create_draft(demo_db, 3, 1)
    window.open_session(session_id)
    form = window.workflow.form if window.workflow else None
    assert form is not None
    qtbot.keyClicks(form.notes_edit, "Patient asked about peels.")
    window.patient_list.table.selectRow(5)
    assert window.workflow is None
    assert get_session(demo_db, session_id).draft.notes == "Patient asked about peels."
