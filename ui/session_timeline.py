"""A patient's sessions as a timeline, newest first: date, state, zones with depths, the
deepest depth, products and lots, cartridge lot, amendments. Opening a row emits
``sessionOpened(id)``; an unfinished draft is marked in words and with an icon."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.dates import format_short_moment
from assistant.db import Database
from assistant.photos import photo_counts
from assistant.sessions import SessionSummary, list_sessions
from ui.table_model import RowsTableModel
from ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


class SessionTimelineModel(RowsTableModel):
    DATE, STATE, ZONES, DEEPEST, PRODUCTS, CARTRIDGE, AMENDMENTS, PHOTOS = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionSummary] = []
        self._photos: dict[int, int] = {}
        self._headers = (
            self.tr("Date"),
            self.tr("State"),
            self.tr("Zones (depth mm × passes)"),
            self.tr("Deepest"),
            self.tr("Products and lots"),
            self.tr("Cartridge"),
            self.tr("Amendments"),
            self.tr("Photos"),
        )

    def set_rows(self, rows: list[SessionSummary], photos: dict[int, int] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._photos = dict(photos or {})
        self.endResetModel()

    def summary(self, row: int) -> SessionSummary:
        return self._rows[row]

    def _state(self, summary: SessionSummary) -> str:
        if summary.state == "signed":
            text = self.tr("Signed")
        elif summary.state == "draft":
            text = "\N{WARNING SIGN} " + self.tr("Draft, not signed")
        else:
            text = summary.state
        if summary.course:
            text += self.tr(" · session {n} of {total}").format(
                n=summary.course_number, total=summary.course_total
            )
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.DATE:
                return format_short_moment(summary.treated_at)
            if column == self.STATE:
                return self._state(summary)
            if column == self.ZONES:
                return ", ".join(
                    f"{reference.zones()[z.zone].name if z.zone in reference.zones() else z.zone}"
                    f" {reference.format_mm(z.depth_mm)}×{z.passes}"
                    for z in summary.zones
                )
            if column == self.DEEPEST:
                if summary.deepest_depth_mm is None:
                    return "—"
                return f"{reference.format_mm(summary.deepest_depth_mm)} mm"
            if column == self.PRODUCTS:
                return "; ".join(
                    self.tr("{name} lot {lot}").format(name=p.product_name, lot=p.lot_number or "?")
                    for p in summary.products
                )
            if column == self.CARTRIDGE:
                if not summary.cartridge_lot:
                    return "—"
                return self.tr("{needles} needles, lot {lot}").format(
                    needles=summary.cartridge_needles, lot=summary.cartridge_lot
                )
            if column == self.AMENDMENTS:
                return str(summary.amendments) if summary.amendments else ""
            if column == self.PHOTOS:
                return str(self._photos[summary.id]) if summary.id in self._photos else ""
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            if QApplication.instance() is None:
                return None
            pixmap = (
                QStyle.StandardPixmap.SP_DialogApplyButton
                if summary.state == "signed"
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return QApplication.style().standardIcon(pixmap)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATE and summary.warnings:
            return self.tr("{n} warning(s) were shown when this session was recorded").format(
                n=summary.warnings
            )
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        return None


class SessionTimeline(QWidget):
    """The patient page's session history. Call ``refresh()`` after a session changes."""

    sessionOpened = Signal(int)
    loaded = Signal(int)  # number of sessions shown

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        patient_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._patient_id = patient_id
        self.model = SessionTimelineModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The long texts share the width and wrap, so the table never scrolls sideways.
        for column in (
            SessionTimelineModel.ZONES,
            SessionTimelineModel.PRODUCTS,
            SessionTimelineModel.CARTRIDGE,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Sessions of this patient"))
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.empty_label = QLabel(self.tr("No sessions recorded yet."))
        self.empty_label.setAccessibleName(self.tr("No sessions"))
        self.open_button = QPushButton(self.tr("Open session"))
        self.open_button.setMinimumHeight(36)
        self.open_button.setAccessibleName(self.tr("Open the selected session"))
        self.open_button.clicked.connect(self._open_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_label, 1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._show_count(0)

    def set_database(self, db: Database) -> None:
        """The database was replaced: show nothing until a patient is chosen again."""
        self._db = db
        self._patient_id = 0
        self.model.set_rows([])
        self._show_count(0)

    def set_patient(self, patient_id: int) -> None:
        self._patient_id = patient_id
        self.refresh()

    def refresh(self) -> None:
        patient_id = self._patient_id
        db = self._db
        self._runner.run(
            lambda: (list_sessions(db, patient_id), photo_counts(db, patient_id)),
            self._loaded,
            parent=self,
        )

    def _loaded(self, result: tuple[list[SessionSummary], dict[int, int]]) -> None:
        rows, photos = result
        self.model.set_rows(rows, photos)
        self._show_count(len(rows))
        self.loaded.emit(len(rows))

    def _show_count(self, count: int) -> None:
        self.empty_label.setVisible(count == 0)
        self.open_button.setEnabled(count > 0)
        if count:
            self.table.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sessionOpened.emit(self.model.summary(index.row()).id)

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())
