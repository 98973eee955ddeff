"""Zones: the treated zones in a table, and an editor for the selected one."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.clinic.devices import snap_depth
from assistant.text.labels import data_label, typical_range
from assistant.text.screen_dates import screen_decimals, screen_mm
from ui.session_form.common import TARGET_HEIGHT, big, select_data
from ui.session_form.zone_table_model import ZoneTableModel
from ui.table_fit import ColumnFitter
from ui.visit.zone_map import ZoneMap


class ZonesSection(QGroupBox):
    changed = Signal()

    def __init__(self, model: ZoneTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Zones"))
        self.zone_model = model
        self.read_only = False
        self._editing_row = -1
        self._filling_editor = False
        layout = QVBoxLayout(self)
        adder = QHBoxLayout()
        self.zone_choice = QComboBox()
        for zone in reference.zones().values():
            self.zone_choice.addItem(
                f"{data_label('zones', zone.id)} ({screen_decimals(typical_range(zone))})", zone.id
            )
        big(self.zone_choice, self.tr("Zone to add"))
        self.add_zone_button = QPushButton(self.tr("Add zone"))
        big(self.add_zone_button, self.tr("Add zone"))
        self.add_zone_button.clicked.connect(self._add_zone)
        self.remove_zone_button = QPushButton(self.tr("Remove zone"))
        big(self.remove_zone_button, self.tr("Remove the selected zone"))
        self.remove_zone_button.clicked.connect(self._remove_zone)
        adder.addWidget(self.zone_choice, 1)
        adder.addWidget(self.add_zone_button)
        adder.addWidget(self.remove_zone_button)
        layout.addLayout(adder)

        # The face and body map (the form shows it beside the warnings): planned zones
        # coloured with their depth; a click adds a zone or selects it in the table.
        self.map = ZoneMap()
        self.map.setFixedHeight(170)
        self.map.zoneClicked.connect(self._zone_clicked_on_map)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset):
            signal.connect(self._show_on_map)

        self.zone_table = QTableView()
        self.zone_table.setModel(model)
        self.zone_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.zone_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.zone_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.zone_table.verticalHeader().setDefaultSectionSize(TARGET_HEIGHT)
        self.zone_table.setAccessibleName(self.tr("Treated zones"))
        # One line per zone: the columns a narrow form cannot hold whole step aside (the
        # warnings are listed beside the map too); the zone's name takes what is left.
        m = ZoneTableModel
        self.zone_fitter = ColumnFitter(
            self.zone_table,
            (m.ZONE, m.DEPTH, m.PASSES, m.SPEED, m.TYPICAL, m.ENDPOINT, m.WARNINGS, m.NOTES),
            stretch=m.ZONE,
            keep=(m.DEPTH, m.PASSES),
        )
        self.zone_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.zone_table.setMinimumHeight(5 * TARGET_HEIGHT)  # four zones without scrolling
        self.zone_table.setMaximumHeight(8 * TARGET_HEIGHT)
        self.zone_table.selectionModel().currentRowChanged.connect(self.zone_selected)
        layout.addWidget(self.zone_table)

        editor = QGridLayout()
        self.zone_editor_title = QLabel()
        self.zone_editor_title.setAccessibleName(self.tr("Selected zone"))
        editor.addWidget(self.zone_editor_title, 0, 0, 1, 6)
        self.depth_spin = QDoubleSpinBox()
        self.depth_spin.setDecimals(2)
        self.depth_spin.setSingleStep(0.25)
        self.depth_spin.setSuffix(self.tr(" mm"))
        big(self.depth_spin, self.tr("Depth in millimetres"))
        self.typical_label = QLabel()
        self.typical_label.setWordWrap(True)
        self.typical_label.setAccessibleName(self.tr("Typical depth for the zone"))
        self.passes_spin = QSpinBox()
        hard = reference.limits()
        self.passes_spin.setRange(hard.passes_min, hard.passes_max)
        big(self.passes_spin, self.tr("Passes"))
        self.speed_edit = QLineEdit()
        self.speed_edit.setPlaceholderText(self.tr("e.g. 8"))
        self.speed_edit.setMaxLength(20)
        big(self.speed_edit, self.tr("Speed setting"))
        self.endpoint_box = QComboBox()
        for endpoint in reference.endpoints():
            self.endpoint_box.addItem(data_label("endpoints", endpoint.id), endpoint.id)
        big(self.endpoint_box, self.tr("Clinical endpoint"))
        self.zone_notes_edit = QLineEdit()
        big(self.zone_notes_edit, self.tr("Zone notes"))
        editor.addWidget(QLabel(self.tr("Depth")), 1, 0)
        editor.addWidget(self.depth_spin, 1, 1)
        editor.addWidget(self.typical_label, 1, 2, 1, 2)
        editor.addWidget(QLabel(self.tr("Passes")), 1, 4)
        editor.addWidget(self.passes_spin, 1, 5)
        editor.addWidget(QLabel(self.tr("Speed")), 2, 0)
        editor.addWidget(self.speed_edit, 2, 1)
        editor.addWidget(QLabel(self.tr("Endpoint")), 2, 2)
        editor.addWidget(self.endpoint_box, 2, 3)
        editor.addWidget(QLabel(self.tr("Notes")), 2, 4)
        editor.addWidget(self.zone_notes_edit, 2, 5)
        layout.addLayout(editor)
        self.depth_spin.valueChanged.connect(self._zone_edited)
        self.passes_spin.valueChanged.connect(self._zone_edited)
        self.speed_edit.textChanged.connect(self._zone_edited)
        self.endpoint_box.currentIndexChanged.connect(self._zone_edited)
        self.zone_notes_edit.textChanged.connect(self._zone_edited)
        self.tab_order: list[QWidget] = [
            self.zone_choice,
            self.add_zone_button,
            self.remove_zone_button,
            self.zone_table,
            self.depth_spin,
            self.passes_spin,
            self.speed_edit,
            self.endpoint_box,
            self.zone_notes_edit,
        ]

    def _show_on_map(self, *_args: object) -> None:
        entries = self.zone_model.entries()
        self.map.show_zones({e.zone: screen_mm(e.depth_mm) for e in entries})

    def _zone_clicked_on_map(self, zone: str) -> None:
        rows = [e.zone for e in self.zone_model.entries()]
        if zone in rows:
            self.select_zone(rows.index(zone))
        elif not self.read_only:
            select_data(self.zone_choice, zone)
            self._add_zone()

    def _add_zone(self) -> None:
        row = self.zone_model.add_zone(self.zone_choice.currentData())
        self.zone_table.selectRow(row)
        self.zone_selected(self.zone_model.index(row, 0))
        self.changed.emit()
        self.depth_spin.setFocus()
        self.depth_spin.selectAll()

    def _remove_zone(self) -> None:
        row = self.zone_table.currentIndex().row()
        if row < 0:
            return
        self.zone_model.remove_zone(row)
        remaining = self.zone_model.rowCount()
        self.zone_selected(
            self.zone_model.index(min(row, remaining - 1), 0) if remaining else QModelIndex()
        )
        self.changed.emit()

    def zone_selected(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = current.row() if current.isValid() else -1
        self._editing_row = row
        editors = (
            self.depth_spin,
            self.passes_spin,
            self.speed_edit,
            self.endpoint_box,
            self.zone_notes_edit,
        )
        for widget in editors:
            widget.setEnabled(row >= 0 and not self.read_only)
        if row < 0:
            self.zone_editor_title.setText(self.tr("Add a zone, then set its depth and passes."))
            self.typical_label.setText("")
            return
        entry = self.zone_model.entry(row)
        zone = reference.zones()[entry.zone]
        self._filling_editor = True
        narrowed = self.zone_model.limits().narrowed()
        self.depth_spin.setRange(narrowed.min_depth_mm, narrowed.max_depth_mm)
        self.depth_spin.setSingleStep(narrowed.step_mm or 0.25)
        self.depth_spin.setValue(entry.depth_mm)
        self.passes_spin.setValue(entry.passes)
        self.speed_edit.setText(entry.speed)
        select_data(self.endpoint_box, entry.endpoint)
        self.zone_notes_edit.setText(entry.notes)
        self._filling_editor = False
        self.zone_editor_title.setText(
            self.tr("<b>{zone}</b>").format(zone=html.escape(data_label("zones", zone.id)))
        )
        self.typical_label.setText(
            self.tr("typical {range}; warning above {bound} mm").format(
                range=screen_decimals(typical_range(zone)), bound=screen_mm(zone.warn_above_mm)
            )
        )

    def _zone_edited(self, *_args: object) -> None:
        row = self._editing_row
        if self._filling_editor or row < 0 or row >= self.zone_model.rowCount():
            return
        entry = replace(
            self.zone_model.entry(row),
            depth_mm=snap_depth(self.depth_spin.value(), self.zone_model.limits()),
            passes=self.passes_spin.value(),
            speed=self.speed_edit.text().strip(),
            endpoint=self.endpoint_box.currentData(),
            notes=self.zone_notes_edit.text(),
        )
        self.zone_model.set_entry(row, entry)
        self.changed.emit()

    def select_zone(self, row: int) -> None:
        self.zone_table.selectRow(row)
        self.zone_selected(self.zone_model.index(row, 0))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.zone_model.set_read_only(read_only)
        for edit in (self.speed_edit, self.zone_notes_edit):
            edit.setReadOnly(read_only)
        for widget in (
            self.depth_spin,
            self.passes_spin,
            self.endpoint_box,
            self.zone_choice,
            self.add_zone_button,
            self.remove_zone_button,
        ):
            widget.setEnabled(not read_only)
