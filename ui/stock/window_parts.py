"""What the Stock window is made of besides its layout: the table of lots and the sizes its
controls share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from assistant.stock import StockLine
from assistant.text.screen_dates import screen_short_date
from ui.table_model import Index, RowsTableModel

TARGET_HEIGHT = 36  # large enough for gloved hands


def big(widget: QWidget, name: str) -> QWidget:
    """A control large enough for gloved hands, named for screen readers."""
    widget.setMinimumHeight(TARGET_HEIGHT)
    widget.setAccessibleName(name)
    return widget


class StockTableModel(RowsTableModel):
    """The lots on hand, one row each, with what is wrong with them in words."""

    ITEM, LOT, EXPIRY, ON_HAND, REORDER, STATUS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StockLine] = []
        self._headers = (
            self.tr("Item"),
            self.tr("Lot"),
            self.tr("Expires"),
            self.tr("On hand"),
            self.tr("Reorder at"),
            self.tr("Status"),
        )

    def set_rows(self, rows: list[StockLine]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def line(self, row: int) -> StockLine | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def item_words(self, line: StockLine) -> str:
        if line.kind == "cartridge":
            if line.needle_count:
                return self.tr("{name} (cartridge, {needles} needles)").format(
                    name=line.name, needles=line.needle_count
                )
            return self.tr("{name} (cartridge)").format(name=line.name)
        return self.tr("{name} (product)").format(name=line.name)

    def status_words(self, line: StockLine) -> str:
        words = []
        if line.recalled:
            words.append(self.tr("Recalled"))
        if line.expired:
            words.append(self.tr("Expired"))
        elif line.expiring:
            words.append(self.tr("Expires soon"))
        if line.low:
            words.append(self.tr("Low"))
        if line.on_hand <= 0:
            words.append(self.tr("None left"))
        return ", ".join(words) or self.tr("OK")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        line = self._rows[index.row()]
        column = index.column()
        if column == self.ITEM:
            return self.item_words(line)
        if column == self.LOT:
            return line.lot
        if column == self.EXPIRY:
            return screen_short_date(line.expiry)
        if column == self.ON_HAND:
            return str(line.on_hand)
        if column == self.REORDER:
            return str(line.reorder_level)
        if column == self.STATUS:
            return self.status_words(line)
        return None
