"""What the sign-in, first-practitioner and lock screens share: PIN fields, the message
line, and the checker that runs the wait after wrong PINs (the rules live in
``assistant.access.auth``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

from assistant.access.weak_pins import MAX_SECRET_CHARS
from assistant.context import sign_in
from assistant.errors import LoginRefused

if TYPE_CHECKING:
    from assistant.storage.db import Database

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def pin_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumHeight(40)
    field.setMaxLength(MAX_SECRET_CHARS)
    return field


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("message")
    return label


class PinChecker(QObject):
    """Checks a PIN with ``assistant.context.sign_in`` (the one sign-in operation) and runs
    the countdown after wrong ones."""

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
            info = sign_in(
                self.db, practitioner_id, pin, clock=self.clock, purpose=self.purpose
            ).practitioner
        except LoginRefused as refused:
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
        # the sign-in rules (argon2, the database) once a database is open; the unlock
        # dialog's PIN field opens before they load (start-up)
        from assistant.access.auth import seconds_until_next_try

        self._base = ""
        self.timer.stop()
        left = seconds_until_next_try(self.db, practitioner_id, clock=self.clock)
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
