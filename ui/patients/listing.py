"""The left-hand patient list: search as you type, a lazily filled table, "New patient"."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.db import Database
from ui.patients.list_model import PatientListModel
from ui.table_fit import ColumnFitter

SEARCH_DELAY_MS = 150


class PatientList(QWidget):
    patientSelected = Signal(int)
    newPatientRequested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PatientListModel(db, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, phone or date of birth"))
        self.search.setAccessibleName(self.tr("Search patients"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(36)

        self.new_button = QPushButton(self.tr("&New patient"))
        self.new_button.setMinimumHeight(36)
        self.new_button.setToolTip(self.tr("Create a patient record (Ctrl+N)"))
        self.new_button.clicked.connect(self.newPatientRequested)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Patients"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        # Each column whole on one line: on a narrow window the columns least needed to
        # find a patient step aside (last session, Fitzpatrick, phone); the name never does.
        self.fitter = ColumnFitter(self.table, (0, 1, 2, 4, 3), stretch=0)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda index: self._emit_row(index.row()))

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of patients found"))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._open_first)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self.setTabOrder(self.search, self.new_button)
        self.setTabOrder(self.new_button, self.table)
        self._update_count()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.search.text().strip())
        self._update_count()

    def refresh(self, select_id: int | None = None) -> None:
        self.model.refresh()
        self._update_count()
        if select_id is not None:
            self.select_patient(select_id)

    def select_patient(self, patient_id: int) -> None:
        row = self.model.row_of(patient_id)
        if row is not None:
            self.table.selectRow(row)

    def clear_selection(self) -> None:
        """No patient highlighted (while a new patient is being typed in)."""
        self.table.clearSelection()
        self.table.setCurrentIndex(self.model.index(-1, -1))

    def _update_count(self) -> None:
        total = self.model.total
        if not self.model.total_exact:
            # Counting stops at a bound, so typing stays quick in a large clinic.
            if self.model.filter_text:
                text = self.tr("Patients found: more than {0}").format(f"{total:,}")
            else:
                text = self.tr("Patients: more than {0}").format(f"{total:,}")
        elif self.model.filter_text:
            text = self.tr("Patients found: {0}").format(f"{total:,}")
        else:
            text = self.tr("Patients: {0}").format(f"{total:,}")
        self.count_label.setText(text)

    def _open_first(self) -> None:
        self.apply_search()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self._emit_row(0)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._emit_row(indexes[0].row())

    def _emit_row(self, row: int) -> None:
        patient = self.model.patient_at(row)
        if patient is not None:
            self.patientSelected.emit(patient.id)
