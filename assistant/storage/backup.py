"""Backups and restore of the SQLite database.

Every copy goes through SQLite's online backup API (``assistant.storage.db.backup_sqlite``), never a
raw copy of a live file, so a backup taken while someone is saving holds every committed row
and nothing half-written. Automatic backups are named ``chairside-YYYYmmdd-HHMMSS.sqlite3``
in the clinic's chosen folder; the newest ``backup_keep`` are kept. Beside each backup,
``BACKUP.meta.json`` records the audit chain head it holds.

``restore`` checks the chosen file before touching anything: an SQLite file, complete, that
passes ``PRAGMA integrity_check``, carries a Chairside schema version this program knows, has
exactly the schema of that version and an intact audit chain (``backup_check``).
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
from assistant.access.cipher import connect, connect_uri, is_plain, key_for
from assistant.access.cipher import sqlite as sqlite3
from assistant.audit import trail as audit
from assistant.audit.integrity import forget_verified_point, write_backup_metadata
from assistant.errors import DatabaseUnavailable, InvalidInput
from assistant.output_files import check_output_file
from assistant.settings import Settings
from assistant.storage.backup_check import (  # noqa: F401  (inspect_backup: its public place)
    BackupCheck,
    _has_sqlite_header,
    _is_database,
    _source_uri,
    inspect_backup,
    nothing_changed,
)
from assistant.storage.db import (
    BUSY_TIMEOUT_MS,
    Database,
    backup_sqlite,
    explain_error,
    head_revision,
    init_db,
)
from assistant.storage.models import Practitioner
from assistant.text.i18n import _

if TYPE_CHECKING:
    from assistant.photos.backup import PhotoRestore

log = logging.getLogger(__name__)

AUTO_PATTERN = re.compile(r"^chairside-\d{8}-\d{6}(-\d+)?\.sqlite3$")
WARN_AFTER_DAYS = 7
BACKUP_INTERVAL = timedelta(days=1)


def server_message() -> str:
    return _(
        "This database is on the clinic's PostgreSQL server, which is backed up (and restored) "
        "there with pg_dump and pg_restore, not by Chairside."
    )


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    at: datetime
    size: int
    pruned: tuple[Path, ...] = ()
    photos_copied: int = 0


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: Path
    from_revision: str
    to_revision: str
    kept_aside: Path | None
    photos: PhotoRestore | None = None
    encrypted_on_restore: bool = False  # a plain backup, encrypted under the clinic's key

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
        raise InvalidInput(server_message())
    path = db.sqlite_path
    if path is None or str(path) == ":memory:":
        raise InvalidInput(_("This database lives only in memory, so it cannot be backed up."))
    return path


def _copy(db: Database, source: Path, target: Path) -> None:
    try:
        backup_sqlite(source, target)
    except sqlite3.Error as exc:
        raise explain_error(exc) from exc
    except OSError as exc:
        raise InvalidInput(
            _(
                "The backup cannot be written to {folder} ({error}). Check that the drive is "
                "connected, or choose another backup folder in Settings."
            ).format(folder=target.parent, error=exc.strerror or exc),
            "backup_folder",
        ) from exc


def _write_metadata(target: Path) -> None:
    """``BACKUP.meta.json``: the audit chain head the backup holds, an anchor kept outside
    the database (``audit --verify --against BACKUP``)."""
    try:
        write_backup_metadata(target, head_revision())
    except OSError as exc:
        log.warning("Could not write the metadata of a backup: %s", exc.strerror or exc)


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
    # the photos' backup only with a backup (70 ms off the window's start)
    from assistant.photos.backup import backup_photos, prune_backup_photos
    photos = backup_photos(db, folder)
    pruned = prune_backups(folder, keep)
    if pruned:
        # the photo store only when old backups are pruned
        from assistant.photos.storage import store_for

        prune_backup_photos(folder, store_for(db))
    _audit_backup(db, target, actor, automatic=True)
    log.info("Backed up the database (automatic backup)")
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
            _("{out} exists and is not a database; it was left alone. Choose another name.")
            .format(out=out),
            "out",
        )
    check_output_file(out, force=force, protected=(source,))
    _copy(db, source, out)
    # the photos' backup only with a backup (70 ms off the window's start)
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
            log.warning("Could not remove an old automatic backup: %s", exc.strerror or exc)
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


def _sqlite_target(db_url: str) -> Path:
    sa_url = make_url(db_url)
    if sa_url.get_backend_name() != "sqlite":
        raise InvalidInput(server_message())
    if sa_url.database in (None, "", ":memory:"):
        raise InvalidInput(_("This database lives only in memory, so nothing can be restored."))
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


def _clinic_key(target: Path) -> bytes | None:
    """The key of the clinic's encrypted database at ``target`` (None for a plain clinic);
    refused when the clinic is encrypted but its key is not unlocked in this run."""
    # the key file only for a clinic being restored
    from assistant.access.keyfile import key_file_path

    whole = target.is_file() and target.stat().st_size > 0
    if whole and is_plain(target):
        return None
    if not whole and not key_file_path(target).exists():
        return None  # no database yet and no key file: a new, plain place
    key = key_for(target) if whole else None
    if key is None:
        raise InvalidInput(
            _(
                "This clinic's database is encrypted and its key is not unlocked here, so the "
                "backup cannot be restored encrypted. Sign in, then restore again."
            )
            + " "
            + nothing_changed(),
            "file",
        )
    return key


def _encrypt_in(source: Path, target: Path, key: bytes) -> None:
    """A plain backup restored into an encrypted clinic: exported encrypted under the
    clinic's key (SQLCipher's ``sqlcipher_export``) beside the database, then put in its
    place; the plain file is only ever read."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    paths.create_private_file(partial)
    quoted = "'" + _source_uri(source).replace("'", "''") + "'"
    try:
        dst = connect(f"file:{partial}", key, uri=True)
        try:
            dst.execute(f"ATTACH DATABASE {quoted} AS plain KEY ''")
            dst.execute("SELECT sqlcipher_export('main', 'plain')")
            version = int(dst.execute("PRAGMA plain.user_version").fetchone()[0])
            dst.execute(f"PRAGMA main.user_version = {version}")
            dst.commit()
            dst.execute("DETACH DATABASE plain")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise explain_error(exc) from exc
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    partial.replace(target)


