"""Every path Chairside uses, in one place.

The data folder is chosen once at start-up: the ``--data-dir`` option, else
``CHAIRSIDE_DATA_DIR``, else the platform's user data folder (platformdirs). The result is a
``Locations`` held by the application context (``assistant.context``) and passed down;
nothing writes the environment. Nothing is created at import time: callers ask for a folder
with ``ensure=True`` when they are about to write into it.

The module-level functions resolve the same folders from the environment; they are the
defaults for code run without a context (scripts, tests).

Everything Chairside keeps is private to the account that runs it: on Linux and macOS the
data folder and its folders are made 0700 and every file in them (database, its -wal and
-shm files, backups, logs, settings) 0600, at creation and again when opened. On Windows the
user's profile folder (``%LOCALAPPDATA%``) already restricts access to the user, so nothing
is changed there.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from platformdirs import PlatformDirs

APP_NAME = "Chairside"
DATA_DIR_ENV = "CHAIRSIDE_DATA_DIR"
DATABASE_URL_ENV = "CHAIRSIDE_DATABASE_URL"

_dirs = PlatformDirs(APP_NAME, appauthor=False)


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
POSIX = os.name == "posix"


def make_private(path: Path) -> None:
    """Owner-only permissions on Linux and macOS (see the module docstring for Windows).

    A shared folder is left as it is: one with the sticky bit (``/tmp``, where everyone keeps
    files) or one another user owns. A database or settings file put there is still made
    owner-only itself."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        if path.is_dir():
            info = path.stat()
            if info.st_mode & stat.S_ISVTX or info.st_uid != os.geteuid():
                return
            path.chmod(PRIVATE_DIR_MODE)
        else:
            path.chmod(PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if it does not exist; tighten it if it does."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(path)
    return path


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    make_private(path)
    return path


def _ensure(path: Path, ensure: bool) -> Path:
    if ensure:
        data_dir(ensure=True)
        ensure_private_dir(path)
    return path


def data_dir(ensure: bool = False) -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override).expanduser() if override else Path(_dirs.user_data_dir)
    if ensure:
        ensure_private_dir(path)
    return path


def log_dir(ensure: bool = False) -> Path:
    return _ensure(data_dir() / "logs", ensure)


def backup_dir(ensure: bool = False) -> Path:
    return _ensure(data_dir() / "backups", ensure)


def templates_dir(ensure: bool = False) -> Path:
    """Where a clinic keeps its own edited copies of the shipped templates."""
    return _ensure(data_dir() / "templates", ensure)


def settings_file() -> Path:
    return data_dir() / "settings.json"


def default_database_path() -> Path:
    return data_dir() / "chairside.sqlite3"


def database_url() -> str:
    """The database to open: ``CHAIRSIDE_DATABASE_URL`` or the SQLite file in the data folder."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    return f"sqlite:///{default_database_path()}"


def _private(path: Path, ensure: bool) -> Path:
    if ensure:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.chmod(0o700)
    return path


def photos_dir(ensure: bool = False) -> Path:
    """Clinical photos and their thumbnails, named by SHA-256 (readable only by the user)."""
    return _private(data_dir() / "photos", ensure)


@dataclass(frozen=True)
class Locations:
    """The folders and files under one data folder."""

    data_dir: Path

    @classmethod
    def resolve(cls, folder: str | Path | None = None) -> Locations:
        """The option if given, else the environment, else the platform's data folder."""
        return cls(Path(folder).expanduser() if folder else data_dir())

    def _sub(self, name: str, ensure: bool) -> Path:
        path = self.data_dir / name
        if ensure:
            ensure_private_dir(self.data_dir)
            ensure_private_dir(path)
        return path

    def log_dir(self, ensure: bool = False) -> Path:
        return self._sub("logs", ensure)

    def backup_dir(self, ensure: bool = False) -> Path:
        return self._sub("backups", ensure)

    def templates_dir(self, ensure: bool = False) -> Path:
        return self._sub("templates", ensure)

    def photos_dir(self, ensure: bool = False) -> Path:
        """Clinical photos and their thumbnails (readable only by the user)."""
        return _private(self.data_dir / "photos", ensure)

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def default_database_path(self) -> Path:
        return self.data_dir / "chairside.sqlite3"

    @property
    def default_database_url(self) -> str:
        return f"sqlite:///{self.default_database_path}"

    def database_url(self, option: str | None = None) -> str:
        """The option if given, else ``CHAIRSIDE_DATABASE_URL``, else the SQLite file here."""
        return option or os.environ.get(DATABASE_URL_ENV) or self.default_database_url


# A database URL as SQLAlchemy's ``make_url`` reads it (its pattern, kept in step by
# ``tests/test_startup_path.py``), so the data folder, the key file and the output rules know
# which file a SQLite URL names without loading SQLAlchemy before the window's sign-in opens.
_URL = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:(?P<username>[^:/]*)(?::(?P<password>[^@]*))?@)?
        (?:(?:\[(?P<ipv6host>[^/\?]+)\]|(?P<ipv4host>[^/:\?]+))?(?::(?P<port>[^/\?]*))?)?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X,
)


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (any driver: ``sqlite:///path``,
    ``sqlite+pysqlcipher:///path``), or None for a database server, an in-memory database
    or what is not a database URL (opening it says what is wrong)."""
    match = _URL.match(url)
    if match is None or match["name"].split("+")[0] != "sqlite":
        return None
    database = match["database"]
    if database is None or unquote(database) in ("", ":memory:"):
        return None
    return Path(unquote(database))

