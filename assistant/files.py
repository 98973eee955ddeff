"""Writing files so that a crash or a full disk never leaves half a file.

``replace_atomically`` writes through a temporary file in the same folder, flushes it to disk
and renames it over the target (for Chairside's own files). ``write_file_atomically`` is for a
file the user named: the output rules of ``assistant.output_files`` first, problems a user can
act on as ``InvalidInput``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.output_files import check_output_file, write_private_file


class _TemporaryFileRefused(OSError):
    """The folder would not take the temporary file (nothing was written)."""


def replace_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step (raises ``OSError``; no partial file stays)."""
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _TemporaryFileRefused(exc.errno, exc.strerror) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def check_output_path(out: Path, *, force: bool = False) -> Path:
    """``InvalidInput`` when ``out`` may not be written: the rules of
    ``assistant.output_files`` (never the database or the data folder, a file replaced only
    with ``force``, a folder that exists and can be written)."""
    return check_output_file(out, force=force)


def write_file_atomically(out: Path, data: bytes, *, force: bool = False) -> None:
    """Write a file the user named, owner-only and all at once; ``InvalidInput`` says what is
    wrong with the place (``assistant.output_files.write_private_file``)."""
    write_private_file(out, data, force=force)
