"""Tables that choose their columns for their width, and the screenshot tool's eye for text
that does not fit (cut headings, cells, buttons and labels)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assistant.day.followups import FollowUpInfo
from assistant.storage.db import Database
from tools.screen_checks import (
    cut_item_text,
    cut_table_text,
    cut_words,
    problems_on,
    sideways_scrolling,
)
from ui.day.view import DayView
from ui.table_fit import ColumnFitter, WrappingDelegate
from ui.tasks import TaskRunner

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


def test_the_tool_sees_text_cut_in_a_tree_or_a_list(qtbot: QtBot) -> None:
    tree = QTreeWidget()
    tree.setColumnCount(2)
    tree.setHeaderLabels(["Patient", "Phone"])
    tree.addTopLevelItem(QTreeWidgetItem([NAME, "07700 955130"]))
    listed = QListWidget()
    listed.addItem(NAME)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.addWidget(tree)
    layout.addWidget(listed)
    qtbot.addWidget(holder)
    holder.resize(500, 300)
    holder.show()
    tree.setColumnWidth(0, 120)
    listed.setFixedWidth(120)
    qtbot.wait(10)
    problems = cut_item_text(holder)
    assert sum(NAME in p for p in problems) == 2, problems
    assert not any("07700" in p for p in problems)
    listed.setFixedWidth(480)
    tree.setColumnWidth(0, 320)
    qtbot.wait(10)
    assert cut_item_text(holder) == []


def test_a_wrapping_tree_row_grows_to_hold_its_words_and_passes_the_tool(qtbot: QtBot) -> None:
    tree = QTreeWidget()
    tree.setColumnCount(2)
    tree.setItemDelegate(WrappingDelegate(tree))
    tree.addTopLevelItem(QTreeWidgetItem([NAME, "x"]))
    qtbot.addWidget(tree)
    tree.resize(400, 200)
    tree.show()
    tree.setColumnWidth(0, 180)
    qtbot.wait(20)
    index = tree.model().index(0, 0)
    assert tree.visualRect(index).height() >= 2 * tree.fontMetrics().height()
    assert cut_item_text(tree) == []


def test_the_day_s_follow_up_calls_show_a_long_name_whole(qtbot: QtBot, db: Database) -> None:
    """A narrow day wraps a long name onto a second line; a wide one shows it on one."""
    view = DayView(db, TaskRunner())
    qtbot.addWidget(view)
    name = NAME + " de la Santísima Trinidad"
    call = FollowUpInfo(
        1, 1, name, "07700 955130", 1, date(2026, 9, 30), "treated at 1.5 mm", 0, None, "", None
    )
    view._show(({}, [call], []))
    view.resize(view.minimumSizeHint().width(), 600)
    view.show()
    qtbot.wait(50)
    assert view.calls.isVisible()
    name_width = view.calls.fontMetrics().horizontalAdvance(name)
    assert view.calls.header().sectionSize(1) < name_width  # it wraps
    assert cut_item_text(view.calls) == []
    assert view.calls.topLevelItem(0).text(1) == name
    view.resize(1400, 600)  # room enough: the name on one line, the reason takes the rest
    qtbot.wait(50)
    assert view.calls.header().sectionSize(1) >= name_width
    assert cut_item_text(view.calls) == []


def test_a_form_s_labels_sit_level_with_the_text_of_tall_fields(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLineEdit

    from ui.look import centre_labels

    holder = QWidget()
    form = QFormLayout(holder)
    tall = QLineEdit()
    tall.setMinimumHeight(36)
    form.addRow("Practitioner", tall)
    centre_labels(form)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.wait(10)
    label = form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget()
    assert abs(label.geometry().center().y() - tall.geometry().center().y()) <= 1


def test_the_tool_sees_a_drop_down_s_choice_cut(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox

    from tools.screen_checks import cut_choices

    box = QComboBox()
    box.addItem("Dermapen 4 (n.º de serie DP4-20931)")
    qtbot.addWidget(box)
    box.show()
    box.setFixedWidth(120)
    qtbot.wait(10)
    assert any("Dermapen 4" in p for p in cut_choices(box))
    box.setFixedWidth(400)
    qtbot.wait(10)
    assert cut_choices(box) == []


def test_the_tool_sees_a_field_s_hint_cut(qtbot: QtBot) -> None:
    """The Spanish search hint ran past the patient list's field at 1024×768."""
    from PySide6.QtWidgets import QLineEdit

    from tools.screen_checks import cut_hints

    edit = QLineEdit()
    edit.setPlaceholderText("Buscar por nombre, teléfono o fecha de nacimiento")
    qtbot.addWidget(edit)
    edit.show()
    edit.setFixedWidth(200)
    qtbot.wait(10)
    assert any("Buscar por nombre" in p for p in cut_hints(edit))
    edit.setFixedWidth(500)
    qtbot.wait(10)
    assert cut_hints(edit) == []
    edit.setText("Amara")  # a hint only shows while the field is empty
    edit.setFixedWidth(100)
    qtbot.wait(10)
    assert cut_hints(edit) == []


