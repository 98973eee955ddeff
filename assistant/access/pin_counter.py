"""One wrong-PIN counter per database, and where it is kept.

Every wrong try for a practitioner (and for the recovery key) adds to the same count, and
every right one starts it again, whatever screen or command the try came through: the
unlock dialog and ``--as`` before the database opens, the lock screen, the sign-in dialog,
leaving patient mode and ``--as`` once it is open. Restarting Chairside, or unlocking
instead of signing in on the lock screen, meets the same count and the same wait.

Where the count is kept depends on the database, and on nothing else:

- **An encrypted SQLite database** counts beside its key file,
  ``chairside.sqlite3.keys.attempts`` (JSON, owner-only): the PIN is what opens the
  database, so the count must be readable before it is open. For each name
  (``practitioner:ID``, ``recovery``): the wrong tries in a row, the time of the last one,
  and the wrong tries made before the database opened that the audit trail has not had yet
  (``assistant.access.pin_attempts.audit_pending`` writes them once it opens; a try made
  while it is open is audited at once).
- **A plain SQLite database or a server** counts in the database (``sign_in_attempt``, one
  row per practitioner): for PostgreSQL shared by several workstations it is the one place
  they all see.

Either way the count is held under a lock from reading the wait to counting the try (the
data folder's ``fcntl.flock`` where the system has it, the row's lock in the transaction), so tries
made in parallel are counted one after the other and none is lost. How long to wait and
what to say are ``assistant.access.auth``'s (``counted``, ``login_wait_seconds``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from assistant.storage.models import SignInAttempt

if TYPE_CHECKING:
    from assistant.storage.db import Database

SUFFIX = ".attempts"
RECOVERY = "recovery"


def attempts_path(key_file: Path) -> Path:
    return key_file.with_name(key_file.name + SUFFIX)


def who(practitioner_id: int) -> str:
    return f"practitioner:{practitioner_id}"


class Count(Protocol):
    """One practitioner's (or the recovery key's) wrong tries in a row, held under lock."""

    @property
    def failures(self) -> int: ...

    @property
    def last(self) -> datetime | None: ...

    def add_failure(self, now: datetime) -> int:
        """Count a wrong try made at ``now``; the wrong tries in a row, this one included."""
        ...

    def reset(self) -> None:
        """A right PIN: the count starts again."""
        ...


# -- beside the key file ---------------------------------------------------------------------


def _at_rest(counters: dict[str, Any]) -> bool:
    """No wrong try counted and nothing left to audit, for anyone."""
    return all(
        isinstance(value, dict)
        and not value.get("failures")
        and not value.get("last")
        and not value.get("unaudited")
        for value in counters.values()
    )


@contextlib.contextmanager
def locked_file(key_file: Path) -> Iterator[dict[str, Any]]:
    """The counters beside ``key_file``, read under an exclusive lock and written back when
    the block ends (also when it raises: a try counted stays counted). The lock is taken on
    the folder, which is always there, so the counter file is created only by a wrong try:
    right ones leave the data folder as it was."""
    path = attempts_path(key_file)
    try:
        # POSIX only: Windows has no fcntl (nor opens a folder as a file)
        import fcntl
    except ImportError:  # Windows: one process at a time in practice
        folder = None
    else:
        folder = os.open(path.parent, os.O_RDONLY)
    try:
        if folder is not None:
            fcntl.flock(folder, fcntl.LOCK_EX)
        raw, existed = b"", True
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            existed = False
        else:
            try:
                while chunk := os.read(descriptor, 65536):
                    raw += chunk
                    if len(raw) > 1_000_000:
                        break
            finally:
                os.close(descriptor)
        try:
            data = json.loads(raw.decode("utf-8")) if raw else {}
        except (ValueError, UnicodeDecodeError):
            data = {}  # damaged: counting starts again
        counters: dict[str, Any] = data if isinstance(data, dict) else {}
        try:
            yield counters
        finally:
            text = json.dumps(counters, indent=1, sort_keys=True).encode("utf-8")
            if (text != raw) if existed else not _at_rest(counters):
                flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                descriptor = os.open(path, flags, 0o600)
                try:
                    os.ftruncate(descriptor, 0)
                    os.write(descriptor, text)
                    os.fsync(descriptor)
                finally:
                    os.close(descriptor)
    finally:
        if folder is not None:
            os.close(folder)


def entry(counters: dict[str, Any], name: str) -> dict[str, Any]:
    """``name``'s counter, repaired if damaged (and put back in ``counters``)."""
    found = counters.get(name)
    if not isinstance(found, dict):
        found = {}
    failures = found.get("failures")
    pending = found.get("unaudited")
    last = found.get("last")
    repaired = {
        "failures": failures if isinstance(failures, int) and failures >= 0 else 0,
        "last": last if isinstance(last, str) else None,
        "unaudited": [p for p in pending if isinstance(p, str)]
        if isinstance(pending, list)
        else [],
    }
    counters[name] = repaired
    return repaired


