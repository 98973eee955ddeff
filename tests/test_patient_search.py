"""The patient list's accent-aware order and the search an index serves: the sort key, the
terms a patient is found by, paging after the last row, the bounded count, and the terms
kept in step with edits, erasure and the upgrade of an older database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from assistant.patients import search as patient_search
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.search import fold, search_terms, sort_key
from assistant.patients.store import (
    PatientDetails,
    count_patients,
    create_patient,
    find_patients,
    search_patients,
    update_patient,
)
from assistant.storage.db import Database, _migrations_config, init_db
from assistant.storage.models import PatientSearchTerm


@pytest.mark.parametrize(
    ("accented", "plain"),
    [("Müller", "Muller"), ("Łukasz", "Lukasz"), ("Øyvind", "Oyvind"), ("Đorđe", "Dorde"),
     ("Straße", "Strasse"), ("Æsa", "Aesa"), ("ZOË", "zoe")],
)  # fmt: skip
def test_accents_and_case_fold_away(accented: str, plain: str) -> None:
    assert fold(accented) == fold(plain)
    assert sort_key("Anna", accented) == sort_key("anna", plain)


def test_the_sort_key_is_family_name_then_given_name() -> None:
    keys = [
        sort_key("Zoe", "Lee"),
        sort_key("Anna", "Leeds"),
        sort_key("Bob", "Lee"),
        sort_key("Amy", "O'Brien"),
        sort_key("Amy", "Oakes"),
    ]
    assert sorted(keys) == [
        sort_key("Bob", "Lee"),
        sort_key("Zoe", "Lee"),
        sort_key("Anna", "Leeds"),
        sort_key("Amy", "Oakes"),
        sort_key("Amy", "O'Brien"),
    ]


def test_the_terms_hold_words_phone_endings_birth_date_and_email() -> None:
    terms = search_terms("Zoë Ann", "Smith-Jones", "+44 117 496", date(1990, 5, 1), "z@x.org")
    assert {"zoe", "ann", "smith-jones", "smith", "jones", "1990-05-01"} <= terms
    assert {"44117496", "117496", "496"} <= terms and "96" not in terms
    assert {"z@x.org", "z", "x", "org"} <= terms


def test_the_list_is_in_accent_aware_order(db: Database) -> None:
    for first, last in [("Anna", "Muller"), ("Bea", "Müller"), ("Carl", "Mylne"),
                        ("Dora", "Lukasz"), ("Emil", "Łukasz"), ("Finn", "Mazur")]:  # fmt: skip
        create_patient(db, PatientDetails(first, last), None)
    names = [r.first_name for r in search_patients(db)]
    assert names == ["Dora", "Emil", "Finn", "Anna", "Bea", "Carl"]


def test_a_typed_word_matches_the_beginning_of_a_name_any_accent(db: Database) -> None:
    create_patient(db, PatientDetails("Zoë", "Łukasiewicz", phone="0117 496 0555"), None)
    create_patient(db, PatientDetails("Adam", "Smith-Jones"), None)
    assert [r.first_name for r in search_patients(db, "ŁUKA")] == ["Zoë"]
    assert [r.first_name for r in search_patients(db, "jones")] == ["Adam"]
    assert [r.first_name for r in search_patients(db, "0555")] == ["Zoë"]
    assert [r.first_name for r in search_patients(db, "zo luk 0117")] == ["Zoë"]
    assert search_patients(db, "zoe smith") == []


def test_edits_and_erasure_keep_the_terms_in_step(db: Database) -> None:
    record = create_patient(db, PatientDetails("Olga", "Petrova", phone="07700 900111"), None)
    update_patient(db, record.id, PatientDetails("Olga", "Ivanova"), None)
    assert search_patients(db, "petrova") == [] and search_patients(db, "900111") == []
    assert [r.id for r in search_patients(db, "ivan")] == [record.id]
    erase_patient(db, record.id, None, erasure_confirmation(db, record.id))
    assert search_patients(db, "olga") == []
    with db.session() as session:
        left = session.scalars(
            select(PatientSearchTerm).where(PatientSearchTerm.patient_id == record.id)
        ).all()
        key = session.execute(
            text("select sort_key from patient where id = :id"), {"id": record.id}
        ).scalar()
    assert left == []
    assert "olga" not in key and "ivanova" not in key  # the tombstone's key only


@pytest.mark.parametrize("entries_bound", [20_000, 0])  # read from the terms, or along the list
def test_pages_follow_the_last_row_and_the_count_stops_at_the_bound(
    db: Database, monkeypatch: pytest.MonkeyPatch, entries_bound: int
) -> None:
    monkeypatch.setattr(patient_search, "ENTRIES_BOUND", entries_bound)
    for number in range(12):
        create_patient(db, PatientDetails(f"Nina{number:02d}", "Novak"), None)
    create_patient(db, PatientDetails("Other", "Person"), None)
    first = find_patients(db, "nov", 5, count_bound=8)
    assert (len(first.rows), first.more, first.count, first.count_exact) == (5, True, 8, False)
    rest = find_patients(db, "nov", 100, after=first.rows[-1], counted=False)
    assert [r.first_name for r in (*first.rows, *rest.rows)] == [
        f"Nina{n:02d}" for n in range(12)
    ]
    assert not rest.more
    # Both ways of reading a word: more patients than the bound, or fewer.
    small = find_patients(db, "nina03", 10, count_bound=8)
    assert ([r.first_name for r in small.rows], small.count, small.count_exact) == (
        ["Nina03"], 1, True
    )
    both = find_patients(db, "novak nina1", 10, count_bound=8)
    assert [r.first_name for r in both.rows] == ["Nina10", "Nina11"] and both.count == 2
    assert count_patients(db, "novak") == 12 and count_patients(db, "", at_most=5) == 6
    assert find_patients(db, "nov pers", 10, count_bound=8).rows == []
    assert [r.first_name for r in find_patients(db, "nov nina0", 3, offset=2).rows] == [
        "Nina02", "Nina03", "Nina04"
    ]  # fmt: skip


def upgraded_from(tmp_path: Path, revision: str, *statements: str) -> Database:
    """A plain database made at ``revision`` holding the rows ``statements`` insert, then
    opened (and so upgraded) by the application."""
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = _migrations_config()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()
    return init_db(f"sqlite:///{path}", backup_before_migrate=False)


def test_the_upgrade_computes_keys_and_terms_for_stored_patients(tmp_path: Path) -> None:
    db = upgraded_from(
        tmp_path,
        "0010",
        "insert into patient (first_name, last_name, date_of_birth, phone, email, concerns,"
        " notes, search_key, created_at, updated_at, erased_at) values"
        " ('Zoë', 'Müller', '1990-05-01', '0117 496 0555', '', '[]', '', '',"
        " '2026-01-01', '2026-01-01', NULL),"
        " ('Erased', '', NULL, '', '', '[]', '', '', '2026-01-01', '2026-01-01',"
        " '2026-02-01')",
    )
    try:
        with db.session() as session:
            key = session.execute(text("select sort_key from patient where id = 1")).scalar()
            erased = session.scalars(
                select(PatientSearchTerm.term).where(PatientSearchTerm.patient_id == 2)
            ).all()
        assert key == sort_key("Zoe", "Muller") and erased == []
        assert [r.first_name for r in search_patients(db, "muller 01/05/1990")] == ["Zoë"]
        assert [r.first_name for r in search_patients(db, "4960555")] == ["Zoë"]
    finally:
        db.dispose()


def test_the_list_reads_along_the_sort_index(db: Database) -> None:
    """The list's query is served by the index on the sort key: no sort of every row."""
    with db.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM patient WHERE erased_at IS NULL "
                "ORDER BY sort_key, id LIMIT 101"
            )
        )
    assert "ix_patient_sort_key" in plan and "TEMP B-TREE" not in plan
    assert patient_search.COUNT_BOUND >= 100


