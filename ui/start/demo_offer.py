"""The first-start offer of a demo clinic: made in its own data folder beside the real one and
opened in a window of its own, so made-up patients never fill the new clinic's database."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from assistant.demo.clinic import DEMO_PIN, DemoSummary, create_demo_clinic, demo_folder
from ui.tasks import TaskRunner, show_error

log = logging.getLogger(__name__)
DEMO_PATIENTS = 60


def launch_chairside(folder: Path) -> bool:
    """Start another Chairside window on ``folder`` (its own process and data)."""
    if getattr(sys, "frozen", False):
        program, arguments = sys.executable, ["--data-dir", str(folder)]
    else:
        main = Path(__file__).resolve().parent.parent / "main.py"
        program, arguments = sys.executable, [str(main), "--data-dir", str(folder)]
    started, _pid = QProcess.startDetached(program, arguments)
    log.info("demo window: %s", "started" if started else "failed")
    return bool(started)


class DemoOffer(QObject):
    """Asks, builds the demo folder off the UI thread, then opens it in its own window."""

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        data_dir: Path,
        launch: Callable[[Path], bool] = launch_chairside,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self.folder = demo_folder(data_dir)
        self._launch = launch

    def question_text(self) -> str:
        return self.tr(
            "Open a demo clinic with {n} made-up patients and their sessions, to try "
            "Chairside out?\n\nIt opens in a window of its own, with its own data folder "
            "({folder}); this clinic's database stays empty and yours. The demo "
            "practitioners sign in with PIN {pin}."
        ).format(n=DEMO_PATIENTS, folder=self.folder, pin=DEMO_PIN)

    def ask(self) -> None:
        answer = QMessageBox.question(self._parent, self.tr("Demo clinic"), self.question_text())
        if answer == QMessageBox.StandardButton.Yes:
            self.open_demo()

    def open_demo(self) -> None:
        progress = QProgressDialog(
            self.tr("Preparing the demo clinic…"), "", 0, DEMO_PATIENTS, self._parent
        )
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        folder = self.folder

        def work(report: object) -> DemoSummary:
            return create_demo_clinic(folder, DEMO_PATIENTS, progress=report)  # type: ignore[arg-type]

        def done(_summary: DemoSummary) -> None:
            progress.close()
            if not self._launch(folder):
                QMessageBox.warning(
                    self._parent,
                    self.tr("Demo clinic"),
                    self.tr(
                        "The demo clinic is ready in {folder} but its window did not open. "
                        'Start Chairside with: --data-dir "{folder}"'
                    ).format(folder=folder),
                )

        def failed(exc: BaseException) -> None:
            progress.close()

            show_error(self._parent, exc)

        self._runner.run(work, done, failed, on_progress=lambda d, t: progress.setValue(d))
