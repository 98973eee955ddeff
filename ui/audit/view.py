"""The audit trail screen: who did what, when — filtered by action, practitioner, patient,
dates and words in the summary. Read-only: audit entries are never changed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.audit.chain import Verification
from assistant.audit.trail import ACTIONS
from assistant.clinic.store import list_practitioners
from assistant.operations import OpChanges
from assistant.storage.db import Database
from ui import icons, look
from ui.audit.table_model import AuditFilter, AuditTableModel, action_label
from ui.table_fit import ColumnFitter
from ui.tasks import TaskRunner, on_its_page
from ui.translations import screen_locale

FILTER_DELAY_MS = 200


class AuditView(QWidget):
    """``patientRequested(id)`` when a row about a patient is double-clicked."""

    patientRequested = Signal(int)
    closeRequested = Signal()  # back to the patients

    def __init__(
        self, db: Database, parent: QWidget | None = None, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._wanted_entry: int | None = None  # to select once its page has been read
        self.model = AuditTableModel(db, self, runner)
        self.model.busyChanged.connect(lambda _busy: self._update_count())
        self.model.loaded.connect(self._page_loaded)
        self.model.runner.operations.operationDidExecute.connect(self.on_operation_did_execute)

        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Action"))
        self.action.addItem(self.tr("Any action"), None)
        for action in ACTIONS:
            self.action.addItem(action_label(action), action)

        self.practitioner = QComboBox()
        self.practitioner.setAccessibleName(self.tr("Practitioner"))
        self.practitioner.addItem(self.tr("Anyone"), None)
        for info in list_practitioners(db, include_inactive=True):
            self.practitioner.addItem(info.name, info.id)

        # The patient list's search (name, phone or date of birth): every patient it finds.
        self.patient = QLineEdit()
        self.patient.setAccessibleName(self.tr("Patient"))
        self.patient.setPlaceholderText(self.tr("Any patient: type a name"))
        self.patient.setClearButtonEnabled(True)
        self._patient_id: int | None = None  # one patient exactly (from their page)

        self.use_dates = QCheckBox(self.tr("Between"))
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit, name in ((self.since, self.tr("From date")), (self.until, self.tr("To date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
            edit.setLocale(screen_locale())
            edit.setAccessibleName(name)
            edit.setEnabled(False)

        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Words in the description"))
        self.text.setAccessibleName(self.tr("Search the audit trail"))
        self.text.setClearButtonEnabled(True)

        self.chain_icon = QLabel()
        self.chain_status = QLabel(self.tr("The audit chain has not been checked yet."))
        self.chain_status.setWordWrap(True)
        self.chain_status.setAccessibleName(self.tr("Audit chain check"))

        self.reload_button = QPushButton(self.tr("&Refresh"))
        self.reload_button.setMinimumHeight(36)
        self.count = QLabel()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Audit trail"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Each column whole on one line; the ones a narrow window cannot hold step aside
        # (the patient is named in the description too), and the selected entry is told in
        # full below.
        m = AuditTableModel.COLUMNS
        self.fitter = ColumnFitter(
            self.table,
            [m.index(c) for c in ("at", "practitioner", "action", "summary", "patient", "record")],
            stretch=m.index("summary"),
            fill=True,
        )
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("The selected entry"))
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(lambda: self.details.clear())

        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("Action")), 0, 0)
        filters.addWidget(self.action, 0, 1)
        filters.addWidget(QLabel(self.tr("Practitioner")), 0, 2)
        filters.addWidget(self.practitioner, 0, 3)
        filters.addWidget(QLabel(self.tr("Patient")), 0, 4)
        filters.addWidget(self.patient, 0, 5)
        filters.addWidget(self.use_dates, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(QLabel(self.tr("and")), 1, 2, Qt.AlignmentFlag.AlignRight)
        filters.addWidget(self.until, 1, 3)
        filters.addWidget(self.text, 1, 4, 1, 2)
        filters.addWidget(self.reload_button, 0, 6)
        self.close_button = QPushButton(self.tr("&Back to patients"))
        self.close_button.setAccessibleName(self.tr("Back to the patient list"))
        self.close_button.clicked.connect(self.closeRequested)
        filters.addWidget(self.close_button, 1, 6)
        status = QHBoxLayout()
        status.addWidget(self.chain_icon)
        status.addWidget(self.chain_status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(status)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.action.currentIndexChanged.connect(self.apply_filters)
        self.practitioner.currentIndexChanged.connect(self.apply_filters)
        self.patient.textEdited.connect(self._patient_typed)
        self.text.textChanged.connect(self._timer.start)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.since.dateChanged.connect(self.apply_filters)
        self.until.dateChanged.connect(self.apply_filters)
        self.reload_button.clicked.connect(self.reload)
        self.table.doubleClicked.connect(self._open_row)
        self._update_count()

    def on_operation_did_execute(self, changes: OpChanges, _handler: object) -> None:
        """New entries while the trail is on screen (opening it reads it anyway)."""
        if changes.touches("audit") and on_its_page(self):
            self.reload()

    def _page_loaded(self) -> None:
        self._update_count()
        if self._wanted_entry is not None and self.select_entry(self._wanted_entry):
            self._wanted_entry = None

    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.apply_filters()

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.use_dates.isChecked():
            first: date = self.since.date().toPython()  # type: ignore[assignment]
            last: date = self.until.date().toPython()  # type: ignore[assignment]
            since = datetime.combine(first, time.min)
            until = datetime.combine(last + timedelta(days=1), time.min)  # the whole last day
        return AuditFilter(
            action=self.action.currentData(),
            practitioner_id=self.practitioner.currentData(),
            patient_id=self._patient_id,
            patient_text=self.patient.text(),
            since=since,
            until=until,
            text=self.text.text(),
        )

    def apply_filters(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def reload(self) -> None:
        self.model.refresh()

    def show_patient(self, patient_id: int, name: str = "") -> None:
        """Open the screen on one patient's entries (from the patient page)."""
        self._patient_id = patient_id
        self.patient.setText(name or self.tr("Patient {0}").format(patient_id))
        self.apply_filters()

    def _patient_typed(self, _text: str) -> None:
        self._patient_id = None  # typing searches again, among every patient
        self._timer.start()

    def show_integrity(self, result: Verification) -> None:
        """Say whether the chain was found intact, and where it breaks when it is not."""
        icons.set_icon(self.chain_icon, "ok" if result.intact else "error", icons.SIZE)
        if result.intact:
            head = result.head.label() if result.head else self.tr("empty")
            look.set_role(self.chain_status, "")
            self.chain_status.setText(
                self.tr("Audit chain verified: {0} entries checked; head {1}.").format(
                    result.entries, head
                )
            )
            return
        look.set_role(self.chain_status, "error")  # with the stop icon and the words
        self.chain_status.setText(self.tr("Audit chain broken: {0}").format(result.problem))
        if result.entry is not None and not self.select_entry(result.entry):
            self._wanted_entry = result.entry  # once the pages read so far hold it

    def select_entry(self, entry_id: int) -> bool:
        """Select and show the entry if it is among the rows loaded so far."""
        for row in range(self.model.rowCount()):
            if self.model.entry(row).id == entry_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def _update_count(self) -> None:
        self.reload_button.setEnabled(not self.model.busy)
        if self.model.busy:
            self.count.setText(self.tr("Reading the audit trail…"))
            return
        shown = self.model.rowCount()
        more = self.model.canFetchMore()
        self.count.setText(
            self.tr("{0}+ entries (scroll for more)").format(shown)
            if more
            else self.tr("{0} entries").format(shown)
        )

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        when = self.model.index(current.row(), 0).data()
        told = self.model.index(current.row(), 0).data(Qt.ItemDataRole.ToolTipRole)
        self.details.setText(f"{when} · {told}")

    def _open_row(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry.patient_id is not None:
            self.patientRequested.emit(entry.patient_id)
