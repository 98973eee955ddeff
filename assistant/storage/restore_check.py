"""What a backup must be before ``restore`` copies anything in: exactly the schema of its
version, and an intact audit chain.

The reference schema of a revision is made by migrating an empty database to it, so it is
whatever the migrations make, never a hand-kept list. Every object of the schema is compared,
whatever its name (names starting ``sqlite_`` included): tables with their full SQL (a
``CHECK`` or a default slipped in), their columns and foreign keys, indexes, triggers and
views. An extra trigger (one that could rewrite records later), a trigger edited in place, a
view standing in for a table, a missing column or a version number that does not match the
schema are all refused.
"""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from assistant.access.cipher import connect_uri
from assistant.access.cipher import sqlite as sqlite3
from assistant.audit.chain import Verification, verify
from assistant.storage.db import MIGRATIONS
from assistant.text.i18n import _

Signature = dict[tuple[str, str], Any]


_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<comment>--[^\n]*|/\*.*?(?:\*/|$))"""
    r"""|(?P<string>'(?:[^']|'')*')"""
    r"""|(?P<quoted>"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])"""
    r"""|(?P<word>[A-Za-z0-9_$]+)|(?P<other>.)""",
    re.DOTALL,
)
_BARE = re.compile(r"[a-z_][a-z0-9_$]*")


def _identifier(quoted: str) -> str:
    inner = quoted[1:-1]
    if quoted[0] in "\"`":
        inner = inner.replace(quoted[0] * 2, quoted[0])
    inner = inner.lower()
    return inner if _BARE.fullmatch(inner) else '"' + inner.replace('"', '""') + '"'


def normal_sql(sql: str | None) -> str:
    """The SQL of a schema object with only what does not change its meaning taken out:
    whitespace and comments dropped, words and identifiers in lower case (SQLite's names are
    not case-sensitive), quotes kept only where a name needs them. String literals stay as
    written, so ``WHEN 0`` never looks like ``WHEN 1`` and 'A' never like 'a'."""
    tokens = []
    for match in _TOKEN.finditer(sql or ""):
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "quoted":
            text = _identifier(text)
        elif kind == "word":
            text = text.lower()
        tokens.append(text)
    return " ".join(tokens)


def _quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# The planner's statistics tables ``ANALYZE`` makes, exactly as SQLite defines them (they
# hold numbers for the query planner, no code): present or not, they are no difference.
PLANNER_STATISTICS = {
    "sqlite_stat1": "create table sqlite_stat1 ( tbl , idx , stat )",
    "sqlite_stat4": "create table sqlite_stat4 ( tbl , idx , neq , nlt , ndlt , sample )",
}


def schema_signature(con: sqlite3.Connection) -> Signature:
    """Every object of the schema, whatever its name (SQLite's own ones too: an object
    named like them can only be planted by editing the schema behind SQLite's back): its
    table and normalised SQL, and for a table its columns and foreign keys as SQLite reads
    them, for an index its columns."""
    signature: Signature = {}
    objects = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in objects:
        if kind == "table" and PLANNER_STATISTICS.get(str(name)) == normal_sql(sql):
            continue
        key = (str(kind), str(name))
        if key in signature:  # two objects of one kind and name: only a crafted file has them
            signature[key] = ("duplicate",)
            continue
        quoted = _quote_name(str(name))
        if kind == "table":
            columns = [
                (row[1], str(row[2]).upper(), row[3], row[4], row[5], row[6])
                for row in con.execute(f"PRAGMA table_xinfo({quoted})")
            ]
            keys = sorted(
                tuple(row[2:]) for row in con.execute(f"PRAGMA foreign_key_list({quoted})")
            )
            signature[key] = (table, normal_sql(sql), columns, keys)
        elif kind == "index":
            index = [
                row[2:]
                for row in con.execute(f"PRAGMA index_list({_quote_name(str(table))})")
                if row[1] == name
            ]
            columns = [tuple(row) for row in con.execute(f"PRAGMA index_xinfo({quoted})")]
            signature[key] = (table, normal_sql(sql), index, columns)
        else:
            signature[key] = (table, normal_sql(sql))
    return signature


@cache
def reference_signature(revision: str) -> Signature:
    """The schema an empty database has once migrated to ``revision``."""
    with tempfile.TemporaryDirectory(prefix="chairside-reference-") as folder:
        path = Path(folder) / "reference.sqlite3"
        # Made with the product's own SQLite (SQLCipher's driver), which is the one that
        # reads the files compared with it.
        engine = create_engine(f"sqlite:///{path}", module=sqlite3)
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


_ORDER = {"table": 0, "view": 1, "index": 2, "trigger": 3}


def _in_order(key: tuple[str, str]) -> tuple[int, str, str]:
    """Tables before what depends on them, so the difference named is the cause."""
    return (_ORDER.get(key[0], 4), key[0], key[1])


def schema_difference(con: sqlite3.Connection, revision: str) -> str:
    """Empty when the database has exactly the schema of ``revision``; else the first
    difference, in words (the kind, "table" or "trigger", and the name as SQLite has them)."""
    found = schema_signature(con)
    expected = reference_signature(revision)
    for kind, name in sorted(set(expected) - set(found), key=_in_order):
        return _("{kind} {name} is missing").format(kind=_kind(kind), name=name)
    for kind, name in sorted(set(found) - set(expected), key=_in_order):
        return _("it has an extra {kind} {name}").format(kind=_kind(kind), name=name)
    for key in sorted(expected, key=_in_order):
        if found[key] != expected[key]:
            return _("{kind} {name} differs from schema {revision}").format(
                kind=_kind(key[0]), name=key[1], revision=revision
            )
    return ""


def has_chain(revision: str) -> bool:
    table = reference_signature(revision).get(("table", "audit_event"))
    return table is not None and any(column[0] == "chain_hash" for column in table[2])


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
