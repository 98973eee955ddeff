"""The face and body map: every zone of the treatment data is drawn and clickable; a click
plans the zone in the list, a tick in the list colours the map, and in the session form the
map shows each zone's depth and follows the zone table (both directions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant import reference
from tests.test_sessions_workflow import replace_text
from tests.test_visit_screen import start_visit, window  # noqa: F401 - the fixture
from ui.main_window import MainWindow
from ui.visit.zone_map import ZoneMap
from ui.visit.zone_picker import ZonePicker

LEFT = Qt.MouseButton.LeftButton


def click(qtbot: QtBot, zone_map: ZoneMap, zone: str) -> None:
    diagram = zone_map.diagram_of(zone)
    qtbot.mouseClick(diagram, LEFT, pos=zone_map.click_zone(zone).toPoint())


def test_every_zone_is_drawn_and_a_click_lands_on_it(qtbot: QtBot) -> None:
    zone_map = ZoneMap()
    qtbot.addWidget(zone_map)
    zone_map.resize(600, 400)
    zone_map.show()
    drawn = {e.split("__")[0] for d in zone_map.diagrams for e in d.element_ids}
    assert drawn == set(reference.zones())
    for zone in reference.zones():
        diagram = zone_map.diagram_of(zone)
        assert diagram.zone_at(zone_map.click_zone(zone)) == zone, zone


def test_map_and_zone_list_stay_in_step_before_the_checklist(qtbot: QtBot) -> None:
    picker = ZonePicker()
    qtbot.addWidget(picker)
    picker.resize(1200, 200)
    picker.show()
    click(qtbot, picker.map, "cheeks")  # map → list
    assert picker.checks["cheeks"].isChecked() and picker.planned() == ["cheeks"]
    assert picker.map.planned() == {"cheeks"}
    picker.checks["neck"].setChecked(True)  # list → map
    assert picker.map.planned() == {"cheeks", "neck"}
    click(qtbot, picker.map, "cheeks")  # a second click takes it off again
    assert picker.planned() == ["neck"] and picker.map.planned() == {"neck"}


def test_the_form_map_shows_depths_and_follows_the_zone_table(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 - the fixture
) -> None:
    start_visit(window)
    assert window.visit_view is not None and window.workflow is not None
    window.visit_view.next_button.click()
    form = window.workflow.form
    assert form is not None
    zone_map = form.zones.map
    planned = {z.zone for z in form.zone_model.entries()}
    assert zone_map.planned() == planned  # table → map
    form.select_zone(0)
    first = form.zone_model.entries()[0].zone
    replace_text(qtbot, form.zones.depth_spin, "1.25")
    assert zone_map.diagrams[0].zones.get(first) == reference.format_mm(1.25) or (
        zone_map.diagram_of(first).zones[first] == reference.format_mm(1.25)
    )
    missing = next(z for z in reference.zones() if z not in planned)
    click(qtbot, zone_map, missing)  # map → table: the zone is added and selected
    entries = [z.zone for z in form.zone_model.entries()]
    assert missing in entries
    assert form.zones.zone_table.currentIndex().row() == entries.index(missing)
    click(qtbot, zone_map, first)  # a planned zone: selected in the table, not removed
    assert form.zones.zone_table.currentIndex().row() == 0
    assert first in [z.zone for z in form.zone_model.entries()]


def test_zones_of_last_time_take_one_line_until_changed(qtbot: QtBot) -> None:
    from datetime import datetime

    picker = ZonePicker()
    qtbot.addWidget(picker)
    picker.resize(1200, 300)
    picker.show()
    assert not picker.is_compact() and picker.map.isVisible()  # nothing planned: the map
    open_height = picker.sizeHint().height()
    picker.set_planned(["forehead", "cheeks"], datetime(2026, 8, 15, 16, 45))
    assert picker.is_compact() and not picker.map.isVisible()
    assert not picker.checks["cheeks"].isVisible()
    assert picker.summary_label.text() == "Forehead, Cheeks (as last time, 15 Aug 2026)"
    assert picker.sizeHint().height() <= open_height / 2  # room for the questions
    picker.checks["cheeks"].setChecked(False)
    assert picker.summary_label.text() == "Forehead"  # no longer as last time
    picker.change_button.setFocus()
    qtbot.mouseClick(picker.change_button, Qt.MouseButton.LeftButton)
    assert not picker.is_compact() and picker.map.isVisible()
    assert picker.checks["cheeks"].isVisible()
    assert picker.planned() == ["forehead"]


def test_zones_chosen_by_hand_stay_open(qtbot: QtBot) -> None:
    picker = ZonePicker()
    qtbot.addWidget(picker)
    picker.show()
    picker.set_planned(["cheeks"])
    assert not picker.is_compact() and picker.checks["cheeks"].isVisible()
