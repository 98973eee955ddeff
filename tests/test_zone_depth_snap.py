"""One depth snap with its zone check, in the core (``snap_zone_depth``): the zone table's
cells and the zone editor both call it, so a depth outside the device's limits is refused
with the same message wherever it is typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assistant.clinic.devices import limits_of_profile
from assistant.errors import InvalidInput
from assistant.rules import RuleSet, treatment_rules
from assistant.sessions import ZoneEntry, check_zone, snap_zone_depth
from ui.session_form.zone_table_model import ZoneTableModel
from ui.session_form.zones import ZonesSection

EDIT = Qt.ItemDataRole.EditRole
SKINPEN = limits_of_profile("skinpen_precision")  # 0.25–2.5 mm in 0.25 mm steps
DEVICE = "Crown Aesthetics SkinPen Precision (0.25–2.5 mm)"
REFUSED = f"Cheeks: 2.6 mm is outside the limits of {DEVICE}."


def test_a_typed_depth_snaps_to_the_devices_step() -> None:
    assert snap_zone_depth("cheeks", 0.6, SKINPEN) == 0.5
    assert snap_zone_depth("cheeks", 1.7, SKINPEN) == 1.75
    assert snap_zone_depth("cheeks", 2.5, SKINPEN) == 2.5
    assert snap_zone_depth("forehead", 0.33) == 0.33  # no step: to the hundredth


def test_above_the_zones_bound_is_kept_and_warned_not_refused() -> None:
    depth = snap_zone_depth("forehead", 1.0, SKINPEN)
    assert depth == 1.0
    warnings = check_zone(ZoneEntry("forehead", depth, 2), SKINPEN)
    assert [w.code for w in warnings] == ["zone_depth"]


def test_the_clinics_zone_bands_are_the_ones_checked() -> None:
    treatment = treatment_rules(RuleSet("2026.3+clinic.1", {}))
    with pytest.raises(InvalidInput, match="zones\\[3\\].zone|Unknown|unknown") as refused:
        snap_zone_depth("eyelid", 0.25, SKINPEN, treatment, index=3)
    assert refused.value.field == "zones[3].zone"


@pytest.mark.parametrize("typed", [2.6, 0.1, float("nan"), float("inf")])
def test_outside_the_devices_limits_is_refused_naming_the_zone(typed: float) -> None:
    with pytest.raises(InvalidInput) as refused:
        snap_zone_depth("cheeks", typed, SKINPEN, index=2)
    assert str(refused.value).startswith("Cheeks: ")
    assert f"outside the limits of {DEVICE}" in str(refused.value)
    assert refused.value.field == "zones[2].depth_mm"


def test_the_message_is_the_one_the_zone_check_gives() -> None:
    with pytest.raises(InvalidInput) as snapped:
        snap_zone_depth("cheeks", 2.6, SKINPEN)
    with pytest.raises(InvalidInput) as checked:
        check_zone(ZoneEntry("cheeks", 2.6, 2), SKINPEN)
    assert str(snapped.value) == str(checked.value) == REFUSED


def test_the_table_cell_refuses_with_the_cores_message() -> None:
    model = ZoneTableModel()
    model.set_context(SKINPEN, None)
    model.set_entries([ZoneEntry("cheeks", 1.0, 2)])
    assert not model.setData(model.index(0, ZoneTableModel.DEPTH), 2.6, EDIT)
    assert model.refusal() == REFUSED
    assert model.entry(0).depth_mm == 1.0
    assert model.setData(model.index(0, ZoneTableModel.DEPTH), 0.6, EDIT)
    assert model.refusal() == "" and model.entry(0).depth_mm == 0.5


def test_the_zone_editor_refuses_with_the_same_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ZoneTableModel()
    model.set_context(SKINPEN, None)
    model.set_entries([ZoneEntry("cheeks", 1.0, 2)])
    section = ZonesSection(model)
    qtbot.addWidget(section)
    section.select_zone(0)
    edited: list[bool] = []
    section.changed.connect(lambda: edited.append(True))
    section.depth_spin.setValue(0.6)
    assert model.entry(0).depth_mm == 0.5 and edited
    assert section.depth_problem.text() == ""
    # the spin box holds the device's range; a value typed past it (a range left wider by
    # another device) still meets the core's refusal
    section.depth_spin.setRange(0.0, 5.0)
    edited.clear()
    section.depth_spin.setValue(2.6)
    assert section.depth_problem.text() == REFUSED
    assert not section.depth_problem.isHidden()
    assert model.entry(0).depth_mm == 0.5 and not edited
    section.select_zone(0)
    assert section.depth_problem.text() == ""
