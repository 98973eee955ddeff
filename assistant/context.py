"""The application context: what every part of one run of Chairside shares.

Built once by the entry point (``main.py`` for the window, ``assistant.cli.main`` for a
command) from the command-line options, then passed down: the data folder and its paths, the
database URL and the open ``Database``, the settings with their declared defaults, the task
runner (the window's; None on the command line) and the practitioner signed in. Nothing is
written to the environment and there is no global instance.

When the database is replaced (a backup restored, another database opened), the context
disposes the old engine, opens the new one and tells whoever subscribed with
``on_database_replaced``; the window turns that into a Qt signal so widgets re-read it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assistant.access.cipher import is_plain
from assistant.access.cipher import remember as remember_key
from assistant.access.keyfile import KeyFile, key_file_path
from assistant.errors import DatabaseUnavailable
from assistant.output_files import protect_data_folder
from assistant.paths import Locations
from assistant.settings import Settings
from assistant.storage.db import init_db

if TYPE_CHECKING:
    from assistant.access.keyfile import KeyFile
    from assistant.storage.db import Database

log = logging.getLogger(__name__)

DatabaseListener = Callable[["Database"], None]


class AppContext:
    """One run's shared state. Command handlers receive it as ``context``."""

    def __init__(
        self,
        locations: Locations,
        database_url: str | None = None,
        *,
        settings: Settings | None = None,
        practitioner_id: int | None = None,
        runner: Any = None,
    ) -> None:
        self.locations = locations
        self.database_url = locations.database_url(database_url)
        self._settings = settings
        self.practitioner_id = practitioner_id
        # The window's ``ui.tasks.TaskRunner``; typed loosely so the core never imports Qt.
        self.runner = runner
        self._database: Database | None = None
        # The key of an encrypted SQLite database, once a PIN or the recovery key unwrapped it
        # (``unlock_with_pin``); and whether a new database is made encrypted (the default).
        self.database_key: bytes | None = None
        self.encrypt_new = True
        # Who unlocked the database from the command line, and with what PIN, so ``--as``
        # does not ask for the same PIN twice.
        self.unlocked_by: tuple[int, str] | None = None
        self.unlocked_with_recovery = False
        self._listeners: list[DatabaseListener] = []
        # Called before the database is first opened (the command line refuses a data folder
        # with no database unless the command creates one).
        self.before_open: Callable[[AppContext], None] | None = None

        protect_data_folder(locations.data_dir, self.database_url)

    @classmethod
    def from_options(
        cls, data_dir: str | None = None, database_url: str | None = None
    ) -> AppContext:
        """From ``--data-dir`` and ``--database-url`` (each falling back on its environment
        variable, then on the default)."""
        return cls(Locations.resolve(data_dir), database_url)

    # -- settings ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """Read from the data folder the first time they are needed."""
        if self._settings is None:
            self._settings = Settings(self.locations.settings_file)
        return self._settings

    # -- the database --------------------------------------------------------------------------

    @property
    def is_default_database(self) -> bool:
        return self.database_url == self.locations.default_database_url

    def database(self) -> Database:
        """The open database, opened (and upgraded if needed) on first use."""
        if self._database is None:
            if self.before_open is not None:
                self.before_open(self)
            self._database = self._open(self.database_url)
        return self._database

    def database_if_present(self) -> Database | None:
        """The database when there is one to open; ``None`` (nothing created) when
        ``before_open`` refuses it, for commands that work without one (``check`` then uses
        the shipped rules)."""
        if self._database is None and self.before_open is not None:
            try:
                self.before_open(self)
            except DatabaseUnavailable:
                return None
        return self.database()

    @property
    def db(self) -> Database:
        return self.database()

    @property
    def is_open(self) -> bool:
        return self._database is not None

    def _open(self, url: str) -> Database:
        # the encryption's modules only when a database opens, not at import
        from assistant.storage.encrypt import finish_interrupted, roll_back_interrupted

        keys = self.key_file_for(url)
        if keys is not None:  # an encryption killed before its switch leaves nothing behind
            roll_back_interrupted(keys.with_name(keys.name.removesuffix(".keys")))
        database = init_db(
            url,
            create=url == self.locations.default_database_url,
            upgrade_backups=self.locations.backup_dir(),
            key=self.database_key if self.key_file_for(url) is not None else None,
            encrypt=self.encrypt_new,
        )
        if database.key is not None:
            self.database_key = database.key
        database.data_dir = self.locations.data_dir
        database.finished_encryption = finish_interrupted(database)
        if database.key is not None:
            # wrong tries are audited only for an encrypted database
            from assistant.access.pin_attempts import audit_pending

            audit_pending(database)  # wrong tries made while it was locked, now in the trail
        return database

    # -- encryption ----------------------------------------------------------------------------

    @staticmethod
    def key_file_for(url: str) -> Path | None:
        """The key file an encrypted SQLite database at ``url`` has (None for a server)."""

        try:
            sa_url = make_url(url)
        except ArgumentError:
            return None  # not a URL: opening it says so
        if sa_url.get_backend_name() != "sqlite" or sa_url.database in (None, "", ":memory:"):
            return None
        return key_file_path(Path(str(sa_url.database)).expanduser())

    def database_kind(self, url: str | None = None) -> str:
        """``encrypted``, ``plain``, ``new`` (no file yet) or ``server``, without opening it."""
        keys = self.key_file_for(url or self.database_url)
        if keys is None:
            return "server"
        file = keys.with_name(keys.name.removesuffix(".keys"))
        try:
            if not file.is_file() or file.stat().st_size == 0:
                return "new"
            return "plain" if is_plain(file) else "encrypted"
        except OSError:
            return "new"

    def needs_unlock(self, url: str | None = None) -> bool:
        """True while the database (at ``url``) is encrypted and nobody has unlocked it."""
        if url is not None and url != self.database_url:
            return self.database_kind(url) == "encrypted"
        return self.database_key is None and self.database_kind() == "encrypted"

    def key_file(self, url: str | None = None) -> KeyFile:
        """The database's key file, read now (``KeyFileProblem`` when missing or damaged)."""
        path = self.key_file_for(url or self.database_url)
        assert path is not None, "a server database has no key file"
        return KeyFile.load(path)

    def unlock_with_pin(self, practitioner_id: int, pin: str, url: str | None = None) -> None:
        """Unwrap the key of the database (at ``url``) with a practitioner's PIN
        (``LoginRefused``, with the wait before the next try, if wrong or too soon)."""
        # the wrong-try counter only when a PIN unlocks
        from assistant.access.pin_attempts import who

        keys = self.key_file(url)
        self.database_key = _counted(
            keys.path, who(practitioner_id), lambda: keys.unlock_with_pin(practitioner_id, pin)
        )
        if keys.needs_workstation_copy(practitioner_id):
            # A copy made with the PIN alone: replaced by one that needs this workstation's
            # secret too, so the data folder copied elsewhere no longer opens with the PIN.
            name = keys.practitioners[practitioner_id][0]
            keys.enroll(practitioner_id, name, pin, self.database_key)
            keys.save()
        self.unlocked_by = (practitioner_id, pin)
        remember_key(self.database_key)

    def discard_unfinished_setup(self, url: str | None = None) -> bool:
        """A new encrypted database whose setup never finished (no practitioner, its
        recovery key never shown) can be opened by nobody and holds nothing anybody
        entered: remove it, so the next open starts setup again. False (nothing done) for
        any other database."""
        if self.database_kind(url) != "encrypted":
            return False
        keys = self.key_file(url)
        if not keys.setup_pending or keys.practitioners:
            return False
        database = keys.path.with_name(keys.path.name.removesuffix(".keys"))
        for suffix in ("-wal", "-shm", "-journal", ""):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        keys.path.unlink()
        log.warning("Removed a database whose setup never finished (nobody could open it)")
        return True

    def unlock_with_recovery(self, code: str, url: str | None = None) -> None:
        # the wrong-try counter only when a recovery key unlocks
        from assistant.access.pin_attempts import RECOVERY

        keys = self.key_file(url)
        self.database_key = _counted(keys.path, RECOVERY, lambda: keys.unlock_with_recovery(code))
        remember_key(self.database_key)
        self.unlocked_with_recovery = True

    def use_database(self, database: Database, url: str | None = None) -> None:
        """Adopt a database opened elsewhere (start-up's problem dialog may choose another)."""
        if self._database is not None and self._database is not database:
            self._database.dispose()
        self._database = database
        if database.key is not None:
            self.database_key = database.key
        if database.data_dir is None:
            database.data_dir = self.locations.data_dir
        self.database_url = url or database.engine.url.render_as_string(hide_password=False)

    def release_database(self) -> None:
        """Close the engine (before the file is replaced). ``database()`` opens it again."""
        if self._database is not None:
            self._database.dispose()
            self._database = None

    def replace_database(self, url: str | None = None) -> Database:
        """Open ``url`` (or the current URL again, after a restore) in place of the database
        in use, and tell every listener."""
        new = self._open(url or self.database_url)
        self.release_database()
        self._database = new
        if url:
            self.database_url = url
        for listener in list(self._listeners):
            listener(new)
        return new

    def on_database_replaced(self, listener: DatabaseListener) -> None:
        self._listeners.append(listener)

    def close(self) -> None:
        self.release_database()
        self._listeners.clear()


def _counted(key_file: Path, name: str, unwrap: Callable[[], bytes]) -> bytes:
    """``unwrap()`` with the wrong tries counted beside the key file: refused unchecked
    while the wait after the last wrong try lasts; a wrong try counted and refused with the
    wait it starts (``PinRefused``, a ``LoginRefused`` and a ``WrongSecret``)."""
    # PIN checks (argon2) only when something is unlocked
    from assistant.access.auth import wait_message
    from assistant.access.keyfile import WrongGuess
    from assistant.access.pin_attempts import (
        PinRefused,
        note_failure,
        note_success,
        seconds_to_wait,
    )
    from assistant.text.i18n import _

    wait = seconds_to_wait(key_file, name)
    if wait:
        raise PinRefused(wait_message(wait), wait, reason="")
    try:
        key = unwrap()
    except WrongGuess as exc:
        wait = note_failure(key_file, name)
        reason = str(exc) if name == "recovery" else _("That PIN is not right.")
        message = f"{reason} {wait_message(wait)}" if wait else reason
        raise PinRefused(message, wait, reason) from None
    note_success(key_file, name)
    return key
