"""What the screenshot tool looks for on a screen: text that does not fit.

Each check returns one line per problem: a scroll area that scrolls sideways (a table whose
columns are wider than it counts too, even with its scrollbar turned off), a table heading
or cell cut with an ellipsis, the same in a tree or list (an item's text wider than its place,
or taller when the view wraps its words), text cut inside a button or a label that does not
wrap, and a drop-down's chosen text cut by its box."""

from __future__ import annotations

from typing import Any

SLACK = 1  # rounding between a text's measured width and the pixels it is given


def _where(widget: Any) -> str:
    label = widget.accessibleName() or widget.objectName() or type(widget).__name__
    parent = widget.parentWidget()
    while parent is not None and not parent.accessibleName():
        parent = parent.parentWidget()
    return label + (f" in {parent.accessibleName()}" if parent is not None else "")


def _all(top: Any, kind: Any) -> list[Any]:
    """``top`` and every widget of that kind inside it."""
    return ([top] if isinstance(top, kind) else []) + list(top.findChildren(kind))


def _shown(widget: Any, top: Any) -> bool:
    """On screen: visible, and not scrolled wholly out of its scroll area's view."""
    if not widget.isVisible() or widget.width() <= 0:
        return False
    return widget.visibleRegion().boundingRect().width() > 0 or widget is top


def sideways_scrolling(top: Any) -> list[str]:
    from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QTableView

    problems = []
    for area in _all(top, QAbstractScrollArea):
        if not area.isVisible():
            continue
        if area.horizontalScrollBar().isVisible():
            problems.append(f"horizontal scrollbar on {_where(area)}")
        elif isinstance(area, QScrollArea) and (inner := area.widget()) is not None:
            if inner.isVisible() and inner.width() > area.viewport().width() + SLACK:
                problems.append(
                    f"{_where(area)} holds {inner.width()} px in {area.viewport().width()} px"
                )
        elif isinstance(area, QTableView):
            header = area.horizontalHeader()
            if header.length() > area.viewport().width() + SLACK:
                problems.append(
                    f"columns of {_where(area)} need {header.length()} px, "
                    f"{area.viewport().width()} px shown"
                )
    return problems


def cut_table_text(top: Any) -> list[str]:
    from PySide6.QtWidgets import QTableView

    from ui.table_fit import cell_width, heading_width

    problems = []
    for table in _all(top, QTableView):
        if not table.isVisible():
            continue
        model, header = table.model(), table.horizontalHeader()
        if model is None:
            continue
        columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        if header.isVisible():
            for column in columns:
                if heading_width(header, column) > header.sectionSize(column) + SLACK:
                    title = model.headerData(column, header.orientation())
                    problems.append(
                        f"heading '{title}' cut in {_where(table)} "
                        f"({header.sectionSize(column)} of {heading_width(header, column)} px)"
                    )
        first = table.rowAt(0)
        last = table.rowAt(table.viewport().height() - 1)
        if first < 0:
            continue
        last = model.rowCount() - 1 if last < 0 else last
        for row in range(first, last + 1):
            for column in columns:
                index = model.index(row, column)
                if not index.data():
                    continue
                if cell_width(table, index) > table.columnWidth(column) + SLACK:
                    problems.append(f"cell '{index.data()}' cut in {_where(table)}")
    return problems


def _item_room(view: Any, index: Any) -> tuple[int, int]:
    """The width and height an item's text is given: its place less the icon beside it and
    the margins the style draws the text within."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle

    rect = view.visualRect(index)
    # what lies past the view's right edge is not seen (a list item is as wide as its text)
    width = min(rect.right() + 1, view.viewport().width()) - rect.left()
    spanned = isinstance(view, _tree_view()) and index.column() == 0
    if spanned and view.isFirstColumnSpanned(index.row(), index.parent()):
        width = view.viewport().width() - rect.left()
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        size = view.iconSize()
        extent = size.width() if size.isValid() and not size.isEmpty() else 16
        width -= extent + 4
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return width - 2 * margin, rect.height()


def _tree_view() -> Any:
    from PySide6.QtWidgets import QTreeView

    return QTreeView


def _visible_indexes(view: Any, model: Any, parent: Any, columns: list[int]) -> list[Any]:
    found = []
    viewport = view.viewport().rect()
    for row in range(model.rowCount(parent)):
        first = model.index(row, 0, parent)
        for column in columns:
            index = model.index(row, column, parent)
            if viewport.intersects(view.visualRect(index)):
                found.append(index)
        if isinstance(view, _tree_view()) and view.isExpanded(first):
            found += _visible_indexes(view, model, first, columns)
    return found


def cut_item_text(top: Any) -> list[str]:
    """Trees and lists (QTreeWidget, QTreeView, QListView): a heading or an item's text cut
    by its place (an ellipsis, or a wrapped text taller than its row)."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QAbstractItemView, QListView, QTableView

    from ui.table_fit import heading_width

    problems = []
    for view in _all(top, QAbstractItemView):
        if isinstance(view, QTableView) or not isinstance(view, QListView | _tree_view()):
            continue
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        columns = [0]
        if isinstance(view, _tree_view()):
            header = view.header()
            columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
            if not view.isHeaderHidden():
                for column in columns:
                    if heading_width(header, column) > header.sectionSize(column) + SLACK:
                        title = model.headerData(column, Qt.Orientation.Horizontal)
                        problems.append(f"heading '{title}' cut in {_where(view)}")
        metrics = view.fontMetrics()
        wraps = view.wordWrap()
        for index in _visible_indexes(view, model, view.rootIndex(), columns):
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not text:
                continue
            width, height = _item_room(view, index)
            text = str(text)
            if wraps:
                words = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
                drawn = metrics.boundingRect(
                    QRect(0, 0, max(1, width), 100_000), Qt.TextFlag.TextWordWrap, text
                )
                cut = words > width + SLACK or drawn.height() > height + SLACK
            else:
                lines = text.split("\n")
                cut = max(metrics.horizontalAdvance(line) for line in lines) > width + SLACK
                cut = cut or len(lines) * metrics.height() > height + SLACK
            if cut:
                problems.append(f"item '{text[:60]}' cut in {_where(view)}")
    return problems


