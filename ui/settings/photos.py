"""The "Photos" page of Settings: the folder a tethered camera or a phone's sync drops
pictures into; the photos screen offers its new files for the current visit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.settings import Settings


class PhotoSettingsPage(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Watched photo folder"))
        self.folder.setPlaceholderText(self.tr("None: add photos from files only"))
        browse = QPushButton(self.tr("&Choose…"))
        browse.setMinimumHeight(36)
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Watched folder"), row)
        note = QLabel(
            self.tr(
                "New pictures that arrive in this folder while a patient's photos are open "
                "are offered for that visit. Nothing in the folder is changed."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        self.folder.setText(settings.photo_watch_folder)

    def save(self) -> None:
        self.settings.set("photo_watch_folder", self.folder.text().strip())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Watched folder"))
        if folder:
            self.folder.setText(folder)
