"""Opening, creating and upgrading the database (``init_db``)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from assistant import paths
from assistant.access import cipher
from assistant.errors import DatabaseUnavailable
from assistant.storage.db import _migrations_config, head_revision, init_db
from assistant.storage.models import Base
from tests import keyed_sqlite as sqlite3


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_in_the_data_folder(isolated_data_dir: Path) -> None:
    db = init_db()
    try:
        assert paths.default_database_path().exists()
        assert paths.default_database_path().parent == isolated_data_dir
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            version = conn.execute(text("select version_num from alembic_version")).scalar()
        assert version == head_revision()
    finally:
        db.dispose()


def test_models_match_the_migrations(tmp_path: Path) -> None:
    db = init_db(f"sqlite:///{tmp_path / 'check.sqlite3'}")
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
    finally:
        db.dispose()


def test_foreign_keys_are_enforced(db: object) -> None:
    from assistant.storage.db import Database

    assert isinstance(db, Database)
    with pytest.raises(DatabaseUnavailable), db.session() as session:
        session.execute(
            text(
                "insert into assessment (patient_id, assessed_on, checklist_version, answers,"
                " zones, outcome, reasons, created_at) values (9999, '2026-01-01', 'x', '{}',"
                " '[]', 'suitable', '[]', '2026-01-01')"
            )
        )


def test_upgrade_from_the_first_revision_keeps_data_and_copies_the_file_first(
    isolated_data_dir: Path,
) -> None:
    path = isolated_data_dir / "old.sqlite3"
    path.parent.mkdir(parents=True)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = _migrations_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "insert into patient (first_name, last_name, date_of_birth, phone, email,"
                " concerns, notes, search_key, created_at, updated_at) values ('Zoë', 'Adams',"
                " '1990-05-01', '', '', '[]', '', 'zoe adams', '2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()

    db = init_db(f"sqlite:///{path}")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("select version_num from alembic_version")).scalar() == (
                head_revision()
            )
            names = conn.execute(text("select first_name, date_of_birth from patient")).all()
            assert names == [("Zoë", "1990-05-01")]
            tables = {r[0] for r in conn.exec_driver_sql("select name from sqlite_master")}
            assert {"treatment_session", "zone_treatment", "assessment"} <= tables
    finally:
        db.dispose()
    copies = list(paths.backup_dir().glob("before-upgrade-0001-*.sqlite3"))
    assert len(copies) == 1
    old = sqlite3.connect(copies[0])
    assert old.execute("select version_num from alembic_version").fetchone() == ("0001",)
    assert old.execute("select first_name from patient").fetchall() == [("Zoë",)]
    old.close()


def test_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    made = init_db(f"sqlite:///{path}")
    made.dispose()
    con = cipher.connect(path, made.key)
    con.execute("update alembic_version set version_num = '9999_future'")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseUnavailable, match="newer version of Chairside"):
        init_db(f"sqlite:///{path}", key=made.key)
    assert _digest(path) == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Dear diary, " * 500)
    before = _digest(path)
    with pytest.raises(DatabaseUnavailable, match="not a Chairside database"):
        init_db(f"sqlite:///{path}")
    assert _digest(path) == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("create table invoices (id integer primary key, total real)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseUnavailable, match="another program"):
        init_db(f"sqlite:///{path}")
    assert _digest(path) == before


def test_a_missing_folder_is_explained_not_created(tmp_path: Path) -> None:
    path = tmp_path / "unplugged-drive" / "chairside.sqlite3"
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        init_db(f"sqlite:///{path}")
    assert not path.parent.exists()


def test_demo_data_is_varied(db: object) -> None:
    from sqlalchemy import func, select

    from assistant.demo.clinic import load_demo_data
    from assistant.storage.db import Database
    from assistant.storage.models import Patient, TreatmentSession

    assert isinstance(db, Database)
    summary = load_demo_data(db, patients=40, seed=3, today=date(2026, 11, 25))
    with db.session() as session:
        assert session.scalar(select(func.count(Patient.id))) == 40
        types = set(session.scalars(select(Patient.fitzpatrick)))
        assert len(types) >= 4
        sessions = session.scalar(select(func.count(TreatmentSession.id)))
        assert sessions == summary.sessions and sessions > 20
        states = set(session.scalars(select(TreatmentSession.state)))
        assert states == {"signed"}


def test_revision_ids_follow_file_names_in_one_line() -> None:
    from alembic.script import ScriptDirectory

    from assistant.storage.db import known_revisions

    script = ScriptDirectory.from_config(_migrations_config())
    assert script.get_heads() == [head_revision()]
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert chain == known_revisions()
