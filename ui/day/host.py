"""The main window's side of the clinic's day: the day screen in the window's pages, and the
dialogs it and the other screens open (booking, a follow-up call, a complication, the
governance summary). Built when first needed, so the window starts without it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QStackedWidget, QWidget

from assistant.day.complications import get_session_facts
from assistant.day.followups import FollowUpInfo
from assistant.day.safety import last_signed_session
from assistant.storage.db import Database
from ui.day.booking_dialog import BookingDialog
from ui.day.complication_dialog import ComplicationDialog, FollowupDialog, facts_words
from ui.day.complications_list import ComplicationsDialog
from ui.day.summary_view import SummaryDialog
from ui.day.view import DayView

if TYPE_CHECKING:
    from assistant.settings import Settings
    from ui.intake.host import IntakeHost
    from ui.tasks import TaskRunner


class DayWindow(Protocol):
    """What the day uses of the window it shows in (the main window is one): its database,
    runner, practitioner and settings, the stack of pages the day joins, and the screens the
    day opens. The window itself (``QWidget.window``) is the dialogs' parent."""

    @property
    def db(self) -> Database: ...
    @property
    def runner(self) -> TaskRunner: ...
    @property
    def practitioner_id(self) -> int | None: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def stack(self) -> QStackedWidget: ...
    @property
    def intake(self) -> IntakeHost: ...

    def start_session(self, patient_id: int) -> None: ...

    def open_stock(self) -> None: ...

    def window(self) -> QWidget: ...


class DayHost(QObject):
    def __init__(self, window: DayWindow) -> None:
        super().__init__(window.window())
        self.window = window
        self.widget = window.window()  # the window as a widget: the dialogs open over it
        self.view = DayView(window.db, window.runner, actor=window.practitioner_id)
        self.view.review_days = window.settings.intake_review_days
        self.view.stock_warn_days = window.settings.stock_expiry_warning_days
        window.stack.addWidget(self.view)
        self.view.stockRequested.connect(self.open_stock)
        self.view.questionnaireRequested.connect(window.intake.offer_phone)
        self.view.appointmentOpened.connect(window.start_session)
        self.view.followupDone.connect(self.record_call)
        self.view.summaryRequested.connect(self.open_summary)
        self.dialog: QDialog | None = None  # the last one opened (for tests and screenshots)

    def show(self) -> None:
        self.view.actor = self.window.practitioner_id
        self.view.review_days = self.window.settings.intake_review_days
        self.view.stock_warn_days = self.window.settings.stock_expiry_warning_days
        self.window.stack.setCurrentWidget(self.view)
        self.view.refresh()

    def open_stock(self) -> None:
        """Stock, from the day's warnings (what it changes reaches the day by itself)."""
        self.window.open_stock()

    def set_database(self, db: Database) -> None:
        self.view.set_database(db)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def book(self, patient_id: int) -> QDialog:
        w = self.window
        dialog = BookingDialog(w.db, w.runner, patient_id, w.practitioner_id,
                               w.settings.appointment_minutes, self.widget)  # fmt: skip
        return self._open(dialog)

    def record_call(self, call: FollowUpInfo) -> QDialog:
        w = self.window
        dialog = FollowupDialog(w.db, w.runner, call, w.practitioner_id, self.widget)
        dialog.complicationRequested.connect(self.record_complication)
        return self._open(dialog)

    def record_complication(self, session_id: int) -> None:
        """The complication form for a session (its facts read first)."""
        w = self.window
        w.runner.run(
            partial(get_session_facts, w.db, session_id),
            lambda facts: self._complication_form(session_id, facts_words(facts)),
            self._failed,
            parent=self.widget,
        )

    def _complication_form(self, session_id: int, facts: str) -> None:
        w, parent = self.window, self.widget
        self._open(ComplicationDialog(w.db, w.runner, session_id, facts, w.practitioner_id, parent))

    def record_complication_for_patient(self, patient_id: int) -> None:
        """The complication form for the patient's latest signed session."""
        w = self.window
        w.runner.run(
            partial(last_signed_session, w.db, patient_id),
            self._patient_session,
            self._failed,
            parent=self.widget,
        )

    def _patient_session(self, session_id: int | None) -> None:
        if session_id is None:
            QMessageBox.information(
                self.widget,
                self.tr("Record a complication"),
                self.tr("This patient has no signed session to record a complication against."),
            )
            return
        self.record_complication(session_id)

    def complications(self, patient_id: int) -> QDialog:
        """The patient's complications, to open one or save its report."""
        w = self.window
        dialog = ComplicationsDialog(w.db, w.runner, patient_id, w.practitioner_id, self.widget)
        return self._open(dialog)

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self.widget, self.tr("Record a complication"), str(error))

    def open_summary(self) -> QDialog:
        w = self.window
        return self._open(SummaryDialog(w.db, w.runner, w.practitioner_id, self.widget))
