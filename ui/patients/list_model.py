"""The patient list as a lazily fetched table model: rows are read in batches as the view
scrolls (each after the last row read, along the list's index), and matches are counted
only up to a bound, so a clinic with 100,000 patients opens and searches as fast as a small
one."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from assistant.patients.store import PatientRow, find_patients
from assistant.reference import FITZPATRICK_NUMERALS
from assistant.storage.db import Database
from assistant.text.screen_dates import screen_short_date
from ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex


# lupdate reads the strings of translate("PatientListModel", "…") calls (not of a wrapper)
translate = QCoreApplication.translate


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return screen_short_date(value)


class PatientListModel(RowsTableModel):
    BATCH = 100
    COUNT_BOUND = 1000  # matches counted up to this many; beyond, "more than"
    COLUMNS = ("name", "date_of_birth", "phone", "fitzpatrick", "last_session")

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self._filter = ""
        self._rows: list[PatientRow] = []
        self._total = 0
        self._total_exact = True
        self._more = False
        self._headers = (
            translate("PatientListModel", "Name"),
            translate("PatientListModel", "Date of birth"),
            translate("PatientListModel", "Phone"),
            translate("PatientListModel", "Fitzpatrick"),
            translate("PatientListModel", "Last session"),
        )
        self.refresh()

    # -- loading -----------------------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._filter

    @property
    def total(self) -> int:
        """How many patients match the filter (not how many rows are loaded); when
        ``total_exact`` is False, more than this many match."""
        return self._total

    @property
    def total_exact(self) -> bool:
        return self._total_exact

    def set_filter(self, text: str) -> None:
        if text == self._filter:
            return
        self._filter = text
        self.refresh()

    def refresh(self) -> None:
        page = find_patients(self.db, self._filter, self.BATCH, count_bound=self.COUNT_BOUND)
        self.beginResetModel()
        self._rows = list(page.rows)
        self._more = page.more
        self._total, self._total_exact = page.count, page.count_exact
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        after = self._rows[-1] if self._rows else None
        page = find_patients(self.db, self._filter, self.BATCH, after=after, counted=False)
        more = list(page.rows)
        self._more = page.more
        if not self._more and not self._total_exact:
            self._total, self._total_exact = len(self._rows) + len(more), True
        if not more:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- the model interface -----------------------------------------------------------------

    _ROLES = frozenset(
        (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.UserRole,
            Qt.ItemDataRole.AccessibleTextRole,
        )
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per cell as it paints: the others answer at once.
        if role not in self._ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return row.display_name  # as the patient writes it
            if column == "date_of_birth":
                return format_date(row.date_of_birth)
            if column == "phone":
                return row.phone
            if column == "fitzpatrick":
                return FITZPATRICK_NUMERALS.get(row.fitzpatrick or 0, "")
            if column == "last_session":
                return format_date(row.last_session)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.AccessibleTextRole and column == "name":
            return row.display_name
        return None

    def patient_at(self, row: int) -> PatientRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, patient_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == patient_id:
                return number
        return None
