"""The audit chain and the signed-record triggers on the real PostgreSQL server: two
workstations appending at once keep one line, inserts into a signed session and TRUNCATE are
refused, and every column of every protected table is refused on a signed row.

Runs when ``CHAIRSIDE_TEST_POSTGRES_URL`` names a server (``. .ci/postgres.sh``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from assistant.audit import trail as audit
from assistant.audit.chain import verify
from assistant.errors import ChairsideError
from assistant.storage.db import Database, init_db
from tests.chain_support import SignedRecords, make_signed_records
from tests.postgres_support import empty_schema, migrated_database
from tests.test_postgres import URL

pytestmark = pytest.mark.skipif(not URL, reason="CHAIRSIDE_TEST_POSTGRES_URL is not set")
WRITABLE_WHEN_SIGNED = {"aftercare_printed_at", "updated_at"}


@pytest.fixture
def pg(isolated_data_dir: object) -> Iterator[Database]:
    database = init_db(migrated_database())
    yield database
    database.dispose()


@pytest.fixture
def records(pg: Database) -> SignedRecords:
    return make_signed_records(pg)


def test_two_workstations_appending_at_once_keep_one_line(pg: Database) -> None:
    assert URL
    workstations = [init_db(URL) for _ in range(2)]
    errors: list[BaseException] = []

    def append(db: Database, name: str) -> None:
        try:
            for _ in range(60):
                with db.session() as session:
                    audit.record(session, "login", "practitioner", None, actor=None, summary=name)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [
        threading.Thread(target=append, args=(db, f"desk {n}")) for n, db in enumerate(workstations)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for db in workstations:
        db.dispose()
    assert errors == []
    with pg.engine.connect() as conn:
        result = verify(conn)
    assert result.intact, result.problem
    assert result.entries == 120


def test_the_chain_seals_signed_sessions_and_amendments(
    pg: Database, records: SignedRecords
) -> None:
    with pg.engine.connect() as conn:
        result = verify(conn)
    assert result.intact, result.problem
    assert (result.sessions, result.amendments) == (2, 2)
    with pg.engine.begin() as conn:
        conn.execute(text("ALTER TABLE zone_treatment DISABLE TRIGGER USER"))
        conn.execute(text(f"UPDATE zone_treatment SET depth_mm = 2.9 WHERE session_id = "
                          f"{records.signed}"))  # fmt: skip
        conn.execute(text("ALTER TABLE zone_treatment ENABLE TRIGGER USER"))
    with pg.engine.connect() as conn:
        assert f"signed session {records.signed} does not match" in verify(conn).problem


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO zone_treatment (session_id, position, zone, depth_mm, passes, speed, "
        "endpoint, notes) VALUES ({signed}, 9, 'neck', 0.5, 2, '8', 'erythema', '')",
        "INSERT INTO product_use (session_id, position, product_name, kind, lot_number) "
        "VALUES ({signed}, 9, 'Serum', 'serum', 'X-1')",
        "INSERT INTO zone_treatment SELECT * FROM zone_treatment WHERE session_id = {signed} "
        "ON CONFLICT (id) DO UPDATE SET depth_mm = 2.9",
        "TRUNCATE zone_treatment",
        "TRUNCATE product_use",
        "TRUNCATE amendment",
        "TRUNCATE treatment_session CASCADE",
    ],
)
def test_adding_to_or_emptying_signed_records_is_refused(
    pg: Database, records: SignedRecords, statement: str
) -> None:
    with pytest.raises((DBAPIError, ChairsideError)), pg.engine.begin() as conn:
        conn.execute(text(statement.format(signed=records.signed)))


def test_every_column_of_every_protected_table_is_refused_on_a_signed_row(
    pg: Database, records: SignedRecords
) -> None:
    protected = {
        "treatment_session": f"id = {records.signed}",
        "zone_treatment": f"session_id = {records.signed}",
        "product_use": f"session_id = {records.signed}",
        "amendment": f"session_id = {records.signed}",
        "audit_event": "id = 2",
    }
    assert URL
    engine = create_engine(URL)
    tried = 0
    try:
        for table, where in protected.items():
            with engine.connect() as conn:
                columns = conn.execute(
                    text(
                        "SELECT column_name, data_type FROM information_schema.columns "
                        "WHERE table_schema = 'public' AND table_name = :t"
                    ),
                    {"t": table},
                ).all()
            for column, kind in columns:
                if table == "treatment_session" and column in WRITABLE_WHEN_SIGNED:
                    continue
                new = {
                    "integer": f"COALESCE({column}, 0) + 1000",
                    "double precision": f"COALESCE({column}, 0) + 1",
                    "boolean": f"NOT COALESCE({column}, false)",
                    "date": f"COALESCE({column}, DATE '2000-01-01') + 1",
                    "timestamp without time zone": f"COALESCE({column}, now()) + interval '1 day'",
                    "json": "'[1]'::json",
                }.get(kind, f"'x' || LEFT(COALESCE({column}, ''), 5)")
                statement = text(f"UPDATE {table} SET {column} = {new} WHERE {where}")
                with (
                    engine.connect() as conn,
                    pytest.raises(DBAPIError, match="read-only|append-only"),
                ):
                    conn.execute(statement)
                tried += 1
    finally:
        engine.dispose()
    assert tried > 50


def test_an_older_database_gets_its_chain_from_the_migration(isolated_data_dir: object) -> None:
    from alembic import command
    from alembic.config import Config

    from assistant.storage.db import MIGRATIONS

    empty_schema()
    assert URL
    engine = create_engine(URL)

    def migrate(revision: str) -> None:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            command.upgrade(config, revision)

    migrate("0005")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO patient (id, first_name, last_name, phone, email, concerns, notes, "
            "search_key, created_at, updated_at) VALUES (1, 'Old', 'Record', '', '', '[]', '', "
            "'old record', now(), now());"
            "INSERT INTO treatment_session (id, patient_id, state, treated_at, consent_on_file, "
            "photos_taken, cartridge_needles, cartridge_lot, anaesthetic_product, "
            "anaesthetic_strength, reactions, adverse_events, post_care, notes, warnings, "
            "created_at, updated_at) VALUES (1, 1, 'draft', '2025-01-03 10:00', true, false, "
            "'', '', '', '', '', '', '', '', '[]', now(), now());"
            "INSERT INTO zone_treatment (session_id, position, zone, depth_mm, passes, speed, "
            "endpoint, notes) VALUES (1, 0, 'cheeks', 1.0, 2, '8', 'erythema', '');"
            "UPDATE treatment_session SET state = 'signed', signed_at = now() WHERE id = 1;"
            "INSERT INTO audit_event (at, workstation, action, entity, entity_id, patient_id, "
            "summary, changes) VALUES ('2025-01-03 10:00', 'desk', 'create', 'patient', 1, 1, "
            "'Created patient record 1', '{}');"
        ))  # fmt: skip
    migrate("head")
    with engine.connect() as conn:
        result = verify(conn)
    engine.dispose()
    assert result.intact, result.problem
    # the old entry, the demo-like session's seal, and the entry by which the upgrade to
    # 0020 vouches once for the records as found
    assert (result.entries, result.sessions) == (3, 1)


def test_audit_verify_on_the_server(
    pg: Database,
    records: SignedRecords,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from assistant import paths
    from tests.chain_support import cli

    assert URL
    monkeypatch.setenv(paths.DATABASE_URL_ENV, URL)
    status, out, _ = cli(capsys, "audit", "--verify")
    assert status == 0 and "2 signed sessions and 2 amendments" in out
    with pg.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        conn.execute(text("UPDATE audit_event SET workstation = 'elsewhere' WHERE id = 6"))
        conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))
    status, out, _ = cli(capsys, "audit", "--verify")
    assert (status, out) == (1, "Audit chain broken: entry 6 does not match its hash or the "
                                "entry before it.\n")  # fmt: skip
