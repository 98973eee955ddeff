"""Watching an operation's writes: ``perform`` and ``changes_made`` (see the package).

The writes are seen through SQLAlchemy's engine events (every ORM flush and Core statement
passes through them) and only while an operation is being performed on this thread; a
transaction rolled back reports nothing. Importing this module registers the events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.sql.dml import UpdateBase

from assistant.operations.changes import OpChanges

T = TypeVar("T")


@dataclass(frozen=True)
class OpResult(Generic[T]):
    value: T
    changes: OpChanges


@dataclass
class _Writes:
    pending: dict[int, set[str]] = field(default_factory=dict)  # by connection
    committed: set[str] = field(default_factory=set)


_current: ContextVar[_Writes | None] = ContextVar("chairside_operation_writes", default=None)


def _before_execute(conn: Connection, statement: Any, *_args: Any) -> None:
    writes = _current.get()
    if writes is not None and isinstance(statement, UpdateBase):
        table = getattr(statement, "table", None)
        name = getattr(table, "name", None)
        if name:
            writes.pending.setdefault(id(conn), set()).add(str(name))


def _commit(conn: Connection) -> None:
    writes = _current.get()
    if writes is not None:
        writes.committed |= writes.pending.pop(id(conn), set())


def _rollback(conn: Connection) -> None:
    writes = _current.get()
    if writes is not None:
        writes.pending.pop(id(conn), None)


# Every engine, this one's and any opened later; the listeners do nothing outside perform().
for _name, _listener in (
    ("before_execute", _before_execute),
    ("commit", _commit),
    ("rollback", _rollback),
):
    if not event.contains(Engine, _name, _listener):
        event.listen(Engine, _name, _listener)


@contextmanager
def changes_made() -> Iterator[Callable[[], OpChanges]]:
    """Within the block, the writes committed on this thread are gathered; the callable
    it yields tells their changes (also after an error, for what was committed before it)."""
    writes = _Writes()
    token = _current.set(writes)
    try:
        yield lambda: OpChanges.from_tables(writes.committed)
    finally:
        _current.reset(token)


def perform(fn: Callable[[], T]) -> OpResult[T]:
    """Run the operation ``fn`` and return its value with what it changed."""
    with changes_made() as changes:
        value = fn()
    return OpResult(value, changes())
