"""The lock screen shown over the window after the idle time or by hand; the same PIN
unlocks it, or someone else signs in."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.clinic.store import PractitionerInfo
from assistant.storage.db import Database
from assistant.text.dates import utcnow
from ui.access.pin_entry import Clock, PinChecker, message_label, pin_field

log = logging.getLogger(__name__)

_KEY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
    }
)


class LockScreen(QWidget):
    """Covers the window after the idle time, hiding every patient detail until the same
    practitioner's PIN is entered. ``switchRequested`` lets someone else sign in instead."""

    unlocked = Signal(object)  # PractitionerInfo
    switchRequested = Signal()

    def __init__(
        self,
        db: Database,
        practitioner: PractitionerInfo,
        clock: Clock = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.practitioner = practitioner
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAccessibleName(self.tr("Locked"))
        title = QLabel(self.tr("<h2>Chairside is locked</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(
            self.tr("Signed in: {0}. Enter your PIN to carry on.").format(practitioner.name)
        )
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = pin_field(self, self.tr("PIN or password"))
        self.pin.setMaximumWidth(320)
        self.message = message_label()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setMinimumHeight(44)
        self.unlock_button.setMaximumWidth(320)
        self.switch_button = QPushButton(self.tr("Sign in as someone &else"))
        self.switch_button.setMaximumWidth(320)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.who, self.pin, self.message, self.unlock_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

        self.checker = PinChecker(db, clock, "unlock", self)
        self.checker.message.connect(self.message.setText)
        self.checker.waiting.connect(lambda on: self.unlock_button.setEnabled(not on))
        self.checker.succeeded.connect(self._unlocked)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.pin.returnPressed.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.switchRequested)

    def cover(self) -> None:
        """Show over the whole parent window and take the focus."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.pin.clear()
        self.message.clear()
        self.checker.prepare(self.practitioner.id)
        self.show()
        self.raise_()
        self.pin.setFocus()

    def uncover(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.hide()

    def _inside(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (watched is self or self.isAncestorOf(watched))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.isVisible():
            return False
        kind = event.type()
        parent = self.parentWidget()
        if kind == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        elif kind in _KEY_EVENTS and not self._inside(watched):
            # Keys and menu shortcuts must not reach the window underneath while locked.
            if kind == QEvent.Type.KeyPress and isinstance(watched, QWidget):
                self.pin.setFocus()
            return True
        return False

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        pin = self.pin.text()
        self.pin.clear()
        self.checker.check(self.practitioner.id, pin)

    def _unlocked(self, info: PractitionerInfo) -> None:
        self.uncover()
        self.unlocked.emit(info)
