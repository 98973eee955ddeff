"""Every depth and range the core words with a decimal point reads with the interface's
decimal sign on a Spanish screen, while what is stored keeps its own words."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assistant.day.followups import screen_followup_reason
from assistant.sessions import SessionWarning
from assistant.sessions.record import ZoneEntry
from assistant.text.screen_dates import screen_decimals

STORED = (
    "Upper lip: 0.8 mm is above the usual upper bound of 0.75 mm for this zone "
    "(typical 0.25–0.5 mm). Dermapen 4 (DP4-20931), checklist 2026.3"
)


def test_decimals_take_the_spanish_sign_and_nothing_else_changes(spanish: None) -> None:
    assert screen_decimals(STORED) == (
        "Upper lip: 0,8 mm is above the usual upper bound of 0,75 mm for this zone "
        "(typical 0,25–0,5 mm). Dermapen 4 (DP4-20931), checklist 2026.3"
    )
    assert screen_decimals("Version 2026.3. Next 4.") == "Version 2026.3. Next 4."
    assert screen_decimals("between 0.2-3.0 mm") == "between 0,2-3,0 mm"


def test_decimals_in_english_are_the_stored_words() -> None:
    assert screen_decimals(STORED) == STORED


def test_the_warnings_panel_shows_commas_and_the_warning_keeps_its_point(
    qtbot: QtBot, spanish: None
) -> None:
    from ui.session_form.warnings import WarningsSection

    warning = SessionWarning("zone_depth", "upper_lip", STORED)
    panel = WarningsSection()
    qtbot.addWidget(panel)
    panel.show_warnings([warning], "")
    assert "0,8 mm" in panel.texts[0] and "0,25–0,5 mm" in panel.texts[0]
    assert "0.8" not in panel.texts[0]
    assert warning.message == STORED  # what is stored with the record is untouched


def test_zone_ranges_in_the_table_and_the_zone_choice_in_spanish(
    qtbot: QtBot, spanish: None
) -> None:
    from ui.session_form.zone_table_model import ZoneTableModel
    from ui.session_form.zones import ZonesSection

    model = ZoneTableModel()
    model.set_entries([ZoneEntry("forehead", 0.5, 2), ZoneEntry("cheeks", 1.5, 2)])
    typical = [model.data(model.index(row, model.TYPICAL)) for row in range(2)]
    assert typical[0] == "0,25–0,5 mm", typical
    assert all("." not in text for text in typical), typical
    depths = [model.data(model.index(row, model.DEPTH)) for row in range(2)]
    assert depths == ["0,5", "1,5"]

    section = ZonesSection(model)
    qtbot.addWidget(section)
    choices = [section.zone_choice.itemText(i) for i in range(section.zone_choice.count())]
    with_ranges = [text for text in choices if " mm)" in text]
    assert with_ranges and not [text for text in with_ranges if "." in text], with_ranges


def test_a_follow_up_reason_in_the_interface_s_words(spanish: None) -> None:
    stored = "treated at 1.5 mm; immediate reaction recorded"
    assert screen_followup_reason(stored) == "tratada a 1,5 mm; reacción inmediata registrada"
    assert screen_followup_reason("called by the clinic") == "called by the clinic"


def test_a_follow_up_reason_in_english_is_the_stored_one() -> None:
    stored = "treated at 1.5 mm; immediate reaction recorded"
    assert screen_followup_reason(stored) == stored
