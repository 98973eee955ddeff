"""Side by side: one view from two visits, at the same size, with their dates and depths.

The first and the latest visit with a photo of the view are chosen to begin with. Pictures
are read and scaled off the UI thread; "Save as PDF…" writes the one-page comparison for
the patient. Opening a comparison is recorded in the audit trail.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.photos import VIEWS, photo_bytes
from assistant.photos.compare import (
    Comparison,
    compare_photos,
    comparison_pdf,
    sessions_with_view,
)
from assistant.storage.db import Database
from ui.plain_export import plain_export_caption
from ui.tasks import TaskRunner

PICTURE_HEIGHT = 520


def scaled_jpeg(data: bytes, height: int) -> bytes:
    """``data`` scaled to ``height`` pixels tall (both sides of a comparison the same size)."""
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (height * 2, height))
    width = max(1, round(image.width * height / image.height))
    out = io.BytesIO()
    image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS).save(
        out, "JPEG", quality=90
    )
    return out.getvalue()


class PhotoComparisonDialog(QDialog):
    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        patient_id: int,
        actor: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.patient_id = patient_id
        self.actor = actor
        self.comparison: Comparison | None = None
        self.setWindowTitle(self.tr("Side by side"))

        self.view_box = QComboBox()
        self.view_box.setAccessibleName(self.tr("View"))
        for key, label in VIEWS.items():
            self.view_box.addItem(self.tr(label), key)
        self.before_box = QComboBox()
        self.before_box.setAccessibleName(self.tr("Earlier visit"))
        self.after_box = QComboBox()
        self.after_box.setAccessibleName(self.tr("Later visit"))
        self.pictures = [QLabel(), QLabel()]
        self.captions = [QLabel(), QLabel()]
        for picture in self.pictures:
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setMinimumHeight(PICTURE_HEIGHT)
        for caption in self.captions:
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Save as &PDF for the patient…"))
        self.pdf_button.setMinimumHeight(44)
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.choose_pdf)
        close = QPushButton(self.tr("Close"))
        close.setMinimumHeight(44)
        close.clicked.connect(self.accept)

        choices = QHBoxLayout()
        for text, box in (
            (self.tr("View"), self.view_box),
            (self.tr("Before"), self.before_box),
            (self.tr("After"), self.after_box),
        ):
            choices.addWidget(QLabel(text))
            box.setMinimumHeight(36)
            choices.addWidget(box, 1)
        grid = QGridLayout()
        for column in (0, 1):
            grid.addWidget(self.pictures[column], 0, column)
            grid.addWidget(self.captions[column], 1, column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)

        self.view_box.currentIndexChanged.connect(self.load_sessions)
        self.before_box.activated.connect(self.load_pictures)
        self.after_box.activated.connect(self.load_pictures)
        self.load_sessions()

    @property
    def view(self) -> str:
        return str(self.view_box.currentData())

    def load_sessions(self) -> None:
        db, patient, view = self.db, self.patient_id, self.view
        self.runner.run(
            lambda: sessions_with_view(db, patient, view),
            self._sessions_loaded,
            self._failed,
            parent=self,
        )

    def _sessions_loaded(self, sessions: list[tuple[int, Any]]) -> None:
        for box in (self.before_box, self.after_box):
            box.clear()
            for sid, when in sessions:
                box.addItem(f"{when:%d %b %Y}", sid)
        if len(sessions) < 2:
            self.comparison = None
            self.pdf_button.setEnabled(False)
            for label, caption in zip(self.pictures, self.captions, strict=True):
                label.clear()
                caption.clear()
            self.message.setText(
                self.tr("Photos of this view from two visits are needed for a comparison.")
            )
            return
        self.before_box.setCurrentIndex(0)  # the first visit
        self.after_box.setCurrentIndex(len(sessions) - 1)  # and the latest
        self.load_pictures()

    def load_pictures(self) -> None:
        db, patient, view, actor = self.db, self.patient_id, self.view, self.actor
        before, after = self.before_box.currentData(), self.after_box.currentData()

        def load() -> tuple[Comparison, bytes, bytes]:
            comparison = compare_photos(
                db, patient, view, before_session=before, after_session=after, actor=actor
            )
            return (
                comparison,
                scaled_jpeg(photo_bytes(db, comparison.before.photo), PICTURE_HEIGHT),
                scaled_jpeg(photo_bytes(db, comparison.after.photo), PICTURE_HEIGHT),
            )

        self.runner.run(load, self._show, self._failed, parent=self)

    def _show(self, result: tuple[Comparison, bytes, bytes]) -> None:
        comparison, *pictures = result
        self.comparison = comparison
        sides = (comparison.before, comparison.after)
        titles = (self.tr("Before"), self.tr("After"))
        for label, caption, data, side, title in zip(
            self.pictures, self.captions, pictures, sides, titles, strict=True
        ):
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            label.setPixmap(pixmap)
            caption.setText(f"<b>{title}</b>: {side.treated_at:%d %B %Y}<br>{side.depths}")
        self.message.setText("")
        self.pdf_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.message.setText("⚠ " + str(error))

    def choose_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Save the comparison")),
            "comparison.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, out: Path) -> None:
        comparison, db, actor = self.comparison, self.db, self.actor
        if comparison is None:
            return
        self.runner.run(
            lambda: comparison_pdf(db, comparison, out, actor=actor),
            lambda path: self.message.setText(self.tr("Saved {0}").format(path)),
            self._failed,
            parent=self,
        )
