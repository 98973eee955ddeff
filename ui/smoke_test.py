"""``Chairside --smoke-test``: check that this installation can run, without a screen.

In a throwaway data folder it creates the database (running every migration), adds demo
patients, shows the main window offscreen and renders an aftercare sheet through the preview
that the Print button uses. It touches nothing of the user's own data. Exit status 0 with a
one-line summary; on any failure one line saying which step failed, and status 1. A built
bundle runs it in CI with an empty environment, so a file missing from the bundle fails there.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from assistant import paths

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1


class _Progress:
    """The step under way, so a failure can say where it happened."""

    def __init__(self) -> None:
        self.step = "starting"

    def __call__(self, step: str) -> None:
        self.step = step


def run_smoke_test() -> int:
    progress = _Progress()
    with tempfile.TemporaryDirectory(prefix="chairside-smoke-", ignore_cleanup_errors=True) as tmp:
        os.environ[paths.DATA_DIR_ENV] = str(Path(tmp) / "data")
        os.environ.pop(paths.DATABASE_URL_ENV, None)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        try:
            summary = _run_steps(progress)
        except Exception as exc:  # any failure is the answer: report it in one line
            lines = str(exc).strip().splitlines()
            detail = lines[0] if lines else type(exc).__name__
            print(f"chairside: smoke test failed while {progress.step}: {detail}", file=sys.stderr)
            return EXIT_FAILED
    print(f"Chairside smoke test passed: {summary}")
    return EXIT_OK


def _run_steps(step: Callable[[str], None]) -> str:

    from assistant.auth import verify_login
    from assistant.clinic import list_practitioners
    from assistant.db import current_revision, init_db
    from assistant.demo import DEMO_PIN, load_demo_data
    from assistant.sessions import list_sessions

    step("creating the database")
    db = init_db(paths.database_url())
    try:
        revision = current_revision(db.engine)
        step("adding demo patients")
        load_demo_data(db, patients=3, seed=1)  # seed 1: three patients, four sessions
        # the demo practitioners sign in with the demo PIN
        practitioner = verify_login(db, list_practitioners(db)[0].id, DEMO_PIN)
        session_id = next(
            (s.id for patient in (1, 2, 3) for s in list_sessions(db, patient)), None
        )
        if session_id is None:
            raise RuntimeError("the demo patients have no session")

        step("starting Qt")
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from ui.app import ChairsideApplication

        # Qt's notes about the offscreen screen (no window size hints, a C locale under
        # env -i) go to the log, so success is one line.
        qInstallMessageHandler(lambda kind, context, message: log.debug("Qt: %s", message))
        app = QApplication.instance() or ChairsideApplication([sys.argv[0]])
        if app.windowIcon().isNull():  # type: ignore[attr-defined]
            raise RuntimeError("the application icon could not be loaded")
        if not app.styleSheet():  # type: ignore[attr-defined]
            raise RuntimeError("the style sheet could not be loaded")

        step("showing the main window")
        from assistant.settings import Settings
        from ui.app_context import GuiContext
        from ui.main_window import MainWindow

        window = MainWindow(
            GuiContext.for_database(db, Settings(), practitioner_id=practitioner.id)
        )
        window.show()
        app.processEvents()
        if window.grab().isNull():
            raise RuntimeError("the main window drew nothing")

        step("rendering an aftercare sheet")
        from assistant.sessions import aftercare_sheet_for_session
        from ui.aftercare_dialog import AftercarePreviewDialog

        dialog = AftercarePreviewDialog(aftercare_sheet_for_session(db, session_id), None, window)
        pages = len(dialog.images)
        if pages < 1 or dialog.images[0].isNull():
            raise RuntimeError("the aftercare sheet has no page")
        dialog.close()
        window.close()
        app.processEvents()
        window.deleteLater()
    finally:
        db.dispose()
    return (
        f"database at revision {revision}, main window shown, "
        f"aftercare sheet rendered ({pages} page{'s' if pages != 1 else ''})"
    )
