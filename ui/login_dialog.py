"""Signing in: the sign-in dialog, the first practitioner on a new database, the lock screen
shown after the idle time, and the application-wide watcher that notices input.

A wrong PIN is answered in place; after several, the wait the core asks for is shown as a
countdown and the button stays disabled until it is over. Nothing here decides: the rules
live in ``assistant.auth``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant import auth
from assistant.clinic import PractitionerInfo, list_practitioners
from assistant.db import Database
from assistant.errors import InvalidInput
from assistant.models import utcnow

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
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
_KEY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
    }
)


def _pin_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumHeight(40)
    field.setMaxLength(auth.MAX_SECRET_CHARS)
    return field


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("message")
    return label


class _PinChecker(QObject):
    """Checks a PIN with ``auth.verify_login`` and runs the countdown after wrong ones."""

    succeeded = Signal(object)  # PractitionerInfo
    message = Signal(str)
    waiting = Signal(bool)

    def __init__(self, db: Database, clock: Clock, purpose: str, parent: QObject) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.purpose = purpose
        self._left = 0
        self._base = ""
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)

    def check(self, practitioner_id: int, pin: str) -> None:
        try:
            info = auth.verify_login(
                self.db, practitioner_id, pin, clock=self.clock, purpose=self.purpose
            )
        except auth.LoginRefused as refused:
            self._base = refused.reason
            self.start_wait(refused.wait_seconds, str(refused))
            return
        self.succeeded.emit(info)

    def start_wait(self, seconds: int, text: str = "") -> None:
        self._left = seconds
        if seconds > 0:
            self.waiting.emit(True)
            self.timer.start()
            self._show_wait()
        else:
            self.message.emit(text)

    def prepare(self, practitioner_id: int) -> None:
        """Show any wait left over from earlier wrong tries (even on another workstation)."""
        self._base = ""
        self.timer.stop()
        left = auth.seconds_until_next_try(self.db, practitioner_id, clock=self.clock)
        self.waiting.emit(False)
        self.message.emit("")
        if left:
            self.start_wait(left)

    def _show_wait(self) -> None:
        wait = QApplication.translate(
            "LoginDialog", "After several wrong tries, wait {0} s before trying again."
        ).format(self._left)
        self.message.emit(f"{self._base} {wait}".strip())

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.timer.stop()
            self.waiting.emit(False)
            self.message.emit(QApplication.translate("LoginDialog", "You can try again now."))
            return
        self._show_wait()


class LoginDialog(QDialog):
    """Choose a practitioner and enter the PIN. ``practitioner`` holds who signed in."""

    def __init__(self, db: Database, clock: Clock = utcnow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Chairside"))
        self.db = db
        self.practitioner: PractitionerInfo | None = None
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Practitioner"))
        self.who.setMinimumHeight(40)
        for info in list_practitioners(db):
            if info.has_pin:
                self.who.addItem(info.name, info.id)
        self.pin = _pin_field(self, self.tr("PIN or password"))
        self.message = _message_label()
        self.sign_in = QPushButton(self.tr("&Sign in"))
        self.sign_in.setDefault(True)
        self.sign_in.setMinimumHeight(44)
        quit_button = QPushButton(self.tr("&Quit"))
        quit_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Practitioner"), self.who)
        form.addRow(self.tr("P&IN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in)
        layout.addWidget(quit_button)

        self.checker = _PinChecker(db, clock, "sign in", self)
        self.checker.message.connect(self.message.setText)
        self.checker.waiting.connect(lambda on: self.sign_in.setEnabled(not on))
        self.checker.succeeded.connect(self._signed_in)
        self.sign_in.clicked.connect(self.try_sign_in)
        self.pin.returnPressed.connect(self.try_sign_in)
        self.who.currentIndexChanged.connect(self._practitioner_changed)
        self._practitioner_changed()
        self.pin.setFocus()

    def _practitioner_changed(self) -> None:
        practitioner_id = self.who.currentData()
        if practitioner_id is not None:
            self.checker.prepare(practitioner_id)

    def try_sign_in(self) -> None:
        practitioner_id = self.who.currentData()
        if practitioner_id is None or not self.sign_in.isEnabled():
            return
        pin = self.pin.text()
        self.pin.clear()
        self.checker.check(practitioner_id, pin)

    def _signed_in(self, info: PractitionerInfo) -> None:
        self.practitioner = info
        self.accept()


class FirstPractitionerDialog(QDialog):
    """The first start: who is setting Chairside up, with the PIN they will sign in with."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Chairside"))
        self.db = db
        self.practitioner: PractitionerInfo | None = None
        intro = QLabel(
            self.tr(
                "Set up the first practitioner. Everything you record will carry your name; "
                "you sign in with this PIN (at least 4 digits) or password (at least 8 "
                "characters)."
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.credentials = QLineEdit()
        self.credentials.setAccessibleName(self.tr("Credentials"))
        self.credentials.setPlaceholderText(self.tr("e.g. registration number"))
        self.pin = _pin_field(self, self.tr("PIN or password"))
        self.repeat = _pin_field(self, self.tr("PIN again"))
        self.message = _message_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("&Create and sign in"))
        buttons.accepted.connect(self.create_practitioner)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Credentials"), self.credentials)
        form.addRow(self.tr("&PIN or password"), self.pin)
        form.addRow(self.tr("PIN &again"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def create_practitioner(self) -> None:
        if self.pin.text() != self.repeat.text():
            self.message.setText(self.tr("The two PINs are not the same."))
            self.repeat.setFocus()
            return
        try:
            info = auth.create_first_practitioner(
                self.db, self.name.text(), self.credentials.text(), self.pin.text()
            )
            self.practitioner = auth.verify_login(self.db, info.id, self.pin.text())
        except InvalidInput as exc:
            self.message.setText(str(exc))
            (self.name if exc.field == "name" else self.pin).setFocus()
            return
        self.accept()


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
        self.pin = _pin_field(self, self.tr("PIN or password"))
        self.pin.setMaximumWidth(320)
        self.message = _message_label()
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

        self.checker = _PinChecker(db, clock, "unlock", self)
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
