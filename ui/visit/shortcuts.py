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

# lupdate reads the strings of translate("Shortcuts", "…") calls (not of a wrapper)
translate = QCoreApplication.translate


def shortcuts() -> list[tuple[str, str, str]]:
    """(where, key, what) for every shortcut, in the order they are listed."""
    visit = translate("Shortcuts", "Visit")
    window = translate("Shortcuts", "Window")
    return [
        (
            visit,
            NEXT_KEY,
            translate("Shortcuts", "Next step (continue the checklist, then the record…)"),
        ),
        (visit, BACK_KEY, translate("Shortcuts", "Previous step")),
        (visit, LIST_KEY, translate("Shortcuts", "Back to the patient list; the visit stays open")),
        (window, LIST_KEY, translate("Shortcuts", "Return to the visit left open")),
        (visit, "Ctrl+Return", translate("Shortcuts", "Continue from the checklist")),
        (visit, "Ctrl+S", translate("Shortcuts", "Save the session record now")),
        (visit, "Ctrl+Shift+S", translate("Shortcuts", "Sign the session record")),
        (visit, "Ctrl+P", translate("Shortcuts", "Preview and print the aftercare sheet")),
        (window, "Ctrl+N", translate("Shortcuts", "New patient")),
        (window, "Ctrl+L", translate("Shortcuts", "Find a patient")),
        (window, "Ctrl+T", translate("Shortcuts", "Start a session for the patient shown")),
        (window, "Ctrl+E", translate("Shortcuts", "Edit the patient's details")),
        (window, "Ctrl+Shift+P", translate("Shortcuts", "The patient's photos")),
        (window, "Ctrl+D", translate("Shortcuts", "The day: today's and tomorrow's appointments")),
        (window, "Ctrl+Shift+R", translate("Shortcuts", "Recall: who received a lot")),
        (window, "Ctrl+Shift+A", translate("Shortcuts", "Audit trail")),
        (window, "Ctrl+Shift+B", translate("Shortcuts", "Back up now")),
        (window, "Ctrl+Shift+L", translate("Shortcuts", "Lock the screen")),
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
