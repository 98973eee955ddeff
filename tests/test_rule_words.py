"""Settings › Clinical rules in the practitioner's language: every rule's label, its values
and bounds in Spanish from resources/labels-es.toml; a value typed in Spanish is stored as the
canonical English text, and what is refused is said in Spanish."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from assistant.access.auth import create_first_practitioner
from assistant.errors import InvalidInput
from assistant.rules import catalogue, rules_in_force
from assistant.rules.catalogue import parse_value
from assistant.rules.words import bounds_words, rule_label, value_words
from assistant.storage.db import Database
from assistant.text.labels import translated_labels

PIN = "4821"


def test_every_rule_has_a_spanish_label() -> None:
    labels = translated_labels("es")["rules"]
    missing = [rule_id for rule_id in catalogue() if not labels.get(rule_id, "").strip()]
    assert missing == [], "not in [rules] of resources/labels-es.toml: " + ", ".join(missing)
    assert sorted(set(labels) - set(catalogue())) == []  # no label of a rule that is gone
    for rule in catalogue().values():
        assert rule_label(rule, "es") != rule.label or rule.label.isupper(), rule.id


def test_values_and_bounds_in_spanish(spanish: None) -> None:
    rules = catalogue()
    isotretinoin = rules["isotretinoin_last_dose"]
    assert rule_label(isotretinoin) == "Última dosis de isotretinoína oral (Roaccutane, Accutane)"
    assert value_words(isotretinoin.default) == "6 meses"
    assert bounds_words(isotretinoin) == "0 días – 12 meses"
    assert value_words("1 month") == "1 mes"
    assert bounds_words(rules["sweat_window_hours"]) == "24 horas – 72 horas"
    assert bounds_words(rules["interval_up_to_0_5_mm"]) == "1 semana – 4 semanas"
    assert bounds_words(rules["keloid_history"]) == "no apto o precaución"
    assert value_words("1.5 mm") == "1.5 mm" and value_words("IV") == "IV"
    # typed in Spanish, stored as the canonical English
    assert parse_value(isotretinoin, "3 meses") == "3 months"
    assert parse_value(rules["chemotherapy_last"], "6 semanas") == "6 weeks"
    assert parse_value(rules["sweat_window_hours"], "48 horas") == "48 hours"
    assert parse_value(rules["keloid_history"], "Precaución") == "caution"
    with pytest.raises(InvalidInput) as info:
        parse_value(isotretinoin, "13 meses")
    assert str(info.value) == (
        "isotretinoin_last_dose (Última dosis de isotretinoína oral (Roaccutane, Accutane)): "
        "'13 meses' está fuera de los límites; permitido: 0 días – 12 meses."
    )


def test_english_values_stay_as_stored() -> None:
    rule = catalogue()["isotretinoin_last_dose"]
    assert rule_label(rule) == rule.label
    assert value_words("6 months") == "6 months"
    assert bounds_words(rule) == rule.bounds == "0 days – 12 months"


def test_the_clinical_rules_page_in_spanish(qtbot: QtBot, db: Database, spanish: None) -> None:
    from ui.settings.clinical_rules_page import ClinicalRulesModel, ClinicalRulesPage

    lead = create_first_practitioner(db, "Dra. Lucía Ortega", "", PIN).id
    page = ClinicalRulesPage(db, lead, ask_pin=lambda _parent: PIN)
    qtbot.addWidget(page)
    model = page.model
    row = next(r for r in range(model.rowCount()) if model.rule(r).id == "filler_in_area_last")
    cells = [model.index(row, c).data() for c in range(4)]
    assert cells == [
        "Último relleno dérmico en la zona", "14 días", "14 días", "14 días – 12 meses"
    ]  # fmt: skip
    page.select_rule("isotretinoin_last_dose")
    assert page.value_edit.text() == "6 meses"
    assert "0 días – 12 meses" in page.sources_label.text()
    page.value_edit.setText("3 meses")
    page.reason_edit.setText("Consenso de 2017")
    assert page.save()
    assert rules_in_force(db).value("isotretinoin_last_dose") == "3 months"
    current = page.table.currentIndex().row()
    assert model.index(current, ClinicalRulesModel.IN_FORCE).data().startswith("3 meses")


def test_a_window_in_a_spanish_reason_is_worded_in_spanish(spanish: None) -> None:
    from assistant.checklist import default_checklist, question_message
    from assistant.checklist.loading import translated_checklist

    spanish_checklist = translated_checklist(default_checklist(), "es")
    message = question_message(spanish_checklist.question("isotretinoin_last_dose"))
    assert message.startswith("Isotretinoína oral en los últimos 6 meses.")
    # the English checklist (the printed rule sheet) keeps its words whatever the interface
    english = question_message(default_checklist().question("isotretinoin_last_dose"))
    assert english.startswith("Oral isotretinoin within the last 6 months.")