class FileCount:
    """A count kept beside the key file. ``audited``: the caller writes each wrong try to
    the open database's audit trail itself; otherwise it waits there for ``audit_pending``."""

    def __init__(self, counters: dict[str, Any], name: str, *, audited: bool) -> None:
        self._entry = entry(counters, name)
        self._audited = audited

    @property
    def failures(self) -> int:
        return int(self._entry["failures"])

    @property
    def last(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self._entry["last"]) if self._entry["last"] else None
        except ValueError:
            return None

    def add_failure(self, now: datetime) -> int:
        self._entry["failures"] += 1
        self._entry["last"] = now.isoformat()
        if not self._audited:
            tried_at = now.isoformat(timespec="seconds")
            self._entry["unaudited"] = [*self._entry["unaudited"], tried_at][-1000:]
        return self.failures

    def reset(self) -> None:
        # failures not yet audited are kept until the database opens
        self._entry["failures"] = 0
        self._entry["last"] = None


@contextlib.contextmanager
def beside_key_file(key_file: Path, name: str, *, audited: bool) -> Iterator[FileCount]:
    """``name``'s count beside ``key_file``, locked for the block."""
    with locked_file(key_file) as counters:
        yield FileCount(counters, name, audited=audited)


# -- in the database -------------------------------------------------------------------------


def _write_first(session: Session, practitioner_id: int) -> None:
    """Start the transaction with a write: on SQLite a transaction that has read before it
    writes cannot wait for a parallel one (its snapshot is stale) and fails at once as
    "database is locked"; one that starts by writing waits its turn."""
    session.execute(
        update(SignInAttempt)
        .where(SignInAttempt.practitioner_id == practitioner_id)
        .values(failures=SignInAttempt.failures)
    )


def _read_row(session: Session, practitioner_id: int) -> tuple[int, datetime | None]:
    row = session.execute(
        select(SignInAttempt.failures, SignInAttempt.last_failure_at).where(
            SignInAttempt.practitioner_id == practitioner_id
        )
    ).first()
    return (int(row[0]), row[1]) if row else (0, None)


class DatabaseCount:
    """A count kept in the database's ``sign_in_attempt`` row, locked for the transaction
    (a write lock on SQLite, a row lock on PostgreSQL): a parallel sign-in waits until this
    one's transaction ends."""

    def __init__(self, session: Session, practitioner_id: int) -> None:
        self._session = session
        self._id = practitioner_id
        if session.get_bind().dialect.name == "postgresql":
            # imported here: loading the PostgreSQL dialect costs a workstation on SQLite
            # about 20 ms at every start
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            insert: Any = postgresql_insert
        else:
            insert = sqlite_insert
        session.execute(
            insert(SignInAttempt)
            .values(practitioner_id=practitioner_id, failures=0)
            .on_conflict_do_nothing(index_elements=["practitioner_id"])
        )
        _write_first(session, practitioner_id)
        self.failures, self.last = _read_row(session, practitioner_id)

    def add_failure(self, now: datetime) -> int:
        self._session.execute(
            update(SignInAttempt)
            .where(SignInAttempt.practitioner_id == self._id)
            .values(failures=SignInAttempt.failures + 1, last_failure_at=now)
        )
        self.failures, self.last = _read_row(self._session, self._id)
        return self.failures

    def reset(self) -> None:
        self._session.execute(
            update(SignInAttempt)
            .where(SignInAttempt.practitioner_id == self._id)
            .values(failures=0, last_failure_at=None)
        )
        self.failures, self.last = 0, None


# -- the choice --------------------------------------------------------------------------------


@contextlib.contextmanager
def counting(db: Database, practitioner_id: int) -> Iterator[tuple[Session, Count]]:
    """A transaction on ``db`` and the practitioner's one count, locked together for the
    block (the file's lock first, then the database's, always in that order)."""
    key_file = db.key_file()
    if key_file is None:
        with db.session() as session:
            yield session, DatabaseCount(session, practitioner_id)
        return
    # Tries made while the database is open are audited by the caller, in this transaction.
    with (
        beside_key_file(key_file, who(practitioner_id), audited=True) as count,
        db.session() as session,
    ):
        _write_first(session, practitioner_id)
        yield session, count


def current(db: Database, practitioner_id: int) -> tuple[int, datetime | None]:
    """The practitioner's wrong tries in a row and the time of the last one, read now."""
    key_file = db.key_file()
    if key_file is None:
        with db.session() as session:
            return _read_row(session, practitioner_id)
    if not attempts_path(key_file).exists():
        return 0, None
    with beside_key_file(key_file, who(practitioner_id), audited=True) as count:
        return count.failures, count.last
