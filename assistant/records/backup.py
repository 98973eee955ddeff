"""Backups and restore of the SQLite database.

Every copy goes through SQLite's online backup API (``assistant.db.backup_sqlite``), never a
raw copy of a live file, so a backup taken while someone is saving holds every committed row
and nothing half-written. Automatic backups are named ``chairside-YYYYmmdd-HHMMSS.sqlite3``
in the clinic's chosen folder; the newest ``backup_keep`` are kept. Beside each backup,
``BACKUP.meta.json`` records the audit chain head it holds.

``restore`` checks the chosen file before touching anything: an SQLite file, complete, that
passes ``PRAGMA integrity_check``, carries a Chairside schema version this program knows, has
exactly the schema of that version and an intact audit chain (``restore_check``).
The current database is then copied aside, the backup is copied in place through the backup
API, and an older schema is migrated by ``init_db``. A database on a PostgreSQL server is
backed up by the server's own tools (``pg_dump``); Chairside says so rather than trying.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from assistant import paths
from assistant.cipher import connect, connect_uri, key_for, plain_header
from assistant.cipher import sqlite as sqlite3
from assistant.db import (
    BUSY_TIMEOUT_MS,
    SQLITE_HEADER,
    Database,
    backup_sqlite,
    explain_error,
    head_revision,
    init_db,
    known_revisions,
)
from assistant.errors import DatabaseUnavailable, InvalidInput
from assistant.models import Practitioner
from assistant.output_files import check_output_file
from assistant.records import audit
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.photos.backup import PhotoRestore

log = logging.getLogger(__name__)

AUTO_PATTERN = re.compile(r"^chairside-\d{8}-\d{6}(-\d+)?\.sqlite3$")
WARN_AFTER_DAYS = 7
BACKUP_INTERVAL = timedelta(days=1)
SERVER_MESSAGE = (
    "This database is on the clinic's PostgreSQL server, which is backed up (and restored) "
    "there with pg_dump and pg_restore, not by Chairside."
)
NOTHING_CHANGED = "Nothing was changed; choose another backup."


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    at: datetime
    size: int
    pruned: tuple[Path, ...] = ()
    photos_copied: int = 0


@dataclass(frozen=True)
class BackupCheck:
    """A file that ``restore`` would accept, and the schema it was made with."""

    path: Path
    revision: str
    needs_upgrade: bool


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: Path
    from_revision: str
    to_revision: str
    kept_aside: Path | None
    photos: PhotoRestore | None = None

    @property
    def migrated(self) -> bool:
        return self.from_revision != self.to_revision


# -- taking backups ---------------------------------------------------------------------------


def backup_folder(settings: Settings, default: Path | None = None) -> Path:
    """The clinic's chosen folder, or ``default`` (the backups folder in the data folder)."""
    chosen = settings.backup_folder
    return Path(chosen).expanduser() if chosen else (default or paths.backup_dir())


def backup_folders(settings: Settings, default: Path | None = None) -> list[Path]:
    """Every folder backups may be in: the clinic's chosen one and the default one."""
    default = default or paths.backup_dir()
    return list(dict.fromkeys((backup_folder(settings, default), default)))


def _live_path(db: Database) -> Path:
    if not db.is_sqlite:
        raise InvalidInput(SERVER_MESSAGE)
    path = db.sqlite_path
    if path is None or str(path) == ":memory:":
        raise InvalidInput("This database lives only in memory, so it cannot be backed up.")
    return path


def _copy(db: Database, source: Path, target: Path) -> None:
    try:
        backup_sqlite(source, target)
    except sqlite3.Error as exc:
        raise explain_error(exc) from exc
    except OSError as exc:
        raise InvalidInput(
            f"The backup cannot be written to {target.parent} ({exc.strerror or exc}). "
            "Check that the drive is connected, or choose another backup folder in Settings.",
            "backup_folder",
        ) from exc


def _write_metadata(target: Path) -> None:
    """``BACKUP.meta.json``: the audit chain head the backup holds, an anchor kept outside
    the database (``audit --verify --against BACKUP``)."""
    from assistant.records.integrity import write_backup_metadata

    try:
        write_backup_metadata(target, head_revision())
    except OSError as exc:
        log.warning("Could not write the metadata of the backup %s: %s", target, exc)


