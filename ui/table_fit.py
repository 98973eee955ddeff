"""Tables that choose their columns for the width they have.

Every shown column holds its heading and the widest cell of the rows read, whole and on one
line; when the width runs out the least important columns step aside (never cut to "N…"),
columns with nothing in them are hidden, and the widest-ranked "stretch" column takes what
is left. ``ColumnFitter(table, order, stretch)`` keeps a table so as it resizes and its rows
change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
)

# Cells read to size a column: the rows a screen shows and a few pages more; a long lazy
# list is never read to its end for this.
MEASURED_ROWS = 120
GAP = 12  # room beside a cell's text, so neighbouring columns never touch


def cell_width(table: QAbstractItemView, index: QModelIndex) -> int:
    """The width a cell needs to show its text (and icon) whole on one line."""
    option = QStyleOptionViewItem()
    option.font = table.font()
    option.fontMetrics = table.fontMetrics()
    size = table.iconSize()
    if not size.isValid() or size.isEmpty():
        extent = table.style().pixelMetric(table.style().PixelMetric.PM_SmallIconSize)
        size.setWidth(extent)
        size.setHeight(extent)
    option.decorationSize = size
    return table.itemDelegateForIndex(index).sizeHint(option, index).width()


def heading_width(header: QHeaderView, column: int) -> int:
    """The width of a column's heading, hidden or not (``sectionSizeHint`` says 0 for a
    hidden one)."""
    return header.sectionSizeFromContents(column).width()


class WrappingDelegate(QStyledItemDelegate):
    """For a tree whose narrow columns wrap their words: a row as tall as its most wrapped
    cell at the width its column has now (a tree measures every cell on one line). The
    tree lays its rows out again when a column changes width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.header().sectionResized.connect(self._resized)

    def _resized(self, *_sizes: int) -> None:
        QTimer.singleShot(0, self._view, self._view.doItemsLayout)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        if not shown.text:
            return hint
        style = self._view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view)
        width = self._view.header().sectionSize(index.column())
        if index.column() == 0 and self._view.isFirstColumnSpanned(index.row(), index.parent()):
            width = self._view.viewport().width()
        width -= 2 * (margin + 1)
        if not shown.icon.isNull():
            width -= shown.decorationSize.width() + 4
        metrics = shown.fontMetrics
        wrapped = metrics.boundingRect(
            QRect(0, 0, max(1, width), 100_000), Qt.TextFlag.TextWordWrap, shown.text
        )
        padding = max(0, hint.height() - metrics.height())
        return QSize(hint.width(), max(hint.height(), wrapped.height() + padding))


class ColumnFitter(QObject):
    def __init__(
        self,
        table: QTableView,
        order: Sequence[int],
        stretch: int,
        keep: Sequence[int] = (),
        fill: bool = False,
    ) -> None:
        """``order``: the columns by importance, most needed first (a column not named is
        never shown); ``stretch``: the column given the width left over; ``keep``: columns
        shown even when every cell is empty; ``fill``: a column too wide for the room left
        steps aside alone, and narrower, less important ones may still take that room
        (otherwise every column after it steps aside too)."""
        super().__init__(table)
        self.table = table
        self.order = tuple(order)
        self.stretch = stretch
        self.keep = frozenset(keep)
        self.fill = fill
        self.hidden: tuple[int, ...] = ()
        self._deferred = False
        self._widths: dict[int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        model = table.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
            model.headerDataChanged,
        ):
            signal.connect(self._contents_changed)
        table.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize or (event.type() == QEvent.Type.Show
                                                  and self._deferred):  # fmt: skip
            self.fit()
        return False

    def _out_of_sight(self) -> bool:
        """In a window on screen, but on a part of it that is hidden (a signed record's
        form): its cells need not be measured until it shows."""
        return self.table.window().isVisible() and not self.table.isVisible()

    def _contents_changed(self, *_args: object) -> None:
        self._widths = None
        self._timer.start()

    def natural_widths(self) -> dict[int, int]:
        """Each column's width for its heading and widest cell, 0 for an empty column."""
        if self._widths is not None:
            return self._widths
        model, header = self.table.model(), self.table.horizontalHeader()
        rows = min(model.rowCount(), MEASURED_ROWS)
        metrics = self.table.fontMetrics()
        widths: dict[int, int] = {}
        for column in self.order:
            widest, filled = 0, column in self.keep or rows == 0
            # Cells of plain text in the table's font differ only by their text's advance,
            # so only the longest of them is measured whole (the delegate's size hint is
            # slow: a tenth of the window's first paint with every cell measured).
            longest: dict[object, tuple[int, list[QModelIndex]]] = {}
            for row in range(rows):
                index = model.index(row, column)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                icon = model.data(index, Qt.ItemDataRole.DecorationRole)
                if text in (None, "") and icon is None:
                    continue
                filled = True
                plain = (
                    icon is None
                    and "\n" not in str(text)
                    and model.data(index, Qt.ItemDataRole.FontRole) is None
                )
                if not plain:
                    widest = max(widest, cell_width(self.table, index))
                    continue
                group = id(self.table.itemDelegateForIndex(index))
                advance = metrics.horizontalAdvance(str(text))
                best, cells = longest.get(group, (-1, []))
                if advance > best:
                    longest[group] = (advance, [index])
                elif advance == best:
                    cells.append(index)
            for _advance, cells in longest.values():
                for index in cells:
                    widest = max(widest, cell_width(self.table, index))
            widths[column] = max(widest, heading_width(header, column)) + GAP if filled else 0
        self._widths = widths
        return widths

    def fit(self) -> None:
        self._timer.stop()
        self._deferred = self._out_of_sight()
        if self._deferred:
            return  # fitted when the table shows (eventFilter)
        widths = self.natural_widths()
        room = self.table.viewport().width()
        if room <= 0:
            return
        shown: list[int] = []
        used = 0
        for column in self.order:
            width = widths[column]
            if not width:
                continue
            if shown and used + width > room:
                if self.fill:
                    continue
                break  # this one and every less important one step aside
            shown.append(column)
            used += width
        header = self.table.horizontalHeader()
        hidden = []
        for column in range(self.table.model().columnCount()):
            is_hidden = column not in shown
            self.table.setColumnHidden(column, is_hidden)
            if is_hidden:
                hidden.append(column)
        self.hidden = tuple(hidden)
        spare = max(0, room - used)
        widest = self.stretch if self.stretch in shown else (shown[-1] if shown else None)
        for column in shown:
            width = widths[column] + (spare if column == widest else 0)
            if column == widest and column == shown[0] and used > room:
                width = room  # one column wider than the table: it takes all there is
            header.resizeSection(column, width)
