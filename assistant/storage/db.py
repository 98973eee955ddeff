"""Opening the database: the one start-up path (``init_db``).

``init_db(url)`` checks that the file is a Chairside database it can open, copies it aside
before migrating an older schema, brings it to the newest Alembic revision and returns a
``Database``. Every problem a user can meet — a missing folder, a locked, read-only or
corrupt file, a database from a newer Chairside — becomes ``DatabaseUnavailable`` with what
to do, and nothing is overwritten.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from assistant import paths
from assistant.access.cipher import SQLITE_HEADER, is_plain, key_for, new_key
from assistant.access.cipher import connect as connect_file
from assistant.access.cipher import sqlite as sqlite3
from assistant.access.keyfile import key_file_path, new_key_file
from assistant.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"

__all__ = ["SQLITE_HEADER", "Database", "DatabaseLocked", "init_db"]
BUSY_TIMEOUT_MS = 5000
ADVICE_RESTORE = "Open another database, restore a backup (python main.py restore FILE), or quit."


def _migrations_config() -> Config:
    # Alembic only to migrate: start-up reads the revision without it (480 ms)
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> list[str]:
    """Schema revisions this version of Chairside knows, oldest first.

    Migration files are named after their revision id (``0002_sessions_schema.py`` holds
    revision ``0002``) and form one line, so the newest file is the head. Reading the folder
    keeps Alembic out of a normal start-up; a test checks the convention against Alembic.
    """
    return sorted(
        path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*_*.py")
    )


def head_revision() -> str:
    return known_revisions()[-1]


class DatabaseLocked(DatabaseUnavailable):
    """The database is encrypted and no key was given: a practitioner signs in first."""


def explain_error(exc: BaseException, encrypted: bool = False) -> DatabaseUnavailable:
    """Turn a driver error into the message the user reads."""
    text = str(getattr(exc, "orig", exc)).lower()
    if encrypted and "not a database" in text:
        return DatabaseUnavailable(
            "The encrypted database cannot be read with its key: the file is damaged, or the "
            "key file beside it belongs to another database.",
            ADVICE_RESTORE,
        )
    if "locked" in text or "busy" in text:
        return DatabaseUnavailable(
            "The database is locked by another program or workstation.",
            "Close the other program (or wait a moment) and try again.",
        )
    if "readonly" in text or "read-only" in text or "attempt to write" in text:
        return DatabaseUnavailable(
            "The database file is read-only, so nothing can be saved.",
            "Check the file's permissions, or open a copy you can write to.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseUnavailable("The database file is damaged.", ADVICE_RESTORE)
    if "disk" in text and "full" in text:
        return DatabaseUnavailable(
            "The disk is full, so the change was not saved.",
            "Free some space; what you typed is kept on screen.",
        )
    if "unable to open" in text:
        return DatabaseUnavailable("The database file cannot be opened.", ADVICE_RESTORE)
    return DatabaseUnavailable(f"The database reported an error: {exc}.", ADVICE_RESTORE)


class Database:
    """An open database: an engine plus short-lived sessions, one per operation."""

    def __init__(self, engine: Engine, key: bytes | None = None) -> None:
        self.engine = engine
        # The SQLCipher key of an encrypted SQLite database (None: plain, or a server).
        self.key = key
        # A new encrypted database's recovery key, until setup has shown it (then None).
        self.recovery_code: str | None = None
        # True when opening it finished an encryption a killed run left half-done.
        self.finished_encryption = False
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # The data folder this database is used from (its photos, its verified audit point),
        # set by the application context; None: the environment's data folder.
        self.data_dir: Path | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.engine.url.database:
            return None
        return Path(self.engine.url.database)

    def key_file(self) -> Path | None:
        """The key file of an encrypted database (None when the database is not one)."""
        path = self.sqlite_path
        return key_file_path(path) if path is not None and self.key is not None else None

    @property
    def encryption(self) -> str:
        """Which kind is open, for the status bar: encrypted, plain or server."""
        if not self.is_sqlite:
            return "server"
        return "encrypted" if self.key is not None else "plain"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except (OperationalError, DBAPIError) as exc:
            session.rollback()
            raise explain_error(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def configure_mapped_classes() -> None:
    """Resolve every mapped class's relationships now. The first query through a mapped
    class does it otherwise (about a tenth of a second for this schema), so the window calls
    this once it is painted, and reads what it shows first through the tables alone."""
    configure_mappers()


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # REPLACE deletes the row it replaces; only with this on do delete triggers see that.
    cursor.execute("PRAGMA recursive_triggers=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted and overwritten content is zeroed on disk, so an erased patient's details do
    # not linger in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _check_sqlite_file(path: Path, create: bool, key: bytes | None) -> None:
    if path.exists():
        if path.is_dir():
            raise DatabaseUnavailable(f"{path} is a folder, not a database file.", ADVICE_RESTORE)
        if path.stat().st_size == 0:
            return  # an empty file is a new database
        try:
            plain = is_plain(path)
        except PermissionError as exc:
            raise DatabaseUnavailable(
                f"Chairside may not read {path}.", "Check the file's permissions."
            ) from exc
        if plain or key is not None:
            return
        if key_file_path(path).exists():
            raise DatabaseLocked(
                f"{path.name} is encrypted: a practitioner signs in to open it.",
                "On the command line add --as PRACTITIONER (PIN from the terminal or "
                "CHAIRSIDE_PIN), or --recovery-key.",
            )
        raise DatabaseUnavailable(
            f"{path} is not a Chairside database (or it is damaged), or it is an encrypted "
            f"one whose key file ({path.name}.keys) is missing.",
            ADVICE_RESTORE,
        )
    if not path.parent.exists():
        if create:
            paths.ensure_private_dir(path.parent)
        else:
            raise DatabaseUnavailable(
                f"The folder {path.parent} does not exist.",
                "Check that the drive is connected, or choose another database.",
            )


def create_db_engine(url: str, key: bytes | None = None) -> Engine:
    """The engine for ``url``; a SQLite file is opened through SQLCipher's driver, keyed with
    ``key`` when it is encrypted."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        file = sa_url.database
        if file and file != ":memory:" and not sa_url.query:
            target = str(Path(file).expanduser())

            def connect() -> Any:
                return connect_file(
                    target, key, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                )

            engine = create_engine(sa_url, module=sqlite3, creator=connect)
        else:
            engine = create_engine(
                sa_url,
                module=sqlite3,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(sa_url, pool_pre_ping=True)


def backup_sqlite(source: Path, target: Path, key: bytes | None = None) -> Path:
    """A consistent copy of a (possibly live) SQLite database, via SQLite's backup API; an
    encrypted database is copied encrypted under the same key (``key``, the database's)."""
    key = key_for(source, key)
    target.parent.mkdir(parents=True, exist_ok=True, mode=paths.PRIVATE_DIR_MODE)
    partial = target.with_name(target.name + ".partial")
    src = connect_file(f"file:{source}?mode=ro", key, uri=True)
    try:
        partial.unlink(missing_ok=True)
        paths.create_private_file(partial)  # a copy of patient records: owner-only
        dst = connect_file(partial, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    return target


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        return conn.exec_driver_sql("select version_num from alembic_version").scalar()


def init_db(
    url: str | None = None,
    *,
    backup_before_migrate: bool = True,
    create: bool | None = None,
    upgrade_backups: Path | None = None,
    key: bytes | None = None,
    encrypt: bool = True,
) -> Database:
    """Open (creating or upgrading as needed) the database at ``url``.

    A missing SQLite file is created only when ``create`` says so (by default: when it is the
    default file in the data folder); a copy made before an upgrade goes to
    ``upgrade_backups`` (by default the data folder's backups).

    An existing encrypted file needs its ``key`` (``DatabaseLocked`` without it). A new SQLite
    file is encrypted unless ``encrypt`` is False: with ``key`` when given (the caller keeps
    the key file), otherwise with a new random key and a new key file waiting for setup (the
    first practitioner's PIN) and holding a new recovery key, returned once as
    ``Database.recovery_code``."""
    url = url or paths.database_url()
    try:
        sa_url = make_url(url)
        sa_url.get_dialect()  # the driver: a missing or unknown one is reported here
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        scheme = url.split("://", 1)[0] if "://" in url else url
        raise DatabaseUnavailable(
            f"'{scheme[:40]}' is not a kind of database Chairside can open ({type(exc).__name__}).",
            'Use sqlite:///FILE or postgresql+psycopg://HOST/NAME (pip install -e ".[postgres]").',
        ) from None
    sqlite_path = paths.sqlite_file(url)
    if sqlite_path is not None:
        sqlite_path = sqlite_path.expanduser()
        if create is None:
            create = sqlite_path == paths.default_database_path()
        _check_sqlite_file(sqlite_path, create=create, key=key)
        if create:
            paths.make_private(sqlite_path.parent)
        if not sqlite_path.exists():
            with contextlib.suppress(OSError):  # SQLite itself reports a folder it cannot use
                paths.create_private_file(sqlite_path)  # an empty file is a new database
    recovery_code: str | None = None
    if sqlite_path is not None and sqlite_path.exists() and sqlite_path.stat().st_size > 0:
        if is_plain(sqlite_path):
            key = None
        _inspect_sqlite_read_only(sqlite_path, key)
    elif sqlite_path is not None and encrypt:
        if key is None:
            key, recovery_code = _new_key_file(sqlite_path)
    else:
        key = None
    engine = create_db_engine(url, key)
    try:
        revision = current_revision(engine)
        head = head_revision()
        if revision is not None and revision not in known_revisions():
            raise DatabaseUnavailable(
                f"This database was made by a newer version of Chairside (schema {revision}).",
                "Update Chairside on this workstation, or open another database.",
            )
        if revision is None and _has_foreign_tables(engine):
            raise DatabaseUnavailable(
                "This database belongs to another program: it has tables but no Chairside "
                "schema version.",
                ADVICE_RESTORE,
            )
        if sqlite_path is not None:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            _make_database_private(sqlite_path)
            if sqlite_path.with_name(sqlite_path.name + WIPE_PENDING_SUFFIX).exists():
                wipe_free_space(engine, sqlite_path)  # an erasure left unfinished
            if revision is not None:
                _check_writable(engine)
        if revision != head:
            if revision is not None and sqlite_path is not None and backup_before_migrate:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                folder = upgrade_backups or paths.backup_dir()
                folder.mkdir(parents=True, exist_ok=True)
                copy = folder / f"before-upgrade-{revision}-{stamp}.sqlite3"
                engine.dispose()
                backup_sqlite(sqlite_path, copy, key)
                log.info("Copied the database into the backups folder before upgrading it")
            log.info("Upgrading the database schema from %s to %s", revision, head)
            # Alembic only to migrate: start-up reads the revision without it (480 ms)
            from alembic import command

            with engine.begin() as conn:
                config = _migrations_config()
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
    except DatabaseUnavailable:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        raise explain_error(exc, key is not None) from exc
    database = Database(engine, key)
    database.recovery_code = recovery_code
    return database


def _new_key_file(database: Path) -> tuple[bytes, str]:
    """A new database key, and a key file beside the database that holds it wrapped under a
    new recovery key only (until the first practitioner's PIN wraps it too)."""
    key = new_key()
    keys = new_key_file(database)
    code = keys.new_recovery(key)
    keys.save()
    return key, code


def _make_database_private(path: Path) -> None:
    """The database and its -wal and -shm files are the owner's only. SQLite gives the -wal
    and -shm files the database's own permissions when it creates them; files left by an
    older version are tightened here."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            paths.make_private(part)


WIPE_PENDING_SUFFIX = ".wipe-pending"


def wipe_free_space(engine: Engine, path: Path) -> bool:
    """Rebuild the file (VACUUM) and empty the write-ahead log into it, so nothing deleted
    (an erased patient's details) survives in free pages or the log. Returns False when
    another connection keeps the old pages in use; a marker beside the database then asks
    the next ``init_db`` to finish the job."""
    marker = path.with_name(path.name + WIPE_PENDING_SUFFIX)
    done = False
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()[0]
            done = busy == 0
    except DBAPIError as exc:  # another workstation is writing: try again later
        log.warning("Could not wipe the database's free space yet: %s", exc)
    if done:
        marker.unlink(missing_ok=True)
    else:
        with contextlib.suppress(OSError):
            paths.create_private_file(marker)
    return done


def _check_writable(engine: Engine) -> None:
    """Take the write lock and let it go, changing nothing: a read-only file (even one that
    only the operating system protects) or one another program keeps locked is reported now,
    not at the first save."""
    with engine.connect() as conn:
        conn.exec_driver_sql("DELETE FROM alembic_version WHERE 0")
        conn.rollback()


def _inspect_sqlite_read_only(path: Path, key: bytes | None) -> None:
    """Check an existing file without writing to it: that it looks whole (a bounded check;
    the whole file is checked in the background), schema version, owner."""
    try:
        con = connect_file(
            f"file:{path}?mode=ro", key, uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise explain_error(exc, key is not None) from exc
    try:
        if not _looks_whole(con, path):
            raise DatabaseUnavailable("The database file is damaged.", ADVICE_RESTORE)
        tables = {
            row[0] for row in con.execute("select name from sqlite_master where type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = con.execute("select version_num from alembic_version").fetchone()
            revision = row[0] if row else None
        if revision is not None and revision not in known_revisions():
            raise DatabaseUnavailable(
                f"This database was made by a newer version of Chairside (schema {revision}).",
                "Update Chairside on this workstation, or open another database.",
            )
        if revision is None and tables - {"alembic_version"}:
            raise DatabaseUnavailable(
                "This database belongs to another program: it has tables but no Chairside "
                "schema version.",
                ADVICE_RESTORE,
            )
    except sqlite3.Error as exc:
        raise explain_error(exc, key is not None) from exc
    finally:
        con.close()


def _looks_whole(con: sqlite3.Connection, path: Path) -> bool:
    """The checks at every opening, bounded whatever the file's size: the file is as long as
    its header says and the schema's own pages pass SQLite's check. The whole file is
    checked by ``check_whole_file``, off the window's thread."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return False
    # An encrypted file's header is ciphertext; SQLCipher authenticates each page it reads.
    if header[:16] == SQLITE_HEADER:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        # The size in the header counts only when the file was last written by SQLite 3.7+.
        size_is_valid = header[24:28] == header[92:96] and pages > 0
        if size_is_valid and path.stat().st_size < pages * page_size:
            return False  # cut short
    result = con.execute("PRAGMA quick_check(sqlite_master)").fetchone()
    return bool(result) and result[0] == "ok"


def check_whole_file(path: Path, key: bytes | None, most: int = 10) -> list[str]:
    """SQLite's ``quick_check`` over the whole file (read-only): the problems found, at
    most ``most`` of them; empty when the file is sound. It reads every page, so a large
    clinic's file takes seconds: run it off the window's thread."""
    try:
        con = connect_file(
            f"file:{path}?mode=ro", key_for(path, key), uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [str(r[0]) for r in con.execute(f"PRAGMA quick_check({int(most)})")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def _has_foreign_tables(engine: Engine) -> bool:
    tables = set(inspect(engine).get_table_names())
    return bool(tables - {"alembic_version"})
