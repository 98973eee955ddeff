"""Shared fixtures. Nothing here touches the real user data folder: every test gets its own
data folder and SQLite database under ``tmp_path``, and Qt runs offscreen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from assistant import keyfile, paths
from assistant.cli.unlock import RECOVERY_ENV
from assistant.db import Database, init_db
from tests.encryption_support import CHEAP_COSTS, TEST_KEY, TEST_RECOVERY, write_key_file

POSTGRES_URL_ENV = "CHAIRSIDE_TEST_POSTGRES_URL"


def _own_postgres_database_per_worker() -> None:
    """With pytest-xdist each worker gets its own database on the test server (``chairside_test``
    becomes ``chairside_test_gw0``…), created empty, so the PostgreSQL tests of two workers
    never drop or lock each other's tables. Runs before the test modules read the URL."""
    url, worker = os.environ.get(POSTGRES_URL_ENV), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return
    from sqlalchemy import create_engine, make_url, text

    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    os.environ[POSTGRES_URL_ENV] = base.set(database=name).render_as_string(hide_password=False)


_own_postgres_database_per_worker()


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    monkeypatch.delenv(paths.DATABASE_URL_ENV, raising=False)
    monkeypatch.setattr(keyfile, "ARGON2_COSTS", CHEAP_COSTS)
    monkeypatch.setattr(keyfile, "new_recovery_code", lambda: TEST_RECOVERY)
    monkeypatch.setenv(RECOVERY_ENV, TEST_RECOVERY)
    return data


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted database (the product's default) migrated to the newest schema once per
    run, with its key file; tests get a copy of both."""
    folder = tmp_path_factory.mktemp("template")
    template = init_db(
        f"sqlite:///{folder / 'chairside.sqlite3'}", create=True, key=TEST_KEY
    )
    write_key_file(folder / "chairside.sqlite3")
    assert template.sqlite_path is not None
    with template.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    template.dispose()
    return folder / "chairside.sqlite3"


@pytest.fixture
def db(isolated_data_dir: Path, migrated_template: Path) -> Iterator[Database]:
    """The test's own database in its data folder: a copy of the migrated template (opening
    it checks the schema revision and finds nothing to upgrade)."""
    target = paths.default_database_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_template, target)
    shutil.copyfile(keyfile.key_file_path(migrated_template), keyfile.key_file_path(target))
    database = init_db(paths.database_url(), key=TEST_KEY)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from assistant.demo import load_demo_data

    load_demo_data(db, patients=12, seed=7)
    return db


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    from ui.app import ChairsideApplication

    return ChairsideApplication


@pytest.fixture
def runner() -> object:
    """Background tasks run inline, so tests are deterministic and join no threads."""
    from ui.tasks import SynchronousRunner

    return SynchronousRunner()
