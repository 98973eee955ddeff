"""The autosave state machine, apart from any window so it can be tested on its own.

States: clean → (a change) pending → (the timer fires) saving → saved, or failed with the
reason. A change while saving waits for that save, then saves again; a failure keeps the
typing (the draft stays dirty) and retries after a pause unless the input itself was
refused. ``flush()`` saves now, waiting first for a save in flight (before signing, when
the screen closes); it never spins the event loop.

The save itself runs through the task runner (on its database thread) and the result comes
back only while this object exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from assistant.errors import ChairsideError, InvalidInput, StaleRecord
from assistant.sessions import SessionDraft, SessionRecord
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

RETRY_AFTER_ERROR_MS = 10_000


class SaveState(Enum):
    CLEAN = "clean"
    PENDING = "pending"
    SAVING = "saving"
    SAVED = "saved"
    FAILED = "failed"


class Autosaver(QObject):
    statusChanged = Signal(str, object)  # text for the status line, SaveState
    saved = Signal(object)  # the SessionRecord after each save
    stale = Signal(object)  # the SessionRecord saved elsewhere since this copy was read

    def __init__(
        self,
        runner: TaskRunner,
        save: Callable[[SessionDraft], SessionRecord],
        current_draft: Callable[[], SessionDraft],
        interval_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._save = save
        self._current_draft = current_draft
        self.enabled = True  # False once the record is signed
        self._dirty = False
        self._saving = False
        self.state = SaveState.CLEAN
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, interval_ms))
        self._timer.timeout.connect(self._autosave)

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def saving(self) -> bool:
        return self._saving

    def _status(self, state: SaveState, text: str) -> None:
        self.state = state
        self.statusChanged.emit(text, state)

    def mark_changed(self) -> None:
        if not self.enabled:
            return
        self._dirty = True
        self._status(SaveState.PENDING, self.tr("Changes not saved yet"))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _autosave(self) -> None:
        if not self._dirty or not self.enabled:
            return
        if self._saving:
            self._timer.start()  # the save under way finishes first
            return
        draft = self._current_draft()
        self._saving = True
        self._dirty = False
        self._status(SaveState.SAVING, self.tr("Saving…"))
        self._runner.run(partial(self._save, draft), self._saved, self._failed, owner=self)

    def _saved(self, record: SessionRecord) -> None:
        self._saving = False
        self._status(
            SaveState.SAVED,
            self.tr("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")),
        )
        self.saved.emit(record)
        if self._dirty:
            self._timer.start()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        current = getattr(error, "current", None)
        if isinstance(error, StaleRecord) and isinstance(current, SessionRecord):
            # Saved elsewhere meanwhile: nothing is retried over it; the form shows both.
            self._status(SaveState.FAILED, self.tr("Someone else saved this draft meanwhile."))
            self.stale.emit(current)
            return
        self._dirty = True  # what was typed is still on screen and will be saved again
        if isinstance(error, ChairsideError):
            reason = str(error)
        else:
            log.error("Saving a draft failed", exc_info=error)
            reason = self.tr("Unexpected error: {0}").format(error)
        self._status(
            SaveState.FAILED,
            self.tr("Not saved: {reason} What you typed is kept on screen.").format(reason=reason),
        )
        if not isinstance(error, InvalidInput):
            self._timer.start(RETRY_AFTER_ERROR_MS)  # a locked or full disk may clear

    def flush(self) -> bool:
        """Save now if anything is unsaved. False when the save failed (the draft stays on
        screen, dirty)."""
        self._timer.stop()
        if self._saving:
            self._runner.wait()  # delivers the save in flight; no event loop is spun
        if not self._dirty or not self.enabled:
            return not self._dirty
        draft = self._current_draft()
        self._saving = True
        self._dirty = False
        try:
            record = self._save(draft)
        except Exception as exc:  # reported in place, never lost
            self._failed(exc)
            return False
        self._saved(record)
        return True
