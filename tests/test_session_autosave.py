"""The autosave state machine on its own: no window, a fake save, the synchronous runner and
the real threaded one."""

from __future__ import annotations

import threading
from datetime import datetime

from pytestqt.qtbot import QtBot

from assistant.errors import DatabaseUnavailable, InvalidInput
from assistant.sessions import SessionDraft
from ui.session_form.autosave import Autosaver, SaveState
from ui.tasks import SynchronousRunner, TaskRunner


class FakeStore:
    def __init__(self) -> None:
        self.saved: list[str] = []
        self.fail_with: BaseException | None = None
        self.gate: threading.Event | None = None

    def save(self, draft: SessionDraft) -> object:
        if self.gate is not None:
            assert self.gate.wait(5)
        if self.fail_with is not None:
            raise self.fail_with
        self.saved.append(draft.notes)
        return draft


class Screen:
    """What the form would show: the text typed so far."""

    def __init__(self) -> None:
        self.notes = ""

    def draft(self) -> SessionDraft:
        return SessionDraft(treated_at=datetime(2026, 11, 17, 10, 30), notes=self.notes)


def make(runner: object, store: FakeStore, screen: Screen) -> tuple[Autosaver, list[SaveState]]:
    saver = Autosaver(runner, store.save, screen.draft, 0)  # type: ignore[arg-type]
    states: list[SaveState] = []
    saver.statusChanged.connect(lambda _text, state: states.append(state))
    return saver, states


def test_a_change_is_saved_after_the_pause(qtbot: QtBot) -> None:
    store, screen = FakeStore(), Screen()
    saver, states = make(SynchronousRunner(), store, screen)
    screen.notes = "erythema"
    saver.mark_changed()
    assert saver.dirty and states == [SaveState.PENDING]
    qtbot.waitUntil(lambda: store.saved == ["erythema"], timeout=2000)
    assert states == [SaveState.PENDING, SaveState.SAVING, SaveState.SAVED]
    assert not saver.dirty


def test_a_failed_save_keeps_the_draft_dirty_and_says_why(qtbot: QtBot) -> None:
    store, screen = FakeStore(), Screen()
    saver, states = make(SynchronousRunner(), store, screen)
    store.fail_with = DatabaseUnavailable("The disk is full.")
    screen.notes = "typed"
    assert saver.flush() is True  # nothing changed yet: nothing to save
    saver.mark_changed()
    assert saver.flush() is False
    assert saver.dirty and states[-1] == SaveState.FAILED
    store.fail_with = None
    assert saver.flush() is True
    assert store.saved == ["typed"] and not saver.dirty


def test_refused_input_is_not_retried_by_itself() -> None:
    store, screen = FakeStore(), Screen()
    saver, _states = make(SynchronousRunner(), store, screen)
    store.fail_with = InvalidInput("Depth above the device's limit.", "depth")
    saver.mark_changed()
    assert saver.flush() is False
    assert not saver._timer.isActive()  # a retry would fail the same way


def test_disabled_once_signed() -> None:
    store, screen = FakeStore(), Screen()
    saver, states = make(SynchronousRunner(), store, screen)
    saver.enabled = False
    saver.mark_changed()
    assert not saver.dirty and states == [] and saver.flush()


def test_typing_during_a_threaded_save_is_saved_next(qtbot: QtBot) -> None:
    runner = TaskRunner()
    store, screen = FakeStore(), Screen()
    saver, states = make(runner, store, screen)
    store.gate = threading.Event()
    screen.notes = "first"
    saver.mark_changed()
    qtbot.waitUntil(lambda: saver.saving, timeout=2000)
    screen.notes = "first, second"
    saver.mark_changed()  # while the first save is in flight
    store.gate.set()
    qtbot.waitUntil(lambda: store.saved == ["first", "first, second"], timeout=5000)
    qtbot.waitUntil(lambda: states[-1] == SaveState.SAVED, timeout=2000)
    assert not saver.dirty
    assert runner.wait(5000)


def test_flush_waits_for_the_save_in_flight_then_saves_the_rest(qtbot: QtBot) -> None:
    runner = TaskRunner()
    store, screen = FakeStore(), Screen()
    saver, _states = make(runner, store, screen)
    store.gate = threading.Event()
    screen.notes = "one"
    saver.mark_changed()
    qtbot.waitUntil(lambda: saver.saving, timeout=2000)
    screen.notes = "one two"
    saver.mark_changed()
    threading.Timer(0.1, store.gate.set).start()
    assert saver.flush()
    assert store.saved == ["one", "one two"] and not saver.dirty and not saver.saving
    assert runner.wait(5000)
