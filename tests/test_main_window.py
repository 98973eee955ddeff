"""The main window driven as a practitioner would, through qtbot."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.patients.store import PatientDetails, count_patients, create_patient, get_patient
from assistant.settings import Settings
from assistant.storage.db import Database
from ui.app_context import GuiContext
from ui.main_window import MainWindow
from ui.patients.list_model import PatientListModel


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, runner: object, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    from PySide6.QtWidgets import QMessageBox

    # A form left half-typed by a test asks before closing; answer "Discard" at teardown.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    return win


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.patient_list.search.clear()
    qtbot.keyClicks(window.patient_list.search, text)
    window.patient_list.apply_search()


def test_new_patient_through_the_form(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.patient_form
    assert window.stack.currentWidget() is form
    # QTest types Latin-1 only; names beyond it are entered as an input method would.
    form.first_name.insert("Żaneta")
    form.last_name.insert("Wójcik")
    qtbot.keyClicks(form.date_of_birth, "03/05/1990")
    qtbot.keyClicks(form.phone, "07700 900123")
    qtbot.keyClicks(form.email, "zaneta@example.com")
    form.fitzpatrick.setCurrentIndex(form.fitzpatrick.findData(4))
    form.concerns.item(1).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert count_patients(db) == 1
    saved = get_patient(db, form.patient_id or 0).details
    assert (saved.first_name, saved.date_of_birth, saved.fitzpatrick) == (
        "Żaneta",
        date(1990, 5, 3),
        4,
    )
    assert saved.concerns == ("acne_scars",)
    assert window.stack.currentWidget() is window.patient_page
    assert window.patient_page.name_label.text() == "Żaneta Wójcik"
    assert window.patient_list.model.rowCount() == 1


def test_bad_input_is_refused_in_place_and_the_form_kept(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    window.new_patient()
    form = window.patient_form
    form.last_name.insert("Nguyễn")
    qtbot.keyClicks(form.date_of_birth, "31/02/1990")
    qtbot.keyClicks(form.email, "minh@")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert count_patients(db) == 0
    assert form.error_labels["first_name"].isVisible()
    assert "not a real date" in form.error_labels["date_of_birth"].text()
    assert "not valid" in form.error_labels["email"].text()
    assert not form.error_labels["phone"].isVisible()
    # Everything typed is still there.
    assert (form.last_name.text(), form.date_of_birth.text(), form.email.text()) == (
        "Nguyễn",
        "31/02/1990",
        "minh@",
    )
    form.date_of_birth.setText(f"01/01/{date.today().year + 1}")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "future" in form.error_labels["date_of_birth"].text()
    assert count_patients(db) == 0


def test_search_as_you_type_and_edit(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    create_patient(db, PatientDetails("Ελένη", "Παπαδοπούλου", date(1985, 2, 3)), None)
    olga = create_patient(db, PatientDetails("Светлана", "Иванова", phone="0117 496 0555"), None)
    window.patient_list.refresh()
    _search(qtbot, window, "4960555")
    assert window.patient_list.model.rowCount() == 1
    assert "Patients found: 1" in window.patient_list.count_label.text()
    qtbot.keyClick(window.patient_list.search, Qt.Key.Key_Return)
    assert window.patient_page.record is not None
    assert window.patient_page.record.id == olga.id
    qtbot.mouseClick(window.patient_page.edit_button, Qt.MouseButton.LeftButton)
    form = window.patient_form
    assert form.first_name.text() == "Светлана"
    form.phone.clear()
    qtbot.keyClicks(form.phone, "0117 496 0777")
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert get_patient(db, olga.id).details.phone == "0117 496 0777"
    _search(qtbot, window, "")
    assert window.patient_list.model.rowCount() == 2


def test_patient_list_fetches_lazily(qtbot: QtBot, db: Database) -> None:
    for number in range(PatientListModel.BATCH * 2 + 10):
        create_patient(db, PatientDetails(f"First{number:03d}", f"Last{number:03d}"), None)
    model = PatientListModel(db)
    assert model.total == PatientListModel.BATCH * 2 + 10
    assert model.rowCount() == PatientListModel.BATCH
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == model.total
    assert not model.canFetchMore()
    assert model.data(model.index(0, 0)) == "First000 Last000"  # the name as written


def test_settings_dialog_saves_the_clinic_and_refuses_bad_devices(
    qtbot: QtBot, db: Database
) -> None:
    from assistant.clinic.store import get_clinic, list_devices
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(db, Settings(), None)
    qtbot.addWidget(dialog)
    tab = dialog.clinic_tab
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "clinic's name" in tab.message.text()
    qtbot.keyClicks(tab.name, "Harbour Skin Clinic")
    qtbot.keyClicks(tab.phone, "0117 496 0123")
    tab.paper_size.setCurrentIndex(tab.paper_size.findData("Letter"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    profile = get_clinic(db)
    assert (profile.name, profile.phone, profile.paper_size) == (
        "Harbour Skin Clinic",
        "0117 496 0123",
        "Letter",
    )
    devices = dialog.devices
    devices.widgets["make"].setText("Dermapen")  # type: ignore[attr-defined]
    devices.widgets["model"].setText("4")  # type: ignore[attr-defined]
    devices.widgets["min_depth_mm"].setValue(2.0)  # type: ignore[attr-defined]
    devices.widgets["max_depth_mm"].setValue(1.0)  # type: ignore[attr-defined]
    assert not devices.save()
    assert "depth limits" in devices.message.text()
    assert list_devices(db) == []
    devices.widgets["min_depth_mm"].setValue(0.25)  # type: ignore[attr-defined]
    devices.widgets["max_depth_mm"].setValue(2.5)  # type: ignore[attr-defined]
    assert devices.save()
    assert [(d.make, d.min_depth_mm, d.max_depth_mm) for d in list_devices(db)] == [
        ("Dermapen", 0.25, 2.5)
    ]


def test_settings_show_which_aftercare_template_is_used_and_reset_it(
    qtbot: QtBot, db: Database
) -> None:
    from assistant import aftercare
    from ui.settings.dialog import SettingsDialog

    dialog = SettingsDialog(db, Settings(), None)
    qtbot.addWidget(dialog)
    page = dialog.template_settings
    assert "default wording" in page.status.text()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    copy = aftercare.clinic_template_path()
    assert copy.exists()
    assert str(copy) in page.status.text()
    copy.write_text(copy.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
    page.refresh()
    assert not page.problem.isHidden()
    assert "line" in page.problem.text()
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert not copy.exists()
    assert "default wording" in page.status.text()
    assert page.problem.isHidden()


def test_unsaved_typing_is_not_lost_on_close(
    qtbot: QtBot, window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.new_patient()
    qtbot.keyClicks(window.patient_form.first_name, "Amara")
    qtbot.keyClicks(window.patient_form.last_name, "Okafor")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> object:
        def ask(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            asked.append(str(args[1]))
            return button

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible() and asked == ["Unsaved patient details"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    assert window.close()
    assert [
        r.first_name for r in __import__("assistant.patients.store").patients.search_patients(db)
    ] == ["Amara"]


def test_a_clean_form_closes_without_asking(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nothing to save, nothing to ask")

    monkeypatch.setattr(QMessageBox, "question", refuse)
    window.new_patient()
    assert window.close()
