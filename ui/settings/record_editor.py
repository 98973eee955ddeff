"""A list of records with an edit form below it, used for the clinic's practitioners,
devices, cartridges and products. Fields are declared once; saving goes through the
``assistant`` function the caller passes in, whose ``InvalidInput`` is shown in place.

The list is read again when an operation changes the kinds of records it shows (``shows``,
``OpChanges`` flags), wherever the change was made: its own save, another page or window,
or any work announced on the same ``Operations``. The record being edited stays selected and
its fields as typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import ChairsideError
from assistant.operations import OpChanges
from ui.tasks import Operations


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str = "text"  # text, float, date, choice, bool
    choices: Sequence[tuple[str, Any]] = field(default_factory=tuple)
    minimum: float = 0.0
    maximum: float = 10.0
    default: Any = None


def _make_widget(spec: FieldSpec) -> QWidget:
    widget: QWidget
    if spec.kind == "float":
        spin = QDoubleSpinBox()
        spin.setDecimals(2)
        spin.setSingleStep(0.05)
        spin.setRange(spec.minimum, spec.maximum)
        widget = spin
    elif spec.kind == "date":
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        widget = edit
    elif spec.kind == "choice":
        combo = QComboBox()
        for label, value in spec.choices:
            combo.addItem(label, value)
        widget = combo
    elif spec.kind == "bool":
        widget = QCheckBox()
    else:
        widget = QLineEdit()
    widget.setAccessibleName(spec.label)
    widget.setMinimumHeight(30)
    return widget


def _set_value(widget: QWidget, spec: FieldSpec, value: Any) -> None:
    if isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value if value is not None else spec.default or spec.minimum))
    elif isinstance(widget, QDateEdit):
        day = value if isinstance(value, date) else spec.default or date.today()
        widget.setDate(QDate(day.year, day.month, day.day))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value if value is not None else spec.default))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))


def _get_value(widget: QWidget) -> Any:
    if isinstance(widget, QDoubleSpinBox):
        return round(widget.value(), 2)
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(widget)


class RecordEditor(QWidget):
    """``load()`` returns the records; ``save(values, record_id)`` stores one (id None: new).
    ``operations``: where changes are announced (by default the editor's own)."""

    changed = Signal()

    def __init__(
        self,
        fields: Sequence[FieldSpec],
        columns: Sequence[tuple[str, Callable[[Any], str]]],
        load: Callable[[], Sequence[Any]],
        save: Callable[[dict[str, Any], int | None], Any],
        parent: QWidget | None = None,
        *,
        shows: Sequence[str] = ("settings",),
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.fields = tuple(fields)
        self.columns = tuple(columns)
        self._load = load
        self._save = save
        self.shows = tuple(shows)
        self.operations = operations or Operations()
        self.operations.operationDidExecute.connect(self.on_operation_did_execute)
        self.records: list[Any] = []
        self.current_id: int | None = None

        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([title for title, _ in self.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in self.fields:
            widget = _make_widget(spec)
            self.widgets[spec.key] = widget
            form.addRow(spec.label, widget)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        for button in (self.new_button, self.save_button):
            button.setMinimumHeight(34)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()
        self.start_new()

    def on_operation_did_execute(self, changes: OpChanges, _handler: object) -> None:
        if changes.touches(*self.shows):
            self.reload()

    def reload(self) -> None:
        """The records read again; the one being edited stays selected, its fields untouched."""
        self.records = list(self._load())
        self.table.blockSignals(True)  # a selection kept is not a record chosen again
        try:
            self.table.clearSelection()
            self.table.setRowCount(len(self.records))
            for row, record in enumerate(self.records):
                for column, (_title, render) in enumerate(self.columns):
                    item = QTableWidgetItem(render(record))
                    item.setData(Qt.ItemDataRole.UserRole, record.id)
                    self.table.setItem(row, column, item)
                if self.current_id is not None and record.id == self.current_id:
                    self.table.selectRow(row)
        finally:
            self.table.blockSignals(False)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        for spec in self.fields:
            _set_value(self.widgets[spec.key], spec, spec.default)
        self.save_button.setText(self.tr("Add"))
        self.message.clear()

    def _selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return
        record = self.records[rows.pop()]
        self.current_id = record.id
        for spec in self.fields:
            _set_value(self.widgets[spec.key], spec, getattr(record, spec.key, None))
        self.save_button.setText(self.tr("Save changes"))
        self.message.clear()

    def values(self) -> dict[str, Any]:
        return {spec.key: _get_value(self.widgets[spec.key]) for spec in self.fields}

    def save(self) -> bool:
        """Store the record; the list learns of it as every screen does (``operations``)."""
        values, record_id = self.values(), self.current_id
        try:
            self.operations.perform_here(lambda: self._save(values, record_id), handler=self)
        except ChairsideError as exc:
            self.message.setText("⚠ " + str(exc))
            field_name = getattr(exc, "field", None)
            if field_name in self.widgets:
                self.widgets[field_name].setFocus()
            return False
        self.start_new()
        self.message.setText(self.tr("Saved."))
        self.changed.emit()
        return True
