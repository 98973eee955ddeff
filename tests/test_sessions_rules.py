"""The session rules without a database: device limits, passes, warnings, intervals,
what signing needs, and amendment field parsing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.errors import InvalidInput
from assistant.sessions import (
    DeviceLimits,
    PreviousSession,
    SessionDraft,
    ZoneEntry,
    check_zone,
    compute_warnings,
    interval_warning,
    parse_field_value,
    previous_session,
    recommended_next_date,
    validate_draft,
    validate_for_signing,
)

FULL = DeviceLimits(0.1, 3.0, "Dermapen 4")
NARROW = DeviceLimits(0.25, 2.5, "SkinPen Precision")


def codes(warnings: list) -> list[str]:  # type: ignore[type-arg]
    return [w.code for w in warnings]


# --- device limits and passes --------------------------------------------------------------


@pytest.mark.parametrize("depth", [0.1, 0.25, 1.0, 2.99, 3.0])
def test_depths_within_the_default_limits_are_accepted(depth: float) -> None:
    check_zone(ZoneEntry("abdomen", depth, 2), FULL, None)
    check_zone(ZoneEntry("abdomen", depth, 2), None, None)  # no device: the hard limits


@pytest.mark.parametrize("depth", [0.0, 0.09, 3.01, 3.5, -1.0])
def test_depths_outside_the_default_limits_are_refused(depth: float) -> None:
    with pytest.raises(InvalidInput) as info:
        check_zone(ZoneEntry("abdomen", depth, 2), FULL, None, index=2)
    assert info.value.field == "zones[2].depth_mm"
    assert "0.1–3.0 mm" in str(info.value)


@pytest.mark.parametrize(("depth", "ok"), [(0.2, False), (0.25, True), (2.5, True), (2.6, False)])
def test_a_narrowed_device_refuses_what_it_cannot_do(depth: float, ok: bool) -> None:
    entry = ZoneEntry("abdomen", depth, 2)
    if ok:
        check_zone(entry, NARROW, None)
    else:
        with pytest.raises(InvalidInput, match="SkinPen Precision") as info:
            check_zone(entry, NARROW, None, index=0)
        assert info.value.field == "zones[0].depth_mm"


def test_a_device_record_can_never_widen_the_hard_limits() -> None:
    with pytest.raises(InvalidInput):
        check_zone(ZoneEntry("abdomen", 3.5, 2), DeviceLimits(0.0, 5.0), None)


@pytest.mark.parametrize(("passes", "ok"), [(0, False), (1, True), (8, True), (9, False)])
def test_passes_are_one_to_eight(passes: int, ok: bool) -> None:
    entry = ZoneEntry("cheeks", 1.0, passes)
    if ok:
        check_zone(entry, FULL, None)
    else:
        with pytest.raises(InvalidInput) as info:
            check_zone(entry, FULL, None, index=1)
        assert info.value.field == "zones[1].passes"


def test_unknown_zone_and_endpoint_are_named() -> None:
    with pytest.raises(InvalidInput) as info:
        check_zone(ZoneEntry("eyelid", 0.25, 1), FULL, None, index=3)
    assert info.value.field == "zones[3].zone"
    with pytest.raises(InvalidInput) as info:
        check_zone(ZoneEntry("cheeks", 1.0, 2, endpoint="bruising"), FULL, None)
    assert info.value.field == "zones[0].endpoint"


# --- warnings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "depth", "warned"),
    [
        ("forehead", 0.5, False),
        ("forehead", 0.75, True),
        ("cheeks", 2.0, False),
        ("cheeks", 2.25, True),
        ("nose", 0.75, False),
        ("nose", 1.0, True),
        ("periorbital", 0.3, False),
        ("periorbital", 0.4, True),  # 2026.3: warns above the chart's maximum
        ("periorbital", 0.5, True),
        ("upper_lip", 0.75, False),
        ("upper_lip", 1.0, True),
        ("abdomen", 2.5, False),
        ("abdomen", 2.75, True),
        ("full_face", 0.5, False),
        ("full_face", 0.75, True),  # 2026.3: one depth for the face stays at the eyes' band
        ("full_face", 1.5, True),
        ("back", 2.0, False),
        ("back", 2.25, True),
    ],
)
def test_a_depth_above_the_zone_bound_warns(zone: str, depth: float, warned: bool) -> None:
    warnings = check_zone(ZoneEntry(zone, depth, 2), FULL, fitzpatrick=2)
    assert codes(warnings) == (["zone_depth"] if warned else [])


def test_the_zone_warning_names_the_zone_depth_and_bound() -> None:
    (warning,) = check_zone(ZoneEntry("cheeks", 2.5, 2), FULL, fitzpatrick=1)
    assert warning.zone == "cheeks"
    assert "Cheeks" in warning.message
    assert "2.5 mm" in warning.message
    assert "2.0 mm" in warning.message
    assert "0.5–1.5 mm" in warning.message


@pytest.mark.parametrize("fitzpatrick", [4, 5, 6])
def test_pigmented_skin_warns_above_one_and_a_half_mm(fitzpatrick: int) -> None:
    assert codes(check_zone(ZoneEntry("cheeks", 1.5, 3), FULL, fitzpatrick)) == []
    warnings = check_zone(ZoneEntry("cheeks", 1.75, 3), FULL, fitzpatrick)
    assert codes(warnings) == ["pigmented_depth"]
    assert "post-inflammatory hyperpigmentation" in warnings[0].message


@pytest.mark.parametrize("fitzpatrick", [4, 5, 6])
def test_pigmented_skin_warns_above_three_passes(fitzpatrick: int) -> None:
    assert codes(check_zone(ZoneEntry("forehead", 0.5, 4), FULL, fitzpatrick)) == [
        "pigmented_passes"
    ]


@pytest.mark.parametrize("fitzpatrick", [None, 1, 2, 3])
def test_lighter_skin_gets_no_pigmentation_warning(fitzpatrick: int | None) -> None:
    assert codes(check_zone(ZoneEntry("cheeks", 2.0, 6), FULL, fitzpatrick)) == []


def test_every_warning_at_once() -> None:
    warnings = check_zone(ZoneEntry("forehead", 2.0, 5), FULL, fitzpatrick=5)
    assert codes(warnings) == ["zone_depth", "pigmented_depth", "pigmented_passes"]


# --- intervals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deepest", "weeks"),
    [(0.1, 2), (0.25, 2), (0.5, 2), (0.51, 4), (1.0, 4), (1.5, 4), (1.51, 6), (2.5, 6), (3.0, 6)],
)
def test_recommended_next_date_follows_the_deepest_depth(deepest: float, weeks: int) -> None:
    treated = datetime(2026, 11, 3, 14, 0)
    assert (recommended_next_date(treated, deepest) - treated.date()).days == weeks * 7
    assert recommended_next_date(treated.date(), deepest) == recommended_next_date(treated, deepest)


def test_interval_warning_gives_both_dates() -> None:
    previous = PreviousSession(1, datetime(2026, 11, 3, 10, 0), 1.5)
    warning = interval_warning(previous, datetime(2026, 11, 17, 9, 0))
    assert warning is not None and warning.code == "interval"
    assert warning.message.startswith(
        "Previous session on Tuesday 3 November 2026 at 1.5 mm: 4 weeks recommended, "
        "this one on Tuesday 17 November 2026 is only 2 weeks later"
    )
    assert "Tuesday 1 December 2026" in warning.message


@pytest.mark.parametrize(
    ("deepest", "days_later", "warned"),
    [(0.5, 13, True), (0.5, 14, False), (1.5, 27, True), (1.5, 28, False), (2.0, 41, True),
     (2.0, 42, False)],
)  # fmt: skip
def test_interval_boundaries(deepest: float, days_later: int, warned: bool) -> None:
    previous = PreviousSession(1, datetime(2026, 1, 1, 17, 0), deepest)
    later = datetime.fromordinal(previous.treated_at.toordinal() + days_later).replace(hour=9)
    assert (interval_warning(previous, later) is not None) is warned


def test_days_when_less_than_a_week() -> None:
    previous = PreviousSession(1, datetime(2026, 11, 3, 10, 0), 0.5)
    warning = interval_warning(previous, datetime(2026, 11, 8, 10, 0))
    assert warning is not None and "only 5 days later" in warning.message


def test_the_previous_session_is_the_latest_before_this_one() -> None:
    history = [
        PreviousSession(1, datetime(2026, 9, 1, 10), 2.0),
        PreviousSession(2, datetime(2026, 10, 20, 10), 0.5),
        PreviousSession(3, datetime(2026, 12, 20, 10), 0.5),  # later: irrelevant
    ]
    chosen = previous_session(history, datetime(2026, 11, 17, 10))
    assert chosen is not None and chosen.id == 2
    assert previous_session(history, datetime(2026, 11, 17, 10), exclude_id=2).id == 1  # type: ignore[union-attr]
    assert previous_session(history, datetime(2026, 1, 1)) is None


def test_compute_warnings_combines_zones_and_interval() -> None:
    draft = SessionDraft(
        treated_at=datetime(2026, 11, 17, 10),
        zones=(ZoneEntry("forehead", 0.75, 2), ZoneEntry("cheeks", 1.0, 2)),
    )
    previous = PreviousSession(9, datetime(2026, 11, 10, 10), 1.0)
    assert codes(compute_warnings(draft, 2, FULL, previous)) == ["zone_depth", "interval"]


@given(depth=st.floats(0.1, 3.0), passes=st.integers(1, 8), fitz=st.sampled_from([None, 1, 4, 6]))
def test_any_depth_within_limits_is_accepted_and_warnings_are_explained(
    depth: float, passes: int, fitz: int | None
) -> None:
    for warning in check_zone(ZoneEntry("cheeks", depth, passes), FULL, fitz):
        assert warning.zone == "cheeks" and warning.message.startswith("Cheeks:")


# --- drafts and signing ---------------------------------------------------------------------


def signable(**changes: object) -> SessionDraft:
    draft = SessionDraft(
        treated_at=datetime(2026, 11, 17, 10),
        practitioner_id=1,
        device_id=1,
        cartridge_needles="16",
        cartridge_lot="DP16-2611A",
        cartridge_expiry=date(2027, 1, 1),
        consent_on_file=True,
        zones=(ZoneEntry("cheeks", 1.0, 2),),
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def test_a_complete_draft_can_be_signed() -> None:
    validate_for_signing(signable())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"practitioner_id": None}, "practitioner_id"),
        ({"zones": ()}, "zones"),
        ({"consent_on_file": False}, "consent_on_file"),
        ({"device_id": None}, "device_id"),
        ({"cartridge_lot": ""}, "cartridge_lot"),
        ({"cartridge_expiry": None}, "cartridge_expiry"),
        ({"tolerance": 11}, "tolerance"),
        ({"tolerance": -1}, "tolerance"),
        ({"cartridge_needles": "10"}, "cartridge_needles"),
        ({"course_number": 5, "course_total": 4}, "course_number"),
        ({"next_session_date": date(2026, 11, 17)}, "next_session_date"),
        ({"ended_at": datetime(2026, 11, 17, 9)}, "ended_at"),
    ],
)
def test_signing_names_what_is_missing(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_for_signing(signable(**changes))
    assert info.value.field == field


def test_an_expired_cartridge_is_refused_with_a_clear_message() -> None:
    expired = signable(cartridge_expiry=date(2026, 11, 16))
    with pytest.raises(InvalidInput) as info:
        validate_draft(expired)
    assert info.value.field == "cartridge_expiry"
    assert str(info.value).startswith(
        "The cartridge lot DP16-2611A expired on Monday 16 November 2026"
    )
    with pytest.raises(InvalidInput):
        validate_for_signing(expired)
    validate_for_signing(signable(cartridge_expiry=date(2026, 11, 17)))  # expires today: usable


def test_an_incomplete_draft_may_still_be_saved() -> None:
    validate_draft(SessionDraft(treated_at=datetime(2026, 11, 17, 10)))


@pytest.mark.parametrize(
    ("path", "text", "value"),
    [
        ("zones[0].depth_mm", "1.25", 1.25),
        ("zones[1].passes", "3", 3),
        ("tolerance", "", None),
        ("consent_on_file", "yes", True),
        ("cartridge_expiry", "2027-01-31", date(2027, 1, 31)),
        ("treated_at", "2026-11-17 10:30", datetime(2026, 11, 17, 10, 30)),
        ("notes", "  spaces kept  ", "  spaces kept  "),
    ],
)
def test_amendment_values_are_parsed_by_field_type(path: str, text: str, value: object) -> None:
    assert parse_field_value(path, text) == value


@pytest.mark.parametrize(("path", "text"), [("zones[0].depth_mm", "deep"), ("tolerance", "x")])
def test_amendment_values_of_the_wrong_type_are_refused(path: str, text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_field_value(path, text)
    assert info.value.field == path


@pytest.mark.parametrize("path", ["zones", "assessment_id", "zones[0].colour", "state", "id"])
def test_only_recorded_fields_can_be_amended(path: str) -> None:
    with pytest.raises(InvalidInput):
        parse_field_value(path, "x")
