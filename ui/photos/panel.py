"""The photos of a patient's visit: add, see thumbnails, line up the next one, compare.

Photos come from files (the "Add photos…" dialog, or dropped on the panel; several at once,
JPEG and PNG) or from the clinic's watched folder, whose new pictures are offered for the
visit. Each gets the chosen view and zone. Everything that reads photo bytes runs through
``ui.tasks`` off the UI thread; the UI thread only turns small thumbnails into pixmaps.
The capture guide shows the previous photo of the chosen view faintly.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.photos import (
    VIEWS,
    PhotoInfo,
    import_photos,
    list_photos,
    previous_photo,
    remove_photo,
    thumbnail_bytes,
)
from assistant.photos.consent import REFUSED, WITHDRAWN, PhotoConsentAnswer, current_photo_consent
from assistant.photos.watch import PICTURE_SUFFIXES, WatchedFolder
from assistant.sessions import list_sessions
from assistant.settings import Settings
from assistant.storage.db import Database
from assistant.text.labels import data_label
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

GUIDE_SIZE = QSize(240, 320)
GUIDE_OPACITY = 0.35
WATCH_RECHECK_MS = 1000


def is_picture(path: Path) -> bool:
    return path.suffix.lower() in PICTURE_SUFFIXES


def faint(pixmap: QPixmap, size: QSize, background: QColor) -> QPixmap:
    """``pixmap`` scaled into ``size`` and drawn faintly over ``background``."""
    result = QPixmap(size)
    result.fill(background)
    scaled = pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    painter = QPainter(result)
    painter.setOpacity(GUIDE_OPACITY)
    painter.drawPixmap(
        (size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2, scaled
    )
    painter.end()
    return result


class PhotosPanel(QWidget):
    """``photosChanged(patient_id)`` after photos were added; ``compareRequested(patient_id)``."""

    photosChanged = Signal(int)
    compareRequested = Signal(int)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        settings: Settings,
        patient_id: int,
        session_id: int | None = None,
        actor: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.settings = settings
        self.patient_id = patient_id
        self.actor = actor
        self.photos: list[PhotoInfo] = []
        self.offered: list[Path] = []
        self._wanted_session = session_id
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("Photos"))

        self.session_box = QComboBox()
        self.session_box.setAccessibleName(self.tr("Visit the photos belong to"))
        self.view_box = QComboBox()
        self.view_box.setAccessibleName(self.tr("View"))
        for key, label in VIEWS.items():
            self.view_box.addItem(self.tr(label), key)
        self.zone_box = QComboBox()
        self.zone_box.setAccessibleName(self.tr("Zone"))
        self.zone_box.addItem(self.tr("No particular zone"), None)
        for zone in reference.zones().values():
            self.zone_box.addItem(data_label("zones", zone.id), zone.id)
        for box in (self.session_box, self.view_box, self.zone_box):
            box.setMinimumHeight(36)

        self.add_button = QPushButton(self.tr("&Add photos…"))
        self.add_button.setMinimumHeight(44)
        self.add_button.setToolTip(self.tr("Choose JPEG or PNG files, or drop them here"))
        self.add_button.clicked.connect(self.choose_files)
        self.compare_button = QPushButton(self.tr("Side by &side…"))
        self.compare_button.setMinimumHeight(44)
        self.compare_button.clicked.connect(lambda: self.compareRequested.emit(self.patient_id))
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setMinimumHeight(44)
        self.remove_button.setToolTip(self.tr("Take the selected photo out of the record"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.ask_remove)
        self.consent: PhotoConsentAnswer | None = None

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.consent_label = QLabel()  # what the patient's photo consent allows
        self.consent_label.setWordWrap(True)
        self.consent_label.setAccessibleName(self.tr("Photo consent"))
        self.offer_label = QLabel()
        self.offer_label.setWordWrap(True)
        self.offer_add = QPushButton(self.tr("Add to this visit"))
        self.offer_add.setMinimumHeight(40)
        self.offer_add.clicked.connect(self.add_offered)
        self.offer_skip = QPushButton(self.tr("Not now"))
        self.offer_skip.setMinimumHeight(40)
        self.offer_skip.clicked.connect(self._clear_offer)
        self.offer_bar = QWidget()
        offer = QHBoxLayout(self.offer_bar)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(self.offer_label, 1)
        offer.addWidget(self.offer_add)
        offer.addWidget(self.offer_skip)
        self.offer_bar.hide()

        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(QSize(160, 160))
        self.thumbnails.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.thumbnails.setSpacing(8)
        self.thumbnails.setAccessibleName(self.tr("Photos of this patient"))

        self.guide = QLabel()
        self.guide.setFixedSize(GUIDE_SIZE)
        self.guide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guide.setWordWrap(True)
        self.guide.setFrameShape(QLabel.Shape.StyledPanel)
        self.guide.setAccessibleName(self.tr("Capture guide: the previous photo of this view"))
        self.guide_caption = QLabel()
        self.guide_caption.setWordWrap(True)
        self.guide_caption.setMaximumWidth(GUIDE_SIZE.width())

        form = QFormLayout()
        form.addRow(self.tr("Visit"), self.session_box)
        form.addRow(self.tr("View"), self.view_box)
        form.addRow(self.tr("Zone"), self.zone_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.offer_bar)
        left.addWidget(self.consent_label)
        left.addWidget(self.message)
        left.addWidget(self.thumbnails, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Capture guide</b>")))
        right.addWidget(self.guide)
        right.addWidget(self.guide_caption)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right)

        self.thumbnails.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.thumbnails.selectedItems()))
        )
        self.view_box.currentIndexChanged.connect(self.load_guide)
        self.session_box.currentIndexChanged.connect(self.load_guide)
        self.watched: WatchedFolder | None = None
        self._checking = self._check_again = False
        self.watcher: QFileSystemWatcher | None = None
        self._start_watching()
        self.reload()

    # -- data ------------------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        value = self.session_box.currentData()
        return int(value) if value is not None else None

    @property
    def view(self) -> str:
        return str(self.view_box.currentData())

    @property
    def zone(self) -> str | None:
        value = self.zone_box.currentData()
        return str(value) if value else None

    def reload(self) -> None:
        """Sessions, photos and their thumbnails, read off the UI thread."""
        db, patient = self.db, self.patient_id

        def load() -> tuple[list[Any], list[tuple[PhotoInfo, bytes]], Any]:
            sessions = list_sessions(db, patient)
            photos = list_photos(db, patient)
            with db.session() as session:
                consent = current_photo_consent(session, patient)
            return sessions, [(p, thumbnail_bytes(db, p)) for p in photos], consent

        self.runner.run(load, self._loaded, self._failed, parent=self)

    def _loaded(self, result: tuple[list[Any], list[tuple[PhotoInfo, bytes]], Any]) -> None:
        sessions, thumbs, self.consent = result
        refused = self.consent is not None and self.consent.status in (REFUSED, WITHDRAWN)
        self.add_button.setEnabled(not refused)
        self.setAcceptDrops(not refused)
        if refused and self.consent is not None:
            self.message.setText(
                "⚠ "
                + self.tr("The patient has {0} consent to photos ({1}); none can be added.").format(
                    self.tr(self.consent.status), f"{self.consent.recorded_at:%d %b %Y}"
                )
            )
        if self.consent is not None and not refused:
            uses = self.consent.uses
            self.consent_label.setText(
                self.tr(
                    "Photo consent: the patient's own record. Training without the face: {0}. "
                    "Marketing: {1}."
                ).format(
                    self.tr("yes") if uses.get("training_without_face") else self.tr("no"),
                    self.tr("yes") if uses.get("marketing") else self.tr("no"),
                )
            )
        else:
            self.consent_label.setText(
                self.tr("No photo consent is on record: photos are for the clinical record only.")
                if self.consent is None
                else ""
            )
        chosen = self.session_id if self.session_box.count() else self._wanted_session
        if chosen is None and sessions:
            chosen = sessions[0].id  # the latest visit
        self.session_box.blockSignals(True)
        self.session_box.clear()
        self.session_box.addItem(self.tr("No particular visit"), None)
        for s in sessions:
            self.session_box.addItem(f"{s.treated_at:%d %b %Y %H:%M} (#{s.id})", s.id)
        index = self.session_box.findData(chosen)
        self.session_box.setCurrentIndex(max(index, 0))
        self.session_box.blockSignals(False)
        self.photos = [p for p, _ in thumbs]
        self.thumbnails.clear()
        for photo, data in thumbs:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            when = photo.taken_at or photo.added_at
            item = QListWidgetItem(QIcon(pixmap), f"{self.tr(photo.view_label)}\n{when:%d %b %Y}")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(
                self.tr("Photo {0}, visit {1}").format(photo.id, photo.session_id or "—")
            )
            self.thumbnails.addItem(item)
        self.compare_button.setEnabled(len({p.session_id for p in self.photos}) >= 2)
        self.load_guide()

    def load_guide(self) -> None:
        db, patient, view, session = self.db, self.patient_id, self.view, self.session_id

        def load() -> tuple[PhotoInfo, bytes] | None:
            photo = previous_photo(db, patient, view, before_session=session)
            return (photo, thumbnail_bytes(db, photo)) if photo else None

        self.runner.run(load, self._show_guide, self._failed, parent=self)

    def _show_guide(self, found: tuple[PhotoInfo, bytes] | None) -> None:
        if found is None:
            self.guide.setPixmap(QPixmap())
            self.guide.setText(self.tr("No earlier photo of this view."))
            self.guide_caption.setText("")
            return
        photo, data = found
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.guide.setPixmap(faint(pixmap, GUIDE_SIZE, self.palette().base().color()))
        when = photo.taken_at or photo.added_at
        self.guide_caption.setText(
            self.tr("Line the patient up with the last {0} photo ({1}).").format(
                self.tr(photo.view_label).lower(), f"{when:%d %b %Y}"
            )
        )

    # -- adding ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Photos (*.jpg *.jpeg *.png *.JPG *.PNG)")
        )
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        """Import ``files`` with the chosen visit, view and zone, off the UI thread."""
        db, patient, view = self.db, self.patient_id, self.view
        session, zone, actor = self.session_id, self.zone, self.actor
        self.message.setText(self.tr("Adding {0} photo(s)…").format(len(files)))
        self.runner.run(
            lambda: import_photos(
                db, patient, files, view, session_id=session, zone=zone, actor=actor
            ),
            self._added,
            self._failed,
            parent=self,
        )

    def _added(self, photos: list[PhotoInfo]) -> None:
        self.message.setText(self.tr("Added {0} photo(s).").format(len(photos)))
        self.photosChanged.emit(self.patient_id)
        self.reload()

    def _failed(self, error: BaseException) -> None:
        log.info("Photo task failed: %s", error)
        self.message.setText("⚠ " + str(error))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and is_picture(Path(u.toLocalFile())) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- the watched folder ----------------------------------------------------------------

    def _start_watching(self) -> None:
        folder = self.settings.photo_watch_folder
        if not folder or not Path(folder).is_dir():
            return
        self.watched = WatchedFolder(Path(folder))
        self.watcher = QFileSystemWatcher([folder], self)
        self.watcher.directoryChanged.connect(self.check_folder)

    def check_folder(self) -> None:
        """Look for new pictures in the watched folder (off the UI thread)."""
        watched = self.watched
        if watched is None:
            return
        if self._checking:  # one look at a time; look again when it is done
            self._check_again = True
            return
        self._checking = True
        self.runner.run(watched.new_pictures, self._offer, self._check_failed, parent=self)

    def _check_failed(self, error: BaseException) -> None:
        self._checking = False
        self._failed(error)

    def _offer(self, files: list[Path]) -> None:
        self._checking = False
        if self._check_again:
            self._check_again = False
            QTimer.singleShot(0, self.check_folder)
        if self.watched is not None and self.watched.pending():
            QTimer.singleShot(WATCH_RECHECK_MS, self.check_folder)
        if not files:
            return
        self.offered += files
        self.offer_label.setText(
            self.tr("{0} new photo(s) in the watched folder: {1}").format(
                len(self.offered), ", ".join(p.name for p in self.offered)
            )
        )
        self.offer_bar.show()

    def add_offered(self) -> None:
        files, self.offered = self.offered, []
        self.offer_bar.hide()
        if files:
            self.add_files(files)

    # -- removing --------------------------------------------------------------------------

    def selected_photo(self) -> int | None:
        items = self.thumbnails.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def ask_remove(self) -> None:
        photo = self.selected_photo()
        if photo is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Remove photo"),
            self.tr("Photo {0} will be taken out of the record and its file deleted. Why?").format(
                photo
            ),
        )
        if ok and reason.strip():
            self.remove(photo, reason.strip())

    def remove(self, photo_id: int, reason: str) -> None:
        db, actor = self.db, self.actor
        self.runner.run(
            lambda: remove_photo(db, photo_id, actor=actor, reason=reason),
            lambda _: self._removed(photo_id),
            self._failed,
            parent=self,
        )

    def _removed(self, photo_id: int) -> None:
        self.message.setText(self.tr("Removed photo {0}.").format(photo_id))
        self.photosChanged.emit(self.patient_id)
        self.reload()

    def _clear_offer(self) -> None:
        self.offered = []
        self.offer_bar.hide()
