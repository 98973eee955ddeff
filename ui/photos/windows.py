"""Opening the photos screen of a patient (and its side-by-side view) from the main window.

Kept apart from the main window so that its wiring is one call: the photos window is not
modal, so the practitioner can keep it beside the session form during the visit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.photos.comparison import PhotoComparisonDialog
from ui.photos.panel import PhotosPanel


class PhotosWindow(QDialog):
    def __init__(self, panel: PhotosPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.setWindowTitle(self.tr("Photos"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(panel)


def open_comparison(window: Any, patient_id: int) -> PhotoComparisonDialog:
    dialog = PhotoComparisonDialog(
        window.db, window.runner, patient_id, window.practitioner_id, window
    )
    dialog.resize(1100, 720)
    dialog.show()
    return dialog


def open_photos_window(window: Any, patient_id: int, session_id: int | None) -> PhotosWindow:
    """``window`` is the main window: it provides the database, task runner and settings."""
    panel = PhotosPanel(
        window.db, window.runner, window.settings, patient_id, session_id, window.practitioner_id
    )
    panel.compareRequested.connect(lambda pid: open_comparison(window, pid))
    panel.photosChanged.connect(lambda _pid: window.timeline.refresh())
    photos = PhotosWindow(panel, window)
    photos.show()
    return photos
