"""What every section of the session form shares: sizes for gloved hands, small helpers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QWidget

TARGET_HEIGHT = 36  # large enough for gloved hands
ICON_SIZE = 24


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def big(widget: QWidget, name: str) -> QWidget:
    """A control large enough for gloved hands, named for screen readers."""
    widget.setMinimumHeight(TARGET_HEIGHT)
    widget.setAccessibleName(name)
    return widget


def icon_label(owner: QWidget, pixmap: QStyle.StandardPixmap) -> QLabel:
    label = QLabel()
    label.setPixmap(owner.style().standardIcon(pixmap).pixmap(ICON_SIZE, ICON_SIZE))
    label.setFixedSize(ICON_SIZE, ICON_SIZE)
    return label


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item holding ``value`` (the first item when none does)."""
    combo.setCurrentIndex(max(combo.findData(value), 0))
