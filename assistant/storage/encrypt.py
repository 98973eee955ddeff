"""Encrypting an existing plain database (``python main.py encrypt --as PRACTITIONER``).

The steps, each leaving one complete database that opens, whatever moment the process is
killed at:

1. ``export``: a new random key; the encrypted copy ``chairside.sqlite3.encrypting`` made by
   SQLCipher's ``sqlcipher_export``, and the key file (the practitioner's copy of the key
   and a new recovery key) written as ``chairside.sqlite3.keys.new``;
2. ``compare``: the copy passes ``integrity_check`` and holds every row of every table of
   the plain file, row for row (and the same schema);
3. ``settle``: the plain database's log is emptied into it and its -wal/-shm removed (no
   connection is open), and the plain file is linked as ``….plain-before-encryption``;
4. ``key-file``: the key file takes its place beside the database (a plain database with a
   key file beside it still opens as plain);
5. ``switch``: the encrypted copy replaces the database in one rename;
6. ``photos``: each photo file is sealed under the photo key, one atomic replace each (a
   photo not sealed yet is still read as it is);
7. ``remove-plain``: the encrypted database is verified (it passes SQLite's check and holds
   the plain copy's audit chain head unchanged), then the plain copy is overwritten with
   zeros and removed.

Until the switch, the plain database is the database. A run killed at any step is settled
the next time the database is opened (``roll_back_interrupted`` before it opens, for a run
killed before the switch: the encrypted copy and its key files go, the database stays
plain; ``finish_interrupted`` once it is open with its key, for a run killed after: the
photos are sealed and the plain copy verified against, overwritten and removed). The plain
automatic backups go once the user confirms (``overwrite_and_remove``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant import paths
from assistant.access.cipher import connect, is_plain, new_key, sqlite
from assistant.access.keyfile import KeyFile, key_file_path
from assistant.errors import InvalidInput
from assistant.files import replace_atomically
from assistant.storage.db import Database, init_db
from assistant.text.i18n import _

log = logging.getLogger(__name__)

STEPS = ("export", "compare", "settle", "key-file", "switch", "photos", "remove-plain")
ENCRYPTING = ".encrypting"
PLAIN_COPY = ".plain-before-encryption"

Step = Callable[[str], None]


@dataclass(frozen=True)
class Encrypted:
    database: Path
    recovery_code: str
    plain_copies: tuple[Path, ...]  # to overwrite and remove once the user confirms
    photos_sealed: int


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _tables(con: sqlite.Connection, schema: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _compare(copy: Path, plain: Path, key: bytes) -> None:
    """The copy holds exactly the plain database: schema and every row of every table."""
    con = connect(copy, key)
    try:
        if con.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise InvalidInput(_("The encrypted copy failed its check; the database is unchanged."))
        con.execute(f"ATTACH DATABASE {_quote(plain)} AS plain KEY ''")
        schema = "SELECT type, name, sql FROM {0}.sqlite_master ORDER BY type, name"
        if (
            con.execute(schema.format("main")).fetchall()
            != con.execute(schema.format("plain")).fetchall()
        ):
            raise InvalidInput(_("The encrypted copy's schema differs; the database is unchanged."))
        for table in _tables(con, "plain"):
            name = '"' + table.replace('"', '""') + '"'
            counts = [
                con.execute(f"SELECT count(*) FROM {s}.{name}").fetchone()[0]
                for s in ("main", "plain")
            ]
            differ = con.execute(
                f"SELECT count(*) FROM (SELECT * FROM main.{name} EXCEPT "
                f"SELECT * FROM plain.{name})"
            ).fetchone()[0]
            if counts[0] != counts[1] or differ:
                raise InvalidInput(
                    _(
                        "The encrypted copy's table {table} differs; the database is unchanged."
                    ).format(table=table)
                )
    finally:
        con.close()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def encrypt_database(
    db: Database, practitioner_id: int, name: str, pin: str, *, step: Step | None = None
) -> Encrypted:
    """Encrypt the plain SQLite database ``db`` (then disposed); the practitioner's PIN
    (already checked) wraps the new key. ``step`` is told as each step starts."""
    path = db.sqlite_path
    if path is None or not db.is_sqlite:
        raise InvalidInput(_("A database on a server is encrypted by the server, not Chairside."))
    if db.key is not None or not is_plain(path):
        raise InvalidInput(_("This database is already encrypted."))
    tell = step or (lambda _name: None)
    db.dispose()
    copy = path.with_name(path.name + ENCRYPTING)
    keys_new = key_file_path(path).with_name(key_file_path(path).name + ".new")

    tell("export")
    key = new_key()
    for leftover in (
        copy,
        copy.with_name(copy.name + "-wal"),
        copy.with_name(copy.name + "-journal"),
    ):
        leftover.unlink(missing_ok=True)
    paths.create_private_file(copy)
    con = connect(path, None)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE {_quote(copy)} AS encrypted KEY \"x'{key.hex()}'\"")
        con.execute("SELECT sqlcipher_export('encrypted')")
        version = con.execute("PRAGMA main.user_version").fetchone()[0]
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    keys = KeyFile(key_file_path(path))
    keys.set_practitioner(practitioner_id, name, pin, key)
    code = keys.new_recovery(key)
    replace_atomically(keys_new, keys.to_bytes())

    tell("compare")
    _compare(copy, path, key)

    tell("settle")
    con = connect(path, None)
    try:
        busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            raise InvalidInput(
                _(
                    "Another program or workstation is using the database; close it and try "
                    "again. The database is unchanged."
                )
            )
        con.execute("PRAGMA journal_mode=DELETE")  # empties and removes its -wal
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    plain_copy = path.with_name(path.name + PLAIN_COPY)
    plain_copy.unlink(missing_ok=True)
    try:
        os.link(path, plain_copy)
    except OSError:
        shutil.copy2(path, plain_copy)

    tell("key-file")
    os.replace(keys_new, key_file_path(path))
    _fsync_folder(path.parent)

    tell("switch")
    os.replace(copy, path)
    _fsync_folder(path.parent)

    tell("photos")

    encrypted = init_db(f"sqlite:///{path}", key=key, create=False)
    encrypted.data_dir = db.data_dir
    try:
        sealed = _seal_photos(encrypted)
        tell("remove-plain")
        _remove_plain_copy(encrypted)
    finally:
        encrypted.dispose()
    left = (plain_copy,) if plain_copy.exists() else ()
    return Encrypted(path, code, left, sealed)


def _leftovers(path: Path) -> list[Path]:
    copy = path.with_name(path.name + ENCRYPTING)
    keys_new = key_file_path(path).with_name(key_file_path(path).name + ".new")
    return [copy, *(copy.with_name(copy.name + s) for s in ("-wal", "-shm", "-journal")), keys_new]


def roll_back_interrupted(path: Path) -> bool:
    """Before a plain database at ``path`` opens: undo what a killed ``encrypt`` left before
    its switch (the encrypted copy, the new key files, the link to the plain file). True when
    there was something to undo."""
    try:
        if not path.is_file() or not is_plain(path):
            return False
    except OSError:
        return False
    copy = path.with_name(path.name + ENCRYPTING)
    plain_copy = path.with_name(path.name + PLAIN_COPY)
    undone = False
    if copy.exists() and key_file_path(path).exists():
        # Killed between the key-file step and the switch: the key file wraps the key of a
        # copy that never took the database's place.
        key_file_path(path).unlink()
        undone = True
    for leftover in _leftovers(path):
        if leftover.exists():
            leftover.unlink()
            undone = True
    if plain_copy.exists():
        # The database itself is still this plain file: its link goes; nothing is zeroed,
        # for the link and the database may be one file.
        plain_copy.unlink()
        undone = True
    if undone:
        log.warning("An interrupted encryption was rolled back; the database stays plain")
    return undone


def _holds_head_of(db: Database, plain_copy: Path) -> bool:
    """The encrypted database passes SQLite's check and holds the plain copy's chain head."""
    # only when an encryption is checked
    from sqlalchemy import text

    # the integrity checks only when an encryption is checked
    from assistant.audit.integrity import file_head

    head = file_head(plain_copy)
    with db.engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA quick_check").scalar() != "ok":
            return False
        if head is None:
            return True
        found = conn.execute(
            text("SELECT chain_hash FROM audit_event WHERE id = :id"), {"id": head.entry}
        ).scalar()
    return bool(found == head.hash)


def _remove_plain_copy(db: Database) -> bool:
    path = db.sqlite_path
    if path is None or db.key is None:
        return False
    plain_copy = path.with_name(path.name + PLAIN_COPY)
    if not plain_copy.exists():
        return False
    if os.path.samefile(plain_copy, path):
        plain_copy.unlink()  # never the case after the switch; never zero the database
        return True
    if not _holds_head_of(db, plain_copy):
        log.warning("The encrypted database could not be verified; its plain copy is kept")
        return False
    overwrite_and_remove([plain_copy])
    return True


def finish_interrupted(db: Database) -> bool:
    """Once an encrypted database is open with its key: finish what a killed ``encrypt``
    left after its switch (photos still plain are sealed; the plain copy is verified
    against, then overwritten and removed). True when there was something to finish."""
    path = db.sqlite_path
    if path is None or db.key is None:
        return False
    if not path.with_name(path.name + PLAIN_COPY).exists() and not any(
        p.exists() for p in _leftovers(path)
    ):
        return False
    for leftover in _leftovers(path):
        leftover.unlink(missing_ok=True)
    _seal_photos(db)
    finished = _remove_plain_copy(db)
    if finished:
        log.info("Finished an interrupted encryption: the plain copy was removed")
    return finished


def _seal_photos(db: Database) -> int:
    # the photo store (and Pillow) only when an encryption is finished: opening the
    # database at start without them saves about 20 ms before the window shows
    from assistant.photos.storage import MAGIC, FolderPhotoStore, store_for

    store = store_for(db)
    if not isinstance(store, FolderPhotoStore) or store.key is None:
        return 0
    sealed = 0
    for name in list(store.names()):
        data = store.path(name).read_bytes()
        if data.startswith(MAGIC):
            continue
        store._write(name, store.seal(data))
        sealed += 1
    return sealed


def plain_backups(folder: Path) -> list[Path]:
    """The unencrypted backups (and upgrade copies) in a backup folder."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.glob("*.sqlite3") if p.is_file() and p.stat().st_size and is_plain(p)
    )


def overwrite_and_remove(files: list[Path]) -> list[Path]:
    """Overwrite each file with zeros (flushed to disk), then remove it."""
    removed = []
    for file in files:
        for part in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
            if not part.is_file():
                continue
            size = part.stat().st_size
            with part.open("r+b") as handle:
                handle.write(b"\0" * size)
                handle.flush()
                os.fsync(handle.fileno())
            part.unlink()
            part.with_name(part.name + ".meta.json").unlink(missing_ok=True)
            removed.append(part)
    return removed