def test_the_list_says_more_than_the_bound_and_fetches_to_the_end(
    qtbot: object, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.patients.list_model import PatientListModel
    from ui.patients.listing import PatientList

    monkeypatch.setattr(PatientListModel, "BATCH", 4)
    monkeypatch.setattr(PatientListModel, "COUNT_BOUND", 6)
    for number in range(9):
        create_patient(db, PatientDetails(f"Nina{number}", "Novak"), None)
    create_patient(db, PatientDetails("Ola", "Nowak"), None)
    widget = PatientList(db)
    assert widget.count_label.text() == "Patients: more than 6"
    widget.search.setText("nowak")
    widget.apply_search()
    assert widget.count_label.text() == "Patients found: 1"
    widget.search.setText("novak")
    widget.apply_search()
    assert widget.count_label.text() == "Patients found: more than 6"
    model = widget.model
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 9 and (model.total, model.total_exact) == (9, True)
    assert model.data(model.index(8, 0)) == "Nina8 Novak"  # the name as the patient writes it


def test_demo_patients_are_found_by_their_names_and_listed_in_order(demo_db: Database) -> None:
    from assistant.patients.store import search_patients

    rows = search_patients(demo_db, limit=100)
    assert rows and [r.sort_key for r in rows] == sorted(r.sort_key for r in rows)
    for row in rows:
        found = search_patients(demo_db, f"{row.first_name} {row.last_name}")
        assert row.id in [r.id for r in found], row.display_name


def test_every_first_character_is_a_term_of_its_own() -> None:
    terms = search_terms("Zoë", "Nguyen", "0117 496", None, "z@x.org")
    assert {"z", "n", "0", "1", "4", "7"} <= terms
    assert "9" not in terms and "6" not in terms  # "96" is too short to be a phone ending
    longer = {t for t in terms if len(t) > 1}
    assert {t for t in terms if len(t) == 1} == {t[0] for t in longer} | {"z", "x"}


@pytest.mark.parametrize("entries_bound", [20_000, 0])
def test_one_typed_letter_is_read_from_its_own_term_in_list_order(
    db: Database, monkeypatch: pytest.MonkeyPatch, entries_bound: int
) -> None:
    """A letter that begins more patients' terms than the bound is read as the exact
    one-character term, in list order, paged after the last row, with "more than" the
    bound; the same as reading it as a range, which older terms relied on."""
    monkeypatch.setattr(patient_search, "ENTRIES_BOUND", entries_bound)
    for number in range(7):
        create_patient(db, PatientDetails(f"Nina{number}", f"Zed{6 - number}"), None)
    create_patient(db, PatientDetails("Anna", "Nowak", email="nowak@x.org"), None)
    create_patient(db, PatientDetails("Bob", "Brown"), None)
    first = find_patients(db, "N", 3, count_bound=4)
    assert [r.first_name for r in first.rows] == ["Anna", "Nina6", "Nina5"]
    assert (first.more, first.count, first.count_exact) == (True, 4, False)
    rest = find_patients(db, "n", 100, after=first.rows[-1], counted=False)
    assert [r.first_name for r in rest.rows] == ["Nina4", "Nina3", "Nina2", "Nina1", "Nina0"]
    both = find_patients(db, "n zed3", 10, count_bound=4)
    assert [r.first_name for r in both.rows] == ["Nina3"] and both.count == 1
    assert find_patients(db, "q", 10).rows == []


def test_the_one_letter_query_walks_the_term_index_without_sorting(db: Database) -> None:
    with db.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT DISTINCT sort_key, patient_id FROM "
                "patient_search_term WHERE term = 'n' ORDER BY sort_key, patient_id LIMIT 101"
            )
        )
    assert "ix_patient_search_term_term" in plan and "TEMP B-TREE" not in plan


def test_the_upgrade_adds_first_characters_to_stored_terms(tmp_path: Path) -> None:
    db = upgraded_from(
        tmp_path,
        "0013",
        "insert into patient (id, first_name, last_name, phone, email, concerns, notes,"
        " search_key, sort_key, created_at, updated_at) values"
        " (1, 'Nina', 'Zed', '', '', '[]', '', '', 'zed\x1fnina', '2026-01-01', '2026-01-01')",
        "insert into patient_search_term (patient_id, term, sort_key) values"
        " (1, 'nina', 'zed\x1fnina'), (1, 'zed', 'zed\x1fnina'), (1, 'z', 'zed\x1fnina')",
    )
    try:
        with db.session() as session:
            terms = set(
                session.scalars(
                    select(PatientSearchTerm.term).where(PatientSearchTerm.patient_id == 1)
                )
            )
        assert terms == {"nina", "zed", "n", "z"}
        assert [r.first_name for r in find_patients(db, "n", 10).rows] == ["Nina"]
    finally:
        db.dispose()
