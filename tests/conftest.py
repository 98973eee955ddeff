"""Shared fixtures. Nothing here touches the real user data folder: every test gets its own
data folder and SQLite database under ``tmp_path``, and Qt runs offscreen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from assistant import paths
from assistant.db import Database, init_db


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    monkeypatch.delenv(paths.DATABASE_URL_ENV, raising=False)
    return data


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to the newest schema once per run; tests get a copy of it."""
    folder = tmp_path_factory.mktemp("template")
    template = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}", create=True)
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
    database = init_db(paths.database_url())
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
