"""Writing files so that a crash or a full disk never leaves half a file.

``replace_atomically`` writes through a temporary file in the same folder, flushes it to disk
and renames it over the target. ``write_file_atomically`` is the same for a file the user
named, with the problems a user can act on (no such folder, not writable) as
``InvalidInput`` naming the folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.errors import InvalidInput


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


def check_output_path(out: Path) -> None:
    """``InvalidInput`` naming the folder when ``out`` cannot be written there."""
    folder = out.parent
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist.", "out")
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder; give a file name ending in .pdf.", "out")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(f"The folder {folder} is not writable.", "out")


def write_file_atomically(out: Path, data: bytes) -> None:
    """Write a file the user named; ``InvalidInput`` says what is wrong with the place."""
    check_output_path(out)
    try:
        replace_atomically(out, data)
    except _TemporaryFileRefused as exc:
        raise InvalidInput(
            f"The folder {out.parent} is not writable ({exc.strerror}).", "out"
        ) from exc
    except OSError as exc:
        raise InvalidInput(f"{out} cannot be written: {exc.strerror}.", "out") from exc
