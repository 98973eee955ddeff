"""The one way to run work off the UI thread.

``runner.run(fn, on_success, on_error, owner=widget)`` runs ``fn`` off the UI thread and
delivers its result (or exception) back on the UI thread:

- Database work (the default) runs on **one dedicated worker thread**, so writes are
  serialised in the order they were asked for, as Anki's task manager does. PDF rendering
  (``render=True``) runs on a separate small pool, so a long render never holds up a save.
- Callbacks are bound to their owner's lifetime (``owner``, by default ``parent``): when the
  owner widget has been deleted by the time the work finishes, the callbacks are dropped.
  The work itself still completes (a save in flight is never abandoned half way).
- ``wait()`` blocks until the queued work is done and then delivers the finished results
  inline; it never spins the event loop (no re-entrant ``processEvents``).

Database work that changes records is announced: once its callbacks have run, the runner
emits what its committed transactions changed (``assistant.operations.OpChanges``, computed
from the tables written) through the one application-wide signal
``runner.operations.operationDidExecute(changes, handler)`` (the style of Anki's
``CollectionOp`` and ``operation_did_execute``). Each screen that shows records connects it
to its ``on_operation_did_execute`` and reads again only when a kind it shows changed;
``handler`` (by default the task's owner) is the screen that asked, so it can skip what it
already updated. Nobody calls another screen's ``refresh`` after an operation.

Errors a user can act on (``ChairsideError``) are shown in one clear dialog by default;
anything else is logged with its traceback and shown too. Tests install
``SynchronousRunner`` so tasks run inline and deterministically, or use the real runner to
exercise the threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from assistant.errors import ChairsideError
from assistant.operations.changes import OpChanges

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
Progress = Callable[[int, int], None]

RENDER_THREADS = 2
T = TypeVar("T")


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """The default error report: the user's message for our errors, a summary otherwise."""
    if isinstance(error, ChairsideError):
        text = str(error)
    else:
        log.error("Unexpected error in a background task", exc_info=error)
        text = QApplication.translate(
            "tasks", "Something went wrong: {0}\n\nThe details are in the log file."
        ).format(error)
    if parent is not None and not shiboken6.isValid(parent):
        parent = None
    QMessageBox.warning(parent, title or QApplication.translate("tasks", "Chairside"), text)


def on_its_page(widget: QWidget) -> bool:
    """Whether ``widget`` is shown in its window, or will be once the window shows (a page
    of a stack behind another is not): where a screen reads a change again at once."""
    return widget.isWindow() or widget.isVisibleTo(widget.window())


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


class _Relay(QObject):
    """Lives on the UI thread. The worker emits its signals; because the receiving slots
    are this object's own methods, Qt queues them to the UI thread."""

    finished = Signal()
    progressed = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.on_finished: Callable[[], None] | None = None
        self.on_progress: Progress | None = None
        self.finished.connect(self._finished)
        self.progressed.connect(self._progressed)

    @Slot()
    def _finished(self) -> None:
        if self.on_finished is not None:
            self.on_finished()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total)


class Operations(QObject):
    """The application-wide announcement of what each operation changed."""

    operationDidExecute = Signal(object, object)  # OpChanges, the screen that asked (or None)

    def announce(self, changes: OpChanges, handler: object | None = None) -> None:
        if changes:
            self.operationDidExecute.emit(changes, handler)

    def perform_here(self, fn: Callable[[], T], handler: object | None = None) -> T:
        """``fn`` on this thread, then what it changed announced: only for the short writes
        that must finish before the screen changes (the patient form's save)."""
        # the write watch (SQLAlchemy's events) once something is written: the unlock
        # dialog's runner starts before SQLAlchemy loads (start-up)
        from assistant.operations.watch import changes_made

        made = OpChanges()
        try:
            with changes_made() as changes:
                try:
                    return fn()
                finally:
                    made = changes()
        finally:
            self.announce(made, handler)


