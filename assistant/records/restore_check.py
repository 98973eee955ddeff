"""What a backup must be before ``restore`` copies anything in: exactly the schema of its
version, and an intact audit chain.

The reference schema of a revision is made by migrating an empty database to it, so it is
whatever the migrations make, never a hand-kept list. Tables and their columns, indexes,
triggers and views are compared: an extra trigger (one that could rewrite records later), a
view standing in for a table, a missing column or a version number that does not match the
schema are all refused.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from assistant.cipher import connect_uri
from assistant.cipher import sqlite as sqlite3
from assistant.db import MIGRATIONS
from assistant.i18n import _
from assistant.records.chain import Verification, verify

Signature = dict[tuple[str, str], Any]


def _normal_sql(sql: str | None) -> str:
    return " ".join((sql or "").lower().split())


def schema_signature(con: sqlite3.Connection) -> Signature:
    """Every table (columns, foreign keys), index, trigger and view of the database."""
    signature: Signature = {}
    objects = con.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for kind, name, table, sql in objects:
        if kind == "table":
            columns = [
                (row[1], str(row[2]).upper(), row[3], row[4], row[5])
                for row in con.execute(f'PRAGMA table_info("{name}")')
            ]
            keys = sorted(
                tuple(row[2:5]) for row in con.execute(f'PRAGMA foreign_key_list("{name}")')
            )
            signature[(kind, name)] = (columns, keys)
        elif kind == "index":
            unique = next(
                (row[2] for row in con.execute(f'PRAGMA index_list("{table}")') if row[1] == name),
                None,
            )
            columns = [row[2] for row in con.execute(f'PRAGMA index_info("{name}")')]
            signature[(kind, name)] = (table, unique, columns)
        else:
            signature[(kind, name)] = (table, _normal_sql(sql))
    return signature


@cache
def reference_signature(revision: str) -> Signature:
    """The schema an empty database has once migrated to ``revision``."""
    with tempfile.TemporaryDirectory(prefix="chairside-reference-") as folder:
        path = Path(folder) / "reference.sqlite3"
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.begin() as conn:
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS))
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
        finally:
            engine.dispose()
        con = sqlite3.connect(path)
        try:
            return schema_signature(con)
        finally:
            con.close()


def _kind(kind: str) -> str:
    """A kind of schema object in the practitioner's language ("table", "la tabla")."""
    words = {"table": _("table"), "index": _("index"), "trigger": _("trigger"), "view": _("view")}
    return words.get(kind, kind)


def schema_difference(con: sqlite3.Connection, revision: str) -> str:
    """Empty when the database has exactly the schema of ``revision``; else the first
    difference, in words (the kind, "table" or "trigger", and the name as SQLite has them)."""
    found = schema_signature(con)
    expected = reference_signature(revision)
    for kind, name in sorted(set(expected) - set(found)):
        return _("{kind} {name} is missing").format(kind=_kind(kind), name=name)
    for kind, name in sorted(set(found) - set(expected)):
        return _("it has an extra {kind} {name}").format(kind=_kind(kind), name=name)
    for key in sorted(expected):
        if found[key] != expected[key]:
            return _("{kind} {name} differs from schema {revision}").format(
                kind=_kind(key[0]), name=key[1], revision=revision
            )
    return ""


def has_chain(revision: str) -> bool:
    columns = reference_signature(revision).get(("table", "audit_event"), ([], []))[0]
    return any(column[0] == "chain_hash" for column in columns)


def verify_file(uri: str) -> Verification:
    """The full chain check of a database file opened read-only (``uri``)."""
    engine = create_engine("sqlite://", module=sqlite3, creator=lambda: connect_uri(uri))
    try:
        with engine.connect() as conn:
            return verify(conn)
    finally:
        engine.dispose()


def backup_problem(uri: str, revision: str, name: str) -> str:
    """Why the backup ``name`` at ``uri`` (opened read-only) may not be restored, as a
    sentence in the practitioner's language; empty if it may."""
    con = connect_uri(uri)
    try:
        difference = schema_difference(con, revision)
    except sqlite3.Error as exc:
        difference = str(exc)
    finally:
        con.close()
    if difference:
        return _(
            "{name} is not a Chairside backup as schema {revision} makes them: {difference}."
        ).format(name=name, revision=revision, difference=difference)
    if not has_chain(revision):
        return ""  # an older backup: the upgrade builds its chain
    try:
        problem = verify_file(uri).problem
    except Exception as exc:  # noqa: BLE001 - any failure to read the chain refuses the file
        return _("{name}: its audit trail cannot be read ({error}).").format(name=name, error=exc)
    if not problem:
        return ""
    return _("{name} fails the audit chain check: {problem}").format(name=name, problem=problem)
