"""The suitability checklist: the shipped data against the clinical source, and the engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant import reference
from assistant.checklist import (
    AssessmentResult,
    Checklist,
    Outcome,
    PatientFacts,
    QuestionKind,
    Verdict,
    Window,
    add_months,
    age_on,
    answers_from_json,
    answers_to_json,
    default_checklist,
    describe,
    evaluate,
    format_long_date,
    load_checklist,
    parse_answers,
    question_actions,
    question_message,
)
from assistant.errors import InvalidInput

ASSESSED = date(2026, 11, 24)
NO_FACTS = PatientFacts(date_of_birth=date(1990, 5, 1), fitzpatrick=2)
FACE = ["cheeks"]

NS, DEFER, CAUTION = Outcome.NOT_SUITABLE, Outcome.DEFER, Outcome.CAUTION

# Every question of the clinical source: id -> (kind, outcome, window, question text or None
# where the source gives no text). Written out here so that a rule deleted or changed in the
# data file fails a test.
EXPECTED_QUESTIONS: dict[str, tuple[str, Outcome, Window | None, str | None]] = {
    "keloid_history": ("bool", NS, None, "History of keloid or hypertrophic scarring?"),
    "bleeding_disorder": (
        "bool", NS, None, "Bleeding or clotting disorder (e.g. haemophilia, von Willebrand)?",
    ),
    "skin_cancer_in_area": (
        "bool", NS, None,
        "Skin cancer, or a suspicious or changing lesion, in the treatment area?",
    ),
    "scleroderma_or_collagen_disease": (
        "bool", NS, None, "Scleroderma or another collagen vascular disease?",
    ),
    "needle_metal_allergy": ("bool", NS, None, "Allergy to stainless steel or nickel?"),
    "pregnant_or_breastfeeding": ("bool", DEFER, None, "Pregnant or breastfeeding?"),
    "active_infection_in_area": (
        "bool", DEFER, None,
        "Active skin infection (bacterial, fungal, viral — warts, impetigo) in or near the area?",
    ),
    "active_herpes_outbreak": ("bool", DEFER, None, "Active cold sore or herpes outbreak?"),
    "active_inflammatory_acne_in_area": (
        "bool", DEFER, None, "Active inflammatory acne (pustules, nodules, cysts) in the area?",
    ),
    "dermatitis_flare_in_area": (
        "bool", DEFER, None, "Eczema, psoriasis, rosacea or dermatitis flaring in the area?",
    ),
    "open_wound_or_sunburn_in_area": (
        "bool", DEFER, None, "Open wound, sunburn or broken skin in the area?",
    ),
    "chemotherapy_or_radiotherapy_current": (
        "bool", DEFER, None, "Currently receiving chemotherapy or radiotherapy?",
    ),
    "isotretinoin_current": (
        "bool", DEFER, None, "Currently taking oral isotretinoin (Roaccutane, Accutane)?",
    ),
    "actinic_keratosis_in_area": (
        "bool", DEFER, None,
        "Solar (actinic) keratosis in the area? (until assessed and treated by a physician)",
    ),
    # one choice since 2026.2: no / well controlled (caution) / not well controlled (defer)
    "diabetes": ("choice", DEFER, None, "Diabetes?"),
    "isotretinoin_last_dose": (
        "date", DEFER, Window(months=6),
        "Last dose of oral isotretinoin (Roaccutane, Accutane)?",
    ),
    "radiotherapy_to_area_last": (
        "date", DEFER, Window(months=12), "Last radiotherapy to the treatment area?",
    ),
    "chemotherapy_last": ("date", DEFER, Window(months=1), "Last chemotherapy dose?"),
    "systemic_steroids_last": (
        "date", DEFER, Window(months=1),
        "Last course of oral or injected corticosteroids (high dose)?",
    ),
    "surgery_or_wound_in_area_last": (
        "date", DEFER, Window(months=6), "Last surgery, injury or new scar in the area?",
    ),
    "ablative_laser_or_deep_peel_last": (
        "date", DEFER, Window(months=3),
        "Last ablative laser resurfacing or medium/deep chemical peel in the area?",
    ),
    "light_peel_or_nonablative_laser_last": (
        "date", DEFER, Window(days=14),
        "Last light chemical peel, IPL or non-ablative laser in the area?",
    ),
    "filler_in_area_last": ("date", DEFER, Window(days=14), "Last dermal filler in the area?"),
    "toxin_in_area_last": (
        "date", DEFER, Window(days=14), "Last botulinum toxin injection in the area?",
    ),
    "suntan_or_selftan_last": (
        "date", DEFER, Window(days=14), "Last sun tanning, sunbed or self-tan on the area?",
    ),
    "topical_retinoid_last": (
        "date", DEFER, Window(days=5),
        "Last use of a topical retinoid (tretinoin, retinol, adapalene) on the area?",
    ),
    "exfoliating_acids_last": (
        "date", DEFER, Window(days=3),
        "Last use of AHA/BHA acids, benzoyl peroxide or scrubs on the area?",
    ),
    "waxing_or_depilatory_last": (
        "date", DEFER, Window(days=3),
        "Last waxing, threading, depilatory cream or electrolysis on the area?",
    ),
    "anticoagulant_prescribed": ("bool", CAUTION, None, None),
    "blood_thinning_otc_last": ("date", CAUTION, Window(days=7), None),
    "cold_sore_history": ("bool", CAUTION, None, None),
    "autoimmune_disease": ("bool", CAUTION, None, None),
    "immunosuppressed": ("bool", CAUTION, None, None),
    "topical_anaesthetic_allergy": ("bool", CAUTION, None, None),
    "topical_anaesthetic_risk": ("bool", CAUTION, None, None),
    "pacemaker_or_heart_condition": ("bool", CAUTION, None, None),
    "bloodborne_infection": ("bool", CAUTION, None, None),
    "photosensitising_medication": ("bool", CAUTION, None, None),
    "pigmentation_history": ("bool", CAUTION, None, None),
    "tattoo_or_pmu_in_area": ("bool", CAUTION, None, None),
    "vascular_lesions_in_area": ("bool", CAUTION, None, None),
    "product_allergies": ("bool", CAUTION, None, None),
    "raised_moles_in_area": ("bool", CAUTION, None, None),
    "smoker": ("bool", CAUTION, None, None),
}  # fmt: skip

ANTIVIRAL = (
    "Antiviral prophylaxis as prescribed, started before treatment and continued afterwards "
    "for as long as prescribed."
)

EXPECTED_NOT_SUITABLE_MESSAGES = {
    "keloid_history": "Keloid or hypertrophic scarring risk: needling can trigger new scars.",
    "bleeding_disorder": "Bleeding disorder.",
    "skin_cancer_in_area": "Lesion must be assessed by a physician; never needle over it.",
    "scleroderma_or_collagen_disease": "Abnormal wound healing.",
    "needle_metal_allergy": "The needles are surgical steel.",
}

# The source's actions, one item per instruction.
EXPECTED_ACTIONS: dict[str, tuple[str, ...]] = {
    "anticoagulant_prescribed": (
        "Prescriber's clearance on file.",
        "Do not stop prescribed medication for treatment.",
        "Expect bruising, keep depth conservative.",
    ),
    "blood_thinning_otc_last": (
        "Warn of bruising.",
        "Advise avoiding them for 7 days before future sessions if their doctor agrees.",
    ),
    "cold_sore_history": (ANTIVIRAL,),
    "autoimmune_disease": ("Physician clearance on file.",),
    "immunosuppressed": ("Physician clearance on file.",),
    "topical_anaesthetic_allergy": ("Do not apply topical anaesthetic.",),
    "topical_anaesthetic_risk": ("Do not apply topical anaesthetic.",),
    "pacemaker_or_heart_condition": ("Physician clearance on file.",),
    "bloodborne_infection": ("Physician clearance on file.", "Single-use sterile cartridge."),
    "photosensitising_medication": (
        "Strict sun protection.",
        "Consider deferring until the course ends.",
    ),
    "pigmentation_history": (
        "Conservative depth and passes.",
        "Patch test.",
        "Strict sun protection.",
    ),
    "tattoo_or_pmu_in_area": ("Needle around it, never over it.",),
    "vascular_lesions_in_area": ("Needle around them.", "Keep depth conservative."),
    "product_allergies": ("Review every serum's ingredients against the allergy.", "Patch test."),
    "raised_moles_in_area": ("Needle around, never over, raised lesions.",),
    "smoker": ("Set expectations.",),
    "fitzpatrick_iv_vi": (
        "Conservative depth and passes.",
        "Patch test.",
        "Strict sun protection.",
    ),
    "age_under_18": ("Parent or guardian consent on file.",),
}

EXPECTED_FACT_RULES = {
    "fitzpatrick_iv_vi": ("fitzpatrick", 4),
    "age_under_18": ("age", 18),
    "device_cleared_age": ("device_age", None),
}
EXPECTED_GROUPS = ("Permanent conditions", "Current conditions", "Recent treatments and medication")
PERIORAL_ZONES = {"upper_lip", "perioral", "chin", "full_face"}


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return default_checklist()


def firing_answer(checklist: Checklist, question_id: str, assessed_on: date = ASSESSED) -> object:
    kind = checklist.questions[question_id].kind
    if kind is QuestionKind.CHOICE:
        return "uncontrolled"
    return True if kind is QuestionKind.BOOL else assessed_on.isoformat()


def zones_for(question_id: str) -> list[str]:
    return ["upper_lip"] if question_id == "cold_sore_history" else FACE


def check(
    checklist: Checklist,
    answers: dict[str, object],
    facts: PatientFacts = NO_FACTS,
    zones: list[str] | None = None,
    assessed_on: date = ASSESSED,
) -> Verdict:
    return evaluate(checklist, answers, facts, FACE if zones is None else zones, assessed_on)


# --- The data file against the clinical source ---------------------------------------------


def test_data_file_holds_exactly_the_rules_of_the_source(checklist: Checklist) -> None:
    assert set(checklist.questions) == set(EXPECTED_QUESTIONS)
    rules = {r.id: (r.fact, r.threshold) for r in checklist.fact_rules}
    assert rules == EXPECTED_FACT_RULES
    assert checklist.version == "2026.3"


def test_groups_are_the_three_screen_groups(checklist: Checklist) -> None:
    assert tuple(g.title for g in checklist.groups) == EXPECTED_GROUPS
    grouped = [q.id for g in checklist.groups for q in g.questions]
    assert sorted(grouped) == sorted(EXPECTED_QUESTIONS)


@pytest.mark.parametrize("question_id", sorted(EXPECTED_QUESTIONS))
def test_question_matches_the_source(checklist: Checklist, question_id: str) -> None:
    kind, outcome, window, text = EXPECTED_QUESTIONS[question_id]
    question = checklist.questions[question_id]
    assert question.kind == kind
    if kind == "choice":  # the most severe option's outcome
        outcomes = [o.outcome for o in question.options if o.outcome]
        assert max(outcomes, key=lambda o: o.severity) is outcome
    else:
        assert question.outcome is outcome
    assert question.window == window
    if text is not None:
        assert question.text == text
    assert question.message.strip()
    assert question.sources and all(key in checklist.sources for key in question.sources)
    if question.kind is not QuestionKind.CHOICE:
        # the window in force is written into the actions as into the message
        assert question_actions(question) == EXPECTED_ACTIONS.get(question_id, ())
    if question_id in EXPECTED_NOT_SUITABLE_MESSAGES:
        assert question.message == EXPECTED_NOT_SUITABLE_MESSAGES[question_id]
    assert question.zones == ("perioral" if question_id == "cold_sore_history" else None)


@pytest.mark.parametrize("question_id", sorted(EXPECTED_QUESTIONS))
def test_each_expected_rule_fires_alone_with_its_outcome(
    checklist: Checklist, question_id: str
) -> None:
    expected_outcome = EXPECTED_QUESTIONS[question_id][1]
    answers = {question_id: firing_answer(checklist, question_id)}
    verdict = check(checklist, answers, zones=zones_for(question_id))
    assert verdict.outcome is expected_outcome
    assert [r.id for r in verdict.reasons] == [question_id]
    reason = verdict.reasons[0]
    assert reason.outcome is expected_outcome
    assert reason.actions == EXPECTED_ACTIONS.get(question_id, ())


@pytest.mark.parametrize("question_id", sorted(default_checklist().questions))
def test_each_rule_in_the_data_file_fires_and_is_silent_when_answered_no(
    checklist: Checklist, question_id: str
) -> None:
    question = checklist.questions[question_id]
    fired = check(
        checklist,
        {question_id: firing_answer(checklist, question_id)},
        zones=zones_for(question_id),
    )
    if question.kind is QuestionKind.CHOICE:
        assert fired.outcome is Outcome.DEFER
    else:
        assert fired.outcome is question.outcome
        assert fired.reasons[0].message == question_message(question)
    silent_answer = {QuestionKind.BOOL: False, QuestionKind.CHOICE: "no"}.get(question.kind)
    silent = check(checklist, {question_id: silent_answer}, zones=zones_for(question_id))
    assert silent.outcome is Outcome.SUITABLE
    assert silent.reasons == ()


def test_nothing_answered_is_suitable(checklist: Checklist) -> None:
    verdict = check(checklist, {})
    assert verdict.outcome is Outcome.SUITABLE
    assert verdict.reasons == ()
    assert verdict.defer_until is None
    assert verdict.checklist_version == "2026.3"


def test_undated_defer_has_no_date(checklist: Checklist) -> None:
    verdict = check(checklist, {"pregnant_or_breastfeeding": True})
    assert verdict.outcome is Outcome.DEFER
    assert verdict.defer_until is None
    assert verdict.reasons[0].until is None
    assert "until" in describe(verdict).lower() and "resolved" in describe(verdict)


# --- Dated windows ---------------------------------------------------------------------------

LAST = date(2026, 5, 10)
DATED_ENDS = {
    "isotretinoin_last_dose": date(2026, 11, 10),
    "radiotherapy_to_area_last": date(2027, 5, 10),
    "chemotherapy_last": date(2026, 6, 10),
    "systemic_steroids_last": date(2026, 6, 10),
    "surgery_or_wound_in_area_last": date(2026, 11, 10),
    "ablative_laser_or_deep_peel_last": date(2026, 8, 10),
    "light_peel_or_nonablative_laser_last": date(2026, 5, 24),
    "filler_in_area_last": date(2026, 5, 24),
    "toxin_in_area_last": date(2026, 5, 24),
    "suntan_or_selftan_last": date(2026, 5, 24),
    "topical_retinoid_last": date(2026, 5, 15),
    "exfoliating_acids_last": date(2026, 5, 13),
    "waxing_or_depilatory_last": date(2026, 5, 13),
    "blood_thinning_otc_last": date(2026, 5, 17),
}


def test_every_dated_question_has_a_boundary_case(checklist: Checklist) -> None:
    dated = {q.id for q in checklist.questions.values() if q.kind is QuestionKind.DATE}
    assert dated == set(DATED_ENDS)


@pytest.mark.parametrize("question_id", sorted(DATED_ENDS))
def test_window_boundaries(checklist: Checklist, question_id: str) -> None:
    end = DATED_ENDS[question_id]
    outcome = EXPECTED_QUESTIONS[question_id][1]
    answers = {question_id: LAST.isoformat()}

    day_before = check(checklist, answers, assessed_on=end - timedelta(days=1))
    assert day_before.outcome is outcome
    assert [r.id for r in day_before.reasons] == [question_id]
    if outcome is Outcome.DEFER:
        assert day_before.defer_until == end
        assert day_before.reasons[0].until == end
    else:
        assert day_before.defer_until is None

    for assessed in (end, end + timedelta(days=1)):
        verdict = check(checklist, answers, assessed_on=assessed)
        if question_id == "chemotherapy_last":  # then a caution for 12 months from the dose
            assert verdict.outcome is Outcome.CAUTION, assessed
            assert verdict.reasons[0].actions == ("Physician clearance on file.",)
            continue
        assert verdict.outcome is Outcome.SUITABLE, assessed
        assert verdict.reasons == ()


def test_last_date_on_the_assessment_date_fires(checklist: Checklist) -> None:
    verdict = check(checklist, {"filler_in_area_last": ASSESSED.isoformat()})
    assert verdict.defer_until == ASSESSED + timedelta(days=14)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 2, 28), 6, date(2026, 8, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # into a leap February
        (date(2023, 8, 29), 6, date(2024, 2, 29)),
        (date(2023, 8, 30), 6, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
    ],
)
def test_calendar_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_month_end_clamping_through_a_rule(checklist: Checklist) -> None:
    answers = {"isotretinoin_last_dose": "2026-08-31"}
    fired = check(checklist, answers, assessed_on=date(2027, 2, 27))
    assert fired.defer_until == date(2027, 2, 28)
    assert check(checklist, answers, assessed_on=date(2027, 2, 28)).outcome is Outcome.SUITABLE


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 240))
def test_add_months_properties(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year - start.year) * 12 + result.month - start.month == months
    assert result.day <= start.day
    if result.day < start.day:  # clamped: only to the last day of the month
        assert (result + timedelta(days=1)).day == 1


# --- Several rules at once -------------------------------------------------------------------


def test_defer_until_is_the_latest_dated_window(checklist: Checklist) -> None:
    verdict = check(
        checklist,
        {
            "filler_in_area_last": "2026-11-20",  # ends 2026-12-04
            "isotretinoin_last_dose": "2026-08-01",  # ends 2027-02-01
            "topical_retinoid_last": "2026-11-23",  # ends 2026-11-28
        },
    )
    assert verdict.outcome is Outcome.DEFER
    assert verdict.defer_until == date(2027, 2, 1)
    until = {r.id: r.until for r in verdict.reasons}
    assert until == {
        "filler_in_area_last": date(2026, 12, 4),
        "isotretinoin_last_dose": date(2027, 2, 1),
        "topical_retinoid_last": date(2026, 11, 28),
    }


def test_undated_defer_alongside_dated_ones(checklist: Checklist) -> None:
    verdict = check(
        checklist,
        {"active_herpes_outbreak": True, "filler_in_area_last": "2026-11-20"},
    )
    assert verdict.outcome is Outcome.DEFER
    assert verdict.defer_until == date(2026, 12, 4)
    assert {r.id for r in verdict.reasons} == {"active_herpes_outbreak", "filler_in_area_last"}
    assert verdict.has_undated_deferral
    text = describe(verdict)
    assert "not before Friday 4 December 2026" in text
    assert "resolved" in text


def test_not_suitable_trumps_everything_and_every_reason_is_listed(checklist: Checklist) -> None:
    verdict = check(
        checklist,
        {
            "smoker": True,
            "pregnant_or_breastfeeding": True,
            "isotretinoin_last_dose": "2026-08-01",
            "bleeding_disorder": True,
        },
        facts=PatientFacts(date(1990, 5, 1), 5),
    )
    assert verdict.outcome is Outcome.NOT_SUITABLE
    ids = [r.id for r in verdict.reasons]
    assert set(ids) == {
        "smoker",
        "pregnant_or_breastfeeding",
        "isotretinoin_last_dose",
        "bleeding_disorder",
        "fitzpatrick_iv_vi",
    }
    severities = [r.outcome.severity for r in verdict.reasons]
    assert severities == sorted(severities, reverse=True)
    assert ids[0] == "bleeding_disorder"


def test_defer_trumps_caution(checklist: Checklist) -> None:
    verdict = check(checklist, {"smoker": True, "toxin_in_area_last": "2026-11-20"})
    assert verdict.outcome is Outcome.DEFER


def test_caution_actions_are_listed_once_in_order(checklist: Checklist) -> None:
    verdict = check(
        checklist,
        {"autoimmune_disease": True, "immunosuppressed": True, "product_allergies": True},
        facts=PatientFacts(date(1990, 5, 1), 6),
    )
    assert verdict.outcome is Outcome.CAUTION
    assert verdict.actions == (
        "Physician clearance on file.",
        "Review every serum's ingredients against the allergy.",
        "Patch test.",
        "Conservative depth and passes.",
        "Strict sun protection.",
    )
    # Every fired rule is still a reason, even when its actions were already listed.
    assert [r.id for r in verdict.reasons] == [
        "autoimmune_disease",
        "product_allergies",
        "immunosuppressed",
        "fitzpatrick_iv_vi",
    ]
    reasons = json.loads(json.dumps(verdict.to_dict()))["reasons"]
    listed = [action for reason in reasons for action in reason["actions"]]
    assert listed == list(verdict.actions)


# --- Zones and patient facts -----------------------------------------------------------------


def test_perioral_zones_in_the_reference_data_match_the_source() -> None:
    assert {z.id for z in reference.zones().values() if z.perioral} == PERIORAL_ZONES


@pytest.mark.parametrize("zone_id", sorted(reference.zones()))
def test_cold_sore_history_only_with_a_perioral_zone(checklist: Checklist, zone_id: str) -> None:
    verdict = check(checklist, {"cold_sore_history": True}, zones=[zone_id])
    if zone_id in PERIORAL_ZONES:
        assert verdict.outcome is Outcome.CAUTION
        assert verdict.actions == (ANTIVIRAL,)
    else:
        assert verdict.outcome is Outcome.SUITABLE


def test_cold_sore_history_with_a_perioral_zone_among_others(checklist: Checklist) -> None:
    verdict = check(checklist, {"cold_sore_history": True}, zones=["forehead", "cheeks", "chin"])
    assert [r.id for r in verdict.reasons] == ["cold_sore_history"]
    assert check(checklist, {"cold_sore_history": True}, zones=[]).outcome is Outcome.SUITABLE


@pytest.mark.parametrize("fitzpatrick", [None, 1, 2, 3, 4, 5, 6])
def test_fitzpatrick_iv_to_vi_is_caution(checklist: Checklist, fitzpatrick: int | None) -> None:
    verdict = check(checklist, {}, facts=PatientFacts(date(1990, 5, 1), fitzpatrick))
    if fitzpatrick is not None and fitzpatrick >= 4:
        assert verdict.outcome is Outcome.CAUTION
        assert [r.id for r in verdict.reasons] == ["fitzpatrick_iv_vi"]
        assert "post-inflammatory hyperpigmentation" in verdict.reasons[0].message
        assert verdict.actions == EXPECTED_ACTIONS["fitzpatrick_iv_vi"]
    else:
        assert verdict.outcome is Outcome.SUITABLE


@pytest.mark.parametrize(
    ("date_of_birth", "assessed_on", "under_18"),
    [
        (date(2008, 11, 24), date(2026, 11, 24), False),  # 18th birthday
        (date(2008, 11, 24), date(2026, 11, 23), True),  # the day before it
        (date(2008, 11, 25), date(2026, 11, 24), True),
        (date(2009, 11, 24), date(2026, 11, 24), True),  # 17th birthday
        (date(2026, 11, 24), date(2026, 11, 24), True),  # born today
        (date(1990, 5, 1), date(2026, 11, 24), False),
        # Born on 29 February: 18 on 1 March in a common year, on 29 February in a leap year.
        (date(2008, 2, 29), date(2026, 2, 28), True),
        (date(2008, 2, 29), date(2026, 3, 1), False),
        (date(2010, 2, 28), date(2028, 2, 28), False),
        (date(2012, 2, 29), date(2030, 2, 28), True),
        (date(2012, 2, 29), date(2030, 3, 1), False),
        (date(2010, 2, 28), date(2028, 2, 27), True),
        (date(2014, 2, 28), date(2032, 2, 29), False),
    ],
)
def test_age_under_18_on_the_assessment_date(
    checklist: Checklist, date_of_birth: date, assessed_on: date, under_18: bool
) -> None:
    verdict = check(checklist, {}, facts=PatientFacts(date_of_birth, 2), assessed_on=assessed_on)
    if under_18:
        assert [r.id for r in verdict.reasons] == ["age_under_18"]
        assert verdict.outcome is Outcome.CAUTION
        assert verdict.actions == ("Parent or guardian consent on file.",)
    else:
        assert verdict.outcome is Outcome.SUITABLE


def test_age_on_leap_day_births() -> None:
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18
    assert age_on(date(2008, 2, 29), date(2028, 2, 29)) == 20
    assert age_on(date(2008, 2, 29), date(2028, 2, 28)) == 19


def test_unknown_patient_facts_fire_nothing(checklist: Checklist) -> None:
    assert check(checklist, {}, facts=PatientFacts(None, None)).outcome is Outcome.SUITABLE


# --- Bad input -------------------------------------------------------------------------------


def assert_invalid(field: str, call: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        call()
    assert info.value.field == field
    assert field in str(info.value)
    return info.value


def test_unknown_question_id(checklist: Checklist) -> None:
    assert_invalid("smoking", lambda: parse_answers(checklist, {"smoking": True}))
    assert_invalid("smoking", lambda: check(checklist, {"smoking": True}))


@pytest.mark.parametrize("value", ["yes", 1, 0, "true", [True], {"a": 1}, "2026-01-01"])
def test_bool_answer_of_the_wrong_type(checklist: Checklist, value: object) -> None:
    assert_invalid("smoker", lambda: parse_answers(checklist, {"smoker": value}))


@pytest.mark.parametrize(
    "value", ["2026-13-01", "2026-02-30", "24/11/2026", "2026-1-5", "yesterday", "", True, 20261124]
)
def test_malformed_date(checklist: Checklist, value: object) -> None:
    error = assert_invalid(
        "isotretinoin_last_dose",
        lambda: parse_answers(checklist, {"isotretinoin_last_dose": value}),
    )
    assert "YYYY-MM-DD" in str(error)


def test_date_after_the_assessment_date(checklist: Checklist) -> None:
    error = assert_invalid(
        "filler_in_area_last", lambda: check(checklist, {"filler_in_area_last": "2026-11-25"})
    )
    assert "future" in str(error)


@pytest.mark.parametrize("fitzpatrick", [0, 7, -1, 44])
def test_fitzpatrick_out_of_range(checklist: Checklist, fitzpatrick: int) -> None:
    assert_invalid(
        "fitzpatrick", lambda: check(checklist, {}, facts=PatientFacts(None, fitzpatrick))
    )


def test_unknown_zone(checklist: Checklist) -> None:
    error = assert_invalid("zones", lambda: check(checklist, {}, zones=["cheeks", "elbow"]))
    assert "elbow" in str(error)


def test_date_of_birth_after_the_assessment_date(checklist: Checklist) -> None:
    assert_invalid(
        "date_of_birth",
        lambda: check(checklist, {}, facts=PatientFacts(date(2026, 11, 25), 2)),
    )


def test_unanswered_and_null_answers_count_as_no_or_never(checklist: Checklist) -> None:
    parsed = parse_answers(checklist, {"smoker": None, "filler_in_area_last": None})
    assert parsed == {"smoker": None, "filler_in_area_last": None}
    assert check(checklist, parsed).outcome is Outcome.SUITABLE


# --- Output ----------------------------------------------------------------------------------


def test_to_dict_is_the_documented_json(checklist: Checklist) -> None:
    verdict = check(
        checklist,
        {"isotretinoin_last_dose": "2026-08-01", "cold_sore_history": True},
        facts=PatientFacts(date(1990, 5, 1), 4),
        zones=["cheeks", "upper_lip"],
    )
    data = json.loads(json.dumps(verdict.to_dict()))
    assert set(data) == {"outcome", "defer_until", "checklist_version", "reasons"}
    assert data["outcome"] == "defer"
    assert data["defer_until"] == "2027-02-01"
    assert data["checklist_version"] == "2026.3"
    assert [set(r) for r in data["reasons"]] == [{"id", "outcome", "message", "actions"}] * 3
    by_id = {r["id"]: r for r in data["reasons"]}
    assert by_id["isotretinoin_last_dose"]["outcome"] == "defer"
    assert by_id["cold_sore_history"]["actions"] == [ANTIVIRAL]
    assert by_id["fitzpatrick_iv_vi"]["outcome"] == "caution"
    assert check(checklist, {}).to_dict()["defer_until"] is None


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2027, 2, 23), "Tuesday 23 February 2027"),
        (date(2026, 11, 24), "Tuesday 24 November 2026"),
        (date(2000, 1, 1), "Saturday 1 January 2000"),
        (date(2024, 2, 29), "Thursday 29 February 2024"),
        (date(2026, 12, 6), "Sunday 6 December 2026"),
    ],
)
def test_dates_in_words(day: date, words: str) -> None:
    assert format_long_date(day) == words


def test_describe_tells_the_verdict_in_words(checklist: Checklist) -> None:
    verdict = check(checklist, {"isotretinoin_last_dose": "2026-08-23", "smoker": True})
    text = verdict.describe()
    assert text.splitlines()[0] == "Defer: not before Tuesday 23 February 2027."
    assert "Set expectations." in text
    assert "2026.3" in text
    assert check(checklist, {}).describe().startswith("Suitable")
    assert check(checklist, {"smoker": True}).describe().startswith("Caution")
    assert check(checklist, {"keloid_history": True}).describe().startswith("Not suitable")


def test_answers_json_round_trip(checklist: Checklist) -> None:
    answers = parse_answers(
        checklist, {"smoker": True, "filler_in_area_last": "2026-11-20", "keloid_history": False}
    )
    as_json = answers_to_json(answers)
    assert as_json == {"smoker": True, "filler_in_area_last": "2026-11-20", "keloid_history": False}
    assert json.loads(json.dumps(as_json)) == as_json
    assert answers_from_json(as_json, checklist) == answers
    result = AssessmentResult(answers, check(checklist, answers), None, ASSESSED)
    assert result.answers_to_json() == as_json
    assert not result.overridden


# --- Loading other checklists ----------------------------------------------------------------

MINIMAL = """
version = "test.1"
[[groups]]
id = "g"
title = "Group"
"""


def write_checklist(tmp_path: Path, questions: str) -> Path:
    path = tmp_path / "checklist.toml"
    path.write_text(MINIMAL + questions, encoding="utf-8")
    return path


def test_choice_question(tmp_path: Path) -> None:
    checklist = load_checklist(
        write_checklist(
            tmp_path,
            """
