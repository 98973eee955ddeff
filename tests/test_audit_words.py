"""The audit trail's entries in plain words (no Qt needed)."""

from __future__ import annotations

from assistant.audit.words import entity_words, plain_summary


def test_record_kinds_are_words() -> None:
    assert entity_words("treatment_session") == "Treatment session"
    assert entity_words("assessment") == "Suitability checklist"
    assert entity_words("something_new") == "Something new"


def test_the_summary_names_the_patient_and_the_fields() -> None:
    assert (
        plain_summary("Changed date_of_birth, fitzpatrick of patient 12", 12, "Nguyễn Lan")
        == "Changed date of birth, Fitzpatrick type of Nguyễn Lan"
    )
    assert plain_summary("Created patient record 12", 12, "Ana Silva") == (
        "Created patient record 12"
    )
    assert plain_summary("Exported the record of patient 7 as PDF", 7, "Ana Silva") == (
        "Exported the record of Ana Silva as PDF"
    )
    # another patient's id, or an erased patient (no name), stays as it was
    assert plain_summary("Changed notes of patient 3", 12, "Ana") == "Changed notes of patient 3"
    assert plain_summary("Changed notes of patient 3", 3, "") == "Changed notes of patient 3"
