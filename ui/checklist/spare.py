"""One checklist page built ahead of the next visit, so that starting a visit fills a page
instead of building its 44 questions (about a third of starting a visit).

The page is built blank, shortly after a visit's checklist is on screen (while the
practitioner reads it), and handed to the next visit only if it was never filled and was
built for the same checklist and day; a page is filled once, for one patient, and never
comes back here. Nothing of one patient can therefore show on another's visit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QTimer

from assistant.checklist import Checklist
from ui.checklist.page import ChecklistPage

# After the visit's page is painted, before the practitioner can answer its first question.
BUILD_DELAY_MS = 30


class SparePage(QObject):
    """Holds at most one blank page; ``take`` gives it away, ``prepare`` builds the next."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page: ChecklistPage | None = None
        self._wanted: Checklist | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUILD_DELAY_MS)
        self._timer.timeout.connect(self._build)

    def ready(self) -> bool:
        return self._page is not None

    def prepare(self, checklist: Checklist) -> None:
        """Build a blank page for ``checklist`` soon (unless one is ready for it today)."""
        self._wanted = checklist
        if not self._usable(self._page, checklist, date.today()):
            self._timer.start()

    def take(self, checklist: Checklist, assessed_on: date) -> ChecklistPage | None:
        """The blank page, when it is one for this checklist and day; None otherwise (the
        visit then builds its own)."""
        page, self._page = self._page, None
        if page is None:
            return None
        if not self._usable(page, checklist, assessed_on):
            page.deleteLater()
            return None
        return page

    def discard(self) -> None:
        self._timer.stop()
        if self._page is not None:
            self._page.deleteLater()
            self._page = None

    @staticmethod
    def _usable(page: ChecklistPage | None, checklist: Checklist, day: date) -> bool:
        return (
            page is not None
            and not page.is_filled()
            and page.assessed_on == day
            and page.checklist == checklist
        )

    def _build(self) -> None:
        if self._wanted is None:
            return
        self.discard()
        # Without a parent until a visit takes it: never shown, so never styled twice.
        self._page = ChecklistPage.blank(self._wanted, date.today())
