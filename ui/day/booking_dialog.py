"""Booking the next visit: the dialog proposes the earliest safe date (the interval after the
last session by its depth, and any dated deferral) and asks a reason for an earlier one. Once
booked, the patient's calendar file can be saved, or scanned from a QR code of the same
calendar event with the phone's camera."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.day.appointments import (
    MAX_MINUTES,
    MIN_MINUTES,
    AppointmentInfo,
    BookingRequest,
    book_appointment,
    earliest_safe,
)
from assistant.day.calendar import appointment_calendar_text, save_appointment_ics
from assistant.day.safety import EarliestSafe
from assistant.storage.db import Database
from assistant.text.screen_dates import screen_decimals, screen_long_date, screen_moment
from ui.day.qr_code import QrCode
from ui.plain_export import plain_export_caption
from ui.tasks import TaskRunner
from ui.translations import screen_locale

DEFAULT_TIME = time(10, 0)


class BookingDialog(QDialog):
    booked = Signal(object)  # AppointmentInfo

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        patient_id: int,
        actor: int | None,
        minutes: int = 60,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._patient_id = patient_id
        self._actor = actor
        self.earliest: EarliestSafe | None = None
        self.appointment: AppointmentInfo | None = None
        self.setWindowTitle(self.tr("Book the next visit"))

        self.safe_label = QLabel(self.tr("Reading the earliest safe date…"))
        self.safe_label.setWordWrap(True)
        self.safe_label.setAccessibleName(self.tr("Earliest safe date"))
        self.date_edit = QDateEdit()
        self.date_edit.setLocale(screen_locale())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.dateChanged.connect(self._date_changed)
        self.time_edit = QTimeEdit(QTime(DEFAULT_TIME.hour, DEFAULT_TIME.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(self.tr(" min"))
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason for an earlier date"))
        self.reason.setPlaceholderText(self.tr("Needed only before the earliest safe date"))
        self.reason_label = QLabel(self.tr("Reason for an earlier date"))
        form = QFormLayout()
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("Time"), self.time_edit)
        form.addRow(self.tr("Length"), self.minutes)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.reason_label, self.reason)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Problem"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.ics_button = QPushButton(self.tr("Save the &calendar file…"))
        self.ics_button.setToolTip(self.tr("An .ics file for the patient's own calendar"))
        self.ics_button.clicked.connect(self.save_ics)
        self.ics_button.setVisible(False)
        self.qr_label = QLabel(
            self.tr("Or the patient scans the code with the phone's camera to add the visit "
                    "to their calendar (the same as the calendar file: no health details).")
        )  # fmt: skip
        self.qr_label.setWordWrap(True)
        self.qr_label.setVisible(False)
        self.qr_code = QrCode()
        self.qr_code.setFixedSize(300, 300)
        self.qr_code.setAccessibleName(self.tr("QR code of the appointment for the calendar"))
        self.qr_code.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.book_button = self.buttons.addButton(
            self.tr("&Book"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.book_button.clicked.connect(self.book)
        self.close_button.clicked.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.safe_label)
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(self.result_label)
        left.addWidget(self.ics_button)
        left.addWidget(self.qr_label)
        left.addStretch(1)
        content = QHBoxLayout()  # the QR code beside the form: the dialog stays low
        content.addLayout(left, 1)
        content.addWidget(self.qr_code, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(content)
        layout.addWidget(self.buttons)
        self._runner.run(partial(earliest_safe, db, patient_id), self._show_safe, parent=self)

    def _show_safe(self, earliest: EarliestSafe) -> None:
        self.earliest = earliest
        if earliest.on is None:
            self.safe_label.setText(self.tr("Nothing holds the next session back."))
        else:
            self.safe_label.setText(
                self.tr("Earliest safe date: {0} ({1}).").format(
                    screen_long_date(earliest.on),
                    screen_decimals(earliest.binding.words) if earliest.binding else "",
                )
            )
        if earliest.undated:
            self.safe_label.setText(
                self.safe_label.text()
                + "\n"
                + self.tr("Deferred until resolved (does not move the date): {0}").format(
                    "; ".join(earliest.undated)
                )
            )
        proposed = max(earliest.on or date.today(), date.today())
        self.date_edit.setDate(QDate(proposed.year, proposed.month, proposed.day))
        self._date_changed()

    def chosen(self) -> datetime:
        day, clock = self.date_edit.date(), self.time_edit.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())

    def too_early(self) -> bool:
        return self.earliest is not None and not self.earliest.allows(self.chosen().date())

    def _date_changed(self) -> None:
        early = self.too_early()
        self.reason.setEnabled(early)
        self.reason_label.setEnabled(early)
        if early:
            self.message.setText(
                "\N{WARNING SIGN} "
                + self.tr("This is before the earliest safe date: give the reason.")
            )
        else:
            self.message.clear()

    def book(self) -> None:
        if self.appointment is not None:
            self.accept()
            return
        request = BookingRequest(
            self._patient_id,
            self.chosen(),
            self.minutes.value(),
            self._actor,
            self.note.text(),
            self.reason.text() if self.too_early() else "",
        )
        self.book_button.setEnabled(False)
        self._runner.run(
            partial(book_appointment, self._db, request, self._actor),
            self._booked,
            self._failed,
            parent=self,
        )

    def _booked(self, appointment: AppointmentInfo) -> None:
        self.appointment = appointment
        self.message.clear()
        self.result_label.setText(
            self.tr("Booked for {0}.").format(screen_moment(appointment.starts_at))
        )
        for widget in (self.date_edit, self.time_edit, self.minutes, self.note, self.reason):
            widget.setEnabled(False)
        self.ics_button.setVisible(True)
        self.book_button.setText(self.tr("Close"))
        self.book_button.setEnabled(True)
        self.close_button.setVisible(False)
        self._runner.run(
            partial(appointment_calendar_text, self._db, appointment.id), self._show_qr, parent=self
        )
        self.booked.emit(appointment)

    def _show_qr(self, text: str) -> None:
        self.qr_code.set_text(text)
        self.qr_label.setVisible(True)
        self.qr_code.setVisible(True)
        self.adjustSize()  # room for the code, whatever size the dialog was given

    def _failed(self, error: BaseException) -> None:
        self.book_button.setEnabled(True)
        self.message.setText("\N{WARNING SIGN} " + str(error))

    def ask_ics_path(self) -> Path | None:
        start = self.appointment.starts_at if self.appointment else datetime.now()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Save the calendar file")),
            str(Path.home() / f"appointment-{start:%Y-%m-%d}.ics"),
            self.tr("Calendar files (*.ics)"),
        )
        return Path(path) if path else None

    def save_ics(self) -> None:
        """Ask where, then write the calendar file and its audit entry off the UI thread."""
        if self.appointment is None:
            return
        path = self.ask_ics_path()
        if path is None:
            return
        # The save dialog has asked before replacing a file.
        self._runner.run(
            partial(save_appointment_ics, self._db, self.appointment.id, path, self._actor,
                    force=True),
            self._ics_saved,
            self._ics_failed,
            parent=self,
        )  # fmt: skip

    def _ics_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Save the calendar file"), str(error))

    def _ics_saved(self, path: Path) -> None:
        self.result_label.setText(
            self.result_label.text() + "\n" + self.tr("Calendar file saved to {0}.").format(path)
        )