def _copy_in(source: Path, target: Path, clinic_key: bytes | None = None) -> None:
    """Copy ``source`` over the database at ``target`` through the backup API (the copy is
    encrypted, or not, as the backup is); a plain backup into an encrypted clinic
    (``clinic_key``) is encrypted under the clinic's key as it is copied in."""
    if clinic_key is not None and key_for(source) is None:
        _encrypt_in(source, target, clinic_key)
        return
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
        raise InvalidInput(_("That file is the database in use; choose a backup."), "file")
    if not target.parent.exists():
        raise DatabaseUnavailable(
            _("The folder {folder} does not exist.").format(folder=target.parent),
            _("Check that the drive is connected, or choose another database."),
        )
    clinic_key = _clinic_key(target)  # a plain backup never leaves an encrypted clinic plain
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = backups_folder or paths.backup_dir(ensure=True)
    kept = _keep_current_aside(target, folder, stamp)
    if kept:
        log.info("Kept the database in use before restoring")
    encrypting = clinic_key is not None and key_for(source) is None
    _copy_in(source, target, clinic_key)
    try:
        database = init_db(db_url, backup_before_migrate=False, key=key_for(target))
    except DatabaseUnavailable as exc:
        kept_note = (
            " " + _("The database you had before is kept as {path}.").format(path=kept)
            if kept
            else ""
        )
        raise DatabaseUnavailable(
            _("The backup was copied in but cannot be opened: {reason}").format(reason=exc.reason)
            + kept_note,
            exc.advice,
        ) from exc
    try:
        # the photos' backup only with a restore (70 ms off the window's start)
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
                    "encrypted_on_restore": encrypting,
                    **({} if known or actor is None else {"by_practitioner_before": actor}),
                },
            )
    finally:
        database.dispose()

    forget_verified_point(database.url)
    log.info("Restored the database from a backup (schema %s)", check.revision)
    return RestoreResult(target, source, check.revision, head, kept, photos, encrypting)
