"""The settings pages read again what they show when an operation announced on the runner
changed it, wherever it was made (the page itself, another page or window, work run on the
runner), once per change, and never over what is being typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from assistant.access.auth import create_first_practitioner
from assistant.clinic import store as clinic
from assistant.consent import TREATMENT, save_clinic_template
from assistant.rules import rules_in_force, set_rule
from assistant.settings import Settings
from assistant.storage.db import Database
from ui.app_context import GuiContext
from ui.main_window import MainWindow
from ui.settings.consent_templates import ConsentTemplateSettings
from ui.settings.dialog import SettingsDialog
from ui.tasks import SynchronousRunner

PIN = "4821"
WORDS = "I, {patient_name}, agree to {areas} with {device} by {practitioner}."


class Counted:
    """Counts the calls of ``obj.name`` (still calling it)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, obj: object, name: str) -> None:
        self.calls = 0
        real = getattr(obj, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(obj, name, counted)


def shown(editor: Any) -> list[str]:
    """The first column of a record editor's list."""
    return [editor.table.item(row, 0).text() for row in range(editor.table.rowCount())]


def run(runner: SynchronousRunner, fn: Any) -> None:
    """``fn`` as work on the runner (announced), its error raised here."""

    def failed(error: BaseException) -> None:
        raise error

    runner.run(fn, on_error=failed)


def open_dialog(qtbot: QtBot, db: Database, runner: SynchronousRunner) -> SettingsDialog:
    lead = create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", PIN).id
    dialog = SettingsDialog(db, Settings(), lead, operations=runner.operations)
    dialog.clinical_rules.ask_pin = lambda _parent: PIN
    qtbot.addWidget(dialog)
    return dialog


def test_a_save_made_on_the_runner_shows_on_every_page_that_shows_it(
    qtbot: QtBot, db: Database
) -> None:
    runner = SynchronousRunner()
    dialog = open_dialog(qtbot, db, runner)
    lead = dialog.actor
    assert shown(dialog.practitioners) == ["Dr Naomi Clarke"]

    run(runner, lambda: clinic.save_practitioner(db, "Dr Amal Haddad", "", lead))
    assert shown(dialog.practitioners) == ["Dr Amal Haddad", "Dr Naomi Clarke"]

    product = clinic.save_product(db, "Hyaluronic glide", "glide", "", lead)  # not announced
    assert shown(dialog.products) == []
    run(runner, lambda: clinic.add_product_lot(db, product.id, "HA-2701", date(2028, 1, 1), lead))
    assert shown(dialog.products) == ["Hyaluronic glide"]
    assert dialog.products.table.item(0, 2).text() == "HA-2701"

    profile = replace(clinic.get_clinic(db), name="Harbour Skin Clinic", phone="0117 496 0123")
    run(runner, lambda: clinic.save_clinic(db, profile, lead))
    assert dialog.clinic_tab.name.text() == "Harbour Skin Clinic"
    assert not dialog.clinic_tab.edited()

    run(runner, lambda: set_rule(db, "isotretinoin_last_dose", "3 months", "consensus", lead))
    assert "2026.3+clinic.1" in dialog.clinical_rules.version_label.text()

    page = dialog.consent_settings
    run(runner, lambda: save_clinic_template(db, TREATMENT, "Our consent", WORDS, lead, "en"))
    assert (page.title_edit.text(), page.body_edit.toPlainText()) == ("Our consent", WORDS)
    assert "version 2" in page.version_label.text()


def test_a_pages_own_save_reads_it_again_once(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = SynchronousRunner()
    dialog = open_dialog(qtbot, db, runner)
    heard: list[tuple[str, ...]] = []
    runner.operations.operationDidExecute.connect(lambda changes, _h: heard.append(changes.names()))

    people = dialog.practitioners
    reads = Counted(monkeypatch, people, "reload")
    people.widgets["name"].setText("Dr Amal Haddad")  # type: ignore[attr-defined]
    assert people.save()
    assert reads.calls == 1
    assert shown(people) == ["Dr Amal Haddad", "Dr Naomi Clarke"]
    assert heard == [("settings", "audit")]  # told to every screen, not only the page

    tab = dialog.clinic_tab
    loads = Counted(monkeypatch, tab, "load")
    tab.name.setText("Harbour Skin Clinic ")
    assert tab.save()
    assert loads.calls == 1
    assert tab.name.text() == "Harbour Skin Clinic"  # as stored
    assert tab.version == clinic.get_clinic(db).version

    products = dialog.products
    product = clinic.save_product(db, "Hyaluronic glide", "glide", "", dialog.actor)
    products.reload()
    products.table.selectRow(0)
    assert products.current_id == product.id
    product_reads = Counted(monkeypatch, products, "reload")
    dialog.lot_number.setText("HA-2701")
    dialog.lot_expiry.setText("01/01/2028")
    dialog._add_lot()
    assert product_reads.calls == 1
    assert products.table.item(0, 2).text() == "HA-2701"

    rules = dialog.clinical_rules
    rule_reads = Counted(monkeypatch, rules, "load")
    rules.select_rule("isotretinoin_last_dose")
    rules.value_edit.setText("3 months")
    rules.reason_edit.setText("consensus")
    assert rules.save()
    assert rule_reads.calls == 1
    assert rules_in_force(db).value("isotretinoin_last_dose") == "3 months"
    assert rules.value_edit.text() == "3 months"
    assert "2026.3+clinic.1" in rules.version_label.text()

    page = dialog.consent_settings
    template_reads = Counted(monkeypatch, page, "load")
    page.title_edit.setText("Our consent")
    page.save()
    assert template_reads.calls == 1
    assert "version 2" in page.version_label.text()


def test_what_is_being_typed_stays_when_another_change_arrives(qtbot: QtBot, db: Database) -> None:
    runner = SynchronousRunner()
    dialog = open_dialog(qtbot, db, runner)
    lead = dialog.actor

    tab = dialog.clinic_tab
    tab.name.setText("Harbour Skin Clinic")
    people = dialog.practitioners
    people.table.selectRow(0)
    people.widgets["credentials"].setText("GMC 7012346")  # type: ignore[attr-defined]
    rules = dialog.clinical_rules
    rules.select_rule("isotretinoin_last_dose")
    rules.value_edit.setText("4 months")

    run(runner, lambda: clinic.save_practitioner(db, "Dr Amal Haddad", "", lead))
    assert shown(people) == ["Dr Amal Haddad", "Dr Naomi Clarke"]
    assert people.current_id == lead
    selected = {index.row() for index in people.table.selectedIndexes()}
    assert [people.records[row].id for row in selected] == [lead]  # the same one, moved down
    assert people.widgets["credentials"].text() == "GMC 7012346"  # type: ignore[attr-defined]
    assert tab.name.text() == "Harbour Skin Clinic"  # unsaved, kept
    assert rules.value_edit.text() == "4 months"

    page = dialog.consent_settings
    page.body_edit.setPlainText("My own words")
    run(runner, lambda: save_clinic_template(db, TREATMENT, "Theirs", WORDS, lead, "en"))
    assert page.body_edit.toPlainText() == "My own words"


def test_a_page_on_its_own_hears_its_own_saves(qtbot: QtBot, db: Database) -> None:
    page = ConsentTemplateSettings(db, None)
    qtbot.addWidget(page)
    page.title_edit.setText("Our consent")
    page.save()
    assert "version 2" in page.version_label.text()
    assert not page.edited()


def test_the_window_s_settings_pages_announce_their_saves_once_to_every_screen(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = SynchronousRunner()
    window = MainWindow(GuiContext.for_database(db, Settings(), runner))
    qtbot.addWidget(window)
    heard: list[tuple[str, ...]] = []
    runner.operations.operationDidExecute.connect(lambda changes, _h: heard.append(changes.names()))

    def a_practitioner_added_on_its_page(dialog: SettingsDialog) -> int:
        assert dialog.operations is runner.operations
        dialog.practitioners.widgets["name"].setText("Dr Amal Haddad")  # type: ignore[attr-defined]
        assert dialog.practitioners.save()
        assert heard == [("settings", "audit")]  # at once, while the dialog is open
        assert shown(dialog.practitioners) == ["Dr Amal Haddad"]
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", a_practitioner_added_on_its_page)
    window.open_settings()
    assert heard == [("settings", "audit")]  # and not told a second time when it closes
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(SettingsDialog) == []  # closed, it no longer reads anything