[[questions]]
id = "pain"
group = "g"
kind = "choice"
question = "Pain?"
options = [{ id = "none", label = "None" }, { id = "severe", label = "Severe" }]
fires_on = ["severe"]
outcome = "defer"
message = "Severe pain."
""",
        )
    )
    assert checklist.version == "test.1"
    assert check(checklist, {"pain": "none"}).outcome is Outcome.SUITABLE
    assert check(checklist, {"pain": "severe"}).outcome is Outcome.DEFER
    assert_invalid("pain", lambda: check(checklist, {"pain": "mild"}))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('outcome = "maybe"\nkind = "bool"', "outcome"),
        ('outcome = "defer"\nkind = "date"', "window"),
        ('outcome = "defer"\nkind = "bool"\nwindow = { days = 3 }', "window"),
        ('outcome = "defer"\nkind = "date"\nwindow = { weeks = 3 }', "window"),
        ('outcome = "defer"\nkind = "yesno"', "kind"),
        ('outcome = "caution"\nkind = "bool"\nzones = "eyes"', "zones"),
    ],
)
def test_malformed_checklist_is_rejected(tmp_path: Path, body: str, field: str) -> None:
    path = write_checklist(
        tmp_path,
        f'[[questions]]\nid = "q"\ngroup = "g"\nquestion = "Q?"\nmessage = "M."\n{body}\n',
    )
    with pytest.raises(InvalidInput) as info:
        load_checklist(path)
    assert info.value.field == field


# --- Properties ------------------------------------------------------------------------------

_CHECKLIST = default_checklist()
_QUESTION_IDS = sorted(_CHECKLIST.questions)
_ZONE_IDS = sorted(reference.zones())


@st.composite
def assessments(draw: st.DrawFn) -> tuple[dict[str, object], PatientFacts, list[str], date]:
    assessed_on = draw(st.dates(min_value=date(2001, 1, 1), max_value=date(2060, 12, 31)))
    answers: dict[str, object] = {}
    for qid in draw(st.lists(st.sampled_from(_QUESTION_IDS), unique=True)):
        question = _CHECKLIST.questions[qid]
        if question.kind is QuestionKind.BOOL:
            answers[qid] = draw(st.booleans())
        elif question.kind is QuestionKind.CHOICE:
            answers[qid] = draw(st.sampled_from([o.id for o in question.options]))
        else:
            days_ago = draw(st.integers(min_value=0, max_value=800))
            answers[qid] = assessed_on - timedelta(days=days_ago)
    dob = draw(st.none() | st.dates(min_value=date(1900, 1, 1), max_value=assessed_on))
    fitzpatrick = draw(st.none() | st.integers(min_value=1, max_value=6))
    zones = draw(st.lists(st.sampled_from(_ZONE_IDS), unique=True, max_size=4))
    return answers, PatientFacts(dob, fitzpatrick), zones, assessed_on


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(assessments(), st.sampled_from(_QUESTION_IDS))
def test_adding_a_fired_rule_never_makes_the_verdict_less_severe(
    assessment: tuple[dict[str, object], PatientFacts, list[str], date], extra: str
) -> None:
    answers, facts, zones, assessed_on = assessment
    before = evaluate(_CHECKLIST, answers, facts, zones, assessed_on)
    more = dict(answers)
    more[extra] = firing_answer(_CHECKLIST, extra, assessed_on)
    after = evaluate(_CHECKLIST, more, facts, zones, assessed_on)
    assume(extra in {r.id for r in after.reasons})  # cold sores fire only with a perioral zone
    assert after.outcome.severity >= before.outcome.severity
    assert after.outcome.severity >= _CHECKLIST.questions[extra].outcome.severity
    assert {r.id for r in before.reasons} <= {r.id for r in after.reasons}
    if before.defer_until is not None:
        assert after.defer_until is not None and after.defer_until >= before.defer_until


@settings(max_examples=300)
@given(assessments())
def test_verdict_properties(
    assessment: tuple[dict[str, object], PatientFacts, list[str], date],
) -> None:
    answers, facts, zones, assessed_on = assessment
    verdict = evaluate(_CHECKLIST, answers, facts, zones, assessed_on)
    if verdict.defer_until is not None:
        assert verdict.defer_until > assessed_on
        assert verdict.outcome.severity >= Outcome.DEFER.severity
    assert verdict.outcome.severity == max((r.outcome.severity for r in verdict.reasons), default=0)
    assert len(verdict.actions) == len(set(verdict.actions))
    assert (verdict.outcome is Outcome.SUITABLE) == (verdict.reasons == ())


@given(assessments())
def test_answers_survive_json(
    assessment: tuple[dict[str, object], PatientFacts, list[str], date],
) -> None:
    answers = parse_answers(_CHECKLIST, assessment[0])
    stored = json.loads(json.dumps(answers_to_json(answers)))
    assert answers_from_json(stored, _CHECKLIST) == answers
