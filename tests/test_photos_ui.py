"""The photos screen: thumbnails read off the UI thread, adding by drop, the capture guide, the
watched folder, the side-by-side view and its PDF, and the patient page's Photos button."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from assistant.photos import list_photos
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.photo_support import camera_jpeg
from tests.sessions_support import make_patient
from tests.test_photos_record import three_sessions
from ui.photos.comparison import PhotoComparisonDialog
from ui.photos.panel import PhotosPanel
from ui.tasks import SynchronousRunner


class HeldRunner(SynchronousRunner):
    """Keeps tasks until ``release``: shows what the UI does before the work comes back."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Callable[..., Any], Any, Any]] = []

    def run(self, fn: Any, on_success: Any = None, on_error: Any = None, **_: Any) -> None:
        self.held.append((fn, on_success, on_error))

    def release(self) -> None:
        while self.held:
            fn, ok, failed = self.held.pop(0)
            SynchronousRunner.run(self, fn, ok, failed)


def panel_for(qtbot: QtBot, db: Database, runner: Any, patient: int, **kw: Any) -> PhotosPanel:
    panel = PhotosPanel(db, runner, kw.pop("settings", Settings()), patient, **kw)
    qtbot.addWidget(panel)
    return panel


def drop(panel: PhotosPanel, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(event)


def test_thumbnails_and_guide_are_read_off_the_ui_thread(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    patient, sessions = three_sessions(db, tmp_path)
    runner = HeldRunner()
    panel = panel_for(qtbot, db, runner, patient)
    assert panel.thumbnails.count() == 0 and runner.held  # nothing read on the UI thread
    runner.release()
    assert panel.thumbnails.count() == 3
    assert not panel.thumbnails.item(0).icon().isNull()
    assert panel.session_id == sessions[-1]  # the latest visit is chosen
    # The guide shows the latest photo of the view from another visit, faintly.
    assert panel.guide.pixmap() is not None and not panel.guide.pixmap().isNull()
    assert "frontal" in panel.guide_caption.text()
    assert panel.compare_button.isEnabled()


def test_dropping_files_adds_them_to_the_chosen_visit_view_and_zone(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    patient, sessions = three_sessions(db, tmp_path)
    panel = panel_for(qtbot, db, runner, patient, session_id=sessions[0])
    panel.view_box.setCurrentIndex(panel.view_box.findData("left_oblique"))
    panel.zone_box.setCurrentIndex(panel.zone_box.findData("forehead"))
    files = [camera_jpeg(tmp_path / f"new{i}.jpg", tint=40 + i) for i in range(2)]
    drop(panel, files)
    added = list_photos(db, patient, view="left_oblique")
    assert [(p.session_id, p.zone) for p in added] == [(sessions[0], "forehead")] * 2
    assert panel.thumbnails.count() == 5 and "Added 2" in panel.message.text()


def test_a_damaged_file_shows_a_message_and_stores_nothing(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    patient = make_patient(db)
    panel = panel_for(qtbot, db, runner, patient)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(camera_jpeg(tmp_path / "x.jpg").read_bytes()[:500])
    panel.add_files([camera_jpeg(tmp_path / "ok.jpg"), broken])
    assert panel.message.text().startswith("⚠ broken.jpg")
    assert list_photos(db, patient) == [] and panel.thumbnails.count() == 0


def test_new_pictures_in_the_watched_folder_are_offered_for_the_visit(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    patient, sessions = three_sessions(db, tmp_path)
    folder = tmp_path / "camera-drop"
    folder.mkdir()
    shutil.copy(camera_jpeg(tmp_path / "old.jpg", tint=60), folder / "old.jpg")
    settings = Settings()
    settings.set("photo_watch_folder", str(folder))
    panel = panel_for(qtbot, db, runner, patient, settings=settings)
    assert panel.watcher is not None and str(folder) in panel.watcher.directories()
    shutil.copy(camera_jpeg(tmp_path / "new.jpg", tint=70), folder / "IMG_2001.JPG")
    (folder / "notes.txt").write_text("not a photo")
    panel.check_folder()  # first look: the file may still be arriving
    assert not panel.offer_bar.isVisibleTo(panel)
    panel.check_folder()  # same size again: complete
    assert panel.offer_bar.isVisibleTo(panel) and "IMG_2001.JPG" in panel.offer_label.text()
    qtbot.mouseClick(panel.offer_add, Qt.MouseButton.LeftButton)
    added = [p for p in list_photos(db, patient) if p.session_id == sessions[-1]]
    assert len(added) == 2 and not panel.offer_bar.isVisibleTo(panel)
    panel.check_folder()
    assert not panel.offered  # offered once only; the old file never


def test_side_by_side_defaults_to_first_and_latest_and_saves_a_pdf(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    patient, sessions = three_sessions(db, tmp_path)
    dialog = PhotoComparisonDialog(db, runner, patient)
    qtbot.addWidget(dialog)
    assert dialog.comparison is not None
    assert dialog.comparison.before.session_id == sessions[0]
    assert dialog.comparison.after.session_id == sessions[-1]
    left, right = (label.pixmap() for label in dialog.pictures)
    assert left.size() == right.size() and not left.isNull()
    assert "3 September 2026" in dialog.captions[0].text()
    assert "1.5 mm" in dialog.captions[1].text()
    dialog.save_pdf(tmp_path / "progress.pdf")
    assert len(PdfReader(tmp_path / "progress.pdf").pages) == 1
    dialog.view_box.setCurrentIndex(dialog.view_box.findData("right_lateral"))
    assert dialog.comparison is None and not dialog.pdf_button.isEnabled()


def test_the_patient_page_opens_the_photos_window(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow
    from ui.photos.windows import PhotosWindow

    patient, _ = three_sessions(db, tmp_path)
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))
    qtbot.addWidget(win)
    win.show_patient(patient)
    qtbot.mouseClick(win.patient_page.photos_button, Qt.MouseButton.LeftButton)
    windows = [w for w in win.findChildren(PhotosWindow)]
    assert len(windows) == 1 and windows[0].panel.thumbnails.count() == 3
    windows[0].close()


def test_the_session_screen_opens_the_photos_of_that_visit(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow
    from ui.photos.windows import PhotosWindow

    patient, sessions = three_sessions(db, tmp_path)
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))
    qtbot.addWidget(win)
    win.show_patient(patient)
    win.open_session(sessions[1])
    workflow = win.workflow
    assert workflow is not None and workflow.more_button.isVisibleTo(workflow)
    assert workflow.photos_action.isVisible()
    assert workflow.photos_action in workflow.more_button.menu().actions()
    workflow.photos_action.trigger()
    (photos,) = win.findChildren(PhotosWindow)
    assert photos.panel.session_id == sessions[1]
    photos.close()


def test_removing_a_photo_asks_why_and_deletes_it(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    patient, _ = three_sessions(db, tmp_path)
    panel = panel_for(qtbot, db, runner, patient)
    assert not panel.remove_button.isEnabled()
    panel.thumbnails.setCurrentRow(0)
    chosen = panel.selected_photo()
    assert panel.remove_button.isEnabled() and chosen is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("wrong patient", True))
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert chosen not in [p.id for p in list_photos(db, patient)]
    assert panel.thumbnails.count() == 2


def test_after_photo_consent_is_withdrawn_nothing_can_be_added(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    from assistant.photos.consent import record_photo_consent

    patient = make_patient(db)
    record_photo_consent(db, patient, "withdrawn")
    panel = panel_for(qtbot, db, runner, patient)
    assert not panel.add_button.isEnabled() and "withdrawn consent" in panel.message.text()


def test_the_timeline_shows_each_session_s_photos_and_refreshes(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    from ui.app_context import GuiContext
    from ui.main_window import MainWindow
    from ui.photos.windows import PhotosWindow

    patient, sessions = three_sessions(db, tmp_path)
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))
    qtbot.addWidget(win)
    win.show_patient(patient)
    model = win.timeline.model

    def photos_column() -> list[str]:
        return [model.data(model.index(row, model.PHOTOS)) for row in range(model.rowCount())]

    assert photos_column() == ["1", "1", "1"]
    win.open_photos(patient, sessions[-1])
    (photos,) = win.findChildren(PhotosWindow)
    photos.panel.add_files([camera_jpeg(tmp_path / "extra.jpg", tint=99)])
    assert photos_column() == ["2", "1", "1"]  # newest first
    photos.close()


def test_with_real_threads_the_panel_fills_in_and_the_folder_watcher_offers(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The real thread pool and file watcher: the panel appears at once, thumbnails arrive
    from the worker, and a picture copied into the watched folder is offered."""
    from ui.tasks import TaskRunner

    patient, _ = three_sessions(db, tmp_path)
    folder = tmp_path / "camera-drop"
    folder.mkdir()
    settings = Settings()
    settings.set("photo_watch_folder", str(folder))
    runner = TaskRunner()
    panel = panel_for(qtbot, db, runner, patient, settings=settings)
    try:
        qtbot.waitUntil(lambda: panel.thumbnails.count() == 3, timeout=20_000)
        shutil.copy(camera_jpeg(tmp_path / "new.jpg", tint=80), folder / "IMG_3001.JPG")
        qtbot.waitUntil(lambda: panel.offer_bar.isVisibleTo(panel), timeout=20_000)
        assert panel.offered == [folder / "IMG_3001.JPG"]
    finally:
        runner.wait()


def test_the_signed_consent_s_photo_answers_are_shown_and_its_withdrawal_stops_adding(
    qtbot: QtBot, db: Database, runner: Any, tmp_path: Path
) -> None:
    from datetime import date

    from assistant.consent import withdraw_consent
    from tests.consent_support import record_consent
    from tests.sessions_support import make_clinic

    c = make_clinic(db)
    patient = make_patient(db)
    consent = record_consent(db, patient, c.practitioner, c.device, date(2026, 6, 1))
    panel = panel_for(qtbot, db, runner, patient)
    assert panel.add_button.isEnabled()
    assert "Training without the face: no. Marketing: no." in panel.consent_label.text()

    withdraw_consent(db, consent.id, "photo", date(2026, 7, 1), c.practitioner)
    again = panel_for(qtbot, db, runner, patient)
    assert not again.add_button.isEnabled() and "withdrawn consent" in again.message.text()
