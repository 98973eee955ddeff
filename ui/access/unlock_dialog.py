"""Opening an encrypted database: before anything else can be read, a practitioner chooses
who they are (from the key file: names only) and types their PIN, which unwraps the database
key, opens the database and signs them in (``assistant.context.sign_in``, on a worker
thread while the dialog says it is checking); or the clinic's recovery key does. Wrong tries
make the next one wait, as at sign-in. After the recovery key, a practitioner chooses a new
PIN (``ui.access.new_pin_dialog``)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.context import AppContext, SignedIn, sign_in
from assistant.errors import DatabaseUnavailable, InvalidInput, LoginRefused
from ui.access.pin_entry import message_label, pin_field
from ui.tasks import TaskRunner, show_error

log = logging.getLogger(__name__)


class UnlockDialog(QDialog):
    """``signed_in`` holds who unlocked and signed in (None after the recovery key);
    ``problem`` why the database, once unlocked, could not be opened. The PIN is never
    kept: it goes from the field to the worker and is dropped with the call."""

    def __init__(
        self,
        context: AppContext,
        url: str | None = None,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to Chairside"))
        self.context = context
        self.url = url
        # Before the window exists there is no task runner yet: the dialog has its own.
        self.runner = runner or context.runner or TaskRunner()
        self.signed_in: SignedIn | None = None
        self.problem: DatabaseUnavailable | None = None
        self.used_recovery = False
        self.busy = False
        keys = context.key_file(url)
        intro = QLabel(self.tr("This clinic's database is encrypted. Sign in to open it."))
        intro.setWordWrap(True)
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Practitioner"))
        self.who.setMinimumHeight(40)
        for practitioner_id, name in keys.people():
            self.who.addItem(name, practitioner_id)
        self.pin = pin_field(self, self.tr("PIN or password"))
        self.recovery = QLineEdit()
        self.recovery.setAccessibleName(self.tr("Recovery key"))
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery.hide()
        self.message = message_label()
        self.sign_in = QPushButton(self.tr("&Sign in"))
        self.sign_in.setDefault(True)
        self.sign_in.setMinimumHeight(44)
        self.use_recovery = QPushButton(self.tr("Every PIN lost? Use the &recovery key"))
        self.use_recovery.setFlat(True)
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.clicked.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Practitioner"), self.who)
        self.form.addRow(self.tr("P&IN"), self.pin)
        self.form.addRow(self.tr("Recovery &key"), self.recovery)
        self.form.setRowVisible(2, False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in)
        layout.addWidget(self.use_recovery)
        layout.addWidget(self.quit_button)
        self.wait = QTimer(self)
        self.wait.setSingleShot(True)
        self.wait.timeout.connect(lambda: self.sign_in.setEnabled(not self.busy))
        self.sign_in.clicked.connect(self.try_unlock)
        self.pin.returnPressed.connect(self.try_unlock)
        self.recovery.returnPressed.connect(self.try_unlock)
        self.use_recovery.clicked.connect(self.show_recovery)
        if self.who.count() == 0:
            self.show_recovery()
        self.pin.setFocus()

    def show_recovery(self) -> None:
        self.used_recovery = True
        self.form.setRowVisible(0, False)
        self.form.setRowVisible(1, False)
        self.form.setRowVisible(2, True)
        self.use_recovery.hide()
        self.message.setText(
            self.tr("Type the recovery key from the sheet kept in the clinic's safe.")
        )
        self.recovery.setFocus()

    def try_unlock(self) -> None:
        if not self.sign_in.isEnabled() or self.busy:
            return
        context, url = self.context, self.url
        if self.used_recovery:
            code = self.recovery.text()
            self.recovery.clear()
            work: Callable[[], object] = lambda: context.unlock_with_recovery(code, url)  # noqa: E731
        else:
            practitioner_id = self.who.currentData()
            if practitioner_id is None:
                return
            pin = self.pin.text()
            self.pin.clear()
            work = lambda: sign_in(context, int(practitioner_id), pin, url=url)  # noqa: E731
        self._set_busy(True)
        self.runner.run(work, self._unlocked, self._refused, owner=self)

    def _set_busy(self, busy: bool) -> None:
        """While the PIN is checked (a few tenths of a second; longer when the database is
        upgraded as it opens) the dialog says so and takes no input."""
        self.busy = busy
        for widget in (
            self.who, self.pin, self.recovery, self.sign_in, self.use_recovery, self.quit_button
        ):
            widget.setEnabled(not busy)  # fmt: skip
        if busy:
            self.message.setText(self.tr("Checking…"))
        else:
            self.message.clear()

    def reject(self) -> None:
        if not self.busy:  # not while the database may be opening (Escape, the title bar)
            super().reject()

    def _unlocked(self, result: SignedIn | None) -> None:
        self._set_busy(False)
        self.signed_in = result
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, DatabaseUnavailable):
            self.problem = exc  # the start-up's problem dialog says what to do
            self.reject()
            return
        if not isinstance(exc, InvalidInput):
            show_error(self, exc)
            return
        text, wait = str(exc), 0
        if isinstance(exc, LoginRefused):
            # Counted once, in the database's one counter beside its key file (shared with
            # the lock screen, across restarts and the command line).
            wait, text = exc.wait_seconds, exc.reason
        if wait:
            text = f'{text} {self.tr("Wait {0} s before trying again.").format(wait)}'.strip()
            self.sign_in.setEnabled(False)
            self.wait.start(wait * 1000)
        self.message.setText(text)
        (self.recovery if self.used_recovery else self.pin).setFocus()
