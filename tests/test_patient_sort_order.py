"""The patient list sorts accented names where a reader expects them: Müller beside Muller,
Łukasz beside Lukasz (not after every plain Z)."""

from __future__ import annotations

import pytest

from assistant.db import Database
from assistant.patients import PatientDetails, create_patient, search_patients


# The accent-aware sort key arrives with the patient list's speed work; once both are in,
# drop this mark (strict: it then must pass).
@pytest.mark.xfail(reason="needs the accent-aware sort key of the patient list", strict=False)
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
