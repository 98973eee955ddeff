"""Recall search: which patients received product lot X or cartridge lot Y, exportable as CSV
for the phone calls or letters. The export is audited (it holds contact details)."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import ChairsideError
from assistant.sessions import RecallRow, export_recall_csv, recall
from assistant.sessions.recall import RecallComplication, recall_complications
from assistant.stock import recalled_on
from assistant.storage.db import Database
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_date
from ui.plain_export import plain_export_caption
from ui.table_model import RowsTableModel
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


def recall_with_complications(
    db: Database, lot: str
) -> tuple[list[RecallRow], list[RecallComplication], date | None]:
    """Who received the lot, the complications after those sessions, and since when the lot is
    marked recalled in stock (worker thread)."""
    rows = recall(db, lot)
    return rows, recall_complications(db, rows), recalled_on(db, lot)


class RecallTableModel(RowsTableModel):
    PATIENT, BORN, PHONE, DATE, STATE, MATCHED = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RecallRow] = []
        self._headers = (
            self.tr("Patient"),
            self.tr("Born"),
            self.tr("Phone"),
            self.tr("Session"),
            self.tr("State"),
            self.tr("What matched"),
        )

    def set_rows(self, rows: list[RecallRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RecallRow]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == self.PATIENT:
            return f"{row.patient_name} (#{row.patient_id})"
        if column == self.BORN:
            return screen_short_date(row.date_of_birth) if row.date_of_birth else ""
        if column == self.PHONE:
            return row.phone
        if column == self.DATE:
            return screen_short_date(row.treated_at)
        if column == self.STATE:
            return self.tr("Signed") if row.state == "signed" else self.tr("Draft")
        if column == self.MATCHED:
            return row.matched_words or row.matched
        return None


class RecallDialog(QDialog):
    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        actor: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._actor = actor
        self._lot = ""
        self.setWindowTitle(self.tr("Recall: who received a lot?"))
        self.resize(900, 520)
        self.lot_edit = QLineEdit()
        self.lot_edit.setPlaceholderText(self.tr("Product or cartridge lot number, e.g. HA-2604"))
        self.lot_edit.setMinimumHeight(36)
        self.lot_edit.setAccessibleName(self.tr("Lot number"))
        self.lot_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setMinimumHeight(36)
        self.search_button.setAccessibleName(self.tr("Search for the lot"))
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.search)
        top = QHBoxLayout()
        lot_label = QLabel(self.tr("&Lot"))
        lot_label.setBuddy(self.lot_edit)
        top.addWidget(lot_label)
        top.addWidget(self.lot_edit, 1)
        top.addWidget(self.search_button)
        self.model = RecallTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Patients who received the lot"))
        self.result_label = QLabel(self.tr("Enter a lot number and search."))
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Search result"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setMinimumHeight(36)
        self.export_button.setAccessibleName(self.tr("Export the list as CSV"))
        self.export_button.setEnabled(False)
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        close_button = QPushButton(self.tr("Close"))
        close_button.setMinimumHeight(36)
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.result_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.complications_label = QLabel()
        self.complications_label.setWordWrap(True)
        self.complications_label.setAccessibleName(self.tr("Complications after these sessions"))
        self.complications_label.setVisible(False)
        layout.addWidget(self.complications_label)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.lot_edit, self.search_button)
        QWidget.setTabOrder(self.search_button, self.table)
        QWidget.setTabOrder(self.table, self.export_button)
        QWidget.setTabOrder(self.export_button, close_button)

    def search(self) -> None:
        lot = self.lot_edit.text().strip()
        self.search_button.setEnabled(False)
        self.result_label.setText(self.tr("Searching…"))
        self._runner.run(
            partial(recall_with_complications, self._db, lot),
            lambda found: self._found(lot, *found),
            self._failed,
            parent=self,
        )

    def _show_complications(self, events: list[RecallComplication]) -> None:
        lines = [
            self.tr("Complication #{0}: {1}, {2}, onset {3} (session {4})").format(
                e.id,
                data_label("complication_kinds", e.kind),
                data_label("severities", e.severity),
                screen_short_date(e.onset_on),
                e.session_id,
            )
            for e in events
        ]
        self.complications_label.setText(
            "\n".join([self.tr("Complications after these sessions:"), *lines])
        )
        self.complications_label.setVisible(bool(events))

    def _found(
        self,
        lot: str,
        rows: list[RecallRow],
        events: list[RecallComplication] | None = None,
        marked: date | None = None,
    ) -> None:
        self._lot = lot
        self._show_complications(events or [])
        self.search_button.setEnabled(True)
        self.model.set_rows(rows)
        patients = len({r.patient_id for r in rows})
        if rows:
            text = self.tr("Lot {lot}: {patients} patient(s), {sessions} session(s).").format(
                lot=lot, patients=patients, sessions=len(rows)
            )
        else:
            text = self.tr("No patient received lot {lot}.").format(lot=lot)
        if marked is not None:
            text += " " + self.tr("The lot is marked recalled in stock since {date}.").format(
                date=screen_short_date(marked)
            )
        self.result_label.setText(text)
        self.export_button.setEnabled(bool(rows))

    def _failed(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.result_label.setText("\N{WARNING SIGN} " + str(error))

    def choose_export_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Export the recall list")),
            f"recall-{self._lot}.csv",
            self.tr("CSV files (*.csv)"),
        )
        return path

    def export(self) -> None:
        path = self.choose_export_path()
        if not path:
            return
        rows = self.model.rows()
        try:
            export_recall_csv(self._db, self._lot, rows, self._actor, Path(path))
        except ChairsideError as exc:
            self.result_label.setText("\N{WARNING SIGN} " + str(exc))
            return
        except OSError as exc:
            self.result_label.setText(
                "\N{WARNING SIGN} "
                + self.tr("Could not write {path}: {error}").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return
        self.result_label.setText(
            self.tr("Saved {count} row(s) to {path}.").format(count=len(rows), path=path)
        )
