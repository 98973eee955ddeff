"""Revision 2026.2 of the checklist: the new questions and windows, the diabetes choice, the
device's cleared age, sources beside each rule, and assessments of 2026.1 still readable."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.checklist import (
    Outcome,
    PatientFacts,
    checklist_for_version,
    default_checklist,
    evaluate,
    parse_answers,
    unanswered,
)
from assistant.errors import InvalidInput
from assistant.storage.db import Database

# Revision 2026.2 as shipped beside the current one: verdicts it produced keep meaning what
# they meant (tests/test_checklist_2026_3.py covers what changed since).
CHECKLIST = checklist_for_version("2026.2")
FACTS = PatientFacts(date(1990, 5, 1), 2)


def verdict(answers: dict[str, object], on: date, facts: PatientFacts = FACTS):
    return evaluate(CHECKLIST, answers, facts, ["cheeks"], on)


@pytest.mark.parametrize(
    ("question_id", "last", "first_day_allowed"),
    [
        # calendar months, clamped to the end of a shorter month
        ("chemotherapy_last", date(2026, 1, 31), date(2026, 2, 28)),
        ("chemotherapy_last", date(2024, 1, 31), date(2024, 2, 29)),
        ("systemic_steroids_last", date(2026, 3, 31), date(2026, 4, 30)),
        ("surgery_or_wound_in_area_last", date(2026, 8, 31), date(2027, 2, 28)),
        ("surgery_or_wound_in_area_last", date(2026, 2, 28), date(2026, 8, 28)),
        ("isotretinoin_last_dose", date(2026, 8, 31), date(2027, 2, 28)),
        ("radiotherapy_to_area_last", date(2024, 2, 29), date(2025, 2, 28)),
    ],
)
def test_new_windows_end_on_the_calendar_date(
    question_id: str, last: date, first_day_allowed: date
) -> None:
    answers = {question_id: last.isoformat()}
    before = verdict(answers, date.fromordinal(first_day_allowed.toordinal() - 1))
    assert before.outcome is Outcome.DEFER and before.defer_until == first_day_allowed
    assert verdict(answers, first_day_allowed).outcome is Outcome.SUITABLE


@pytest.mark.parametrize(
    ("question_id", "outcome"),
    [
        ("actinic_keratosis_in_area", Outcome.DEFER),
        ("isotretinoin_current", Outcome.DEFER),
        ("topical_anaesthetic_risk", Outcome.CAUTION),
        ("pacemaker_or_heart_condition", Outcome.CAUTION),
        ("bloodborne_infection", Outcome.CAUTION),
        ("photosensitising_medication", Outcome.CAUTION),
        ("pigmentation_history", Outcome.CAUTION),
        ("tattoo_or_pmu_in_area", Outcome.CAUTION),
        ("vascular_lesions_in_area", Outcome.CAUTION),
    ],
)
def test_new_yes_no_questions(question_id: str, outcome: Outcome) -> None:
    fired = verdict({question_id: True}, date(2026, 11, 24))
    assert fired.outcome is outcome and [r.id for r in fired.reasons] == [question_id]
    if outcome is Outcome.DEFER:
        assert fired.defer_until is None  # until resolved
    assert verdict({question_id: False}, date(2026, 11, 24)).outcome is Outcome.SUITABLE


@pytest.mark.parametrize(
    ("answer", "outcome", "actions"),
    [
        ("no", Outcome.SUITABLE, ()),
        ("controlled", Outcome.CAUTION, ("Conservative depth, close follow-up.",)),
        ("uncontrolled", Outcome.DEFER, ()),
    ],
)
def test_diabetes_is_one_choice(answer: str, outcome: Outcome, actions: tuple[str, ...]) -> None:
    result = verdict({"diabetes": answer}, date(2026, 11, 24))
    assert result.outcome is outcome
    assert result.actions == actions
    if outcome is Outcome.DEFER:
        assert result.defer_until is None


def test_diabetes_options_read_as_the_screen_offers_them() -> None:
    labels = [o.label for o in CHECKLIST.questions["diabetes"].options]
    assert labels == ["No diabetes", "Well controlled", "Not well controlled"]


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ({"diabetes_controlled": True}, "controlled"),
        ({"diabetes_uncontrolled": True, "diabetes_controlled": False}, "uncontrolled"),
        ({"diabetes_controlled": False, "diabetes_uncontrolled": False}, "no"),
    ],
)
def test_the_old_diabetes_pair_is_read_as_the_choice(old: dict[str, object], expected: str) -> None:
    assert parse_answers(CHECKLIST, old) == {"diabetes": expected}


def test_both_old_diabetes_answers_yes_is_an_input_error() -> None:
    with pytest.raises(InvalidInput, match="cannot both be yes") as caught:
        verdict({"diabetes_controlled": True, "diabetes_uncontrolled": True}, date(2026, 11, 24))
    assert caught.value.field == "diabetes"


def test_a_new_answer_contradicting_the_old_pair_is_an_input_error() -> None:
    with pytest.raises(InvalidInput, match="contradicts"):
        parse_answers(CHECKLIST, {"diabetes": "no", "diabetes_uncontrolled": True})


def test_isotretinoin_message_cites_the_consensus_papers() -> None:
    result = verdict({"isotretinoin_last_dose": "2026-10-01"}, date(2026, 11, 24))
    message = result.reasons[0].message
    assert "within the last 6 months" in message
    assert "Spring" in message and "Waldman" in message and "too little evidence" in message


def test_the_device_cleared_age_fires_a_caution() -> None:
    facts = PatientFacts(
        date(2005, 6, 1), 2, device_name="SkinPen Precision", device_cleared_age=22
    )
    young = verdict({}, date(2026, 11, 24), facts)
    assert young.outcome is Outcome.CAUTION
    assert [r.id for r in young.reasons] == ["device_cleared_age"]
    assert "SkinPen Precision: 22 and older" in young.reasons[0].message
    assert verdict({}, date(2027, 6, 1), facts).outcome is Outcome.SUITABLE
    no_device_age = PatientFacts(date(2005, 6, 1), 2, device_name="Dermapen 4")
    assert verdict({}, date(2026, 11, 24), no_device_age).outcome is Outcome.SUITABLE


def test_every_rule_lists_its_sources() -> None:
    for question in CHECKLIST.questions.values():
        assert CHECKLIST.rule_sources(question.id), question.id
    for rule in CHECKLIST.fact_rules:
        assert CHECKLIST.rule_sources(rule.id), rule.id
    assert any("JAMA Dermatology" in s for s in CHECKLIST.rule_sources("isotretinoin_last_dose"))


def test_unanswered_lists_the_questions_left_out() -> None:
    missing = unanswered(CHECKLIST, {"smoker": False, "diabetes_controlled": False})
    assert "smoker" not in missing and "diabetes" not in missing
    assert "keloid_history" in missing and len(missing) == len(CHECKLIST.questions) - 2


def test_assessments_of_2026_1_still_display_with_their_own_texts() -> None:
    old = checklist_for_version("2026.1")
    assert old.version == "2026.1"
    assert "diabetes_controlled" in old.questions and "diabetes" not in old.questions
    assert old.questions["cold_sore_history"].actions == (
        "Antiviral prophylaxis as prescribed before treatment.",
    )
    # its stored answers are still understood by the revision that produced them
    assert parse_answers(old, {"diabetes_controlled": True, "smoker": False})
    assert CHECKLIST.version == "2026.2"
    assert checklist_for_version("2026.2+clinic.3").questions.keys() == CHECKLIST.questions.keys()
    assert checklist_for_version("2026.3+clinic.3") is default_checklist()


def test_a_stored_2026_1_assessment_still_displays_with_its_version(db: Database) -> None:
    from assistant.checklist import AssessmentResult
    from assistant.patients.export import export_patient_json
    from assistant.patients.store import PatientDetails, create_patient
    from assistant.sessions import last_assessment_answers, save_assessment

    old = checklist_for_version("2026.1")
    answers = {"diabetes_controlled": True, "cold_sore_history": True}
    on = date(2026, 3, 2)
    old_verdict = evaluate(old, answers, FACTS, ["upper_lip"], on)
    patient = create_patient(db, PatientDetails("Ada", "Lovelace"), None).id
    save_assessment(
        db, patient, AssessmentResult(parse_answers(old, answers), old_verdict, None, on),
        ["upper_lip"], None,
    )  # fmt: skip
    exported = export_patient_json(db, patient)
    (assessment,) = exported["assessments"]
    assert assessment["checklist_version"] == "2026.1"
    messages = [r["message"] for r in assessment["reasons"]]
    assert "Controlled diabetes: slower healing." in messages
    assert "History of cold sores and a perioral zone is treated." in messages
    # the answers stored under 2026.1 ids are offered again as the 2026.2 choice
    previous = last_assessment_answers(db, patient)
    assert previous is not None
    assert parse_answers(CHECKLIST, previous)["diabetes"] == "controlled"
