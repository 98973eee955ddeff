"""The planned zones of a visit, as a row of check boxes that wraps to the window's width.
The checklist depends on them (the cold-sore rule applies to perioral zones).

When the zones come from last time the picker starts compact: one line naming them, with
"Change zones" to open the map and the boxes, so the checklist's questions get the room."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_date
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
        self.full = QWidget()
        full = QHBoxLayout(self.full)
        full.setContentsMargins(0, 0, 0, 0)
        full.addWidget(self.map)
        full.addLayout(column, 1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(self.tr("Planned zones"))
        self.change_button = QPushButton(self.tr("Change zones"))
        self.change_button.setMinimumHeight(TOUCH_HEIGHT)
        self.change_button.setToolTip(self.tr("Show the map and every zone to tick"))
        self.change_button.clicked.connect(self.expand)
        self.compact = QWidget()
        compact = QHBoxLayout(self.compact)
        compact.setContentsMargins(0, 0, 0, 0)
        compact.addWidget(self.summary_label, 1)
        compact.addWidget(self.change_button)
        self.compact.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.compact)
        layout.addWidget(self.full)
        self._last_time = ""
        self._last_zones: set[str] = set()
        self.changed.connect(self._show_summary)

    def toggle(self, zone_id: str) -> None:
        """A click on the map: the zone's box follows (and so does the checklist)."""
        check = self.checks[zone_id]
        check.setChecked(not check.isChecked())

    def _show_on_map(self) -> None:
        self.map.show_zones(dict.fromkeys(self.planned(), ""))

    def is_compact(self) -> bool:
        return not self.compact.isHidden()

    def collapse(self) -> None:
        """One line naming the planned zones, with "Change zones"."""
        self._show_summary()
        self.full.setVisible(False)
        self.compact.setVisible(True)

    def expand(self) -> None:
        """The map and every zone's box, the first box with the keyboard."""
        had_focus = self.change_button.hasFocus()
        self.compact.setVisible(False)
        self.full.setVisible(True)
        if had_focus:
            next(iter(self.checks.values())).setFocus()

    def _show_summary(self) -> None:
        names = ", ".join(data_label("zones", zone) for zone in self.planned())
        if not names:
            self.summary_label.setText(self.tr("No zone planned yet."))
        elif self._last_time and set(self.planned()) == self._last_zones:
            self.summary_label.setText(
                self.tr("{zones} (as last time, {date})").format(zones=names, date=self._last_time)
            )
        else:
            self.summary_label.setText(names)

    def planned(self) -> list[str]:
        return [zone_id for zone_id, check in self.checks.items() if check.isChecked()]

    def set_planned(self, zones: list[str], last_time: datetime | None = None) -> None:
        """Tick ``zones``; ``last_time``: they are those of the session on that day."""
        compact = last_time is not None and bool(zones)
        if compact:  # the boxes ticked out of sight: the wrapping row is laid out once
            self.full.setVisible(False)
        for zone_id, check in self.checks.items():
            check.setChecked(zone_id in zones)
        if last_time is not None:
            self._last_time = screen_short_date(last_time)
            self._last_zones = set(zones)
            self.note_label.setText(
                self.tr("Ticked as last time ({0}); change them as planned today.").format(
                    self._last_time
                )
            )
        self.note_label.setVisible(last_time is not None)
        if compact:
            self.collapse()
