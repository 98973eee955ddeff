"""The last step of a visit: the aftercare sheet to preview and print, then finish."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assistant.screen_dates import screen_short_moment
from assistant.sessions import SessionRecord
from ui.session_form.common import TARGET_HEIGHT


class AftercareStep(QWidget):
    previewRequested = Signal()
    bookRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Aftercare sheet"))
        title = QLabel(self.tr("<h2>Aftercare sheet</h2>"))
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
        self.preview_button.setMinimumHeight(TARGET_HEIGHT + 8)
        self.preview_button.setAccessibleName(self.tr("Preview and print the aftercare sheet"))
        self.preview_button.setShortcut(QKeySequence(self.tr("Ctrl+P")))
        self.preview_button.setToolTip(self.tr("Preview and print the aftercare sheet (Ctrl+P)"))
        self.preview_button.clicked.connect(self.previewRequested)
        self.book_button = QPushButton(self.tr("Book the next visit…"))
        self.book_button.setMinimumHeight(TARGET_HEIGHT + 8)
        self.book_button.setToolTip(
            self.tr("Book the next visit at a safe date; the sheet then prints it")
        )
        self.book_button.clicked.connect(self.bookRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        booking = QHBoxLayout()  # a row of its own: the step stays as narrow as before
        booking.addWidget(self.book_button)
        booking.addStretch(1)
        self.finish_hint = QLabel(self.tr("Then Finish (Alt+Right) closes the visit."))
        self.finish_hint.setAccessibleName(self.tr("How to finish"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.state_label)
        layout.addLayout(buttons)
        layout.addLayout(booking)
        layout.addWidget(self.finish_hint)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

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
