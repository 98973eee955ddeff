""" "Let the patient answer here": the window shows only the questionnaire, in the patient's
language; the answers are stored from "this computer"; keys do not reach the window
underneath; going back to the practitioner's view needs the practitioner's PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from assistant.intake.store import list_questionnaires
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.intake_support import PIN, Clinic, make_clinic
from ui.app_context import GuiContext
from ui.intake.patient_mode import PatientMode
from ui.main_window import MainWindow
from ui.tasks import SynchronousRunner

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[MainWindow, Clinic]:
    clinic = make_clinic(db)
    settings = Settings(tmp_path / "settings.json")
    settings.set("demo_offered", True)
    context = GuiContext.for_database(db, settings, SynchronousRunner(), clinic.practitioner)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.resize(1024, 768)
    main.show()
    return main, clinic


def _answer(mode: PatientMode, qid: str, value: str) -> None:
    for button in mode.pages.widget().findChildren(QPushButton):
        if button.property("value") == value and button.accessibleName().startswith(
            mode.words.question(qid).text  # type: ignore[union-attr]
        ):
            button.click()
            return
    raise AssertionError(f"no button {value} for {qid}")


def test_the_patient_answers_on_this_computer_and_the_pin_gives_it_back(
    qtbot: QtBot, window: tuple[MainWindow, Clinic], db: Database
) -> None:
    main, clinic = window
    main.show_patient(clinic.minor)  # under 18, and answers in Arabic
    main.patient_page.here_action.trigger()
    mode = main.intake.mode
    assert isinstance(mode, PatientMode) and mode.isVisible()
    assert mode.words.language == "ar" and mode.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert mode.geometry() == main.rect()  # the whole window is the questionnaire
    qtbot.mouseClick(mode.next_button, LEFT)  # the introduction
    assert mode.step_name() == "guardian"
    mode.guardian_fields["name"].setText("Miriam Ben-Haim")
    mode.guardian_fields["relation"].setText("الأم")
    qtbot.mouseClick(mode.next_button, LEFT)
    assert mode.step_name() == "health"
    _answer(mode, "smoker", "no")
    _answer(mode, "keloid_history", "not_sure")
    # A shortcut of the window underneath does nothing while the patient answers.
    qtbot.keyClick(main.patient_list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert main.stack.currentWidget() is main.patient_page
    while mode.step_name() != "review":
        qtbot.mouseClick(mode.next_button, LEFT)
    qtbot.mouseClick(mode.next_button, LEFT)  # send
    assert mode.step_name() == "thanks"
    (stored,) = list_questionnaires(db, clinic.minor)
    assert stored.device == "this_computer" and stored.language == "ar"
    assert stored.answers == {"smoker": "no", "keloid_history": "not_sure"}
    assert stored.guardian == {"name": "Miriam Ben-Haim", "relation": "الأم"}

    main.close()  # closing the window is refused while the patient has it
    assert main.isVisible() and mode.isVisible()

    qtbot.mouseClick(mode.staff_button, LEFT)
    qtbot.keyClicks(mode.pin, "0000")
    qtbot.mouseClick(mode.unlock_button, LEFT)
    assert mode.isVisible()  # a wrong PIN keeps the patient's screen
    assert mode.pin_message.text()
    with qtbot.waitSignal(mode.finished):
        qtbot.keyClicks(mode.pin, PIN)
        qtbot.mouseClick(mode.unlock_button, LEFT)
    assert not mode.isVisible() and main.stack.currentWidget() is main.patient_page
    assert not main.intake.in_patient_mode()
