"""``sqlite3`` for tests that read or alter a database file below Chairside (tampering,
damage, checks): the same DB-API as the product's driver, with ``connect`` keyed for a file
encrypted under a key unlocked in this run (the test database's), plain files as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlcipher3.dbapi2 import (  # noqa: F401 - re-exported for the tests
    Connection,
    Cursor,
    DatabaseError,
    Error,
    IntegrityError,
    OperationalError,
    ProgrammingError,
    Row,
)
from sqlcipher3.dbapi2 import connect as _connect

from assistant.access.cipher import apply_key, key_for


class _Connection(Connection):  # type: ignore[misc]
    def iterdump(self) -> Any:
        from sqlite3.dump import _iterdump

        return _iterdump(self)


def connect(database: Any, *args: Any, uri: bool = False, **kwargs: Any) -> Any:
    kwargs.setdefault("factory", _Connection)
    con = _connect(str(database), *args, uri=uri, **kwargs)
    text = str(database)
    path = Path(text.removeprefix("file:").split("?", 1)[0]) if uri else Path(text)
    apply_key(con, key_for(path) if text != ":memory:" else None)
    return con
