"""Settings → Clinical rules: the list, a change with PIN and reason, refusals in place."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from assistant.access.auth import create_first_practitioner
from assistant.rules import catalogue, rules_in_force
from assistant.storage.db import Database
from ui.settings.clinical_rules_page import ClinicalRulesModel, ClinicalRulesPage

PIN = "4821"


def make_page(qtbot: QtBot, db: Database, pin: str | None = PIN) -> ClinicalRulesPage:
    lead = create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", PIN).id
    page = ClinicalRulesPage(db, lead, ask_pin=lambda _parent: pin)
    qtbot.addWidget(page)
    return page


def test_every_configurable_value_is_listed_with_default_and_bounds(
    qtbot: QtBot, db: Database
) -> None:
    page = make_page(qtbot, db)
    model = page.model
    assert model.rowCount() == len(catalogue())
    row = next(r for r in range(model.rowCount()) if model.rule(r).id == "filler_in_area_last")
    cells = [model.index(row, c).data() for c in range(4)]
    assert cells == ["Last dermal filler in the area", "14 days", "14 days", "14 days – 12 months"]
    assert "Rules version 2026.3" in page.version_label.text()


def test_a_change_with_pin_and_reason_makes_a_new_version(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    page = make_page(qtbot, db)
    page.select_rule("isotretinoin_last_dose")
    assert page.value_edit.text() == "6 months"
    assert "JAMA Dermatology" in page.sources_label.text()
    page.value_edit.setText("3 months")
    page.reason_edit.setText("2017 consensus papers")
    with qtbot.waitSignal(page.ruleChanged) as signal:
        assert page.save()
    assert signal.args == ["2026.3+clinic.1"]
    assert rules_in_force(db).value("isotretinoin_last_dose") == "3 months"
    row = page.table.currentIndex().row()
    assert page.model.index(row, ClinicalRulesModel.IN_FORCE).data() == "3 months (clinic)"
    page.show()
    page.resize(900, 600)
    page.grab().save(str(tmp_path / "clinical-rules.png"))


def test_out_of_bounds_and_wrong_pin_are_refused_in_place(qtbot: QtBot, db: Database) -> None:
    page = make_page(qtbot, db)
    page.select_rule("isotretinoin_last_dose")
    page.value_edit.setText("13 months")
    page.reason_edit.setText("longer")
    assert not page.save()
    assert "0 days – 12 months" in page.message.text()
    wrong = make_page_wrong_pin(qtbot, db)
    wrong.select_rule("isotretinoin_last_dose")
    wrong.value_edit.setText("3 months")
    wrong.reason_edit.setText("shorter")
    assert not wrong.save()
    assert "PIN" in wrong.message.text()
    assert rules_in_force(db).version == "2026.3"


def make_page_wrong_pin(qtbot: QtBot, db: Database) -> ClinicalRulesPage:
    from assistant.clinic.store import list_practitioners

    lead = list_practitioners(db)[0].id
    page = ClinicalRulesPage(db, lead, ask_pin=lambda _parent: "9999")
    qtbot.addWidget(page)
    return page


def test_without_a_signed_in_practitioner_nothing_can_change(qtbot: QtBot, db: Database) -> None:
    page = ClinicalRulesPage(db, None, ask_pin=lambda _parent: PIN)
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled()
    assert "Sign in" in page.message.text()
