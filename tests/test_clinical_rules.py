"""Rules the clinic sets: bounds, audited changes with a version, verdicts and session
warnings that follow the values in force, a damaged store refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from assistant.access.auth import create_first_practitioner
from assistant.checklist import Outcome, PatientFacts, default_checklist, evaluate
from assistant.errors import InvalidInput
from assistant.rules import (
    catalogue,
    checklist_in_force,
    definition,
    parse_value,
    rules_in_force,
    set_rule,
    treatment_in_force,
)
from assistant.sessions import ZoneEntry, check_zone
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, ClinicRuleChange

# The bounds of the clinical source, for every window the clinic may change.
WINDOW_BOUNDS = {
    "isotretinoin_last_dose": ("6 months", "0 days – 12 months"),
    "radiotherapy_to_area_last": ("12 months", "1 month – 24 months"),
    "chemotherapy_last": ("1 month", "1 month – 12 months"),
    "systemic_steroids_last": ("1 month", "0 days – 6 months"),
    "surgery_or_wound_in_area_last": ("6 months", "6 weeks – 12 months"),
    "ablative_laser_or_deep_peel_last": ("3 months", "6 weeks – 6 months"),
    "light_peel_or_nonablative_laser_last": ("14 days", "7 days – 6 weeks"),
    "filler_in_area_last": ("14 days", "14 days – 12 months"),
    "toxin_in_area_last": ("14 days", "14 days – 6 months"),
    "suntan_or_selftan_last": ("14 days", "2 days – 30 days"),
    "topical_retinoid_last": ("5 days", "1 day – 14 days"),
    "exfoliating_acids_last": ("3 days", "1 day – 14 days"),
    "waxing_or_depilatory_last": ("3 days", "1 day – 14 days"),
    "blood_thinning_otc_last": ("7 days", "3 days – 14 days"),
}
OTHER_RULES = {
    "keloid_history": ("not_suitable", "not_suitable or caution"),
    "anticoagulant_prescribed": ("caution", "caution or not_suitable"),
    "isotretinoin_last_dose_outcome": ("defer", "defer or caution"),
    "scalp_products_hours": ("72 hours", "24 hours – 72 hours"),
    "cold_sore_zones": ("perioral", "perioral or facial"),
    "sweat_window_hours": ("72 hours", "24 hours – 72 hours"),
    "passes_max": ("8", "1 – 8"),
    "pigmented_skin_min_fitzpatrick": ("IV", "III – VI"),
    "pigmented_skin_depth_warn_mm": ("1.5 mm", "0.5 mm – 3.0 mm"),
    "pigmented_skin_passes_warn": ("3", "1 – 8"),
    "interval_up_to_0_5_mm": ("2 weeks", "1 week – 4 weeks"),
    "interval_up_to_1_5_mm": ("4 weeks", "2 weeks – 8 weeks"),
    "interval_deeper": ("6 weeks", "4 weeks – 12 weeks"),
    "zone_periorbital_typical_max_mm": ("0.3 mm", "0.1 mm – 3.0 mm"),
    "zone_nose_warn_above_mm": ("0.75 mm", "0.1 mm – 3.0 mm"),
}
ON = date(2026, 11, 24)
FACTS = PatientFacts(date(1990, 5, 1), 2)


@pytest.fixture
def lead(db: Database) -> int:
    return create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", "4821").id


@pytest.mark.parametrize("rule_id", sorted({**WINDOW_BOUNDS, **OTHER_RULES}))
def test_each_configurable_value_has_its_default_and_bounds(rule_id: str) -> None:
    default, bounds = {**WINDOW_BOUNDS, **OTHER_RULES}[rule_id]
    rule = definition(rule_id)
    assert (rule.default, rule.bounds) == (default, bounds)
    assert rule.sources


def test_every_zone_band_and_warning_bound_is_configurable() -> None:
    ids = set(catalogue())
    for zone in ("forehead", "cheeks", "abdomen", "scar_body"):
        for key in ("typical_min_mm", "typical_max_mm", "warn_above_mm"):
            assert f"zone_{zone}_{key}" in ids
    for zone in ("full_face", "back"):  # a typical band for the full face since 2026.3
        for key in ("typical_min_mm", "typical_max_mm", "warn_above_mm"):
            assert f"zone_{zone}_{key}" in ids


@pytest.mark.parametrize(
    ("rule_id", "value", "expected"),
    [
        ("isotretinoin_last_dose", "3 months", "3 months"),
        ("isotretinoin_last_dose", "0 days", "0 days"),
        ("isotretinoin_last_dose", "12 months", "12 months"),
        ("surgery_or_wound_in_area_last", "6 weeks", "6 weeks"),
        ("surgery_or_wound_in_area_last", "42 days", "42 days"),
        ("sweat_window_hours", "2 days", "48 hours"),
        ("pigmented_skin_min_fitzpatrick", "5", "V"),
        ("zone_cheeks_warn_above_mm", "2.5", "2.5 mm"),
        ("keloid_history", "caution", "caution"),
    ],
)
def test_values_within_bounds_are_accepted(rule_id: str, value: str, expected: str) -> None:
    assert parse_value(definition(rule_id), value) == expected


@pytest.mark.parametrize(
    ("rule_id", "value", "bounds"),
    [
        ("isotretinoin_last_dose", "13 months", "0 days – 12 months"),
        ("surgery_or_wound_in_area_last", "41 days", "6 weeks – 12 months"),
        ("surgery_or_wound_in_area_last", "1 month", "6 weeks – 12 months"),
        ("filler_in_area_last", "13 days", "14 days – 12 months"),
        ("suntan_or_selftan_last", "31 days", "2 days – 30 days"),
        ("sweat_window_hours", "96 hours", "24 hours – 72 hours"),
        ("sweat_window_hours", "12 hours", "24 hours – 72 hours"),
        ("passes_max", "9", "1 – 8"),
        ("zone_cheeks_warn_above_mm", "3.5 mm", "0.1 mm – 3.0 mm"),
        ("keloid_history", "defer", "not_suitable or caution"),
        # a value in the wrong unit
        ("isotretinoin_last_dose", "3 mm", "0 days – 12 months"),
        ("zone_cheeks_warn_above_mm", "2 months", "0.1 mm – 3.0 mm"),
        ("interval_deeper", "6 days", "4 weeks – 12 weeks"),
        ("isotretinoin_last_dose", "soon", "0 days – 12 months"),
    ],
)
def test_values_outside_bounds_or_in_the_wrong_unit_are_refused_with_the_bounds(
    rule_id: str, value: str, bounds: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_value(definition(rule_id), value)
    assert rule_id in str(caught.value) and bounds in str(caught.value)


def test_an_unknown_rule_is_named(db: Database, lead: int) -> None:
    with pytest.raises(InvalidInput, match="Unknown rule 'isotretinoin'"):
        set_rule(db, "isotretinoin", "3 months", "shorter", lead)
    assert rules_in_force(db).version == "2026.3"


def test_a_new_database_has_the_shipped_rules(db: Database) -> None:
    rules = rules_in_force(db)
    assert rules.version == "2026.3" and dict(rules.values) == {}
    assert checklist_in_force(db).version == "2026.3"


def test_a_clinic_change_alters_the_verdict_and_its_version(db: Database, lead: int) -> None:
    answers = {"isotretinoin_last_dose": "2026-07-01"}
    before = evaluate(checklist_in_force(db), answers, FACTS, ["cheeks"], ON)
    assert before.outcome is Outcome.DEFER and before.defer_until == date(2027, 1, 1)
    rules = set_rule(db, "isotretinoin_last_dose", "3 months", "Consensus papers 2017", lead)
    assert rules.version == "2026.3+clinic.1"
    after = evaluate(checklist_in_force(db), answers, FACTS, ["cheeks"], ON)
    assert after.outcome is Outcome.SUITABLE
    assert after.checklist_version == "2026.3+clinic.1"
    recent = {"isotretinoin_last_dose": "2026-09-30"}
    defer = evaluate(checklist_in_force(db), recent, FACTS, ["cheeks"], ON)
    assert defer.defer_until == date(2026, 12, 30)
    assert "within the last 3 months" in defer.reasons[0].message
    second = set_rule(db, "keloid_history", "caution", "Physician-led clinic", lead)
    assert second.version == "2026.3+clinic.2"
    keloid = evaluate(checklist_in_force(db), {"keloid_history": True}, FACTS, ["cheeks"], ON)
    assert keloid.outcome is Outcome.CAUTION
    assert any("Physician referral" in a for a in keloid.actions)
    assert default_checklist().questions["keloid_history"].outcome is Outcome.NOT_SUITABLE


def test_a_change_is_audited_with_who_and_why(db: Database, lead: int) -> None:
    set_rule(db, "chemotherapy_last", "2 months", "Oncology advice", lead)
    with db.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "clinic_rule")).one()
        assert event.practitioner_id == lead and event.action == "change"
        assert "1 month → 2 months" in event.summary and "Oncology advice" in event.summary


def test_a_change_needs_a_reason_and_a_practitioner(db: Database, lead: int) -> None:
    with pytest.raises(InvalidInput, match="reason"):
        set_rule(db, "chemotherapy_last", "2 months", "  ", lead)
    with pytest.raises(Exception, match="practitioner"):
        set_rule(db, "chemotherapy_last", "2 months", "why", lead + 99)
    assert rules_in_force(db).version == "2026.3"


def test_the_cold_sore_rule_can_cover_every_facial_zone(db: Database, lead: int) -> None:
    answers = {"cold_sore_history": True}
    assert evaluate(checklist_in_force(db), answers, FACTS, ["forehead"], ON).outcome is (
        Outcome.SUITABLE
    )
    set_rule(db, "cold_sore_zones", "facial", "Any facial zone", lead)
    checklist = checklist_in_force(db)
    assert evaluate(checklist, answers, FACTS, ["forehead"], ON).outcome is Outcome.CAUTION
    assert evaluate(checklist, answers, FACTS, ["neck"], ON).outcome is Outcome.SUITABLE


def test_the_fitzpatrick_threshold_moves_both_rules(db: Database, lead: int) -> None:
    facts = PatientFacts(date(1990, 5, 1), 3)
    assert evaluate(checklist_in_force(db), {}, facts, ["cheeks"], ON).outcome is Outcome.SUITABLE
    set_rule(db, "pigmented_skin_min_fitzpatrick", "III", "Our population", lead)
    verdict = evaluate(checklist_in_force(db), {}, facts, ["cheeks"], ON)
    assert verdict.outcome is Outcome.CAUTION and "type III–VI" in verdict.reasons[0].message
    treatment = treatment_in_force(db)
    warnings = check_zone(ZoneEntry("cheeks", 1.75, 2), fitzpatrick=3, treatment=treatment)
    assert "pigmented_depth" in [w.code for w in warnings]


def test_zone_bounds_and_intervals_follow_the_clinic(db: Database, lead: int) -> None:
    entry = ZoneEntry("cheeks", 2.25, 2)
    assert [w.code for w in check_zone(entry, treatment=treatment_in_force(db))] == ["zone_depth"]
    set_rule(db, "zone_cheeks_warn_above_mm", "2.5 mm", "Acne scar protocol", lead)
    assert check_zone(entry, treatment=treatment_in_force(db)) == []
    set_rule(db, "interval_up_to_1_5_mm", "6 weeks", "Longer recovery", lead)
    treatment = treatment_in_force(db)
    assert treatment.interval_weeks(1.0) == 6 and treatment.interval_weeks(0.5) == 2
    assert treatment.version == "2026.3+clinic.2"


def test_a_typical_range_cannot_be_turned_upside_down(db: Database, lead: int) -> None:
    with pytest.raises(InvalidInput, match="typical range"):
        set_rule(db, "zone_forehead_typical_min_mm", "0.75 mm", "deeper", lead)


@pytest.mark.parametrize(
    ("rule_id", "value"), [("isotretinoin_last_dose", "40 months"), ("no_such_rule", "1 day")]
)
def test_a_damaged_rule_store_is_refused_naming_the_rule(
    db: Database, lead: int, rule_id: str, value: str
) -> None:
    with db.session() as session:
        row = ClinicRuleChange(rule_id=rule_id, value=value, reason="x", practitioner_id=lead)
        row.changed_at = datetime(2026, 11, 1)
        session.add(row)
    with pytest.raises(InvalidInput, match="damaged") as caught:
        rules_in_force(db)
    assert rule_id in str(caught.value)
    if rule_id == "isotretinoin_last_dose":
        assert "0 days – 12 months" in str(caught.value)
    with pytest.raises(InvalidInput, match="damaged"):
        set_rule(db, "chemotherapy_last", "2 months", "why", lead)
    with db.session() as session:
        assert len(session.scalars(select(ClinicRuleChange)).all()) == 1  # nothing added
