""" "From last time": what the session took over from the last signed one, each value marked
as last time or, once changed, shown beside the previous value."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from assistant.sessions import CarriedSettings, CarriedValue, SessionContext, SessionDraft, compare
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_date


class CarriedSection(QGroupBox):
    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._carried: CarriedSettings | None = context.carried
        self._devices = {d.id: d.label for d in context.devices}
        day = screen_short_date(self._carried.treated_at) if self._carried else ""
        self.setTitle(self.tr("From last time ({0})").format(day))
        self.setAccessibleName(self.tr("Settings from last time"))
        self.lines_label = QLabel()
        self.lines_label.setWordWrap(True)
        self.lines_label.setAccessibleName(self.tr("Settings from last time"))
        QVBoxLayout(self).addWidget(self.lines_label)
        self.values: list[CarriedValue] = []
        self.setVisible(self._carried is not None)

    def show_draft(self, draft: SessionDraft) -> None:
        if self._carried is None:
            return
        self.values = compare(draft, self._carried, self._devices)
        self.lines_label.setText("\n".join(self._line(v) for v in self.values))

    def lines(self) -> list[str]:
        return self.lines_label.text().splitlines()

    def _line(self, value: CarriedValue) -> str:
        what = {
            "device": self.tr("Device"),
            "zone": data_label("zones", value.key),
            "product": value.key,
        }[value.what]
        if value.unchanged:
            shown = value.current if value.what != "product" else ""
            return self.tr("{0}: {1} — as last time").format(what, shown).replace(":  —", " —")
        if not value.current:
            return self.tr("{0}: not this time (last time: {1})").format(
                what, value.previous if value.what != "product" else self.tr("used")
            )
        return self.tr("{0}: {1} (last time: {2})").format(what, value.current, value.previous)