def _audit_backup(db: Database, target: Path, actor: int | None, automatic: bool) -> None:
    _write_metadata(target)
    with db.session() as session:
        audit.record(
            session,
            "backup",
            "database",
            None,
            actor=actor,
            summary=f"{'Automatic' if automatic else 'Manual'} backup to {target}",
            changes={"file": str(target)},
        )


def backup_now(
    db: Database,
    folder: Path,
    keep: int,
    *,
    actor: int | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """An automatic backup into ``folder``; keeps the newest ``keep`` of them."""
    source = _live_path(db)
    now = now or datetime.now()
    target = folder / f"chairside-{now:%Y%m%d-%H%M%S}.sqlite3"
    counter = 2
    while target.exists():
        target = folder / f"chairside-{now:%Y%m%d-%H%M%S}-{counter}.sqlite3"
        counter += 1
    _copy(db, source, target)
    from assistant.photos.backup import backup_photos, prune_backup_photos
    photos = backup_photos(db, folder)
    pruned = prune_backups(folder, keep)
    if pruned:
        prune_backup_photos(folder)
    _audit_backup(db, target, actor, automatic=True)
    log.info("Backed up the database to %s", target)
    return BackupInfo(target, now, target.stat().st_size, pruned, photos)


def backup_to_file(
    db: Database,
    out: Path,
    *,
    actor: int | None = None,
    now: datetime | None = None,
    force: bool = False,
) -> BackupInfo:
    """A backup to a file the user names (``python main.py backup --out FILE``); an earlier
    backup there is replaced only with ``force``, and never a file that is not a database."""
    source = _live_path(db)
    out = out.expanduser()
    check_output_file(out, force=True, protected=(source,))
    if out.is_file() and out.stat().st_size > 0 and not _is_database(out):
        raise InvalidInput(
            f"{out} exists and is not a database; it was left alone. Choose another name.",
            "out",
        )
    check_output_file(out, force=force, protected=(source,))
    _copy(db, source, out)
    from assistant.photos.backup import backup_photos
    photos = backup_photos(db, out.parent)
    _audit_backup(db, out, actor, automatic=False)
    return BackupInfo(out, now or datetime.now(), out.stat().st_size, photos_copied=photos)


def prune_backups(folder: Path, keep: int) -> tuple[Path, ...]:
    """Delete automatic backups beyond the newest ``keep`` (other files are never touched)."""
    keep = max(1, keep)
    automatic = sorted(
        (p for p in folder.iterdir() if p.is_file() and AUTO_PATTERN.match(p.name)),
        key=lambda p: (p.name[:25], p.stat().st_mtime),
    )
    doomed = tuple(automatic[:-keep])
    for path in doomed:
        try:
            path.unlink()
            path.with_name(path.name + ".meta.json").unlink(missing_ok=True)
        except OSError as exc:
            log.warning("Could not remove the old backup %s: %s", path, exc)
    return doomed


def last_backup_at(settings: Settings) -> datetime | None:
    value = settings.last_backup_at
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def note_backup(settings: Settings, info: BackupInfo) -> None:
    """Remember the time of a successful backup (shown in Settings, used for the banner)."""
    settings.set("last_backup_at", info.at.isoformat(timespec="seconds"))


def days_since_last_backup(settings: Settings, now: datetime | None = None) -> int | None:
    """Whole days since the last backup on this workstation; None if there has been none."""
    last = last_backup_at(settings)
    if last is None:
        return None
    return max(0, ((now or datetime.now()) - last).days)


def backup_overdue(settings: Settings, now: datetime | None = None) -> bool:
    """True when the banner should ask for a backup: none yet, or none for 7 days."""
    days = days_since_last_backup(settings, now)
    return days is None or days >= WARN_AFTER_DAYS


def backup_due(settings: Settings, now: datetime | None = None) -> bool:
    """Whether the automatic backup on exit should run: at most once a day."""
    if not settings.backup_on_exit:
        return False
    last = last_backup_at(settings)
    return last is None or (now or datetime.now()) - last >= BACKUP_INTERVAL


def backup_on_exit(
    db: Database,
    settings: Settings,
    *,
    actor: int | None = None,
    now: datetime | None = None,
    default_folder: Path | None = None,
) -> BackupInfo | None:
    """The automatic backup when the window closes, if one is due (SQLite only)."""
    if not db.is_sqlite or not backup_due(settings, now):
        return None
    info = backup_now(
        db, backup_folder(settings, default_folder), settings.backup_keep, actor=actor, now=now
    )
    note_backup(settings, info)
    return info


# -- restoring --------------------------------------------------------------------------------


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
    if not file.exists():
        raise InvalidInput(f"There is no file {file}.", "file")
    if file.is_dir():
        raise InvalidInput(f"{file} is a folder, not a backup file.", "file")
    with file.open("rb") as handle:
        header = handle.read(100)
    encrypted = not header.startswith(SQLITE_HEADER) and key_for(file) is not None
    if len(header) < 100 or not (header.startswith(SQLITE_HEADER) or encrypted):
        raise InvalidInput(
            f"{name} is not a Chairside backup (it is not a database file at all, or it is "
            "encrypted under another clinic's key). " + NOTHING_CHANGED,
            "file",
        )
    size = file.stat().st_size
    if encrypted:
        key = key_for(file)
        header = (plain_header(file, key) if key else None) or header
    expected = _expected_size(header)
    if expected is not None and size < expected:
        raise InvalidInput(
            f"{name} is incomplete: it holds {size:,} of its {expected:,} bytes, so the copy "
            "was cut short. " + NOTHING_CHANGED,
            "file",
        )
    try:
        con = connect_uri(_source_uri(file))
    except sqlite3.Error as exc:
        raise InvalidInput(f"{name} cannot be opened ({exc}). " + NOTHING_CHANGED, "file") from exc
    try:
        try:
            problems = [row[0] for row in con.execute("PRAGMA integrity_check(5)")]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            log.warning("Backup %s failed the integrity check: %s", file, problems)
            raise InvalidInput(
                f"{name} is damaged (it fails SQLite's integrity check). " + NOTHING_CHANGED,
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
            f"{name} is a database of another program, not a Chairside backup (it has no "
            "Chairside schema version). " + NOTHING_CHANGED,
            "file",
        )
    revision = str(row[0])
    if revision not in known_revisions():
        raise InvalidInput(
            f"{name} was made by a newer version of Chairside (schema {revision}; this version "
            f"knows schemas up to {head_revision()}). Update Chairside on this workstation "
            "first, then restore it. Nothing was changed.",
            "file",
        )
    _check_schema_and_chain(file, revision)
    return BackupCheck(file, revision, revision != head_revision())


def _check_schema_and_chain(file: Path, revision: str) -> None:
    """Exactly the schema of its version, and an intact audit chain (``restore_check``)."""
    from assistant.records.restore_check import backup_problem

    problem = backup_problem(_source_uri(file), revision)
    if problem:
        raise InvalidInput(f"{file.name} {problem} " + NOTHING_CHANGED, "file")


def _sqlite_target(db_url: str) -> Path:
    sa_url = make_url(db_url)
    if sa_url.get_backend_name() != "sqlite":
        raise InvalidInput(SERVER_MESSAGE)
    if sa_url.database in (None, "", ":memory:"):
        raise InvalidInput("This database lives only in memory, so nothing can be restored.")
    return Path(str(sa_url.database)).expanduser()


def _is_healthy(path: Path) -> bool:
    try:
        con = connect_uri(f"file:{path}?mode=ro", timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        return bool(con.execute("PRAGMA quick_check").fetchone() == ("ok",))
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise explain_error(exc) from exc
        return False
    except sqlite3.DatabaseError:
        return False
    finally:
        con.close()


def _keep_current_aside(target: Path, folder: Path, stamp: str) -> Path | None:
    """Copy (or, when damaged, move) the database in use into the backups folder."""
    if not target.exists() or target.stat().st_size == 0:
        return None
    folder.mkdir(parents=True, exist_ok=True, mode=paths.PRIVATE_DIR_MODE)
    if _is_healthy(target):
        aside = folder / f"before-restore-{stamp}.sqlite3"
        try:
            backup_sqlite(target, aside)
        except sqlite3.Error as exc:
            raise explain_error(exc) from exc
        return aside
    # A damaged file cannot be read page by page; keep its bytes (and its log) as they are.
    aside = folder / f"damaged-before-restore-{stamp}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        part = target.with_name(target.name + suffix)
        if part.exists():
            shutil.move(str(part), str(aside.with_name(aside.name + suffix)))
    return aside


def _copy_in(source: Path, target: Path) -> None:
    """Copy ``source`` over the database at ``target`` through the backup API (the copy is
    encrypted, or not, as the backup is)."""
    key = key_for(source)
    src = connect(_source_uri(source), key, uri=True)
    try:
        same_kind = target.exists() and target.stat().st_size > 0 and key_for(target) == key
        if same_kind and key is None:
            same_kind = _has_sqlite_header(target)
        if not same_kind:
            # A new file, or a plain backup over an encrypted database (or the other way):
            # copied whole beside it, then put in its place with its old log removed (the
            # database in use was kept aside first).
            partial = target.with_name(target.name + ".partial")
            partial.unlink(missing_ok=True)
            paths.create_private_file(partial)
            dst = connect(partial, key)
            try:
                src.backup(dst)
            finally:
                dst.close()
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            partial.replace(target)
            return
        dst = connect(target, key, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            try:
                src.backup(dst)
            except sqlite3.OperationalError as exc:
                if "readonly" not in str(exc).lower():
                    raise
                # A WAL database cannot change page size in place; leave WAL for the copy.
                dst.execute("PRAGMA journal_mode=DELETE")
                src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise explain_error(exc) from exc
    finally:
        src.close()


def restore(
    db_url: str,
    file: Path,
    *,
    backups_folder: Path | None = None,
    actor: int | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Replace the database at ``db_url`` with the backup ``file``.

    Every other window using the database should be closed first (the GUI disposes its own
    engine before calling this)."""
    target = _sqlite_target(db_url)
    check = inspect_backup(file)
    source = check.path
    if target.exists() and source.resolve() == target.resolve():
        raise InvalidInput("That file is the database in use; choose a backup.", "file")
    if not target.parent.exists():
        raise DatabaseUnavailable(
            f"The folder {target.parent} does not exist.",
            "Check that the drive is connected, or choose another database.",
        )
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = backups_folder or paths.backup_dir(ensure=True)
    kept = _keep_current_aside(target, folder, stamp)
    if kept:
        log.info("Kept the database in use as %s before restoring", kept)
    _copy_in(source, target)
    try:
        database = init_db(db_url, backup_before_migrate=False, key=key_for(target))
    except DatabaseUnavailable as exc:
        kept_note = f" The database you had before is kept as {kept}." if kept else ""
        raise DatabaseUnavailable(
            f"The backup was copied in but cannot be opened: {exc.reason}{kept_note}",
            exc.advice,
        ) from exc
    try:
        from assistant.photos.backup import restore_photos
        photos = restore_photos(database, source.parent)
        head = head_revision()
        with database.session() as session:
            # The practitioner was checked in the database replaced; the restored one may
            # not have them (an older backup), so their number is kept in the entry instead.
            known = actor is not None and session.get(Practitioner, actor) is not None
            audit.record(
                session,
                "restore",
                "database",
                None,
                actor=actor if known else None,
                summary=f"Restored the database from {source.name} (schema {check.revision}"
                + (f", upgraded to {head})" if check.needs_upgrade else ")"),
                changes={
                    "file": str(source),
                    "from_revision": check.revision,
                    "to_revision": head,
                    "kept_aside": str(kept) if kept else None,
                    "photos_restored": photos.restored,
                    "photos_missing": list(photos.missing),
                    "photos_damaged": list(photos.damaged),
                    **({} if known or actor is None else {"by_practitioner_before": actor}),
                },
            )
    finally:
        database.dispose()
    from assistant.records.integrity import forget_verified_point

    forget_verified_point(database.url)
    log.info("Restored %s from %s", target, source)
    return RestoreResult(target, source, check.revision, head, kept, photos)
