"""Whether a file can be restored: a complete, undamaged Chairside database this version
knows, with exactly the schema of its version and an intact audit chain.

``inspect_backup`` reads the file without changing it (opened read-only, and "immutable"
when it has no write-ahead log beside it) and says in the practitioner's language why a
file is refused; ``assistant.storage.backup.restore`` calls it before touching anything.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from assistant.access.cipher import connect_uri, key_for, plain_header
from assistant.access.cipher import sqlite as sqlite3
from assistant.bounded import BACKUP_LIMIT, check_regular, open_regular
from assistant.errors import InvalidInput
from assistant.storage.db import SQLITE_HEADER, head_revision, known_revisions
from assistant.text.i18n import _

log = logging.getLogger(__name__)


def nothing_changed() -> str:
    return _("Nothing was changed; choose another backup.")


@dataclass(frozen=True)
class BackupCheck:
    """A file that ``restore`` would accept, and the schema it was made with."""

    path: Path
    revision: str
    needs_upgrade: bool


def _has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _is_database(path: Path) -> bool:
    """A plain SQLite file, or one encrypted under a key unlocked in this run."""
    return _has_sqlite_header(path) or key_for(path) is not None


def _source_uri(path: Path) -> str:
    # A backup at rest is opened "immutable" so that checking it leaves no -wal/-shm files
    # beside it; a file that arrived with its write-ahead log must be read with the log.
    wal = path.with_name(path.name + "-wal")
    immutable = "" if wal.exists() and wal.stat().st_size > 0 else "&immutable=1"
    return f"file:{path}?mode=ro{immutable}"


def _expected_size(header: bytes) -> int | None:
    """The file size the header promises, when the header's own count is trustworthy."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    change_counter = header[24:28]
    valid_for = header[92:96]
    if page_count == 0 or change_counter != valid_for:
        return None
    return page_size * page_count


def inspect_backup(file: Path) -> BackupCheck:
    """Check that ``file`` is a complete, undamaged Chairside database this version knows."""
    file = file.expanduser()
    name = file.name
    if not file.exists() and not file.is_symlink():
        raise InvalidInput(_("There is no file {file}.").format(file=file), "file")
    if file.is_dir():
        raise InvalidInput(_("{file} is a folder, not a backup file.").format(file=file), "file")
    if not stat.S_ISREG(file.stat().st_mode):  # a pipe or a device: refused, never opened
        raise InvalidInput(
            _(
                "{name} is not a Chairside backup: it is not a regular file (a pipe, a device "
                "or a socket)."
            ).format(name=name)
            + " "
            + nothing_changed(),
            "file",
        )
    descriptor = open_regular(file, BACKUP_LIMIT)  # the same, and the size, on the open file
    with os.fdopen(descriptor, "rb") as handle:
        header = handle.read(100)
    wal = file.with_name(file.name + "-wal")
    if wal.exists() or wal.is_symlink():
        check_regular(wal, BACKUP_LIMIT)
    encrypted = not header.startswith(SQLITE_HEADER) and key_for(file) is not None
    if len(header) < 100 or not (header.startswith(SQLITE_HEADER) or encrypted):
        raise InvalidInput(
            _(
                "{name} is not a Chairside backup (it is not a database file at all, or it is "
                "encrypted under another clinic's key)."
            ).format(name=name)
            + " "
            + nothing_changed(),
            "file",
        )
    size = file.stat().st_size
    if encrypted:
        key = key_for(file)
        header = (plain_header(file, key) if key else None) or header
    expected = _expected_size(header)
    if expected is not None and size < expected:
        raise InvalidInput(
            _(
                "{name} is incomplete: it holds {size:,} of its {expected:,} bytes, so the copy "
                "was cut short."
            ).format(name=name, size=size, expected=expected)
            + " "
            + nothing_changed(),
            "file",
        )
    try:
        con = connect_uri(_source_uri(file))
    except sqlite3.Error as exc:
        raise InvalidInput(
            _("{name} cannot be opened ({error}).").format(name=name, error=exc)
            + " "
            + nothing_changed(),
            "file",
        ) from exc
    try:
        try:
            problems = [row[0] for row in con.execute("PRAGMA integrity_check(5)")]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            log.warning("A backup failed the integrity check (%d problem(s))", len(problems))
            raise InvalidInput(
                _("{name} is damaged (it fails SQLite's integrity check).").format(name=name)
                + " "
                + nothing_changed(),
                "file",
            )
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        row = (
            con.execute("SELECT version_num FROM alembic_version").fetchone()
            if "alembic_version" in tables
            else None
        )
    finally:
        con.close()
    if row is None:
        raise InvalidInput(
            _(
                "{name} is a database of another program, not a Chairside backup (it has no "
                "Chairside schema version)."
            ).format(name=name)
            + " "
            + nothing_changed(),
            "file",
        )
    revision = str(row[0])
    if revision not in known_revisions():
        raise InvalidInput(
            _(
                "{name} was made by a newer version of Chairside (schema {revision}; this "
                "version knows schemas up to {head}). Update Chairside on this workstation "
                "first, then restore it. Nothing was changed."
            ).format(name=name, revision=revision, head=head_revision()),
            "file",
        )
    _check_schema_and_chain(file, revision)
    return BackupCheck(file, revision, revision != head_revision())


def _check_schema_and_chain(file: Path, revision: str) -> None:
    """Exactly the schema of its version, and an intact audit chain (``restore_check``)."""
    # Alembic (480 ms) loads only to check a backup's schema
    from assistant.storage.restore_check import backup_problem

    problem = backup_problem(_source_uri(file), revision, file.name)
    if problem:
        raise InvalidInput(problem + " " + nothing_changed(), "file")


