"""The one way to run work off the UI thread.

``run_task(fn, on_success, on_error)`` runs ``fn`` on a thread pool and delivers its result
(or exception) back on the UI thread. Errors a user can act on (``ChairsideError``) are shown
in one clear dialog by default; anything else is logged with its traceback and shown too.
Tests install ``SynchronousRunner`` so tasks run inline and deterministically.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from assistant.errors import ChairsideError

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
Progress = Callable[[int, int], None]


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """The default error report: the user's message for our errors, a summary otherwise."""
    if isinstance(error, ChairsideError):
        text = str(error)
    else:
        log.error("Unexpected error in a background task", exc_info=error)
        text = QApplication.translate(
            "tasks", "Something went wrong: {0}\n\nThe details are in the log file."
        ).format(error)
    QMessageBox.warning(parent, title or QApplication.translate("tasks", "Chairside"), text)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self.signals.progressed.emit) if self.with_progress else self.fn()
        except BaseException as exc:  # delivered to the UI thread, never lost
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner:
    """Runs tasks on a ``QThreadPool``; keeps each job alive until it reports back."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[_Job] = set()

    def run(
        self,
        fn: Callable[..., Any],
        on_success: Success | None = None,
        on_error: Failure | None = None,
        on_progress: Progress | None = None,
        parent: QWidget | None = None,
    ) -> None:
        job = _Job(fn, with_progress=on_progress is not None)
        job.setAutoDelete(False)
        self._running.add(job)

        def finished_ok(result: Any) -> None:
            self._running.discard(job)
            if on_success:
                on_success(result)

        def finished_error(exc: BaseException) -> None:
            self._running.discard(job)
            if on_error:
                on_error(exc)
            else:
                show_error(parent, exc)

        job.signals.succeeded.connect(finished_ok)
        job.signals.failed.connect(finished_error)
        if on_progress:
            job.signals.progressed.connect(on_progress)
        self.pool.start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every queued job has finished (used at exit and in tests)."""
        done = self.pool.waitForDone(msecs)
        QApplication.processEvents()
        return done

    @property
    def busy(self) -> bool:
        return bool(self._running)


class SynchronousRunner(TaskRunner):
    """Runs each task inline on the calling thread (tests, and the command line)."""

    def __init__(self) -> None:
        self._running = set()

    def run(
        self,
        fn: Callable[..., Any],
        on_success: Success | None = None,
        on_error: Failure | None = None,
        on_progress: Progress | None = None,
        parent: QWidget | None = None,
    ) -> None:
        try:
            result = fn(on_progress) if on_progress else fn()
        except BaseException as exc:
            if on_error:
                on_error(exc)
            else:
                show_error(parent, exc)
            return
        if on_success:
            on_success(result)

    def wait(self, msecs: int = 30_000) -> bool:
        return True