def _call(
    fn: Callable[..., Any], args: tuple[Any, ...], watch: bool
) -> tuple[Any, BaseException | None, OpChanges]:
    """``fn(*args)``: its value or error, and (when ``watch``) what its committed
    transactions changed, also those committed before an error."""
    if not watch:
        try:
            return fn(*args), None, OpChanges()
        except BaseException as exc:  # delivered to the UI thread, never lost
            return None, exc, OpChanges()
    # the write watch (SQLAlchemy's events) with the first watched operation, not before the
    # unlock dialog opens (start-up)
    from assistant.operations.watch import changes_made

    with changes_made() as changes:
        try:
            return fn(*args), None, changes()
        except BaseException as exc:  # delivered to the UI thread, never lost
            return None, exc, changes()


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[..., Any],
        on_success: Success | None,
        on_error: Failure | None,
        on_progress: Progress | None,
        parent: QWidget | None,
        owner: QObject | None,
        handler: object | None,
        watch: bool,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.handler = handler
        self.watch = watch
        self.changes = OpChanges()
        self.fn = fn
        self.on_success = on_success
        self.on_error = on_error
        self.on_progress = on_progress
        self.parent = parent
        self.owner = owner
        self.relay = _Relay()
        self.done = False
        self.delivered = False
        self.result: Any = None
        self.error: BaseException | None = None

    @Slot()
    def run(self) -> None:  # on the worker thread
        args = (self.relay.progressed.emit,) if self.on_progress is not None else ()
        self.result, self.error, self.changes = _call(self.fn, args, self.watch)
        self.done = True
        try:
            self.relay.finished.emit()
        except RuntimeError:  # the runner is gone with its window: nobody waits for this
            log.debug("a task ended after its runner was deleted; its result is dropped")


def _deliver(
    on_success: Success | None,
    on_error: Failure | None,
    parent: QWidget | None,
    owner: QObject | None,
    result: Any,
    error: BaseException | None,
) -> None:
    if not _alive(owner):
        if error is not None:
            log.warning("A task finished after its screen closed: %s", error, exc_info=error)
        return
    if error is None:
        if on_success is not None:
            on_success(result)
    elif on_error is not None:
        on_error(error)
    else:
        show_error(parent, error)


class TaskRunner:
    """Database work on one worker thread, rendering on a small pool (both injectable)."""

    def __init__(
        self, db_pool: QThreadPool | None = None, render_pool: QThreadPool | None = None
    ) -> None:
        if db_pool is None:
            db_pool = QThreadPool()
            db_pool.setMaxThreadCount(1)
        if render_pool is None:
            render_pool = QThreadPool()
            render_pool.setMaxThreadCount(RENDER_THREADS)
        self.db_pool = db_pool
        self.render_pool = render_pool
        self._running: list[_Job] = []
        self.operations = Operations()

    def run(
        self,
        fn: Callable[..., Any],
        on_success: Success | None = None,
        on_error: Failure | None = None,
        on_progress: Progress | None = None,
        parent: QWidget | None = None,
        *,
        owner: QObject | None = None,
        render: bool = False,
        handler: object | None = None,
    ) -> None:
        """Run ``fn`` off the UI thread; the callbacks run on the UI thread, and only while
        ``owner`` (by default ``parent``) still exists. Database work that committed
        changes is announced afterwards (``operations``), as done by ``handler`` (by
        default the owner), whether or not the owner still exists."""
        owner = owner or parent
        job = _Job(fn, on_success, on_error, on_progress, parent, owner,
                   handler if handler is not None else owner, watch=not render)  # fmt: skip
        job.relay.on_finished = lambda: self._finish(job)
        if on_progress is not None:

            def progress(done: int, total: int) -> None:
                if _alive(job.owner):
                    on_progress(done, total)

            job.relay.on_progress = progress
        self._running.append(job)
        (self.render_pool if render else self.db_pool).start(job)

    def _finish(self, job: _Job) -> None:
        if job.delivered:
            return
        job.delivered = True
        if job in self._running:
            self._running.remove(job)
        job.relay.deleteLater()
        try:
            _deliver(job.on_success, job.on_error, job.parent, job.owner, job.result, job.error)
        finally:  # what was committed is told even when a callback fails
            self.operations.announce(job.changes, job.handler)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the queued work has finished, then deliver what finished, in order.
        Used before the database is closed or replaced, at exit, and when a form must be
        saved now. Never spins the event loop."""
        done = self.db_pool.waitForDone(msecs) and self.render_pool.waitForDone(msecs)
        for job in list(self._running):
            if job.done:
                self._finish(job)
        return done

    @property
    def busy(self) -> bool:
        return bool(self._running)


class SynchronousRunner(TaskRunner):
    """Runs each task inline on the calling thread (tests, and the command line)."""

    def __init__(self) -> None:
        self._running = []
        self.operations = Operations()

    def run(
        self,
        fn: Callable[..., Any],
        on_success: Success | None = None,
        on_error: Failure | None = None,
        on_progress: Progress | None = None,
        parent: QWidget | None = None,
        *,
        owner: QObject | None = None,
        render: bool = False,
        handler: object | None = None,
    ) -> None:
        owner = owner or parent
        args = (on_progress,) if on_progress else ()
        result, error, changes = _call(fn, args, watch=not render)
        try:
            _deliver(on_success, on_error, parent, owner, result, error)
        finally:
            self.operations.announce(changes, handler if handler is not None else owner)

    def wait(self, msecs: int = 30_000) -> bool:
        return True
