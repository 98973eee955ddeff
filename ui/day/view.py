"""The day at a glance: today's and tomorrow's appointments (patient, planned course step,
whether a consent covers the visit, whether a questionnaire is waiting, what is due) and the
follow-up calls due. Opening an appointment opens the patient's visit.

It reads ``assistant.day.agenda.day_agenda`` — what ``python main.py day --json`` prints."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.day.agenda import AgendaEntry, day_agenda
from assistant.day.appointments import change_state
from assistant.day.followups import FollowUpInfo, list_followups, screen_followup_reason
from assistant.intake.store import DEFAULT_REVIEW_DAYS
from assistant.operations import OpChanges
from assistant.stock import StockWarning, stock_warnings
from assistant.storage.db import Database
from assistant.text.screen_dates import screen_day, screen_short_date
from ui import icons, look
from ui.table_fit import WrappingDelegate
from ui.tasks import TaskRunner, on_its_page

DayRead = tuple[dict[date, list[AgendaEntry]], list[FollowUpInfo], list[StockWarning]]
STOCK_SHOWN = 3  # warnings the day screen names; Stock lists them all
PATIENT_ROLE = Qt.ItemDataRole.UserRole
APPOINTMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class DayView(QWidget):
    appointmentOpened = Signal(int)  # patient id: open their visit
    patientOpened = Signal(int)  # patient id: open their page
    followupDone = Signal(object)  # the FollowUpInfo to record as done
    summaryRequested = Signal()
    stockRequested = Signal()  # open Stock
    questionnaireRequested = Signal(int, str)  # patient id and name: a QR code for their phone

    TIME, PATIENT, STEP, CONSENT, QUESTIONNAIRE, DUE = range(6)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        parent: QWidget | None = None,
        actor: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self.actor = actor  # who marks the appointments (the signed-in practitioner)
        self.review_days = DEFAULT_REVIEW_DAYS  # the clinic's intake_review_days
        self.stock_warn_days: int | None = None  # the clinic's stock_expiry_warning_days
        self.stock: list[StockWarning] = []
        self.today = date.today()
        self.entries: dict[date, list[AgendaEntry]] = {}
        self.followups: list[FollowUpInfo] = []
        self.setAccessibleName(self.tr("The day"))
        runner.operations.operationDidExecute.connect(self.on_operation_did_execute)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        look.set_role(self.title, "heading")  # the page's heading, from the type scale
        self.title.setWordWrap(True)  # a long date in words never widens the window
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.summary_button = QPushButton(self.tr("Governance &summary…"))
        self.summary_button.clicked.connect(self.summaryRequested)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.summary_button)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Patient"),
                self.tr("Course step"),
                self.tr("Consent"),
                self.tr("Questionnaire"),
                self.tr("Due"),
            ]
        )
        self.tree.setAccessibleName(self.tr("Appointments of today and tomorrow"))
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The day's heading spans the row: the time column is as wide as a time and its state.
        header.setSectionResizeMode(self.TIME, QHeaderView.ResizeMode.Fixed)
        # a time and a short state on one line; "did not come" takes a second line
        states = (self.tr("arrived"), self.tr("done"), self.tr("cancelled"))
        header.resizeSection(
            self.TIME,
            max(self.fontMetrics().horizontalAdvance(f"00:00 ({s})") for s in states) + 24,
        )
        # the patient's name and what is due share the width left and wrap, never "…"
        header.setSectionResizeMode(self.PATIENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.DUE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.installEventFilter(self)  # a narrow day leaves out the questionnaire column
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.itemActivated.connect(self._activated)
        self.open_button = QPushButton(self.tr("&Open the visit"))
        self.open_button.setToolTip(self.tr("Start or continue the selected patient's visit"))
        self.open_button.clicked.connect(self._open_selected)

        self.calls_title = QLabel(self.tr("<b>Follow-up calls due</b>"))
        self.calls = QTreeWidget()
        self.calls.setColumnCount(4)
        self.calls.setHeaderLabels(
            [self.tr("Due"), self.tr("Patient"), self.tr("Phone"), self.tr("Why")]
        )
        self.calls.setAccessibleName(self.tr("Follow-up calls due"))
        self.calls.setRootIsDecorated(False)
        self.calls.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the name and the reason share the width the date and the phone number leave, and
        # wrap onto a second line rather than end in "…"; nothing scrolls sideways
        self.calls.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.calls.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.calls.header().setStretchLastSection(False)
        self.calls.setItemDelegate(WrappingDelegate(self.calls))
        self.calls.installEventFilter(self)  # the name on one line whenever the width allows
        self.calls.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.calls.itemActivated.connect(lambda _item, _col: self._call_done())
        self.call_button = QPushButton(self.tr("&Call done…"))
        self.call_button.setToolTip(self.tr("Record the selected call with a note"))
        self.call_button.clicked.connect(self._call_done)
        self.state_button = QPushButton(self.tr("&Appointment"))
        self.state_button.setToolTip(self.tr("Mark the selected appointment"))
        menu = QMenu(self.state_button)
        self.arrived_action = menu.addAction(self.tr("Arrived"))
        self.no_show_action = menu.addAction(self.tr("Did not come"))
        self.cancel_action = menu.addAction(self.tr("Cancel…"))
        self.arrived_action.triggered.connect(lambda: self.mark("arrived"))
        self.no_show_action.triggered.connect(lambda: self.mark("no_show"))
        self.cancel_action.triggered.connect(lambda: self.mark("cancelled"))
        self.state_button.setMenu(menu)
        self.questionnaire_button = QPushButton(self.tr("&Questionnaire on a phone…"))
        self.questionnaire_button.setToolTip(
            self.tr("A QR code for the selected patient to answer the health questions")
        )
        self.questionnaire_button.clicked.connect(self._questionnaire)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.state_button)
        buttons.addWidget(self.questionnaire_button)
        buttons.addStretch(1)
        buttons.addWidget(self.call_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._make_stock_strip())
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.calls_title)
        layout.addWidget(self.calls, 1)
        layout.addLayout(buttons)

    def _make_stock_strip(self) -> QFrame:
        """Stock warnings in a few lines (the first ones; Stock lists them all)."""
        self.stock_strip = QFrame()
        self.stock_strip.setObjectName("warningBanner")
        self.stock_strip.setFrameShape(QFrame.Shape.StyledPanel)
        self.stock_strip.setAccessibleName(self.tr("Stock warnings"))
        row = QHBoxLayout(self.stock_strip)
        row.setContentsMargins(6, 4, 6, 4)
        self.stock_text = QLabel()
        self.stock_text.setWordWrap(True)
        self.stock_text.setTextFormat(Qt.TextFormat.PlainText)
        self.stock_button = QPushButton(self.tr("S&tock…"))
        self.stock_button.setToolTip(self.tr("Open Stock: the lots on hand and every warning"))
        self.stock_button.clicked.connect(self.stockRequested)
        row.addWidget(icons.icon_label("warning"), 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.stock_text, 1)
        row.addWidget(self.stock_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stock_strip.hide()
        return self.stock_strip

    def stock_words(self) -> str:
        """The strip's text: how many warnings, then the first few."""
        shown = self.stock[:STOCK_SHOWN]
        lines = [
            self.tr("Stock warnings: {0}").format(len(self.stock)),
            *(f"• {warning.message}" for warning in shown),
        ]
        if len(self.stock) > len(shown):
            lines.append(self.tr("{0} more in Stock").format(len(self.stock) - len(shown)))
        return "\n".join(lines)

    def set_database(self, db: Database) -> None:
        self._db = db
        self.refresh()

    # -- reading -----------------------------------------------------------------------------

    def refresh(self, today: date | None = None) -> None:
        """Read today's and tomorrow's appointments and the calls due (off the UI thread)."""
        self.today = today or date.today()
        db, day, review_days = self._db, self.today, self.review_days
        warn_days = self.stock_warn_days

        def read() -> DayRead:
            days = (day, day + timedelta(days=1))
            agenda = {d: day_agenda(db, d, day, review_days=review_days) for d in days}
            return agenda, list_followups(db, day), stock_warnings(db, day, warn_days)

        self._runner.run(read, self._show, parent=self)

    # What the day shows: any change to these is read again while the day is on screen (the
    # day host reads it whenever it shows it).
    SHOWN = ("appointments", "followups", "complications", "stock", "consents", "records",
             "patients", "sessions")  # fmt: skip

    def on_operation_did_execute(self, changes: OpChanges, _handler: object) -> None:
        if changes.touches(*self.SHOWN) and on_its_page(self):
            self.refresh(self.today)

    def _show(self, result: DayRead) -> None:
        self.entries, self.followups, self.stock = result
        self.stock_text.setText(self.stock_words())
        self.stock_strip.setVisible(bool(self.stock))
        self.title.setText(self.tr("The day: {0}").format(screen_day(self.today)))
        self.tree.clear()
        for index, (day, entries) in enumerate(self.entries.items()):
            label = self.tr("Today, {0}") if index == 0 else self.tr("Tomorrow, {0}")
            heading = QTreeWidgetItem([label.format(screen_day(day))])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)  # once in the tree
            if not entries:
                empty = QTreeWidgetItem([self.tr("No appointments.")])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(empty)
                empty.setFirstColumnSpanned(True)
            for entry in entries:
                self.tree.addTopLevelItem(self._row(entry))
        self._fit_columns()
        self.calls.clear()
        for call in self.followups:
            item = QTreeWidgetItem(
                [
                    screen_short_date(call.due_on),
                    call.patient_name,
                    call.phone,
                    screen_followup_reason(call.reason),
                ]
            )
            item.setData(0, PATIENT_ROLE, call.id)
            item.setToolTip(1, call.patient_name)
            self.calls.addTopLevelItem(item)
        self._fit_calls()
        self.calls_title.setVisible(bool(self.followups))
        self.calls.setVisible(bool(self.followups))
        self.call_button.setEnabled(bool(self.followups))

    def row_texts(self, entry: AgendaEntry) -> list[str]:
        """What a row shows, column by column."""
        a = entry.appointment
        state = {
            "booked": "",
            "arrived": self.tr("arrived"),
            "done": self.tr("done"),
            "cancelled": self.tr("cancelled"),
            "no_show": self.tr("did not come"),
        }.get(a.state, a.state)
        step = (
            self.tr("{0} of {1}").format(a.course_number, a.course_total)
            if a.course_number and a.course_total
            else "—"
        )
        consent = (
            "\N{CHECK MARK} " + self.tr("valid")
            if entry.consent_valid
            else "\N{WARNING SIGN} " + self.tr("needed")
        )
        waiting = self.tr("waiting") if entry.questionnaire_waiting else self.tr("none")
        due = [self._due_words(d.kind, d.id) for d in entry.due]
        if entry.too_early and entry.earliest_safe.on is not None:
            due.insert(
                0,
                "\N{WARNING SIGN} "
                + self.tr("before the earliest safe date, {0}").format(
                    screen_short_date(entry.earliest_safe.on)
                ),
            )
        if entry.earliest_safe.undated:
            due.append(self.tr("deferred until resolved: {0}").format(
                "; ".join(entry.earliest_safe.undated)))  # fmt: skip
        return [
            f"{a.starts_at:%H:%M}" + (f" ({state})" if state else ""),
            entry.patient_name,
            step,
            consent,
            waiting,
            "\n".join(due) or "—",
        ]

    def _due_words(self, kind: str, ident: int) -> str:
        if kind == "follow_up":
            return self.tr("follow-up call #{0}").format(ident)
        return self.tr("open complication #{0}").format(ident)

    def _row(self, entry: AgendaEntry) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.row_texts(entry))
        item.setData(0, PATIENT_ROLE, entry.patient_id)
        item.setData(0, APPOINTMENT_ROLE, entry.appointment.id)
        item.setToolTip(self.CONSENT, "\n".join(entry.consent_reasons))
        questionnaire = self.tr("Questionnaire: {0}").format(item.text(self.QUESTIONNAIRE))
        for column in (self.TIME, self.PATIENT, self.STEP, self.QUESTIONNAIRE, self.DUE):
            item.setToolTip(column, questionnaire)
        return item

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if watched is self.calls and event.type() == QEvent.Type.Resize:
            self._fit_calls()
        return super().eventFilter(watched, event)

    def _fit_calls(self) -> None:
        """The patient's name whole on one line when the width allows (the reason takes the
        rest); otherwise the name and the reason share the width and wrap."""
        header = self.calls.header()
        names = self.calls.sizeHintForColumn(1)
        others = sum(header.sectionSize(c) for c in (0, 2))
        why = min(self.calls.sizeHintForColumn(3), 160)
        room = self.calls.viewport().width() or self.calls.width()
        whole = others + names + why <= room
        mode = QHeaderView.ResizeMode.ResizeToContents if whole else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(1) != mode:
            header.setSectionResizeMode(1, mode)

    def _fit_columns(self) -> None:
        """The questionnaire column steps aside (its words stay in each row's tooltip) when
        keeping it would leave the patient's name and what is due too narrow to read."""
        header = self.tree.header()
        metrics = self.tree.fontMetrics()
        share = metrics.horizontalAdvance("Maximiliana") + 24  # a long first name, whole
        questionnaire = max(
            self.tree.sizeHintForColumn(self.QUESTIONNAIRE),
            header.sectionSizeFromContents(self.QUESTIONNAIRE).width(),
        )
        fixed = sum(header.sectionSize(c) for c in (self.TIME, self.STEP, self.CONSENT))
        room = self.tree.viewport().width() or self.tree.width()
        self.tree.setColumnHidden(self.QUESTIONNAIRE, fixed + questionnaire + 2 * share > room)

    # -- acting ------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        patient = item.data(0, PATIENT_ROLE)
        if patient:
            self.appointmentOpened.emit(int(patient))

    def _open_selected(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._activated(item, 0)

    def selected_entry(self) -> AgendaEntry | None:
        item = self.tree.currentItem()
        wanted = item.data(0, APPOINTMENT_ROLE) if item is not None else None
        entries = (e for day in self.entries.values() for e in day)
        return next((e for e in entries if wanted and e.appointment.id == wanted), None)

    def _questionnaire(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.patient_name:  # an erased patient is not asked
            self.questionnaireRequested.emit(entry.patient_id, entry.patient_name)

    def ask_cancel_reason(self) -> str | None:
        text, ok = QInputDialog.getText(
            self, self.tr("Cancel the appointment"), self.tr("Why is it cancelled?")
        )
        return text if ok else None

    def mark(self, state: str) -> None:
        """Mark the selected appointment arrived, not come or cancelled (with why)."""
        item = self.tree.currentItem()
        appointment = item.data(0, APPOINTMENT_ROLE) if item is not None else None
        if not appointment:
            return
        reason = ""
        if state == "cancelled":
            asked = self.ask_cancel_reason()
            if asked is None:
                return
            reason = asked
        self._runner.run(
            partial(change_state, self._db, int(appointment), state, self.actor, reason),
            None,  # the day reads the change again (on_operation_did_execute)
            self._mark_failed,
            parent=self,
        )

    def _mark_failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Appointment"), str(error))

    def _call_done(self) -> None:
        item = self.calls.currentItem() or self.calls.topLevelItem(0)
        if item is None:
            return
        wanted: Any = item.data(0, PATIENT_ROLE)
        call = next((c for c in self.followups if c.id == wanted), None)
        if call is not None:
            self.followupDone.emit(call)
