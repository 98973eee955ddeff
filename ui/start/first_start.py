"""The first start: try the demo clinic, or set up my clinic, side by side.

The demo needs no setup: it is made in its own data folder beside the real one (readable by
this user only), opens in a window of its own and signs its first practitioner in by
itself. From the demo's window, "Set up my clinic" is one click: Chairside starts on the
real data folder (encryption, first practitioner and PIN) and the demo window closes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assistant.demo.clinic import DEMO_FOLDER_SUFFIX, create_demo_clinic, demo_folder
from ui import look
from ui.banner import Banner
from ui.start.demo_offer import DEMO_PATIENTS, launch_chairside

log = logging.getLogger(__name__)


class FirstStartDialog(QDialog):
    """``choice`` is "demo" or "setup" once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Chairside"))
        self.choice = ""
        title = QLabel(self.tr("Welcome to Chairside"))
        title.setFont(look.font(look.HEADING, bold=True))
        intro = QLabel(
            self.tr(
                "Try it with made-up patients first, or set up your own clinic now. You can "
                "set up your clinic from the demo at any time."
            )
        )
        intro.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Try the demo clinic"))
        self.setup_button = QPushButton(self.tr("Set up my clinic"))
        demo_words = QLabel(
            self.tr(
                "{n} made-up patients with their sessions, in a folder of its own. Nothing "
                "to set up; your clinic stays empty."
            ).format(n=DEMO_PATIENTS)
        )
        setup_words = QLabel(
            self.tr(
                "Choose whether to encrypt the records, then add yourself as the first "
                "practitioner with a PIN."
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for column, (button, words, choice) in enumerate(
            ((self.demo_button, demo_words, "demo"), (self.setup_button, setup_words, "setup"))
        ):
            button.setMinimumHeight(56)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            words.setWordWrap(True)
            words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(button, 0, column)
            grid.addWidget(words, 1, column)
            grid.setColumnStretch(column, 1)
        look.set_role(self.setup_button, "primary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(grid)
        self.setMinimumWidth(640)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def open_demo_clinic(data_dir: Path, launch: Callable[[Path], bool] = launch_chairside) -> bool:
    """Make the demo clinic beside ``data_dir`` (the first time) and open its window."""
    folder = demo_folder(data_dir)
    progress = QProgressDialog(
        QCoreApplication.translate("FirstStart", "Preparing the demo clinic…"), "", 0,
        DEMO_PATIENTS,
    )  # fmt: skip
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)

    def report(done: int, _total: int) -> None:
        progress.setValue(done)
        QCoreApplication.processEvents()

    try:
        create_demo_clinic(folder, DEMO_PATIENTS, progress=report)
    finally:
        progress.close()
    if launch(folder):
        return True
    QMessageBox.warning(
        None,
        QCoreApplication.translate("FirstStart", "Demo clinic"),
        QCoreApplication.translate(
            "FirstStart",
            "The demo clinic is ready in {folder} but its window did not open. Start "
            'Chairside with: --data-dir "{folder}"',
        ).format(folder=folder),
    )
    return False


def real_folder_of(demo: Path) -> Path | None:
    """The clinic's own data folder beside a demo folder ("Chairside demo" → "Chairside")."""
    if not demo.name.endswith(DEMO_FOLDER_SUFFIX):
        return None
    return demo.with_name(demo.name[: -len(DEMO_FOLDER_SUFFIX)])


class DemoBanner(Banner):
    """Across the demo's window: what it is, and "Set up my clinic" one click away."""

    def __init__(
        self,
        data_dir: Path,
        window: QWidget,
        launch: Callable[[Path], bool] = launch_chairside,
    ) -> None:
        super().__init__(
            self.tr("Demo clinic"),
            QStyle.StandardPixmap.SP_MessageBoxInformation,
            self.tr("Information"),
            self.tr("Set up my clinic"),
        )
        self._real = real_folder_of(data_dir)
        self._window = window
        self._launch = launch
        self.text.setText(
            self.tr("This is the demo clinic: its patients are made up. Your own clinic is set "
                    "up in a folder of its own.")
        )  # fmt: skip
        look.set_role(self.button, "primary")
        self.button.clicked.connect(self.set_up_clinic)
        self.setVisible(self._real is not None)

    def set_up_clinic(self) -> None:
        if self._real is not None and self._launch(self._real):
            self._window.close()
