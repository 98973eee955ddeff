"""Files the user names for Chairside to write: aftercare sheets, exports, backups.

``check_output_file`` is the one check every such output goes through (``aftercare --out``,
``export``, ``backup --out``, consent and photo exports, and the window's save dialogs). It
refuses, with ``InvalidInput`` and one sentence:

- the live database and its ``-wal``, ``-shm`` and ``-journal`` files, and any file inside
  the data folder (settings, logs, backups Chairside manages), even through a link;
- a folder, or anything else that is not a regular file (a device, a pipe, a socket);
- a folder that does not exist or cannot be written to;
- a file name longer than the file system allows;
- an existing file, unless ``force`` is set (``--force`` on the command line; the window asks
  before replacing and then passes ``force=True``).

``write_private_file`` writes through a temporary file in the same folder, created readable
by its owner only (0600 on Linux and macOS), so no partial file is ever left and no other
account on the computer can read an export. On Windows the user's profile folders already
restrict access to the user.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from assistant import paths
from assistant.errors import InvalidInput
from assistant.text.i18n import _

MAX_NAME_BYTES = 255
_SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):  # a link loop: compare as written
        return Path(os.path.abspath(path.expanduser()))


# The data folders and databases this process has opened (``protect_data_folder``), besides
# the ones the environment names: no output may land in or on them.
_PROTECTED_FOLDERS: set[Path] = set()
_PROTECTED_URLS: set[str] = set()


def protect_data_folder(folder: Path, database_url: str | None = None) -> None:
    """Never write an output into ``folder`` or over the database at ``database_url``."""
    _PROTECTED_FOLDERS.add(_resolved(folder))
    if database_url:
        _PROTECTED_URLS.add(database_url)




def protected_folders() -> list[Path]:
    return [_resolved(paths.data_dir()), *sorted(_PROTECTED_FOLDERS)]


def live_database_files() -> list[Path]:
    """The databases in use (the default, ``CHAIRSIDE_DATABASE_URL`` and every one this
    process opened) and their companion files."""
    databases = [paths.default_database_path()]
    databases += [f / "chairside.sqlite3" for f in _PROTECTED_FOLDERS]
    for url in (paths.database_url(), *_PROTECTED_URLS):
        file = paths.sqlite_file(url)
        if file is not None:
            databases.append(file)
    return [
        _resolved(db.with_name(db.name + suffix))
        for db in databases
        for suffix in _SQLITE_COMPANIONS
    ]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_folder(out: Path, *, field: str = "out") -> Path:
    """An existing, writable folder outside Chairside's data folder to write files into."""
    out = out.expanduser()
    if not out.exists():
        raise InvalidInput(_("There is no folder {out}; create it first.").format(out=out), field)
    if not out.is_dir():
        raise InvalidInput(_("{out} is not a folder; give a folder.").format(out=out), field)
    for data_dir in protected_folders():
        if _inside(_resolved(out), data_dir):
            raise InvalidInput(
                _(
                    "{out} is inside Chairside's data folder {data_dir}; choose a folder elsewhere."
                ).format(out=out, data_dir=data_dir),
                field,
            )
    if not os.access(out, os.W_OK | os.X_OK):
        raise InvalidInput(_("The folder {out} is not writable.").format(out=out), field)
    return out


def check_output_file(
    out: Path,
    *,
    force: bool = False,
    field: str = "out",
    protected: Iterable[Path] = (),
) -> Path:
    """The absolute path to write ``out`` to, or ``InvalidInput`` saying why not.

    ``protected`` adds files that must never be replaced (e.g. the file being read)."""
    out = out.expanduser()
    if not out.name or out.name in (".", ".."):
        raise InvalidInput(_("{out} is not a file name.").format(out=out), field)
    if len(os.fsencode(out.name)) > MAX_NAME_BYTES:
        raise InvalidInput(
            _("The file name is too long ({size} bytes; at most {most}).").format(
                size=len(os.fsencode(out.name)), most=MAX_NAME_BYTES
            ),
            field,
        )
    folder = out.parent
    if not folder.exists():
        raise InvalidInput(_("The folder {folder} does not exist.").format(folder=folder), field)
    if not folder.is_dir():
        raise InvalidInput(_("{folder} is not a folder.").format(folder=folder), field)
    target = _resolved(out)
    refused = {_resolved(p) for p in protected} | set(live_database_files())
    if target in refused:
        raise InvalidInput(
            _(
                "That is the database itself, or one of its files ({out}); choose another "
                "file name."
            ).format(out=out),
            field,
        )
    for data_dir in protected_folders():
        if _inside(target, data_dir):
            raise InvalidInput(
                _(
                    "{out} is inside Chairside's data folder {data_dir}; choose a file elsewhere."
                ).format(out=out, data_dir=data_dir),
                field,
            )
    if out.is_symlink() or out.exists():
        try:
            mode = out.stat().st_mode
        except OSError:
            raise InvalidInput(
                _("{out} is a broken link; choose another file name.").format(out=out), field
            ) from None
        if stat.S_ISDIR(mode):
            raise InvalidInput(_("{out} is a folder; give a file name.").format(out=out), field)
        if not stat.S_ISREG(mode):
            raise InvalidInput(
                _("{out} is not a regular file; choose another file name.").format(out=out), field
            )
        if not force:
            raise InvalidInput(
                _("{out} already exists; add --force to replace it.").format(out=out), field
            )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(_("The folder {folder} is not writable.").format(folder=folder), field)
    return out


def write_private_file(out: Path, data: bytes, *, force: bool = False, field: str = "out") -> Path:
    """Write ``data`` to ``out`` atomically, readable by its owner only (see the module doc)."""
    out = check_output_file(out, force=force, field=field)
    try:
        fd, temp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name[:80]}.", suffix=".tmp")
    except OSError as exc:
        raise InvalidInput(
            _("The folder {parent} is not writable ({strerror}).").format(
                parent=out.parent, strerror=exc.strerror
            ),
            field,
        ) from exc
    temp = Path(temp_name)  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not force and out.exists():  # appeared while writing: never replace it unasked
            raise InvalidInput(
                _("{out} already exists; add --force to replace it.").format(out=out), field
            )
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise InvalidInput(
            _("{out} cannot be written: {strerror}.").format(out=out, strerror=exc.strerror), field
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out


def suggested_file_name(what: str, person: str, day: date, suffix: str = ".pdf") -> str:
    """A default file name that says what, whose and when: "aftercare-Ana-Silva-2026-11-24.pdf".
    Letters of any script are kept; anything that could not be in a file name becomes "-"."""
    words = re.findall(r"[^\W_]+", f"{what} {person}")
    return "-".join([*words, day.isoformat()]) + suffix
