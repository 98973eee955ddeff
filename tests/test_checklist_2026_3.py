"""Revision 2026.3 of the clinical content, fact by fact through the engine, ``check --json``
and ``rules show --json``: isotretinoin's attribution and configurable outcome, the caution
after chemotherapy, the ablative-laser floor, the over-the-counter blood-thinner window, the
zones; stored verdicts keep their version; a clinic value outside a new bound is kept and
flagged, never changed."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant import reference
from assistant.access.auth import create_first_practitioner
from assistant.checklist import (
    Outcome,
    PatientFacts,
    checklist_for_version,
    default_checklist,
    evaluate,
)
from assistant.errors import InvalidInput
from assistant.rules import (
    apply_to_checklist,
    checklist_in_force,
    definition,
    rules_in_force,
    set_rule,
)
from assistant.rules.sheet import rule_sheet_pdf
from assistant.sessions import ZoneEntry, check_zone
from assistant.storage.db import Database
from assistant.storage.models import ClinicRuleChange
from tests.cli_support import cli_main
from tests.test_aftercare_pdf import pdf_text

CHECKLIST = default_checklist()
FACTS = PatientFacts(date(1990, 5, 1), 2)
ON = date(2026, 12, 7)


def verdict(answers: dict[str, object], on: date = ON, checklist=CHECKLIST):  # type: ignore[no-untyped-def]
    return evaluate(checklist, answers, FACTS, ["cheeks"], on)


@pytest.fixture
def lead(db: Database) -> int:
    return create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", "4821").id


def stored_change(db: Database, lead: int, rule_id: str, value: str) -> None:
    """A clinic value as an earlier revision let the clinic store it."""
    with db.session() as session:
        row = ClinicRuleChange(rule_id=rule_id, value=value, reason="2026.2", practitioner_id=lead)
        row.changed_at = datetime(2026, 11, 30)
        session.add(row)


# --- the revision --------------------------------------------------------------------------


def test_the_revision_is_2026_3_and_2026_2_is_kept_for_its_verdicts() -> None:
    assert CHECKLIST.version == "2026.3"
    old = checklist_for_version("2026.2")
    assert old.version == "2026.2"
    assert "Device care sheets say 6 months" in old.question("isotretinoin_last_dose").message
    assert old.question("ablative_laser_or_deep_peel_last").bounds[0].days == 14  # type: ignore[index]


# --- isotretinoin ----------------------------------------------------------------------------


def test_isotretinoin_credits_the_label_and_clinic_sheets_not_the_device() -> None:
    result = verdict({"isotretinoin_last_dose": "2026-10-01"})
    assert result.outcome is Outcome.DEFER and result.defer_until == date(2027, 4, 1)
    message = result.reasons[0].message
    assert "within the last 6 months" in message
    assert "drug's own label" in message and "clinic care sheets" in message
    assert "not from the device instructions" in message and "Device care sheets" not in message
    assert "Spring" in message and "neither studied microneedling by name" in message
    sources = CHECKLIST.rule_sources("isotretinoin_last_dose")
    assert any("prescribing information" in s for s in sources)
    assert not any("SkinPen" in s for s in sources)


def test_isotretinoin_outcome_is_configurable_to_caution_with_clearance(
    db: Database, lead: int
) -> None:
    rule = definition("isotretinoin_last_dose_outcome")
    assert (rule.default, rule.choices) == ("defer", ("defer", "caution"))
    assert definition("isotretinoin_last_dose").kind == "window"  # its window keeps its id
    rules = set_rule(db, "isotretinoin_last_dose_outcome", "caution", "ASDS consensus", lead)
    assert rules.version == "2026.3+clinic.1"
    result = verdict({"isotretinoin_last_dose": "2026-10-01"}, checklist=checklist_in_force(db))
    assert result.outcome is Outcome.CAUTION and result.defer_until is None
    assert result.actions == ("Physician clearance on file.",)
    assert result.checklist_version == "2026.3+clinic.1"
    assert verdict({"isotretinoin_last_dose": "2026-05-01"}).outcome is Outcome.SUITABLE


# --- chemotherapy ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "on", "outcome"),
    [
        (date(2026, 11, 20), ON, Outcome.DEFER),  # within the month's deferral
        (date(2026, 11, 7), ON, Outcome.CAUTION),  # the deferral ended today
        (date(2026, 1, 8), ON, Outcome.CAUTION),  # 12 months from the dose: not yet
        (date(2025, 12, 7), ON, Outcome.SUITABLE),  # 12 months ended today
    ],
)
def test_chemotherapy_keeps_a_caution_for_12_months_after_the_last_dose(
    last: date, on: date, outcome: Outcome
) -> None:
    result = verdict({"chemotherapy_last": last.isoformat()}, on)
    assert result.outcome is outcome
    if outcome is Outcome.CAUTION:
        (reason,) = result.reasons
        assert reason.id == "chemotherapy_last" and reason.until is None
        assert reason.actions == ("Physician clearance on file.",)
        assert "within the last 12 months" in reason.message


def test_chemotherapy_no_longer_cites_a_device_manual() -> None:
    sources = CHECKLIST.rule_sources("chemotherapy_last")
    assert sources and not any("Dermapen" in s for s in sources)
    assert any("current chemotherapy" in s for s in sources)


# --- ablative laser --------------------------------------------------------------------------


def test_ablative_laser_cannot_be_set_below_6_weeks(db: Database, lead: int) -> None:
    assert definition("ablative_laser_or_deep_peel_last").bounds == "6 weeks – 6 months"
    with pytest.raises(InvalidInput, match="6 weeks – 6 months"):
        set_rule(db, "ablative_laser_or_deep_peel_last", "14 days", "shorter", lead)
    set_rule(db, "ablative_laser_or_deep_peel_last", "6 weeks", "shortest allowed", lead)


def test_a_clinic_value_outside_a_new_bound_is_kept_and_flagged(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str]
) -> None:
    stored_change(db, lead, "ablative_laser_or_deep_peel_last", "14 days")  # 2026.2 allowed it
    rules = rules_in_force(db)
    assert rules.value("ablative_laser_or_deep_peel_last") == "14 days"  # never changed
    assert [r.id for r in rules.flagged()] == ["ablative_laser_or_deep_peel_last"]
    in_force = apply_to_checklist(CHECKLIST, rules)
    # the clinic's 14 days are what the verdict uses, not the shipped 3 months
    result = verdict({"ablative_laser_or_deep_peel_last": "2026-11-30"}, checklist=in_force)
    assert result.outcome is Outcome.DEFER and result.defer_until == date(2026, 12, 14)
    assert cli_main(["rules", "show", "--json"]) == 0
    shown = {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert shown["ablative_laser_or_deep_peel_last"]["value"] == "14 days"
    assert shown["ablative_laser_or_deep_peel_last"]["outside_bounds"] is True
    assert shown["isotretinoin_last_dose"]["outside_bounds"] is False
    sheet, _pages = rule_sheet_pdf("Clinic", rules)
    assert "outside the bounds of this revision" in pdf_text(sheet)
    with db.session() as session:  # nothing was written to "correct" it
        assert len(session.scalars(select(ClinicRuleChange)).all()) == 1


def test_a_value_no_revision_allowed_is_still_a_damaged_store(db: Database, lead: int) -> None:
    stored_change(db, lead, "ablative_laser_or_deep_peel_last", "3 days")
    with pytest.raises(InvalidInput, match="damaged"):
        rules_in_force(db)


# --- over-the-counter blood thinners -------------------------------------------------------


def test_the_otc_window_is_configurable_and_the_action_states_it(db: Database, lead: int) -> None:
    assert definition("blood_thinning_otc_last").bounds == "3 days – 14 days"
    result = verdict({"blood_thinning_otc_last": "2026-12-03"})
    assert result.outcome is Outcome.CAUTION
    assert "Advise avoiding them for 7 days before future sessions if their doctor agrees." in (
        result.actions
    )
    set_rule(db, "blood_thinning_otc_last", "10 days", "aspirin takes longer", lead)
    longer = verdict({"blood_thinning_otc_last": "2026-11-28"}, checklist=checklist_in_force(db))
    assert longer.outcome is Outcome.CAUTION
    assert any("for 10 days before future sessions" in a for a in longer.actions)
    assert not any("7 days" in a for a in longer.actions)
    with pytest.raises(InvalidInput, match="3 days – 14 days"):
        set_rule(db, "blood_thinning_otc_last", "2 days", "shorter", lead)


def test_prescribed_aspirin_is_routed_to_the_anticoagulant_question() -> None:
    otc = CHECKLIST.question("blood_thinning_otc_last")
    assert "doctor's advice" in otc.help and "prescribed anticoagulant" in otc.help
    assert "aspirin taken on a doctor's advice" in CHECKLIST.question(
        "anticoagulant_prescribed"
    ).text


# --- zones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "depth", "warned"),
    [
        ("periorbital", 0.3, False),
        ("periorbital", 0.4, True),
        ("periorbital", 0.5, True),
        ("full_face", 0.5, False),
        ("full_face", 1.5, True),
        ("abdomen", 2.0, False),
        ("thighs_buttocks", 2.5, False),
        ("back", 1.5, False),
        ("back", 2.25, True),
    ],
)
def test_zone_warnings_of_2026_3(zone: str, depth: float, warned: bool) -> None:
    warnings = check_zone(ZoneEntry(zone, depth, 2), None, fitzpatrick=2)
    assert ("zone_depth" in [w.code for w in warnings]) is warned


def test_the_full_face_warning_says_to_record_deeper_work_zone_by_zone() -> None:
    (warning,) = check_zone(ZoneEntry("full_face", 1.0, 2), None, fitzpatrick=2)
    assert "above the usual upper bound of 0.5 mm" in warning.message
    assert "record deeper work on the cheeks or scars zone by zone" in warning.message


def test_zone_bands_and_sources() -> None:
    zones = reference.zones()
    assert zones["full_face"].typical_range == "0.25–0.5 mm"
    assert zones["abdomen"].typical_range == zones["thighs_buttocks"].typical_range == "1.5–2.0 mm"
    words = reference.treatment_sources()
    scalp = [words[s] for s in zones["scalp"].sources]
    assert any("English RS" in s for s in scalp) and any("Faghihi" in s for s in scalp)
    assert zones["back"].sources == ("chairside_notes",)
    assert "No citable source" in words["chairside_notes"]
    areas = (zones["back"].area, zones["scalp"].area, zones["neck"].area)
    assert areas == ("body", "scalp", "body")


# --- the command line ----------------------------------------------------------------------


def test_check_json_reports_2026_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({
        "assessed_on": "2026-12-07", "date_of_birth": "1990-05-01", "zones": ["cheeks"],
        "answers": {"chemotherapy_last": "2026-06-01", "blood_thinning_otc_last": "2026-12-05"},
    }), encoding="utf-8")  # fmt: skip
    assert cli_main(["check", str(answers), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rules_version"] == data["checklist_version"] == "2026.3"
    reasons = {r["id"]: r for r in data["reasons"]}
    assert reasons["chemotherapy_last"]["outcome"] == "caution"
    assert reasons["chemotherapy_last"]["actions"] == ["Physician clearance on file."]
    assert "for 7 days" in " ".join(reasons["blood_thinning_otc_last"]["actions"])


def test_rules_show_json_lists_the_new_rules_with_sources(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["rules", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rules_version"] == "2026.3"
    rules = {r["id"]: r for r in data["rules"]}
    assert rules["ablative_laser_or_deep_peel_last"]["bounds"] == "6 weeks – 6 months"
    assert rules["blood_thinning_otc_last"]["default"] == "7 days"
    assert rules["isotretinoin_last_dose_outcome"]["bounds"] == "defer or caution"
    assert any("prescribing information" in s for s in rules["isotretinoin_last_dose"]["sources"])
    assert rules["zone_periorbital_warn_above_mm"]["default"] == "0.3 mm"
    assert rules["zone_full_face_warn_above_mm"]["default"] == "0.5 mm"
    assert rules["zone_back_typical_max_mm"]["default"] == "1.5 mm"
    assert any("Faghihi" in s for s in rules["zone_scalp_warn_above_mm"]["sources"])


def test_the_rule_sheet_shows_the_new_sources_and_the_caution_after_chemotherapy() -> None:
    from assistant.rules import shipped_rules

    text = pdf_text(rule_sheet_pdf("Clinic", shipped_rules())[0])
    assert "prescribing information" in text and "Faghihi" in text
    assert "12 months after the last date" in text


def test_a_stored_2026_2_verdict_keeps_its_version(db: Database) -> None:
    from assistant.checklist import AssessmentResult, parse_answers
    from assistant.patients.export import export_patient_json
    from assistant.patients.store import PatientDetails, create_patient
    from assistant.sessions import save_assessment

    old = checklist_for_version("2026.2")
    answers = {"isotretinoin_last_dose": "2026-10-01"}
    on = date(2026, 12, 1)
    patient = create_patient(db, PatientDetails("Ada", "Lovelace"), None).id
    save_assessment(
        db, patient,
        AssessmentResult(parse_answers(old, answers), evaluate(old, answers, FACTS, [], on),
                         None, on),
        [], None,
    )  # fmt: skip
    (assessment,) = export_patient_json(db, patient)["assessments"]
    assert assessment["checklist_version"] == "2026.2"
    assert "Device care sheets say 6 months" in assessment["reasons"][0]["message"]
