"""Photos in backups: copied incrementally beside the database backup, checked on restore.

A backup of the database goes with a ``photos/`` folder beside it in the same backup folder.
Photos are named by their SHA-256, so each backup copies only the pictures that are not there
yet and a picture is never copied twice. Restoring a database puts back every photo its rows
name that is missing from the data folder, after checking that the copy's SHA-256 is the
one recorded; a missing or damaged copy is reported, never stored.

When old backups are pruned, ``prune_backup_photos`` removes the copies no remaining backup
in the folder names, so a photo removed from the record leaves the backups when the last
backup holding it does. Erasing a patient removes their photos' copies from the backup
folders at once (``remove_backup_copies``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from assistant.access.cipher import connect_uri
from assistant.access.cipher import sqlite as sqlite3
from assistant.errors import InvalidInput
from assistant.photos.imaging import EXTENSIONS
from assistant.photos.storage import KEYED, PhotoStore, photo_name, store_for
from assistant.storage.db import Database
from assistant.storage.models import Photo

log = logging.getLogger(__name__)

PHOTO_FOLDER = "photos"


@dataclass(frozen=True)
class PhotoRestore:
    restored: int
    already_present: int
    missing: tuple[str, ...] = ()  # names with no copy in the backup
    damaged: tuple[str, ...] = ()  # names whose copy does not match its SHA-256

    @property
    def complete(self) -> bool:
        return not self.missing and not self.damaged


def _referenced(db: Database) -> list[tuple[str, str]]:
    with db.session() as session:
        rows = session.execute(select(Photo.sha256, Photo.media_type).distinct()).all()
    return sorted((sha, photo_name(sha, EXTENSIONS[media_type])) for sha, media_type in rows)


def _write_private(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def backup_photos(db: Database, backup_folder: Path, store: PhotoStore | None = None) -> int:
    """Copy the photos not yet in ``backup_folder/photos``; returns how many were copied.

    A database on a server keeps its photos in the database, so ``pg_dump`` has them."""
    if not db.is_sqlite:
        return 0
    store = store or store_for(db)
    target_folder = backup_folder / PHOTO_FOLDER
    copied = 0
    for _sha, name in _referenced(db):
        target = target_folder / store.disk_name(name)
        if target.is_file():
            continue
        try:
            data = store.get(name)
        except Exception as exc:  # a missing photo must not stop the database backup
            log.warning("A photo could not be backed up: %s", type(exc).__name__)
            continue
        _write_private(target, store.seal(data))
        copied += 1
    if copied:
        log.info("Copied %d new photo(s) beside the backup", copied)
    return copied


def restore_photos(
    db: Database, backup_folder: Path, store: PhotoStore | None = None
) -> PhotoRestore:
    """Bring back the photos the restored database names, checking each copy's SHA-256."""
    store = store or store_for(db)
    source = backup_folder / PHOTO_FOLDER
    restored = present = 0
    missing: list[str] = []
    damaged: list[str] = []
    for sha, name in _referenced(db):
        if store.exists(name):
            present += 1
            continue
        copy = source / store.disk_name(name)
        if not copy.is_file():
            copy = source / name  # a backup made before files were named by keyed hash
        if not copy.is_file():
            missing.append(name)
            continue
        try:
            data = store.unseal(copy.read_bytes())
        except InvalidInput:
            data = b""
        if hashlib.sha256(data).hexdigest() != sha:
            log.warning("A photo's backup copy is damaged; it was not restored")
            damaged.append(name)
            continue
        store.put(name, data)
        restored += 1
    return PhotoRestore(restored, present, tuple(missing), tuple(damaged))


def _names_in_backup(path: Path) -> set[str]:
    """Photo file names a backup database refers to (empty for a database without photos)."""
    con = connect_uri(f"file:{path}?mode=ro&immutable=1")
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "photo" not in tables:
            return set()
        return {
            photo_name(sha, EXTENSIONS.get(media_type, ".jpg"))
            for sha, media_type in con.execute("SELECT DISTINCT sha256, media_type FROM photo")
        }
    finally:
        con.close()


def remove_backup_copies(backup_folders: Iterable[Path], names: Iterable[str]) -> int:
    """Delete the copies of these photos (an erased patient's) from each backup folder's
    ``photos/``; returns how many files went. The old backup databases still name them, so
    restoring one reports them missing rather than bringing them back."""
    removed = 0
    names = list(names)
    for folder in dict.fromkeys(Path(f) for f in backup_folders):
        for name in names:
            copy = folder / PHOTO_FOLDER / Path(name).name  # a bare file name, never a path
            try:
                copy.unlink()
                removed += 1
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("Could not delete a backed-up photo: %s", exc.strerror or exc)
    return removed


def prune_backup_photos(
    backup_folder: Path, store: PhotoStore | None = None
) -> tuple[str, ...]:
    """Delete photo copies that no backup database in ``backup_folder`` refers to any more.

    Every ``*.sqlite3`` file in the folder counts (automatic and manual backups); if one of
    them cannot be read, nothing is deleted. Copies named by keyed hash are matched through
    ``store`` (the clinic's), and kept when it is not given."""
    folder = backup_folder / PHOTO_FOLDER
    if not folder.is_dir():
        return ()
    wanted: set[str] = set()
    for backup in backup_folder.glob("*.sqlite3"):
        try:
            wanted |= _names_in_backup(backup)
        except sqlite3.Error as exc:
            log.warning("Kept every backed-up photo: a backup could not be read (%s)", exc)
            return ()
    if store is not None:
        wanted |= {store.disk_name(name) for name in wanted}
    doomed = tuple(
        sorted(
            p.name
            for p in folder.iterdir()
            if p.is_file()
            and p.name not in wanted
            and (store is not None or not p.name.startswith(KEYED))
        )
    )
    for name in doomed:
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    return doomed
