"""A patient's sessions as a timeline, newest first: date, state, zones with depths, the
deepest depth, products and lots, cartridge lot, amendments. Opening a row emits
``sessionOpened(id)``; an unfinished draft is marked in words and with an icon. The latest
``PAGE`` sessions are read when the patient opens; older ones as the table scrolls to its
end (or on "Show older sessions"), so a long history opens as fast as a short one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.db import Database
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_mm, screen_short_moment
from ui.table_fit import ColumnFitter
from ui.table_model import RowsTableModel
from ui.tasks import TaskRunner, show_error

if TYPE_CHECKING:
    from assistant.sessions import SessionSummary

Index = QModelIndex | QPersistentModelIndex


class SessionTimelineModel(RowsTableModel):
    DATE, STATE, ZONES, DEEPEST, PRODUCTS, CARTRIDGE, AMENDMENTS, PHOTOS = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionSummary] = []
        self._photos: dict[int, int] = {}
        self._texts: dict[tuple[int, int], str] = {}
        self._icons: dict[QStyle.StandardPixmap, QIcon] = {}
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
        self._texts.clear()
        self.endResetModel()

    def add_rows(self, rows: list[SessionSummary]) -> None:
        """Older sessions, after the ones shown."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

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

    _ROLES = frozenset(
        (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.UserRole,
        )
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Sizing columns to their contents asks every cell for a dozen roles: the unused
        # ones answer at once, and each cell's text is worded once.
        if role not in self._ROLES or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = self._text(self._rows[index.row()], index.column())
            return text
        return self._other(self._rows[index.row()], index.column(), role)

    def _text(self, summary: SessionSummary, column: int) -> str:
        if column == self.DATE:
            return screen_short_moment(summary.treated_at)
        if column == self.STATE:
            return self._state(summary)
        if column == self.ZONES:
            return ", ".join(
                f"{data_label('zones', z.zone)} {screen_mm(z.depth_mm)}×{z.passes}"
                for z in summary.zones
            )
        if column == self.DEEPEST:
            if summary.deepest_depth_mm is None:
                return "—"
            return f"{screen_mm(summary.deepest_depth_mm)} mm"
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
        return ""

    def _other(self, summary: SessionSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            if QApplication.instance() is None:
                return None
            if summary.state != "signed":
                return None  # a draft says "⚠ Draft…" in words: one mark, not two
            pixmap = QStyle.StandardPixmap.SP_DialogApplyButton
            # asked for every row each time the columns are sized: the style's icon once
            icon = self._icons.get(pixmap)
            if icon is None:
                icon = self._icons[pixmap] = QApplication.style().standardIcon(pixmap)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole:
            # the whole session, whichever columns the table's width leaves out
            lines = [
                f"{heading}: {text}"
                for number, heading in enumerate(self._headers)
                if (text := self._text(summary, number)) not in ("", "—")
            ]
            if summary.warnings:
                lines.append(
                    self.tr("{n} warning(s) were shown when this session was recorded").format(
                        n=summary.warnings
                    )
                )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        return None


class SessionTimeline(QWidget):
    """The patient page's session history. Call ``refresh()`` after a session changes."""

    sessionOpened = Signal(int)
    loaded = Signal(int)  # number of sessions shown
    PAGE = 20  # sessions read at a time

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
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(36)
        # One line per session: the columns a narrow window cannot hold whole step aside
        # (photos and amendments first), empty ones are hidden, the zones take what is left;
        # a row's tooltip tells the whole session.
        model = SessionTimelineModel
        self.fitter = ColumnFitter(
            self.table,
            (
                model.DATE,
                model.STATE,
                model.DEEPEST,
                model.ZONES,
                model.PRODUCTS,
                model.CARTRIDGE,
                model.PHOTOS,
                model.AMENDMENTS,
            ),
            stretch=model.ZONES,
            fill=True,
        )
        self.table.setAccessibleName(self.tr("Sessions of this patient"))
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.empty_label = QLabel(self.tr("No sessions recorded yet."))
        self.empty_label.setAccessibleName(self.tr("No sessions"))
        self.open_button = QPushButton(self.tr("Open session"))
        self.open_button.setMinimumHeight(36)
        self.open_button.setAccessibleName(self.tr("Open the selected session"))
        self.open_button.clicked.connect(self._open_current)
        self.more_button = QPushButton(self.tr("Show older sessions"))
        self.more_button.setMinimumHeight(36)
        self.more_button.setAccessibleName(self.tr("Show older sessions of this patient"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.setVisible(False)
        self._more = False
        self._loading = False
        self._generation = 0  # a page read for a patient no longer shown is dropped
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_label, 1)
        buttons.addWidget(self.more_button)
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
        self._generation += 1
        self.model.set_rows([])
        self._set_more(False)
        self._show_count(0)

    def set_patient(self, patient_id: int) -> None:
        self._patient_id = patient_id
        self.refresh()

    def refresh(self) -> None:
        """Read the latest page again (after a session changed, or another patient)."""
        # The session store is loaded when the first patient opens (or soon after the
        # window shows: ``MainWindow``), not before the window can be painted.
        from assistant.photos import photo_counts
        from assistant.sessions import list_sessions

        patient_id, db, page = self._patient_id, self._db, self.PAGE
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._runner.run(
            lambda: (
                list_sessions(db, patient_id, limit=page + 1),
                photo_counts(db, patient_id),
            ),
            lambda result: self._loaded(result, generation),
            lambda exc: self._failed(exc, generation),
            parent=self,
        )

    def load_more(self) -> None:
        """The next page of older sessions, after the ones shown."""
        if not self._more or self._loading:
            return
        # the sessions package loads after the first screen (400 ms)
        from assistant.sessions import list_sessions

        patient_id, db, page = self._patient_id, self._db, self.PAGE
        shown, generation = self.model.rowCount(), self._generation
        self._loading = True
        self._runner.run(
            lambda: list_sessions(db, patient_id, limit=page + 1, offset=shown),
            lambda rows: self._more_loaded(rows, generation),
            lambda exc: self._failed(exc, generation),
            parent=self,
        )

    def _loaded(self, result: tuple[list[SessionSummary], dict[int, int]], generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        rows, photos = result
        self._set_more(len(rows) > self.PAGE)
        self.model.set_rows(rows[: self.PAGE], photos)
        self._show_count(self.model.rowCount())
        self.loaded.emit(self.model.rowCount())

    def _more_loaded(self, rows: list[SessionSummary], generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._set_more(len(rows) > self.PAGE)
        self.model.add_rows(rows[: self.PAGE])
        self.loaded.emit(self.model.rowCount())

    def _failed(self, exc: BaseException, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
        show_error(self, exc)

    def _set_more(self, more: bool) -> None:
        self._more = more
        self.more_button.setVisible(more)

    def _scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if bar.maximum() > 0 and value >= bar.maximum() - bar.pageStep() // 4:
            self.load_more()

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
