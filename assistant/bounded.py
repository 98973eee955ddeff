"""Reading a file a user names, without being led astray by what the name points at.

Every file Chairside reads at a user's word (a backup to restore, a photo to import, a
consent PDF to verify, a file to check) goes through ``read_regular`` or ``check_regular``:
the name is opened without blocking (a named pipe would otherwise wait forever for a
writer), the open file must be a regular file (not a pipe, a device such as ``/dev/zero``,
a socket or a folder), and no larger than the limit for its kind. What is read is read from
that one open file, so the name cannot be swapped for something else in between.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from assistant.errors import InvalidInput
from assistant.text.i18n import _

MiB = 1024 * 1024
GiB = 1024 * MiB

BACKUP_LIMIT = 64 * GiB  # a database file: read page by page by SQLite, never whole
PHOTO_LIMIT = 64 * MiB  # a camera picture
PDF_LIMIT = 64 * MiB  # an issued consent form
JSON_LIMIT = 16 * MiB  # a record given as JSON
TEXT_LIMIT = 1 * MiB  # a key file, a settings file


def _size_words(limit: int) -> str:
    return f"{limit // GiB} GB" if limit >= GiB else f"{limit // MiB} MB"


def _not_regular(path: Path, mode: int, field: str) -> InvalidInput:
    if stat.S_ISDIR(mode):
        message = _("{file} is a folder, not a file.")
    else:
        message = _("{file} is not a regular file (a pipe, a device or a socket); it was not read.")
    return InvalidInput(message.format(file=path.name), field)


def open_regular(path: Path, limit: int, field: str = "file") -> int:
    """An open file descriptor for ``path``, a regular file of at most ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InvalidInput(_("There is no file {file}.").format(file=path.name), field) from None
    except IsADirectoryError:
        raise _not_regular(path, stat.S_IFDIR, field) from None
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket, a pipe with no writer
            raise _not_regular(path, 0, field) from None
        raise InvalidInput(
            _("{file} cannot be read ({error}).").format(
                file=path.name, error=exc.strerror or type(exc).__name__
            ),
            field,
        ) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode, field)
        if info.st_size > limit:
            raise InvalidInput(
                _("{file} is larger than {limit}, too large to be what it should be.").format(
                    file=path.name, limit=_size_words(limit)
                ),
                field,
            )
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def check_regular(path: Path, limit: int, field: str = "file") -> None:
    """Refuse ``path`` unless it is a regular file of at most ``limit`` bytes."""
    os.close(open_regular(path, limit, field))


def read_regular(path: Path, limit: int, field: str = "file") -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (never more is read,
    even if the file grows while it is read)."""
    descriptor = open_regular(path, limit, field)
    try:
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise InvalidInput(
            _("{file} is larger than {limit}, too large to be what it should be.").format(
                file=path.name, limit=_size_words(limit)
            ),
            field,
        )
    return data
