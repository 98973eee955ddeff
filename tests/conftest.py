"""Shared fixtures. Nothing here touches the real user data folder: every test gets its own
data folder and SQLite database under ``tmp_path``, its workstation secret in a configuration
folder of the run's own, and Qt runs offscreen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# This workstation's secret (``assistant.access.workstation``) goes to a folder of the run's own,
# never the developer's credential store or configuration folder (child processes too).
os.environ["XDG_CONFIG_HOME"] = __import__("tempfile").mkdtemp(prefix="chairside-config-")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import pytest

from assistant import paths
from assistant.access import keyfile
from assistant.cli.options import RECOVERY_ENV
from assistant.storage.db import Database, init_db
from tests.encryption_support import CHEAP_COSTS, TEST_KEY, TEST_RECOVERY, write_key_file

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from tests.chain_support import SignedRecords

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


@pytest.fixture(autouse=True, scope="session")
def _cheap_pin_hashes() -> Iterator[None]:
    """PINs made in the tests are hashed with argon2's cheapest parameters: the product's
    64 MiB, three-pass hash takes half a second a PIN on a loaded two-core machine and was
    most of the suite's time. A hash carries its parameters, so verifying stays the real
    code path; test_records_auth checks the product's profile itself."""
    from argon2 import PasswordHasher

    from assistant.access import auth

    product, product_wraps = auth._hasher, keyfile.ARGON2_COSTS
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    keyfile.ARGON2_COSTS = CHEAP_COSTS  # the key file's PIN wraps, likewise
    yield
    auth._hasher, keyfile.ARGON2_COSTS = product, product_wraps


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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    """The migrated template with the demo clinic loaded (12 patients, seed 7), built once per
    run: loading it issues a consent PDF per patient, too slow to repeat for every test."""
    from assistant.demo.clinic import load_demo_data

    path, template = _template_from(tmp_path_factory, migrated_template, "demo-template")
    load_demo_data(template, patients=12, seed=7)
    _close_template(template)
    return path


def _replace_file(db: Database, template: Path) -> None:
    """Replace ``db``'s file by a copy of ``template`` while no connection is open; the
    engine reconnects to the copy on first use."""
    path = db.sqlite_path
    assert path is not None
    db.dispose()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, path)
    shutil.copyfile(keyfile.key_file_path(template), keyfile.key_file_path(path))


def _template_from(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path, name: str
) -> tuple[Path, Database]:
    folder = tmp_path_factory.mktemp(name)
    path = folder / "chairside.sqlite3"
    shutil.copyfile(migrated_template, path)
    shutil.copyfile(keyfile.key_file_path(migrated_template), keyfile.key_file_path(path))
    return path, init_db(f"sqlite:///{path}", key=TEST_KEY)


def _close_template(template: Database) -> None:
    with template.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    template.dispose()


@pytest.fixture
def demo_db(db: Database, demo_template: Path) -> Database:
    """``db`` holding the demo clinic."""
    _replace_file(db, demo_template)
    return db


@pytest.fixture(scope="session")
def signed_records_template(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> tuple[Path, SignedRecords]:
    """A database holding ``chain_support.make_signed_records``' clinic, built once per run."""
    from tests.chain_support import make_signed_records

    path, template = _template_from(tmp_path_factory, migrated_template, "signed-template")
    records = make_signed_records(template)
    _close_template(template)
    return path, records


@pytest.fixture
def signed_records(
    db: Database, signed_records_template: tuple[Path, SignedRecords]
) -> SignedRecords:
    """``db`` holding signed, amended and draft records with their audit chain (see
    ``chain_support.make_signed_records``), copied from a template made once per run."""
    path, records = signed_records_template
    _replace_file(db, path)
    return records


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    from ui.app import ChairsideApplication

    return ChairsideApplication


@pytest.fixture
def runner() -> object:
    """Background tasks run inline, so tests are deterministic and join no threads."""
    from ui.tasks import SynchronousRunner

    return SynchronousRunner()


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The interface in Spanish: the core's language and the window's translation."""
    from assistant.text import i18n
    from ui.translations import install_translators

    i18n.use_language("es")
    translators = install_translators(qapp, "es")
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.use_language("en")
