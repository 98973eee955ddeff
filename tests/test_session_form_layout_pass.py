"""Signing shows several widgets at once (the record, its banner, Amend, the aftercare
button); ``one_layout_pass`` lays the window out once for all of them, and as it would
have been laid out widget by widget."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.session_form.common import one_layout_pass


class CountingLayout(QVBoxLayout):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.passes = 0

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        self.passes += 1
        super().setGeometry(rect)


def window_with_hidden_rows(qtbot: QtBot) -> tuple[QWidget, CountingLayout, list[QLabel]]:
    window = QWidget()
    outer = CountingLayout(window)
    inner = QWidget()
    outer.addWidget(inner)
    column = QVBoxLayout(inner)
    rows = [QLabel(f"row {n} " + "word " * 20) for n in range(4)]
    for row in rows:
        row.setWordWrap(True)
        row.setVisible(False)
        column.addWidget(row)
    qtbot.addWidget(window)
    window.resize(500, 400)
    window.show()
    qtbot.waitExposed(window)
    return window, outer, rows


def test_widgets_shown_together_are_laid_out_once_as_one_by_one(qtbot: QtBot) -> None:
    _window, one_by_one, rows = window_with_hidden_rows(qtbot)
    before = one_by_one.passes
    for row in rows:
        row.setVisible(True)
    assert one_by_one.passes - before >= len(rows)  # the window again for each
    expected = [row.geometry() for row in rows]

    _window2, batched, rows2 = window_with_hidden_rows(qtbot)
    before = batched.passes
    inner = rows2[0].parentWidget()
    assert inner is not None
    with one_layout_pass(inner):
        for row in rows2:
            row.setVisible(True)
        assert batched.passes == before  # nothing laid out yet
    assert batched.passes - before == 1
    assert [row.geometry() for row in rows2] == expected
    assert all(row.isVisible() and row.height() > 0 for row in rows2)
    assert batched.isEnabled() and inner.layout().isEnabled()


def test_the_layouts_come_back_when_the_block_fails(qtbot: QtBot) -> None:
    _window, outer, rows = window_with_hidden_rows(qtbot)
    inner = rows[0].parentWidget()
    assert inner is not None
    try:
        with one_layout_pass(inner):
            rows[0].setVisible(True)
            raise RuntimeError("a slot failed")
    except RuntimeError:
        pass
    assert outer.isEnabled() and inner.layout().isEnabled()
    assert rows[0].height() > 0
