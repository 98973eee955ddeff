"""The application-wide watcher that notices input and says when the idle time is up."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
)

from assistant.access import auth

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Installed on the application: every key press, click, scroll or touch anywhere counts
    as activity (``IdleLock.touch``); a timer emits ``idle`` once the idle time has passed."""

    idle = Signal()

    def __init__(
        self, lock: auth.IdleLock, check_every_ms: int = 5000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.lock = lock
        self.active = True
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)

    def start(self, app: QApplication | None = None) -> None:
        target = app or QApplication.instance()
        assert target is not None
        target.installEventFilter(self)
        self.lock.touch()
        self.timer.start()

    def stop(self, app: QApplication | None = None) -> None:
        target = app or QApplication.instance()
        if target is not None:
            target.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.lock.touch()
        return False

    def check(self) -> None:
        if self.active and self.lock.should_lock():
            self.active = False  # once per lock; ``resume`` after unlocking
            self.idle.emit()

    def resume(self) -> None:
        self.lock.touch()
        self.active = True
