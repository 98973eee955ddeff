"""The last step of a visit: the aftercare sheet itself, then finish.

The sheet is shown in the step (read and laid out off the UI thread by the window, its pages
drawn by PDFium on the render pool): page thumbnails beside the first page shown large, with
the language, large print, Save PDF and Print of the preview around it."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.sessions import SessionRecord
from assistant.text.screen_dates import screen_short_moment
from ui import icons, look
from ui.session_form.common import TARGET_HEIGHT

if TYPE_CHECKING:
    from ui.visit.aftercare_dialog import AftercarePreviewDialog

THUMBNAIL = QSize(96, 136)  # an A4 page's proportions


class AftercareStep(QWidget):
    previewRequested = Signal()
    bookRequested = Signal()
    sheetShown = Signal()  # the sheet is in the step: Print… is its action now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Aftercare sheet"))
        title = QLabel(self.tr("Aftercare sheet"))
        title.setFont(look.font(look.TITLE, bold=True))
        title.setAccessibleName(self.tr("Aftercare sheet"))
        self.explanation = QLabel(
            self.tr(
                "Give the patient the aftercare sheet: each care step with its calendar "
                "date, the warning signs with the clinic's phone number, and the next "
                "appointment. Preview it, then print it or save it as a PDF."
            )
        )
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName(self.tr("What the aftercare sheet holds"))
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName(self.tr("Aftercare sheet state"))
        self.preview_button = QPushButton(self.tr("Preview and print the sheet…"))
        self.preview_button.setMinimumHeight(TARGET_HEIGHT)
        self.preview_button.setAccessibleName(self.tr("Preview and print the aftercare sheet"))
        self.preview_button.setShortcut(QKeySequence(self.tr("Ctrl+P")))
        self.preview_button.setToolTip(self.tr("Preview and print the aftercare sheet (Ctrl+P)"))
        self.preview_button.clicked.connect(self.previewRequested)
        self.book_button = QPushButton(self.tr("Book the next visit…"))
        self.book_button.setMinimumHeight(TARGET_HEIGHT)
        self.book_button.setAccessibleName(self.tr("Book the next visit at a safe date"))
        self.book_button.setToolTip(
            self.tr("Book the next visit at a safe date; the sheet then prints it")
        )
        self.book_button.clicked.connect(self.bookRequested)
        self.finish_hint = QLabel(self.tr("Then Finish (Alt+Right) closes the visit."))
        self.finish_hint.setAccessibleName(self.tr("How to finish"))
        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListWidget.Movement.Static)
        self.thumbnails.setIconSize(THUMBNAIL)
        self.thumbnails.setFixedWidth(THUMBNAIL.width() + 40)
        self.thumbnails.setAccessibleName(self.tr("Pages of the aftercare sheet"))
        self.thumbnails.currentRowChanged.connect(self._page_chosen)
        self.thumbnails.setVisible(False)
        self.sheet: AftercarePreviewDialog | None = None
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.book_button)
        top.addWidget(self.preview_button)
        self.body = QHBoxLayout()
        self.body.addWidget(self.thumbnails)
        self.body.addWidget(self.explanation, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.finish_hint)

    def show_sheet(self, sheet: AftercarePreviewDialog) -> None:
        """The sheet's preview, in the step itself (its Close button has nothing to close)."""
        if self.sheet is not None:
            self.body.removeWidget(self.sheet)
            self.sheet.deleteLater()
        sheet.setWindowFlags(Qt.WindowType.Widget)
        sheet.setModal(False)
        sheet.close_button.setVisible(False)
        sheet.print_button.setProperty("role", "primary")
        sheet.print_button.setIcon(icons.icon("print", "on-accent"))
        self.sheet = sheet
        self.explanation.setVisible(False)
        self.preview_button.setVisible(False)
        self.body.addWidget(sheet, 1)
        sheet.pagesShown.connect(self._show_thumbnails)
        sheet.show()
        self._show_thumbnails()
        self.sheetShown.emit()

    def _show_thumbnails(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        self.thumbnails.clear()
        for number, image in enumerate(sheet.images, 1):
            small = QPixmap.fromImage(image).scaled(
                THUMBNAIL,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            item = QListWidgetItem(QIcon(small), self.tr("Page {0}").format(number))
            self.thumbnails.addItem(item)
        self.thumbnails.setVisible(len(sheet.images) > 1)
        self.thumbnails.setCurrentRow(0)

    def _page_chosen(self, row: int) -> None:
        sheet = self.sheet
        if sheet is not None and 0 <= row < len(sheet.page_labels):
            # the page's top at the top of the view
            sheet.pages_area.verticalScrollBar().setValue(sheet.page_labels[row].y())

    def show_record(self, record: SessionRecord) -> None:
        printed = record.aftercare_printed_at
        if printed is None:
            self.state_label.setText(self.tr("Not printed yet for this session."))
        else:
            local = printed.replace(tzinfo=UTC).astimezone()
            self.state_label.setText(
                self.tr("Printed on {0}.").format(screen_short_moment(local))
            )

    def show_printed(self) -> None:
        self.state_label.setText(self.tr("Sent to the printer."))
