"""The sign-in throttle is one counter per database, taken under a lock (beside the key
file of an encrypted database, in a plain one or on a server in the database itself):
wrong PINs tried in parallel (from several workstations) are counted one after the other,
and once the free tries are used up the others must wait, however many arrive at once."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import select

from assistant import paths
from assistant.access import auth, pin_counter
from assistant.access.auth import LoginRefused, set_pin, verify_login
from assistant.clinic.store import save_practitioner
from assistant.storage.db import Database, init_db
from assistant.storage.models import AuditEvent, SignInAttempt
from tests.postgres_support import migrated_database

PG_URL = os.environ.get("CHAIRSIDE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    "plain sqlite",
    pytest.param(
        "postgresql", marks=pytest.mark.skipif(not PG_URL, reason="no PostgreSQL test server")
    ),
]
NOW = datetime(2026, 11, 25, 9, 0)
TRIES = 8


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, isolated_data_dir: object) -> str:
    if request.param == "postgresql":
        return migrated_database()
    if request.param == "plain sqlite":
        init_db(paths.database_url(), encrypt=False).dispose()
    return paths.database_url()


@pytest.fixture
def workstations(url: str) -> Iterator[list[Database]]:
    first = init_db(url)
    databases = [first] + [init_db(url, key=first.key) for _ in range(TRIES - 1)]
    yield databases
    for database in databases:
        database.dispose()


def _wrong_pins_at_once(databases: list[Database], practitioner: int) -> list[str]:
    barrier = threading.Barrier(len(databases))
    outcomes: list[str] = []

    def attempt(db: Database) -> None:
        barrier.wait()
        try:
            verify_login(db, practitioner, "0000", clock=lambda: NOW)
            outcomes.append("signed in")
        except LoginRefused as refused:
            outcomes.append("wait" if refused.reason == "" else "wrong")

    threads = [threading.Thread(target=attempt, args=(db,)) for db in databases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes


def _counted(db: Database, practitioner: int) -> tuple[int, int]:
    failures = pin_counter.current(db, practitioner)[0]
    with db.session() as session:
        in_database = session.scalar(
            select(SignInAttempt.failures).where(SignInAttempt.practitioner_id == practitioner)
        )
        # one counter: an encrypted database's is beside its key file, none in the database
        assert in_database in (None, 0) if db.key_file() else in_database == failures
        audited = len(
            session.scalars(select(AuditEvent.id).where(AuditEvent.action == "login_failed")).all()
        )
    return int(failures or 0), audited


def test_parallel_wrong_pins_share_one_counter(workstations: list[Database]) -> None:
    first = workstations[0]
    naomi = save_practitioner(first, "Naomi Clarke", "").id
    set_pin(first, naomi, "4826", None)
    outcomes = _wrong_pins_at_once(workstations, naomi)
    # Only the free tries are checked; every other try, however close, is told to wait.
    assert outcomes.count("wrong") == auth.FREE_ATTEMPTS, outcomes
    assert outcomes.count("wait") == TRIES - auth.FREE_ATTEMPTS
    assert _counted(first, naomi) == (auth.FREE_ATTEMPTS, auth.FREE_ATTEMPTS)
    assert auth.seconds_until_next_try(first, naomi, clock=lambda: NOW) == 1


def test_every_parallel_wrong_pin_is_counted(
    workstations: list[Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "login_wait_seconds", lambda failures: 0)
    first = workstations[0]
    naomi = save_practitioner(first, "Naomi Clarke", "").id
    set_pin(first, naomi, "4826", None)
    outcomes = _wrong_pins_at_once(workstations, naomi)
    assert outcomes == ["wrong"] * TRIES
    assert _counted(first, naomi) == (TRIES, TRIES)
    verify_login(first, naomi, "4826", clock=lambda: NOW)
    assert _counted(first, naomi)[0] == 0
