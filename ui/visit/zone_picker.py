"""The planned zones of a visit, as a row of check boxes that wraps to the window's width.
The checklist depends on them (the cold-sore rule applies to perioral zones)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from assistant import reference
from ui.visit.flow_layout import FlowLayout

TOUCH_HEIGHT = 32


class ZonePicker(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Planned zones"), parent)
        self.setAccessibleName(self.tr("Planned zones"))
        self.checks: dict[str, QCheckBox] = {}
        holder = QWidget()
        flow = FlowLayout(holder, spacing=4)
        for zone in reference.zones().values():
            check = QCheckBox(zone.name)
            check.setMinimumHeight(TOUCH_HEIGHT)
            check.setAccessibleName(self.tr("Plan {zone}").format(zone=zone.name))
            check.toggled.connect(self.changed)
            flow.addWidget(check)
            self.checks[zone.id] = check
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(holder)

    def planned(self) -> list[str]:
        return [zone_id for zone_id, check in self.checks.items() if check.isChecked()]

    def set_planned(self, zones: list[str]) -> None:
        for zone_id, check in self.checks.items():
            check.setChecked(zone_id in zones)
