"""Tables that choose their columns for their width, and the screenshot tool's eye for text
that does not fit (cut headings, cells, buttons and labels)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tools.screen_checks import cut_table_text, cut_words, problems_on, sideways_scrolling
from ui.table_fit import ColumnFitter

NAME = "Maximiliana Alejandra Fernández-Castellanos"


def table_of(qtbot: QtBot, rows: list[list[str]], headings: list[str]) -> QTableView:
    model = QStandardItemModel(0, len(headings))
    model.setHorizontalHeaderLabels(headings)
    for row in rows:
        model.appendRow([QStandardItem(text) for text in row])
    table = QTableView()
    table.setModel(model)
    model.setParent(table)
    qtbot.addWidget(table)
    return table


def test_the_least_important_columns_step_aside_and_the_rest_stay_whole(qtbot: QtBot) -> None:
    table = table_of(
        qtbot,
        [[NAME, "21 Sept 1998", "07700 955130", "", "III"]],
        ["Name", "Date of birth", "Phone", "Amendments", "Fitzpatrick"],
    )
    fitter = ColumnFitter(table, (0, 1, 2, 3, 4), stretch=0)
    table.resize(1200, 300)
    table.show()
    qtbot.wait(10)
    assert table.isColumnHidden(3)  # nothing in it
    assert not any(table.isColumnHidden(c) for c in (0, 1, 2, 4))
    assert cut_table_text(table) == [] and sideways_scrolling(table) == []
    table.resize(420, 300)
    qtbot.wait(10)
    assert not table.isColumnHidden(0)
    assert table.isColumnHidden(4) and table.isColumnHidden(2)  # the least needed first
    assert cut_table_text(table) == [] and sideways_scrolling(table) == []
    assert fitter.hidden[-1] == 4


def test_the_tool_sees_a_cut_cell_a_cut_heading_and_columns_wider_than_the_table(
    qtbot: QtBot,
) -> None:
    table = table_of(qtbot, [[NAME, "x"]], ["A very long heading for a column", "B"])
    table.setHorizontalScrollBarPolicy(table.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
    table.resize(300, 200)
    table.show()
    table.setColumnWidth(0, 60)
    table.setColumnWidth(1, 400)
    qtbot.wait(10)
    problems = cut_table_text(table)
    assert any(NAME in p for p in problems), problems
    assert any("heading 'A very long heading" in p for p in problems)
    assert any("columns of" in p for p in sideways_scrolling(table))


def test_the_tool_sees_text_cut_in_a_button_or_a_label(qtbot: QtBot) -> None:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    button = QPushButton("Sign the record and print the aftercare sheet")
    label = QLabel("Recommended: Wednesday, 29 September 2027")
    whole = QPushButton("OK")
    for widget in (button, label, whole):
        widget.setMinimumWidth(0)
        layout.addWidget(widget)
    qtbot.addWidget(holder)
    holder.show()
    for widget in (button, label):
        widget.setFixedWidth(80)
    qtbot.wait(10)
    problems = cut_words(holder)
    assert any("button 'Sign the record" in p for p in problems)
    assert any("'Recommended:" in p for p in problems)
    assert not any("'OK'" in p for p in problems)
    label.setWordWrap(True)  # a wrapping label is not cut: it takes more lines
    assert not any("'Recommended:" in p for p in problems_on(holder))
