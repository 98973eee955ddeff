"""The planned zones of a visit, as a row of check boxes that wraps to the window's width.
The checklist depends on them (the cold-sore rule applies to perioral zones)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

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
        self.note_label = QLabel()
        self.note_label.setAccessibleName(self.tr("Where the ticks come from"))
        self.note_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.note_label)
        layout.addWidget(holder)

    def planned(self) -> list[str]:
        return [zone_id for zone_id, check in self.checks.items() if check.isChecked()]

    def set_planned(self, zones: list[str], last_time: datetime | None = None) -> None:
        """Tick ``zones``; ``last_time``: they are those of the session on that day."""
        for zone_id, check in self.checks.items():
            check.setChecked(zone_id in zones)
        if last_time is not None:
            self.note_label.setText(
                self.tr("Ticked as last time ({0}); change them as planned today.").format(
                    last_time.strftime("%d %b %Y")
                )
            )
        self.note_label.setVisible(last_time is not None)