def _plain(text: str) -> str:
    """A button's text as drawn: "&&" is one ampersand, a single "&" marks the shortcut."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def cut_words(top: Any) -> list[str]:
    from PySide6.QtGui import Qt
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QPushButton, QRadioButton

    problems = []
    for label in _all(top, QLabel):
        if not _shown(label, top) or label.wordWrap() or not label.text():
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if Qt.mightBeRichText(label.text()) or label.textFormat() == Qt.TextFormat.RichText:
            needed = label.sizeHint().width()
            room = label.width()
        else:
            metrics = label.fontMetrics()
            text = _plain(label.text()) if label.buddy() is not None else label.text()
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
            margins = label.contentsMargins()
            room = label.width() - margins.left() - margins.right() - 2 * label.margin()
            if label.indent() > 0:
                room -= label.indent()
        if needed > room + SLACK:
            problems.append(f"'{label.text()[:60]}' cut in {_where(label)}")
    for button in _all(top, QAbstractButton):
        if not _shown(button, top) or not button.text():
            continue
        if not isinstance(button, QPushButton | QCheckBox | QRadioButton):
            continue
        hint = button.sizeHint()
        metrics = button.fontMetrics()
        text = _plain(button.text())
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if isinstance(button, QPushButton):
            room = button.width() - _chrome(button, hint.width() - needed)
        else:
            room = button.width() - (hint.width() - needed)
        if needed > room + SLACK:
            problems.append(f"button '{text[:60]}' cut in {_where(button)}")
    return problems


def cut_choices(top: Any) -> list[str]:
    """A drop-down whose chosen text is wider than the box shows it (Qt cuts it with "…")."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    problems = []
    for box in _all(top, QComboBox):
        if not _shown(box, top) or box.isEditable() or not box.currentText():
            continue
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        room = field.width() - 4  # the style's margin inside the field
        if not box.itemIcon(box.currentIndex()).isNull():
            room -= box.iconSize().width() + 4
        if box.fontMetrics().horizontalAdvance(box.currentText()) > room + SLACK:
            problems.append(f"choice '{box.currentText()[:60]}' cut in {_where(box)}")
    return problems


def cut_hints(top: Any) -> list[str]:
    """A text field's hint (shown while it is empty) wider than the room the field leaves it:
    Qt cuts it at the field's edge without an ellipsis."""
    from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton

    problems = []
    for edit in _all(top, QLineEdit):
        if not _shown(edit, top) or edit.text() or not edit.placeholderText():
            continue
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        margins = edit.textMargins()
        room = rect.width() - margins.left() - margins.right() - 4  # 2 px each side, as drawn
        for button in edit.findChildren(QToolButton):
            if button.isVisible():  # an action beside the text: a search icon, a clear button
                room -= button.width()
        if edit.fontMetrics().horizontalAdvance(edit.placeholderText()) > room + SLACK:
            problems.append(f"hint '{edit.placeholderText()[:60]}' cut in {_where(edit)}")
    return problems


def _chrome(button: Any, around: int) -> int:
    """What a push button needs beside its text to draw it whole: its icon, the menu arrow,
    and the frame; half the style's generous padding may go before the text is cut."""
    from PySide6.QtWidgets import QStyle

    style = button.style()
    frame = 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
    icon = 0
    if not button.icon().isNull():
        icon = button.iconSize().width() + 4
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    menu = arrow if button.menu() is not None else 0
    return min(around, max(0, frame // 2) + icon + menu)


def problems_on(top: Any) -> list[str]:
    return (
        sideways_scrolling(top)
        + cut_table_text(top)
        + cut_item_text(top)
        + cut_words(top)
        + cut_choices(top)
        + cut_hints(top)
    )
