"""The planned zones of a visit, as a row of check boxes that wraps to the window's width.
The checklist depends on them (the cold-sore rule applies to perioral zones)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from assistant import reference
from assistant.labels import data_label
from assistant.screen_dates import screen_short_date
from ui.visit.flow_layout import FlowLayout
from ui.visit.zone_map import ZoneMap

TOUCH_HEIGHT = 32
MAP_HEIGHT = 150


class ZonePicker(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Planned zones"), parent)
        self.setAccessibleName(self.tr("Planned zones"))
        self.checks: dict[str, QCheckBox] = {}
        holder = QWidget()
        flow = FlowLayout(holder, spacing=4)
        for zone in reference.zones().values():
            name = data_label("zones", zone.id)
            check = QCheckBox(name)
            check.setMinimumHeight(TOUCH_HEIGHT)
            check.setAccessibleName(self.tr("Plan {zone}").format(zone=name))
            check.toggled.connect(self.changed)
            flow.addWidget(check)
            self.checks[zone.id] = check
        self.note_label = QLabel()
        self.note_label.setAccessibleName(self.tr("Where the ticks come from"))
        self.note_label.setVisible(False)
        self.map = ZoneMap()
        self.map.setFixedHeight(MAP_HEIGHT)
        self.map.zoneClicked.connect(self.toggle)
        self.changed.connect(self._show_on_map)
        column = QVBoxLayout()
        column.addWidget(self.note_label)
        column.addWidget(holder)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.map)
        layout.addLayout(column, 1)

    def toggle(self, zone_id: str) -> None:
        """A click on the map: the zone's box follows (and so does the checklist)."""
        check = self.checks[zone_id]
        check.setChecked(not check.isChecked())

    def _show_on_map(self) -> None:
        self.map.show_zones(dict.fromkeys(self.planned(), ""))

    def planned(self) -> list[str]:
        return [zone_id for zone_id, check in self.checks.items() if check.isChecked()]

    def set_planned(self, zones: list[str], last_time: datetime | None = None) -> None:
        """Tick ``zones``; ``last_time``: they are those of the session on that day."""
        for zone_id, check in self.checks.items():
            check.setChecked(zone_id in zones)
        if last_time is not None:
            self.note_label.setText(
                self.tr("Ticked as last time ({0}); change them as planned today.").format(
                    screen_short_date(last_time)
                )
            )
        self.note_label.setVisible(last_time is not None)
