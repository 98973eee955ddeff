"""The Qt binding in use keeps Python's reference counts straight: PySide6 6.12.0 under
Python 3.11 dropped a reference to None on every call of a Python slot, so a long day at
the chair ended in "Fatal Python error: none_dealloc"."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot


def test_python_slots_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    button.setCheckable(True)
    calls: list[bool] = []
    button.toggled.connect(calls.append)
    before = sys.getrefcount(None)
    for number in range(2000):
        button.setChecked(number % 2 == 0)
    assert len(calls) == 2000
    assert sys.getrefcount(None) > before - 500
