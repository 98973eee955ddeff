"""The task runner with real threads: database work on one dedicated worker, rendering on its
own pool, callbacks bound to their owner's lifetime, and waits that never spin the event
loop. Autosave, signing and the aftercare sheet run through it as the window runs them,
including a session closed while its save is still in flight."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import ui.session_form
from assistant.sessions import create_draft, get_session
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.test_sessions_workflow import PATIENT, PRACTITIONER, fill_and_save, open_workflow
from ui.tasks import TaskRunner

# How long a real thread may take on a loaded machine before a test gives up: a bound on
# waiting, never a measure of speed.
WAIT_MS = 30_000


@pytest.fixture
def threaded() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait(10_000)  # every worker joined before the next test


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    values = Settings(tmp_path / "settings.json")
    values.set("autosave_seconds", 0)
    values.set("demo_offered", True)
    values.set("backup_on_exit", False)
    return values


def open_unmanaged(db: Database, runner: TaskRunner, settings: Settings, session_id: int) -> object:
    """A session screen the test deletes itself (so qtbot must not close it at teardown)."""
    from ui.visit.workflow import SessionWorkflow

    workflow = SessionWorkflow(db, runner, settings, PATIENT, PRACTITIONER, session_id=session_id)
    workflow.resize(1280, 800)
    workflow.show()
    return workflow


def delete_now(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- the runner itself -------------------------------------------------------------------------


def test_database_work_runs_in_order_on_one_dedicated_thread(
    qtbot: QtBot, threaded: TaskRunner
) -> None:
    seen: list[tuple[int, str]] = []
    delivered: list[tuple[int, str]] = []
    for n in range(12):

        def work(n: int = n) -> int:
            seen.append((n, threading.current_thread().name))
            return n

        threaded.run(work, lambda n: delivered.append((n, threading.current_thread().name)))
    qtbot.waitUntil(lambda: len(delivered) == 12, timeout=WAIT_MS)
    assert [n for n, _ in seen] == list(range(12))  # in the order asked for
    workers = {name for _, name in seen}
    assert len(workers) == 1 and threading.main_thread().name not in workers
    assert {name for _, name in delivered} == {threading.main_thread().name}


def test_rendering_runs_on_its_own_pool_beside_database_work(
    qtbot: QtBot, threaded: TaskRunner
) -> None:
    gate = threading.Event()
    names: dict[str, str] = {}

    def slow_db() -> None:
        names["db"] = threading.current_thread().name
        assert gate.wait(5)

    def render() -> None:
        names["render"] = threading.current_thread().name
        gate.set()  # only possible if rendering is not queued behind the database work

    threaded.run(slow_db)
    threaded.run(render, render=True)
    qtbot.waitUntil(lambda: not threaded.busy, timeout=WAIT_MS)
    assert names["db"] != names["render"]


def test_a_callback_is_never_called_once_its_owner_is_deleted(
    qtbot: QtBot, threaded: TaskRunner
) -> None:
    gate = threading.Event()
    owner = QWidget()
    called: list[object] = []
    finished: list[object] = []
    threaded.run(lambda: gate.wait(5), called.append, called.append, owner=owner)
    threaded.run(lambda: "later", finished.append)  # no owner: always delivered
    delete_now(owner)
    gate.set()
    qtbot.waitUntil(lambda: finished == ["later"], timeout=WAIT_MS)
    assert called == []


def test_wait_delivers_without_spinning_the_event_loop(
    threaded: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = QCoreApplication.processEvents
    spun: list[bool] = []
    waiting = [False]

    def watched(*args: object) -> None:
        spun.append(waiting[0])
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(QCoreApplication, "processEvents", staticmethod(watched))
    results: list[int] = []
    for n in range(3):
        threaded.run(lambda n=n: n * 10, results.append)
    waiting[0] = True
    assert threaded.wait(5000)
    waiting[0] = False
    assert results == [0, 10, 20] and not threaded.busy
    assert True not in spun


def test_an_error_reaches_on_error_on_the_ui_thread(qtbot: QtBot, threaded: TaskRunner) -> None:
    errors: list[tuple[str, str]] = []

    def fail() -> None:
        raise ValueError("disk full")

    threaded.run(
        fail, on_error=lambda e: errors.append((str(e), threading.current_thread().name))
    )
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert errors == [("disk full", threading.main_thread().name)]


# -- autosave, signing and the aftercare sheet with real threads --------------------------------


def slow_saves(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Saves wait for the returned gate, so a test can act while one is in flight."""
    gate = threading.Event()
    real_save = ui.session_form.save_draft

    def gated_save(*args: object) -> object:
        assert gate.wait(10)
        return real_save(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ui.session_form, "save_draft", gated_save)
    return gate


