"""The next visit's screen built ahead: the visit screen, its steps and its checklist's 44
questions, made in their place in the window (never shown) shortly after a visit's checklist
is on screen, while the practitioner reads it. Starting the next visit then gives it its
patient and fills the page, instead of building and styling it all (about two thirds of
starting a visit).

A screen built ahead is used once, for one patient (``begin`` and ``fill`` refuse a second),
and only if it was built for the same checklist and day; nothing of one patient can
therefore show on another's visit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStackedWidget, QWidget

from assistant.checklist import Checklist
from ui.visit.view import VisitView
from ui.visit.workflow import SessionWorkflow

if TYPE_CHECKING:
    from assistant.settings import Settings
    from assistant.storage.db import Database
    from ui.tasks import TaskRunner

# After the visit's page is painted, before the practitioner can answer its first question.
BUILD_DELAY_MS = 30


class VisitPages(Protocol):
    """What a screen built ahead uses of its window (the main window is one): the database,
    runner and settings a visit is made with, and the pages it waits among, hidden. The
    window itself (``QWidget.window``) owns the holder."""

    @property
    def db(self) -> Database: ...
    @property
    def runner(self) -> TaskRunner: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def pages(self) -> QStackedWidget: ...

    def window(self) -> QWidget: ...


class SpareVisit(QObject):
    """Holds at most one visit screen built ahead; ``take`` gives it away."""

    def __init__(self, window: VisitPages) -> None:
        super().__init__(window.window())
        self._window = window
        self._view: VisitView | None = None
        self._building: VisitView | None = None  # between the parts of ``_build``
        self._db: object = None
        self._checklist: Checklist | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUILD_DELAY_MS)
        self._timer.timeout.connect(self._build)

    def ready(self) -> bool:
        return self._view is not None

    def prepare(self, checklist: Checklist) -> None:
        """Build a screen for the next visit soon, its page asking ``checklist``."""
        self._checklist = checklist
        if self._view is None:
            self._timer.start()

    def take(self) -> VisitView | None:
        """The screen built ahead (its workflow waiting for ``begin``), or None (none yet,
        or built on a database the window no longer has open)."""
        view, self._view = self._view, None
        if view is not None and self._db is not self._window.db:
            self._window.pages.removeWidget(view)
            view.deleteLater()
            return None
        return view

    def _build(self) -> None:
        """In three parts, each its own turn of the event loop (the screen, its page, their
        styling), so a click or key pressed meanwhile waits for one part at most."""
        window, checklist = self._window, self._checklist
        if self._view is not None or self._building is not None or checklist is None:
            return
        workflow = SessionWorkflow(window.db, window.runner, window.settings, None, None)
        view = VisitView(workflow, None)
        window.pages.addWidget(view)  # in its place, hidden behind the list, never shown
        self._building, self._db = view, window.db
        QTimer.singleShot(0, self, self._build_page)

    def _build_page(self) -> None:
        if self._building is not None and self._checklist is not None:
            self._building.workflow.prepare_checklist(self._checklist)
            QTimer.singleShot(0, self, self._style)

    def _style(self) -> None:
        view, self._building = self._building, None
        if view is not None:
            view.ensurePolished()  # styled now, every widget of it, rather than when shown
            self._view = view
