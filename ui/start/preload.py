"""While the unlock dialog waits for a PIN, what opening the window needs loads behind it.

An encrypted clinic's start shows the unlock dialog before the database layer loads (Qt, the
settings and the key file's names are all it needs), so the dialog is up as soon as a bare
window would be. Typing a PIN takes a second or more; in that time:

1. ``CORE`` loads on a worker thread: SQLAlchemy and the models, with every mapper configured,
   the sign-in rules, the key derivation, the cipher and the credential store's back-end.
   None of it touches Qt.
2. Then, back on the UI thread, ``WINDOW``: the main window's modules and the sign-in screens
   that read the open database (Qt's widget modules load where the widgets live).

The loading starts once the dialog's first paint is done (``after_first_paint``), so it
does not slow the dialog down, and stops if the dialog is closed instead (``LoadingAhead``).
After the PIN, the wait is the key derivation (slow on purpose) and building the window.
Whatever has not loaded when the PIN comes loads then, as it would have anyway: a second
importer of a module waits for the first.
``tests/test_startup_path.py`` fails when the window starts needing a core module that
``CORE`` does not bring.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

CORE = (
    "assistant.storage.models",
    "assistant.storage.db",
    "assistant.storage.backup",
    "assistant.storage.encrypt",
    "assistant.storage.places",
    "assistant.access.auth",
    "assistant.access.pin_attempts",
    "assistant.access.workstation",
    "assistant.clinic.store",
    "assistant.context",
    "assistant.patients.store",
    "assistant.patients.listing",
    "assistant.audit.chain",
    "assistant.operations.watch",
    "assistant.demo.mark",
    "assistant.text.dates",
    "assistant.text.labels",
    "assistant.text.languages",
    "assistant.text.screen_dates",
    "argon2.low_level",
    "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.hkdf",
)

WINDOW = (
    "ui.app_context",
    "ui.main_window",
    "ui.access.login_dialog",
    "ui.access.new_pin_dialog",
    "ui.start.first_practitioner_dialog",
)


def load_core() -> None:
    """On a worker thread: the core modules, the mappers configured, and, where the
    workstation's secret is not in its file, the credential store's back-end found (finding
    it is the slow part; no secret is read here)."""
    for name in CORE:
        importlib.import_module(name)
    # the database layer (loaded just above) for its mapped classes' configuration
    from assistant.storage.db import configure_mapped_classes

    configure_mapped_classes()
    # where the workstation's secret is kept, to look for the credential store only if needed
    from assistant.access import workstation

    if workstation.use_keyring and not workstation.secret_file().exists():
        try:
            # the credential store's back-end, found now rather than after the PIN
            import keyring

            keyring.get_keyring()
        except Exception:  # noqa: BLE001 - no usable store: the secret's own read says so
            log.debug("no credential store back-end found ahead", exc_info=True)


def load_window() -> None:
    """On the UI thread: the window's modules."""
    for name in WINDOW:
        importlib.import_module(name)


class LoadingAhead:
    """``CORE`` on ``runner``'s worker thread, then ``WINDOW`` on the UI thread, unless
    stopped. A failure is only logged: the same import, made later where it is needed,
    reports it."""

    def __init__(self, runner: TaskRunner) -> None:
        self.runner = runner
        self.stopped = False

    def start(self) -> None:
        if not self.stopped:
            _loading.add(self)  # its runner outlives the dialog until the core is in
            self.runner.run(load_core, self._core_loaded, self._failed, render=True)

    def stop(self) -> None:
        """No more loading (the dialog was closed instead): wait until the worker thread is
        done, so that nothing of Python runs there while the application ends."""
        self.stopped = True
        self.runner.wait()

    def _core_loaded(self, _result: object) -> None:
        _loading.discard(self)
        if not self.stopped:
            load_window()

    def _failed(self, exc: BaseException) -> None:
        _loading.discard(self)
        log.warning("Loading ahead failed (%s); it loads when needed", exc)


# The loads under way: a fast typist's dialog closes before its runner's work is done.
_loading: set[LoadingAhead] = set()


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # once this paint is done
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` on the UI thread once ``widget``'s first paint is done: what can wait
    (loading ahead, a question to ask) waits until the screen is up."""
    _FirstPaint(widget, then)

