"""From the day's list, "Questionnaire on a phone" for an appointment's patient: the same
QR code and one-use link as from the patient's page; when the answers arrive the day says a
questionnaire is waiting."""

from __future__ import annotations

import json
import urllib.request
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from assistant.day.appointments import BookingRequest, book_appointment
from assistant.intake import crypto
from assistant.intake.wording import wording
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.intake_support import FIRST, LAST, Clinic, make_clinic
from ui.app_context import GuiContext
from ui.day.view import DayView
from ui.intake.dialog import IntakeDialog
from ui.main_window import MainWindow
from ui.tasks import SynchronousRunner

TODAY = date.today()


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[MainWindow, Clinic, Settings]:
    clinic = make_clinic(db)
    book_appointment(db, BookingRequest(clinic.patient, datetime.combine(TODAY, time(11))),
                     clinic.practitioner)  # fmt: skip
    settings = Settings(tmp_path / "settings.json")
    settings.set("demo_offered", True)
    context = GuiContext.for_database(db, settings, SynchronousRunner(), clinic.practitioner)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    return main, clinic, settings


def day_view(main: MainWindow) -> DayView:
    main.show_day()
    assert main.day is not None
    view = main.day.view
    view.tree.setCurrentItem(view.tree.topLevelItem(1))  # today's first appointment
    return view


def test_the_days_list_offers_the_questionnaire_on_a_phone(
    qtbot: QtBot, window: tuple[MainWindow, Clinic, Settings]
) -> None:
    main, clinic, settings = window
    settings.update({"intake_enabled": True, "intake_address": "127.0.0.1"})
    view = day_view(main)
    assert view.tree.currentItem().text(DayView.QUESTIONNAIRE) == "none"
    view.questionnaire_button.click()
    dialog = main.intake.dialog
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    assert dialog.offer.patient_id == clinic.patient and dialog.code.matrix()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(text.startswith(f"{FIRST} {LAST} scans this code") for text in texts)
    desk = main.intake.desk
    assert desk is not None and desk.listening and desk.open_offers() == [clinic.patient]
    assert FIRST in main.intake.status_label.text()

    page, fragment = dialog.offer.url.split("#")
    token = page.rsplit("/", 1)[1]
    plain = json.dumps({"language": "en", "version": wording("en").version, "device": "phone",
                        "answers": {"smoker": "no"}}).encode()  # fmt: skip
    body = crypto.encrypt(crypto.key_from_text(fragment), token, plain)
    with (
        qtbot.waitSignal(main.intake.questionnaireArrived, timeout=5000),
        urllib.request.urlopen(urllib.request.Request(page, data=body)) as reply,
    ):
        assert reply.status == 200
    row = view.tree.topLevelItem(1)
    assert row.text(DayView.PATIENT) == f"{FIRST} {LAST}"
    assert row.text(DayView.QUESTIONNAIRE) == "waiting"


def test_turned_off_it_says_so_from_the_day_too(
    window: tuple[MainWindow, Clinic, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    main, _clinic, _settings = window
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    day_view(main).questionnaire_button.click()
    assert told and "turned off" in told[0]
    assert main.intake.desk is None


def test_without_a_selected_appointment_nothing_is_offered(
    window: tuple[MainWindow, Clinic, Settings],
) -> None:
    main, _clinic, settings = window
    settings.update({"intake_enabled": True, "intake_address": "127.0.0.1"})
    view = day_view(main)
    view.tree.setCurrentItem(view.tree.topLevelItem(0))  # the day's heading
    view.questionnaire_button.click()
    assert main.intake.dialog is None and main.intake.desk is None
