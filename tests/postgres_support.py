"""A fresh PostgreSQL test database per test, without migrating it each time.

The schema is migrated once per worker into a template database; each test gets a copy made
by ``CREATE DATABASE … TEMPLATE`` (a file copy on the server, far faster than running every
migration). ``.ci/postgres.sh`` starts the throwaway server; ``tests/conftest.py`` gives each
pytest-xdist worker a database of its own, whose URL is in ``CHAIRSIDE_TEST_POSTGRES_URL``."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, make_url, text

POSTGRES_URL_ENV = "CHAIRSIDE_TEST_POSTGRES_URL"

_template_ready: set[str] = set()


def _url() -> str:
    url = os.environ.get(POSTGRES_URL_ENV)
    assert url, f"{POSTGRES_URL_ENV} is not set"
    return url


def _on_server(*statements: str) -> None:
    """Run statements that may not run inside a database (CREATE/DROP DATABASE)."""
    engine = create_engine(make_url(_url()).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def empty_schema() -> None:
    """The test database with nothing in it, for tests that run the migrations themselves."""
    engine = create_engine(_url())
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def migrated_database() -> str:
    """Replace the test database by a copy of the migrated template; returns its URL."""
    from assistant.storage.db import init_db

    url = make_url(_url())
    name, template = url.database, f"{url.database}_template"
    if template not in _template_ready:
        _on_server(
            f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)', f'CREATE DATABASE "{template}"'
        )
        init_db(url.set(database=template).render_as_string(hide_password=False)).dispose()
        _template_ready.add(template)
    _on_server(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
    )
    return _url()
