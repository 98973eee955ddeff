"""``Chairside --smoke-test``: check that this installation can run, without a screen.

In a throwaway data folder it creates the database (running every migration), adds demo
patients, shows the main window offscreen and renders an aftercare sheet through the preview
that the Print button uses. It touches nothing of the user's own data. Exit status 0 with a
one-line summary; on any failure one line saying which step failed, and status 1. A built
bundle runs it in CI with an empty environment, so a file missing from the bundle fails there.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from assistant.access.auth import verify_login
from assistant.clinic.store import list_practitioners
from assistant.context import AppContext
from assistant.demo import clinic as demo
from assistant.paths import Locations
from assistant.sessions import aftercare_sheet_for_session, list_sessions
from assistant.settings import Settings
from assistant.storage.db import current_revision

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
        locations = Locations(Path(tmp) / "data")
        try:
            summary = _run_steps(locations, progress)
        except Exception as exc:  # any failure is the answer: report it in one line
            lines = str(exc).strip().splitlines()
            detail = lines[0] if lines else type(exc).__name__
            print(f"chairside: smoke test failed while {progress.step}: {detail}", file=sys.stderr)
            return EXIT_FAILED
    print(f"Chairside smoke test passed: {summary}")
    return EXIT_OK


def _run_steps(locations: Locations, step: Callable[[str], None]) -> str:
    # The throwaway folder's own database and settings, named here rather than through the
    # environment, so nothing of the user's (CHAIRSIDE_DATABASE_URL included) is opened.
    context = AppContext(
        locations,
        locations.default_database_url,
        settings=Settings(locations.settings_file),
    )
    step("creating the database")
    db = context.database()
    try:
        revision = current_revision(db.engine)
        step("adding demo patients")
        demo.load_demo_data(db, patients=3, seed=1)  # seed 1: three patients, four sessions
        # the demo practitioners sign in with the demo PIN
        practitioner = verify_login(db, list_practitioners(db)[0].id, demo.DEMO_PIN)
        session_id = next(
            (s.id for patient in (1, 2, 3) for s in list_sessions(db, patient)), None
        )
        if session_id is None:
            raise RuntimeError("the demo patients have no session")

        step("starting Qt")
        # Qt loads in its own step, so a broken Qt library is reported as that step
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        # the window's modules load in the step that needs them
        from ui.app import ChairsideApplication

        # Qt's notes about the offscreen screen (no window size hints, a C locale under
        # env -i) go to the log, so success is one line.
        qInstallMessageHandler(lambda kind, context, message: log.debug("Qt: %s", message))
        # offscreen whatever the environment says: the check needs no screen
        app = QApplication.instance() or ChairsideApplication(
            [sys.argv[0], "-platform", "offscreen"]
        )
        if app.windowIcon().isNull():  # type: ignore[attr-defined]
            raise RuntimeError("the application icon could not be loaded")
        if not app.styleSheet():  # type: ignore[attr-defined]
            raise RuntimeError("the style sheet could not be loaded")

        step("showing the main window")
        # Qt's modules load in the step that needs them, so a broken Qt names that step.
        from ui.app_context import GuiContext
        from ui.main_window import MainWindow

        context.practitioner_id = practitioner.id
        window = MainWindow(GuiContext(context))
        window.show()
        app.processEvents()
        if window.grab().isNull():
            raise RuntimeError("the main window drew nothing")

        step("rendering an aftercare sheet")
        from ui.visit.aftercare_dialog import AftercarePreviewDialog  # Qt: loaded in its step

        dialog = AftercarePreviewDialog(aftercare_sheet_for_session(db, session_id), None, window)
        pages = len(dialog.images)
        if pages < 1 or dialog.images[0].isNull():
            raise RuntimeError("the aftercare sheet has no page")
        dialog.close()
        window.close()
        app.processEvents()
        window.deleteLater()
    finally:
        context.close()
    return (
        f"database at revision {revision}, main window shown, "
        f"aftercare sheet rendered ({pages} page{'s' if pages != 1 else ''})"
    )