def test_closing_the_session_while_a_save_is_in_flight_keeps_everything_typed(
    qtbot: QtBot,
    demo_db: Database,
    threaded: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.visit.workflow import SessionWorkflow

    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_unmanaged(demo_db, threaded, settings, session_id)
    assert isinstance(workflow, SessionWorkflow)
    qtbot.waitUntil(lambda: workflow.form is not None, timeout=WAIT_MS)
    form = workflow.form
    assert form is not None
    gate = slow_saves(monkeypatch)
    qtbot.keyClicks(form.notes_edit, "First")
    qtbot.waitUntil(lambda: form.status_text() == "Saving…", timeout=WAIT_MS)
    qtbot.keyClicks(form.notes_edit, " and second")  # typed while the save is in flight
    threading.Timer(0.2, gate.set).start()
    assert workflow.flush()  # what the window does before it closes the screen
    delete_now(workflow)
    assert threaded.wait(5000)
    qtbot.wait(50)  # any queued delivery arrives now, and must not touch the deleted form
    assert get_session(demo_db, session_id).draft.notes == "First and second"


def test_a_save_in_flight_still_lands_when_its_form_is_deleted(
    qtbot: QtBot,
    demo_db: Database,
    threaded: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.visit.workflow import SessionWorkflow

    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_unmanaged(demo_db, threaded, settings, session_id)
    assert isinstance(workflow, SessionWorkflow)
    qtbot.waitUntil(lambda: workflow.form is not None, timeout=WAIT_MS)
    form = workflow.form
    assert form is not None
    gate = slow_saves(monkeypatch)
    qtbot.keyClicks(form.notes_edit, "Kept")
    qtbot.waitUntil(lambda: form.status_text() == "Saving…", timeout=WAIT_MS)
    delete_now(workflow)  # no flush: the screen is gone before the save returns
    gate.set()
    assert threaded.wait(5000)
    qtbot.wait(50)
    assert get_session(demo_db, session_id).draft.notes == "Kept"


def test_signing_with_the_threaded_runner(
    qtbot: QtBot,
    demo_db: Database,
    threaded: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_workflow(qtbot, demo_db, threaded, settings, session_id=session_id)
    qtbot.waitUntil(lambda: workflow.form is not None, timeout=WAIT_MS)
    form = workflow.form
    assert form is not None
    fill_and_save(qtbot, form)
    with qtbot.waitSignal(form.signed, timeout=WAIT_MS):
        form.sign()
    assert get_session(demo_db, session_id).state == "signed"
    assert form.is_read_only() and workflow.aftercare_button.isVisibleTo(workflow)


def test_the_aftercare_sheet_is_prepared_off_the_ui_thread(
    qtbot: QtBot,
    demo_db: Database,
    threaded: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import assistant.aftercare
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow
    from ui.visit.aftercare_dialog import AftercarePreviewDialog

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    real_render = assistant.aftercare.render_sheet
    render_threads: list[str] = []

    def recording_render(*args: object, **kwargs: object) -> object:
        render_threads.append(threading.current_thread().name)
        return real_render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assistant.aftercare, "render_sheet", recording_render)
    shown: list[int] = []

    def fake_exec(dialog: QDialog) -> int:
        shown.append(len(dialog.images))  # type: ignore[attr-defined]
        dialog.printed.emit()  # type: ignore[attr-defined]
        return 1

    monkeypatch.setattr(AftercarePreviewDialog, "exec", fake_exec)
    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    window = MainWindow(GuiContext.for_database(demo_db, settings, threaded, PRACTITIONER))
    qtbot.addWidget(window)
    window.open_session(session_id)
    workflow = window.workflow
    assert workflow is not None
    qtbot.waitUntil(lambda: workflow.form is not None, timeout=WAIT_MS)
    form = workflow.form
    assert form is not None
    fill_and_save(qtbot, form)
    with qtbot.waitSignal(form.signed, timeout=WAIT_MS):
        form.sign()
    workflow.aftercare_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown[0] >= 1
    assert render_threads and threading.main_thread().name not in render_threads
    qtbot.waitUntil(
        lambda: get_session(demo_db, session_id).aftercare_printed_at is not None, timeout=WAIT_MS
    )
    window.close()
