"""The first start: the demo clinic or my clinic, side by side; the demo needs no setup,
lives in its own folder (this user's only) and sets up the real clinic in one click."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assistant.demo.clinic import create_demo_clinic, demo_folder
from assistant.storage.db import Database
from ui.start.first_start import DemoBanner, FirstStartDialog, open_demo_clinic, real_folder_of


def test_the_first_screen_offers_the_demo_and_the_setup_side_by_side(qtbot: QtBot) -> None:
    dialog = FirstStartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    demo, setup = dialog.demo_button, dialog.setup_button
    assert demo.text() == "Try the demo clinic" and setup.text() == "Set up my clinic"
    assert demo.geometry().top() == setup.geometry().top()  # one row, side by side
    assert demo.geometry().right() < setup.geometry().left()
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton)
    assert dialog.choice == "demo" and dialog.result() == dialog.DialogCode.Accepted


@pytest.mark.skipif(os.name != "posix", reason="folder modes are POSIX")
def test_the_demo_is_made_in_a_folder_of_its_own_readable_by_this_user_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "Chairside"
    opened: list[Path] = []
    assert open_demo_clinic(data, launch=lambda folder: opened.append(folder) or True)
    folder = demo_folder(data)
    assert opened == [folder]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not data.exists()  # the real clinic is not touched
    create_demo_clinic(folder, 2)  # the second time: left as it is
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_demo_signs_in_by_itself(demo_db: Database) -> None:
    from ui.app import demo_sign_in

    signed_in = demo_sign_in(demo_db)
    assert signed_in is not None and signed_in.name


def test_a_real_clinic_does_not_sign_in_by_itself(db: Database) -> None:
    from ui.app import demo_sign_in

    assert demo_sign_in(db) is None


def test_from_the_demo_window_setting_up_my_clinic_is_one_click(
    qtbot: QtBot, tmp_path: Path
) -> None:
    real = tmp_path / "Chairside"
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    launched: list[Path] = []
    banner = DemoBanner(demo_folder(real), window, launch=lambda f: launched.append(f) or True)
    qtbot.addWidget(banner)
    assert not banner.isHidden() and banner.button.text() == "Set up my clinic"
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert launched == [real] and not window.isVisible()
    assert real_folder_of(tmp_path / "elsewhere") is None
    assert DemoBanner(tmp_path / "elsewhere", window).isHidden()  # not a demo folder
