"""The multi-workstation backend: the same schema, migrations and rules on PostgreSQL.

Runs when ``CHAIRSIDE_TEST_POSTGRES_URL`` names a server to use (``.ci/run`` starts a
throwaway one on loopback with ``.ci/postgres.sh``); skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from assistant.errors import ChairsideError, DatabaseUnavailable
from assistant.storage.db import Database, head_revision, init_db
from tests.postgres_support import migrated_database

URL = os.environ.get("CHAIRSIDE_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="CHAIRSIDE_TEST_POSTGRES_URL is not set")


@pytest.fixture
def pg(isolated_data_dir: object) -> Iterator[Database]:
    database = init_db(migrated_database())
    yield database
    database.dispose()


def test_migrations_reach_head_and_match_the_models(pg: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from assistant.storage.models import Base

    with pg.engine.connect() as conn:
        version = conn.execute(text("select version_num from alembic_version")).scalar()
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert version == head_revision()
    assert diff == []


def test_patients_search_and_demo_data(pg: Database) -> None:
    from assistant.demo.clinic import load_demo_data
    from assistant.patients.store import PatientDetails, create_patient, search_patients

    create_patient(pg, PatientDetails("Zoë", "Łukasiewicz", date(1990, 5, 1), "07700 900123"), None)
    assert [r.first_name for r in search_patients(pg, "lukas zoe")] == ["Zoë"]
    assert [r.first_name for r in search_patients(pg, "01/05/1990")] == ["Zoë"]
    assert search_patients(pg, "%") == []
    pg.dispose()
    demo = init_db(migrated_database())  # demo data goes only into an empty database
    try:
        summary = load_demo_data(demo, patients=15, seed=5)
        assert summary.patients == 15
        assert len(search_patients(demo, "", limit=100)) == 15
    finally:
        demo.dispose()


def test_the_list_order_and_word_search_are_the_same_on_postgres(
    pg: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.patients import search as patient_search
    from assistant.patients.store import (
        PatientDetails,
        create_patient,
        find_patients,
        search_patients,
    )

    for first, last in [("Anna", "Muller"), ("Bea", "Müller"), ("Carl", "Mylne"),
                        ("Dora", "Lukasz"), ("Emil", "Łukasz"), ("Finn", "Mazur")]:  # fmt: skip
        create_patient(pg, PatientDetails(first, last, phone="0117 496 0555"), None)
    assert [r.first_name for r in search_patients(pg)] == [
        "Dora", "Emil", "Finn", "Anna", "Bea", "Carl"
    ]  # fmt: skip
    for entries_bound in (20_000, 0):  # read from the terms, or along the list
        monkeypatch.setattr(patient_search, "ENTRIES_BOUND", entries_bound)
        page = find_patients(pg, "mu", 1, count_bound=1)
        assert [r.first_name for r in page.rows] == ["Anna"] and not page.count_exact
        rest = find_patients(pg, "mu", 5, after=page.rows[-1], counted=False)
        assert [r.first_name for r in rest.rows] == ["Bea"]
        assert [r.first_name for r in search_patients(pg, "ŁUK 4960555")] == ["Dora", "Emil"]


def test_audit_rows_cannot_be_changed_in_the_database(pg: Database) -> None:
    from assistant.patients.store import PatientDetails, create_patient

    create_patient(pg, PatientDetails("Anna", "Petrova"), None)
    with pg.engine.connect() as conn:
        before = conn.execute(text("select count(*) from audit_event")).scalar()
    assert before >= 1  # the creation (and its seal)
    for statement in (
        "update audit_event set summary = 'edited'",
        "delete from audit_event",
        "truncate audit_event",
    ):
        with pytest.raises((DBAPIError, ChairsideError)), pg.engine.begin() as conn:
            conn.execute(text(statement))
    with pg.engine.connect() as conn:
        assert conn.execute(text("select count(*) from audit_event")).scalar() == before


def test_a_newer_schema_is_refused(pg: Database) -> None:
    with pg.engine.begin() as conn:
        conn.execute(text("update alembic_version set version_num = '9999'"))
    assert URL
    with pytest.raises(DatabaseUnavailable, match="newer version"):
        init_db(URL)


def test_sessions_sign_amend_recall_and_erasure(pg: Database) -> None:
    from assistant import sessions
    from assistant.patients.erasure import erase_patient, erasure_confirmation
    from assistant.storage.models import Patient
    from tests.consent_support import give_consent
    from tests.sessions_support import complete_draft, make_clinic, make_patient

    c = make_clinic(pg)
    patient = make_patient(pg, "Ελένη", "Παπαδοπούλου")
    session_id = sessions.create_draft(pg, patient, c.practitioner)
    sessions.save_draft(pg, session_id, complete_draft(c), c.practitioner)
    give_consent(pg, patient, c.practitioner, c.device)
    sessions.sign_session(pg, session_id, c.practitioner)
    with pytest.raises((DBAPIError, ChairsideError)), pg.engine.begin() as conn:
        conn.execute(text("update treatment_session set notes = 'changed quietly'"))
    record = sessions.amend_session(
        pg, session_id, "notes", "Mild erythema.", "Corrected a typing error in the notes.", 1
    )
    assert sessions.effective_value(record, "notes") == "Mild erythema."
    assert [row.patient_id for row in sessions.recall(pg, " ha-2604 ")] == [patient]

    erase_patient(pg, patient, c.practitioner, erasure_confirmation(pg, patient))
    with pg.session() as session:
        row = session.get(Patient, patient)
        assert row is not None and row.erased_at is not None
        assert "Ελένη" not in (row.first_name, row.preferred_name)
    assert sessions.get_session(pg, session_id).state == "signed"
