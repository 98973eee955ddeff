"""The governance summary on screen: the summary PDF's pages (its charts) for a period, drawn
off the UI thread with PDFium, and Save PDF for the clinic's meeting. No patient is named."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assistant.day.summary import save_summary_bytes, summary_pdf
from assistant.storage.db import Database
from ui.plain_export import plain_export_caption
from ui.tasks import TaskRunner
from ui.translations import screen_locale
from ui.visit.aftercare_dialog import page_images

PREVIEW_DPI = 60


def render_summary(db: Database, start: date, end: date) -> tuple[bytes, list[QImage]]:
    """The summary PDF and its pages as images (on the render pool)."""
    data = summary_pdf(db, start, end)
    return data, page_images(data, PREVIEW_DPI)


class SummaryDialog(QDialog):
    def __init__(self, db: Database, runner: TaskRunner, actor: int | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._actor = actor
        self.data: bytes = b""
        self.setWindowTitle(self.tr("Governance summary"))
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1).addYears(-1))
        self.end = QDateEdit(today)
        for edit, name in ((self.start, self.tr("From")), (self.end, self.tr("To"))):
            edit.setLocale(screen_locale())
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.draw_button = QPushButton(self.tr("&Draw"))
        self.draw_button.clicked.connect(self.draw)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_pdf)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.start)
        top.addWidget(QLabel(self.tr("To")))
        top.addWidget(self.end)
        top.addWidget(self.draw_button)
        top.addStretch(1)
        top.addWidget(self.save_button)
        self.status = QLabel(self.tr("No patient is named in the summary."))
        self.status.setWordWrap(True)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setAccessibleName(self.tr("The summary's pages"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.resize(760, 700)
        self.draw()

    def period(self) -> tuple[date, date]:
        start, end = self.start.date(), self.end.date()
        return (
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def draw(self) -> None:
        start, end = self.period()
        self.draw_button.setEnabled(False)
        self.status.setText(self.tr("Drawing the summary…"))
        self._runner.run(
            partial(render_summary, self._db, start, end),
            self._drawn,
            self._failed,
            parent=self,
            render=True,
        )

    def _drawn(self, result: tuple[bytes, list[QImage]]) -> None:
        self.data, images = result
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        for index, image in enumerate(images, 1):
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setAccessibleName(self.tr("Page {0}").format(index))
            self.pages_layout.addWidget(page)
        self.draw_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.status.setText(
            self.tr("{0} page(s). No patient is named in the summary.").format(len(images))
        )

    def _failed(self, error: BaseException) -> None:
        self.draw_button.setEnabled(True)
        self.status.setText("\N{WARNING SIGN} " + str(error))

    def ask_save_path(self) -> Path | None:
        start, end = self.period()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Save the summary")),
            str(Path.home() / f"governance-summary-{start.isoformat()}-{end.isoformat()}.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        return Path(path) if path else None

    def save_pdf(self) -> None:
        """Ask where, then write the PDF and its audit entry off the UI thread."""
        if not self.data:
            return
        path = self.ask_save_path()
        if path is None:
            return
        start, end = self.period()
        # The save dialog has asked before replacing a file.
        self._runner.run(
            partial(save_summary_bytes, self._db, self.data, start, end, path, self._actor, True),
            self._saved,
            self._save_failed,
            parent=self,
        )

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Saved to {0}.").format(path))

    def _save_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Save the summary"), str(error))
