"""The window's side of the questionnaire on a phone: off until the setting is on; then a
QR code of a one-use link, the status bar saying where it listens and for whom, the answers
arriving, and the server stopping once no link is open (and with the window)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from assistant.intake import crypto
from assistant.intake.store import list_questionnaires
from assistant.intake.wording import wording
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.intake_support import FIRST, Clinic, make_clinic
from ui.app_context import GuiContext
from ui.intake.dialog import IntakeDialog
from ui.main_window import MainWindow
from ui.tasks import SynchronousRunner


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[MainWindow, Clinic, Settings]:
    clinic = make_clinic(db)
    settings = Settings(tmp_path / "settings.json")
    settings.set("demo_offered", True)
    context = GuiContext.for_database(db, settings, SynchronousRunner(), clinic.practitioner)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    return main, clinic, settings


def test_off_until_the_setting_turns_it_on(
    window: tuple[MainWindow, Clinic, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    main, clinic, _settings = window
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    main.show_patient(clinic.patient)
    main.patient_page.phone_action.trigger()
    assert told and "turned off" in told[0]
    assert main.intake.desk is None  # nothing listens


def test_the_qr_code_link_brings_the_answers_to_this_window(
    qtbot: QtBot, window: tuple[MainWindow, Clinic, Settings], db: Database
) -> None:
    main, clinic, settings = window
    settings.update({"intake_enabled": True, "intake_address": "127.0.0.1"})
    main.show_patient(clinic.patient)
    main.patient_page.phone_action.trigger()
    dialog = main.intake.dialog
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    assert dialog.code.matrix()  # the link as a QR code
    assert dialog.loopback.isVisible()  # 127.0.0.1: said to be out of a phone's reach
    desk = main.intake.desk
    assert desk is not None and desk.listening
    status = main.intake.status_label
    assert status.isVisible() and FIRST in status.text() and "127.0.0.1" in status.text()

    url = dialog.offer.url
    page, fragment = url.split("#")
    token = page.rsplit("/", 1)[1]
    plain = json.dumps(
        {
            "language": "en",
            "version": wording("en").version,
            "device": "phone",
            "answers": {"smoker": "no"},
        }  # fmt: skip
    ).encode()
    body = crypto.encrypt(crypto.key_from_text(fragment), token, plain)
    request = urllib.request.Request(page, data=body)
    with (
        qtbot.waitSignal(main.intake.questionnaireArrived, timeout=5000) as arrived,
        urllib.request.urlopen(request) as reply,
    ):
        assert reply.status == 200
    assert arrived.args[0].patient_id == clinic.patient
    assert list_questionnaires(db, clinic.patient)[0].answers == {"smoker": "no"}
    dialog.refresh()
    assert "arrived" in dialog.status.text() and not dialog.code.matrix()
    assert not desk.listening and not status.isVisible()  # no link open: it stops listening


def test_closing_the_window_stops_the_server(
    window: tuple[MainWindow, Clinic, Settings],
) -> None:
    main, clinic, settings = window
    settings.update({"intake_enabled": True, "intake_address": "127.0.0.1"})
    main.show_patient(clinic.patient)
    main.patient_page.phone_action.trigger()
    desk = main.intake.desk
    assert desk is not None and desk.listening
    main.close()
    assert not desk.listening


def test_a_phone_reads_the_link_from_the_qr_code_on_screen(qtbot: QtBot, tmp_path: Path) -> None:
    """What the screen shows decodes to the link (zbar, as a phone's camera app would)."""
    import shutil
    import subprocess

    from ui.day.qr_code import QrCode

    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.skip("zbar-tools is not installed")
    url = (
        "http://192.168.1.20:8470/q/" + crypto.new_token() + "#" + crypto.key_text(crypto.new_key())
    )
    code = QrCode()
    qtbot.addWidget(code)
    code.set_text(url)
    picture = tmp_path / "code.png"
    code.grab().save(str(picture))
    read = subprocess.run([zbarimg, "-q", "--raw", str(picture)], capture_output=True, text=True)
    assert read.stdout.strip() == url
