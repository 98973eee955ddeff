"""The patient list sorts accented names where a reader expects them: Müller beside Muller,
Łukasz beside Lukasz (not after every plain Z)."""

from __future__ import annotations

from assistant.patients.store import PatientDetails, create_patient, search_patients
from assistant.storage.db import Database


def test_accented_names_sort_beside_their_plain_spelling(db: Database) -> None:
    for first, last in (
        ("Anna", "Muller"),
        ("Ben", "Zimmer"),
        ("Clara", "Müller"),
        ("Dora", "Mylne"),
        ("Łukasz", "Nowak"),
        ("Lukas", "Nowak"),
        ("Ewa", "Łukasiewicz"),
        ("Fay", "Lukas"),
        ("Gus", "Lyon"),
    ):
        create_patient(db, PatientDetails(first, last), actor=None)
    names = [(row.last_name, row.first_name) for row in search_patients(db)]
    assert names == [
        ("Lukas", "Fay"),
        ("Łukasiewicz", "Ewa"),
        ("Lyon", "Gus"),
        ("Muller", "Anna"),
        ("Müller", "Clara"),
        ("Mylne", "Dora"),
        ("Nowak", "Lukas"),
        ("Nowak", "Łukasz"),
        ("Zimmer", "Ben"),
    ]


def test_a_patient_is_found_by_the_name_they_prefer(db: Database) -> None:
    create_patient(
        db, PatientDetails("Nguyễn", "Thị Mai", preferred_name="Mai Nguyen"), actor=None
    )
    create_patient(db, PatientDetails("Anna", "Muller"), actor=None)
    (found,) = search_patients(db, "mai nguy")
    assert found.preferred_name == "Mai Nguyen"
    assert found.display_name == "Mai Nguyen"
