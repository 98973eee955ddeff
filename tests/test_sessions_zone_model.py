"""The zone and product table models, without a window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from assistant.sessions import DeviceLimits, ProductEntry, ZoneEntry
from ui.session_form.zone_table_model import ProductTableModel, ZoneTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
NARROW = DeviceLimits(0.25, 2.5, "SkinPen Precision")


def text(model: ZoneTableModel, row: int, column: int) -> str:
    return model.data(model.index(row, column), DISPLAY)


def test_rows_show_depth_beside_the_typical_range(qtmodeltester: ModelTester) -> None:
    model = ZoneTableModel()
    model.set_entries(
        [ZoneEntry("cheeks", 1.5, 2, "8", "pinpoint_bleeding"), ZoneEntry("full_face", 1.0, 2)]
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 8
    assert text(model, 0, ZoneTableModel.ZONE) == "Cheeks"
    assert text(model, 0, ZoneTableModel.DEPTH) == "1.5"
    assert text(model, 0, ZoneTableModel.TYPICAL) == "0.5–1.5 mm"
    assert text(model, 0, ZoneTableModel.ENDPOINT) == "Pinpoint bleeding"
    assert text(model, 1, ZoneTableModel.TYPICAL) == "0.25–0.5 mm"
    assert text(model, 0, ZoneTableModel.WARNINGS) == ""


def test_warnings_update_live_with_text_not_only_colour() -> None:
    model = ZoneTableModel()
    model.set_entries([ZoneEntry("forehead", 0.5, 2)])
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    assert model.setData(model.index(0, ZoneTableModel.DEPTH), 0.75, EDIT)
    assert changed == [0]
    assert text(model, 0, ZoneTableModel.WARNINGS) == "⚠ above 0.5 mm"
    tooltip = model.data(model.index(0, ZoneTableModel.WARNINGS), Qt.ItemDataRole.ToolTipRole)
    assert "Forehead: 0.75 mm is above the usual upper bound of 0.5 mm" in tooltip
    model.set_context(DeviceLimits.default(), fitzpatrick=5)
    model.setData(model.index(0, ZoneTableModel.PASSES), 4, EDIT)
    assert [w.code for w in model.warnings(0)] == ["zone_depth", "pigmented_passes"]
    assert text(model, 0, ZoneTableModel.WARNINGS) == "⚠ above 0.5 mm; passes for type V"


def test_values_outside_the_device_limits_are_refused() -> None:
    model = ZoneTableModel()
    model.set_context(NARROW, None)
    model.set_entries([ZoneEntry("cheeks", 1.0, 2)])
    assert not model.setData(model.index(0, ZoneTableModel.DEPTH), 2.75, EDIT)
    assert not model.setData(model.index(0, ZoneTableModel.DEPTH), 0.2, EDIT)
    assert not model.setData(model.index(0, ZoneTableModel.PASSES), 9, EDIT)
    assert not model.setData(model.index(0, ZoneTableModel.ENDPOINT), "bruising", EDIT)
    assert not model.setData(model.index(0, ZoneTableModel.ZONE), "neck", EDIT)
    assert model.entry(0) == ZoneEntry("cheeks", 1.0, 2)
    assert model.setData(model.index(0, ZoneTableModel.DEPTH), 2.5, EDIT)
    assert model.entry(0).depth_mm == 2.5


def test_a_device_change_marks_depths_it_cannot_do() -> None:
    model = ZoneTableModel()
    model.set_entries([ZoneEntry("abdomen", 2.75, 2)])
    assert model.error(0) == ""
    model.set_context(NARROW, None)
    assert "outside the limits of SkinPen Precision" in model.error(0)
    assert text(model, 0, ZoneTableModel.WARNINGS).startswith("⚠ Refused")


def test_adding_and_removing_zones(qtmodeltester: ModelTester) -> None:
    model = ZoneTableModel()
    qtmodeltester.check(model)
    model.set_context(NARROW, None)
    assert model.add_zone("forehead") == 0
    assert model.add_zone("abdomen") == 1
    # A new zone starts at the shallow end of its typical range, within the device's limits.
    assert model.entry(0) == ZoneEntry("forehead", 0.25, 1)
    assert model.entry(1).depth_mm == 1.5
    model.remove_zone(0)
    assert [e.zone for e in model.entries()] == ["abdomen"]
    model.remove_zone(5)  # nothing there: ignored
    assert model.rowCount() == 1
    assert model.rowCount(model.index(0, 0)) == 0


def test_read_only_and_amended_values() -> None:
    model = ZoneTableModel()
    model.set_entries([ZoneEntry("cheeks", 1.5, 2)])
    model.set_read_only(True)
    index = model.index(0, ZoneTableModel.DEPTH)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, 1.25, EDIT)
    model.set_amended({(0, "depth_mm"): "1.25"})
    assert text(model, 0, ZoneTableModel.DEPTH) == "1.5 → 1.25 (amended)"


def test_amended_values_redraw_the_rows_only_when_they_change() -> None:
    model = ZoneTableModel()
    model.set_entries([ZoneEntry("forehead", 0.5, 2), ZoneEntry("cheeks", 1.0, 2)])
    redrawn: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom: redrawn.append((top.row(), bottom.row())))
    model.set_amended({})  # a draft just signed: nothing amended, nothing drawn again
    assert redrawn == []
    model.set_amended({(1, "depth_mm"): "1.25"})
    assert redrawn == [(0, 1)]
    assert "1.25" in text(model, 1, ZoneTableModel.DEPTH)
    model.set_amended({(1, "depth_mm"): "1.25"})
    assert redrawn == [(0, 1)]
    model.set_amended({})
    assert redrawn == [(0, 1), (0, 1)] and "1.25" not in text(model, 1, ZoneTableModel.DEPTH)


def test_products_with_their_lots(qtmodeltester: ModelTester) -> None:
    model = ProductTableModel()
    model.add(ProductEntry(1, "Hyaluronic acid 1.5%", "glide", "HA-2604"))
    model.add(ProductEntry(None, "PRP", "prp", ""))
    qtmodeltester.check(model)
    assert model.data(model.index(0, ProductTableModel.LOT), DISPLAY) == "HA-2604"
    assert model.data(model.index(1, ProductTableModel.KIND), DISPLAY) == "PRP (medical procedure)"
    assert model.data(model.index(1, ProductTableModel.LOT), DISPLAY) == "— not recorded"
    model.remove(0)
    assert [e.product_name for e in model.entries()] == ["PRP"]
    assert model.rowCount(QModelIndex()) == 1


def test_depth_entry_snaps_to_the_device_step_and_warns_above_its_limit() -> None:
    from assistant.clinic.devices import limits_of_profile

    model = ZoneTableModel()
    model.set_context(limits_of_profile("skinpen_precision"), None)
    model.set_entries([ZoneEntry("cheeks", 1.0, 2)])
    assert model.setData(model.index(0, ZoneTableModel.DEPTH), 0.6, EDIT)
    assert model.entry(0).depth_mm == 0.5
    assert model.setData(model.index(0, ZoneTableModel.DEPTH), 1.7, EDIT)
    assert model.entry(0).depth_mm == 1.75
    assert [w.code for w in model.warnings(0)] == ["device_depth"]
    assert text(model, 0, ZoneTableModel.WARNINGS) == "⚠ above 1.5 mm for the device"
    assert not model.setData(model.index(0, ZoneTableModel.DEPTH), 2.6, EDIT)
    assert model.entry(0).depth_mm == 1.75


def test_the_clinics_depth_bands_are_shown_and_warned_against() -> None:
    from assistant.rules import RuleSet, treatment_rules

    values = {"zone_cheeks_warn_above_mm": "2.5 mm", "zone_cheeks_typical_min_mm": "1.0 mm"}
    treatment = treatment_rules(RuleSet("2026.3+clinic.4", values))
    model = ZoneTableModel()
    model.set_context(DeviceLimits.default(), None, treatment)
    model.set_entries([ZoneEntry("cheeks", 2.25, 2)])
    assert text(model, 0, ZoneTableModel.TYPICAL) == "1.0–1.5 mm"
    assert model.warnings(0) == []
    model.set_context(DeviceLimits.default(), None)  # the shipped bound: 2.0 mm
    assert [w.code for w in model.warnings(0)] == ["zone_depth"]
