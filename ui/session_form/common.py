"""What every section of the session form shares: sizes for gloved hands, small helpers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLayout, QWidget

TARGET_HEIGHT = 36  # large enough for gloved hands
ICON_SIZE = 24


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


COMBO_MIN_CHARACTERS = 8


def big(widget: QWidget, name: str) -> QWidget:
    """A control large enough for gloved hands, named for screen readers, whose width does not
    depend on the day or the data: a date field is as wide as its longest date, a drop-down as
    wide as its layout gives it (at least ``COMBO_MIN_CHARACTERS``), never as its longest item."""
    widget.setMinimumHeight(TARGET_HEIGHT)
    widget.setAccessibleName(name)
    if isinstance(widget, QDateTimeEdit):
        hold_longest_date(widget)
    elif isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        widget.setMinimumContentsLength(COMBO_MIN_CHARACTERS)
    return widget


def longest_date_texts(locale: QLocale, pattern: str) -> list[str]:
    """The text of a day of every month and every weekday, with two-digit days and times:
    among them is the longest a field in this locale and format can show."""
    texts = []
    for month in range(1, 13):
        for day in range(22, 29):  # seven days in a row: every weekday, two digits
            moment = QDateTime(QDate(2026, month, day), QTime(23, 58))
            texts.append(locale.toString(moment, pattern))
    return texts


@lru_cache(maxsize=64)
def _widest_date(locale_name: str, pattern: str, font_description: str) -> int:
    font = QFont()
    font.fromString(font_description)
    metrics = QFontMetrics(font)
    texts = longest_date_texts(QLocale(locale_name), pattern)
    return max(metrics.horizontalAdvance(text + " ") for text in texts)


def hold_longest_date(edit: QDateTimeEdit) -> None:
    """Give a date field the width of its longest date (in the locale and format it has now),
    so a screen measures the same on every day of the year, whatever the field's range (Qt
    sizes a field by the text of its minimum and maximum, often today's date). Call after
    ``setLocale`` and ``setDisplayFormat``."""
    metrics = edit.fontMetrics()
    locale, pattern = edit.locale(), edit.displayFormat()
    special = metrics.horizontalAdvance(edit.specialValueText())
    ends = (edit.minimumDateTime(), edit.maximumDateTime())
    sized_by = max(
        special, *(metrics.horizontalAdvance(locale.toString(end, pattern) + " ") for end in ends)
    )
    frame = edit.sizeHint().width() - sized_by
    widest = _widest_date(locale.name(), pattern, edit.font().toString())
    edit.setMinimumWidth(frame + max(widest, special))


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item holding ``value`` (the first item when none does)."""
    combo.setCurrentIndex(max(combo.findData(value), 0))


@contextmanager
def one_layout_pass(widget: QWidget) -> Iterator[None]:
    """Widgets shown and hidden inside are laid out once, at the end. Qt lays out every
    visible ancestor again for each widget it shows (signing shows four, a few ms each);
    the layouts of ``widget`` and its ancestors wait meanwhile, then are laid out from the
    window down."""
    held: list[QLayout] = []
    current: QWidget | None = widget
    while current is not None:
        layout = current.layout()
        if layout is not None and layout.isEnabled():
            layout.setEnabled(False)
            held.append(layout)
        current = current.parentWidget()
    try:
        yield
    finally:
        for layout in held:
            layout.setEnabled(True)
        for layout in reversed(held):
            layout.activate()
