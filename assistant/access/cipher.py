"""SQLite files, plain or encrypted, through one driver.

Every connection to a Chairside SQLite file — the engine's, backups, restore checks — goes
through ``sqlcipher3`` (SQLite with SQLCipher), whether or not the file is encrypted: one
copy of SQLite in the process, so its file locks are never lost to a second copy (two SQLite
libraries in one process each drop the other's POSIX locks). ``sqlite`` is that driver's
DB-API module; use its ``Error`` classes.

An encrypted database is opened with a random 256-bit raw key (``PRAGMA key = "x'…'"``), so
no key stretching runs at each open; the key itself is kept wrapped in the key file
(``assistant.access.keyfile``). The key is handed explicitly to whatever opens a file (the
engine, a backup, a check): the process keeps no list of unlocked keys.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite

__all__ = ["KEY_BYTES", "SQLITE_HEADER", "connect", "derive_key", "is_plain", "new_key", "sqlite"]

KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def apply_key(con: Any, key: bytes | None) -> None:
    """Give a new connection its key (the first statement it runs); nothing when plain."""
    if key is not None:
        con.execute(_key_pragma(key))


def connect(
    target: str | Path,
    key: bytes | None,
    *,
    uri: bool = False,
    timeout: float = 5.0,
    check_same_thread: bool = True,
) -> Any:
    """A connection to ``target`` (a path, or a ``file:`` URI with ``uri=True``), keyed when
    ``key`` is given."""
    con = sqlite.connect(str(target), uri=uri, timeout=timeout, check_same_thread=check_same_thread)
    try:
        # A wrong key or a damaged page is an error the caller words; SQLCipher's own log
        # would add lines on stderr (the command line says one).
        con.execute("PRAGMA cipher_log_level = NONE")
        apply_key(con, key)
    except BaseException:
        con.close()
        raise
    return con


def is_plain(path: Path) -> bool:
    """True when ``path`` starts with the SQLite header (an unencrypted database)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def derive_key(database_key: bytes, purpose: str) -> bytes:
    """A separate 256-bit key for ``purpose`` (photos…), from the database key (HKDF-SHA256's
    expand step; the database key is already uniformly random): it tells nothing about the
    database key."""
    # cryptography when a key is derived, not before the window's sign-in opens (start-up)
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

    info = b"chairside/" + purpose.encode()
    return HKDFExpand(algorithm=hashes.SHA256(), length=KEY_BYTES, info=info).derive(database_key)


def _path_of(uri: str) -> Path:
    return Path(uri.removeprefix("file:").split("?", 1)[0])


def key_for(path: Path, key: bytes | None) -> bytes | None:
    """The key to open ``path`` with, given the clinic's key (``key``, handed on by whoever
    unlocked it: there is no store of keys in the process). None for a plain (or new, or
    unreadable) file, and when ``key`` does not read it (opening then fails with SQLite's
    "file is not a database"); else ``key``."""
    try:
        if key is None or not path.is_file() or path.stat().st_size == 0 or is_plain(path):
            return None
    except OSError:
        return None
    con = connect(f"file:{path}?mode=ro&immutable=1", key, uri=True)
    try:
        con.execute("PRAGMA user_version").fetchone()  # page 1 only: reads through the key
        return key
    except sqlite.DatabaseError as exc:
        if "not a database" not in str(exc):
            return key  # the key reads it; the file is damaged (said when it is opened)
        return None
    finally:
        con.close()


def connect_uri(uri: str, key: bytes | None, **options: Any) -> Any:
    """A connection to the ``file:`` URI ``uri``: keyed with ``key`` when the file it names
    is encrypted, plain otherwise."""
    return connect(uri, key_for(_path_of(uri), key), uri=True, **options)


def plain_header(path: Path, key: bytes) -> bytes | None:
    """The first 100 bytes of an encrypted database's first page as SQLite wrote them (page
    size, page count…), decrypted with ``key``; None when the file is too short. SQLCipher 4's
    page 1: a 16-byte salt, then AES-256-CBC data, then its IV (16 bytes) and HMAC (64)."""
    # cryptography when a header is read, not before the window's sign-in opens (start-up)
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    page_size, reserve = 4096, 80
    with path.open("rb") as handle:
        page = handle.read(page_size)
    if len(page) < page_size:
        return None
    iv = page[page_size - reserve : page_size - reserve + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    data = decryptor.update(page[16 : page_size - reserve]) + decryptor.finalize()
    return SQLITE_HEADER + data[:84]
