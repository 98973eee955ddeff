"""Two versions of one record side by side, after someone else saved it first.

Each field that differs gets a row: the value you typed, the value saved now, and a choice
of which to keep. "Keep mine" and "Keep theirs" choose every row at once; choosing row by
row merges the two. ``merged()`` gives the values to save.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _shown(value: Any) -> str:
    if value is None or value == "" or value == () or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value)
    return str(value)


class StaleRecordDialog(QDialog):
    """Compare ``mine`` with ``theirs`` (both ``{field: value}``) for the ``labels`` given."""

    def __init__(
        self,
        title: str,
        labels: Sequence[tuple[str, str]],
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._mine = dict(mine)
        self._theirs = dict(theirs)
        self.differing = [(key, label) for key, label in labels if mine.get(key) != theirs.get(key)]
        self._choices: dict[str, QRadioButton] = {}
        self._others: dict[str, QRadioButton] = {}

        explanation = QLabel(
            self.tr(
                "Someone else saved this record while you were editing it. Choose, for each "
                "difference, the value to keep; nothing is saved until you confirm."
            )
        )
        explanation.setWordWrap(True)
        self.table = QTableWidget(len(self.differing), 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your version"), self.tr("Saved version"), self.tr("Keep")]
        )
        self.table.setAccessibleName(self.tr("Differences between the two versions"))
        for row, (key, label) in enumerate(self.differing):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(_shown(mine.get(key))))
            self.table.setItem(row, 2, QTableWidgetItem(_shown(theirs.get(key))))
            choice = QWidget(self.table)
            cell = QHBoxLayout(choice)
            cell.setContentsMargins(4, 0, 4, 0)
            keep_mine = QRadioButton(self.tr("Mine"), choice)
            keep_theirs = QRadioButton(self.tr("Saved"), choice)
            keep_mine.setChecked(True)
            group = QButtonGroup(choice)
            group.addButton(keep_mine)
            group.addButton(keep_theirs)
            cell.addWidget(keep_mine)
            cell.addWidget(keep_theirs)
            self.table.setCellWidget(row, 3, choice)
            self._choices[key] = keep_mine
            self._others[key] = keep_theirs
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        all_mine = QPushButton(self.tr("Keep all of mine"))
        all_theirs = QPushButton(self.tr("Keep all of the saved version"))
        all_mine.clicked.connect(lambda: self.choose_all(mine=True))
        all_theirs.clicked.connect(lambda: self.choose_all(mine=False))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row_of_buttons = QHBoxLayout()
        row_of_buttons.addWidget(all_mine)
        row_of_buttons.addWidget(all_theirs)
        row_of_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addLayout(row_of_buttons)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def choose(self, key: str, mine: bool) -> None:
        (self._choices if mine else self._others)[key].setChecked(True)

    def choose_all(self, mine: bool) -> None:
        for key in self._choices:
            self.choose(key, mine)

    def merged(self) -> dict[str, Any]:
        """The saved version with the rows where "Mine" is chosen taken from yours."""
        result = dict(self._theirs)
        for key, keep_mine in self._choices.items():
            if keep_mine.isChecked():
                result[key] = self._mine.get(key)
        return result
