"""Help → Keyboard shortcuts: every shortcut of the window and of a visit, in one list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.visit.view import BACK_KEY, LIST_KEY, NEXT_KEY


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def shortcuts() -> list[tuple[str, str, str]]:
    """(where, key, what) for every shortcut, in the order they are listed."""
    visit = _tr("Visit")
    window = _tr("Window")
    return [
        (visit, NEXT_KEY, _tr("Next step (continue the checklist, then the record…)")),
        (visit, BACK_KEY, _tr("Previous step")),
        (visit, LIST_KEY, _tr("Back to the patient list; the visit stays open")),
        (window, LIST_KEY, _tr("Return to the visit left open")),
        (visit, "Ctrl+Return", _tr("Continue from the checklist")),
        (visit, "Ctrl+S", _tr("Save the session record now")),
        (visit, "Ctrl+Shift+S", _tr("Sign the session record")),
        (visit, "Ctrl+P", _tr("Preview and print the aftercare sheet")),
        (window, "Ctrl+N", _tr("New patient")),
        (window, "Ctrl+L", _tr("Find a patient")),
        (window, "Ctrl+T", _tr("Start a session for the patient shown")),
        (window, "Ctrl+E", _tr("Edit the patient's details")),
        (window, "Ctrl+Shift+P", _tr("The patient's photos")),
        (window, "Ctrl+Shift+R", _tr("Recall: who received a lot")),
        (window, "Ctrl+Shift+A", _tr("Audit trail")),
        (window, "Ctrl+Shift+B", _tr("Back up now")),
        (window, "Ctrl+Shift+L", _tr("Lock the screen")),
    ]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcuts()
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Keys"), self.tr("Does")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 560)