def test_a_table_hidden_in_a_shown_window_is_fitted_when_it_shows(qtbot: QtBot) -> None:
    window = QWidget()
    box = QVBoxLayout(window)
    holder = QWidget()
    box.addWidget(holder)
    table = table_of(qtbot, [["short", ""]], ["Name", "Notes"])
    QVBoxLayout(holder).addWidget(table)
    qtbot.addWidget(window)
    fitter = ColumnFitter(table, (0, 1), stretch=0)
    window.resize(900, 300)
    window.show()
    qtbot.wait(10)
    assert table.isColumnHidden(1)  # nothing in it
    holder.setVisible(False)
    model = table.model()
    assert isinstance(model, QStandardItemModel)
    model.appendRow([QStandardItem(NAME), QStandardItem("itchy after the last session")])
    qtbot.wait(10)
    assert fitter._deferred and table.isColumnHidden(1)  # not measured out of sight
    holder.setVisible(True)
    qtbot.wait(10)
    assert not fitter._deferred
    assert not table.isColumnHidden(1)  # measured as it showed
    assert cut_table_text(table) == [] and sideways_scrolling(table) == []


def test_a_column_is_as_wide_as_its_widest_cell_measured_one_by_one(qtbot: QtBot) -> None:
    """Only the longest plain text of a column is measured whole; the width is the one that
    measuring every cell gives, icons, bold cells and lines of text included."""
    from PySide6.QtGui import QFont, QIcon, QPixmap

    from ui.table_fit import GAP, cell_width, heading_width

    rows = [
        ["Ann Lee", "iiiiiiiiiiii", "1 Jan 2000", "short"],
        ["WWWWWW", "iiiiiiiiiiii", "31 Dec 1999", "a line\nand a much longer second line"],
        ["Bo", "MMMMMMMMMMMM", "", "x"],
        [NAME, "mmm", "7 May 2001", "y"],
    ]
    table = table_of(qtbot, rows, ["Name", "Narrow", "Date", "Notes"])
    model = table.model()
    assert isinstance(model, QStandardItemModel)
    bold = QFont(table.font())
    bold.setBold(True)
    model.item(3, 1).setText("MMMMMMMMMMML")  # a shorter text, but in bold the widest
    model.item(3, 1).setFont(bold)
    pixmap = QPixmap(16, 16)
    model.item(0, 3).setIcon(QIcon(pixmap))
    fitter = ColumnFitter(table, (0, 1, 2, 3), stretch=0)
    header = table.horizontalHeader()
    for column in range(4):
        every = max(
            cell_width(table, model.index(row, column))
            for row in range(model.rowCount())
            if model.index(row, column).data() or model.index(row, column).data(1) is not None
        )
        expected = max(every, heading_width(header, column)) + GAP
        assert fitter.natural_widths()[column] == expected, column
