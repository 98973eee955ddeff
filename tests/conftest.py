"""Shared fixtures. Nothing here touches the real user data folder: every test gets its own
data folder and SQLite database under ``tmp_path``, and Qt runs offscreen."""

from __future__ import annotations

import os
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


@pytest.fixture
def db(isolated_data_dir: Path) -> Iterator[Database]:
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
