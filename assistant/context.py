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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.access.cipher import is_plain
from assistant.access.keyfile import KeyFile, key_file_path
from assistant.errors import DatabaseUnavailable
from assistant.output_files import protect_data_folder
from assistant.paths import Locations, sqlite_file
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.access.keyfile import KeyFile
    from assistant.clinic.practitioner_info import PractitionerInfo
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
        # The key of an encrypted SQLite database, once a PIN (``sign_in``) or the recovery
        # key unwrapped it: handed to the engine that opens it, never kept anywhere else in
        # the process; and whether a new database is made encrypted (the default).
        self.database_key: bytes | None = None
        self.encrypt_new = True
        # Who unlocked the database with their PIN (and was signed in by it): never the PIN.
        self.unlocked_by: PractitionerInfo | None = None
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
                self.before_open(self)  # may open it (a PIN that unlocks it signs in)
            if self._database is None:
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
        # the engine (SQLAlchemy) and the encryption's modules only when a database opens:
        # the sign-in dialog opens before either loads (start-up)
        from assistant.storage.db import init_db
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
        file = sqlite_file(url)  # None for a server, or not a URL: opening it says so
        return None if file is None else key_file_path(file.expanduser())

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

    def unlock_with_pin(
        self, practitioner_id: int, pin: str, url: str | None = None, purpose: str = "sign in"
    ) -> SignedIn:
        """``sign_in(self, …)``: the database (at ``url``) unlocked and opened by a
        practitioner's PIN, and that practitioner signed in."""
        return sign_in(self, practitioner_id, pin, url=url, purpose=purpose)

    def _unwrap_with_pin(
        self,
        practitioner_id: int,
        pin: str,
        url: str | None,
        clock: Callable[[], datetime] | None = None,
    ) -> bytes:
        """The database key from the practitioner's copy in the key file (one argon2
        derivation), the try counted in the database's one counter, beside the key file
        (``PinRefused`` when wrong or too soon)."""
        # the wrong-try counter only when a PIN unlocks
        from assistant.access.pin_counter import who
        from assistant.text.i18n import _

        keys = self.key_file(url)
        key = _counted(
            keys.path,
            who(practitioner_id),
            lambda: keys.unlock_with_pin(practitioner_id, pin),
            clock,
            wrong=_("That PIN is not right."),
        )
        if keys.needs_workstation_copy(practitioner_id):
            # A copy made with the PIN alone: replaced by one that needs this workstation's
            # secret too, so the data folder copied elsewhere no longer opens with the PIN.
            name = keys.practitioners[practitioner_id][0]
            keys.enroll(practitioner_id, name, pin, key)
            keys.save()
        return key

    def _open_with_key(self, key: bytes, url: str | None) -> Database:
        """Open the database (at ``url``) with the key just unwrapped for it."""
        self.database_key = key
        if url is not None and url != self.database_url:
            return self.replace_database(url)
        if self._database is None:
            self._database = self._open(self.database_url)
        return self._database

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
        from assistant.access.pin_counter import RECOVERY

        keys = self.key_file(url)
        self.database_key = _counted(
            keys.path, RECOVERY, lambda: keys.unlock_with_recovery(code), None, wrong=None
        )
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


def _counted(
    key_file: Path,
    name: str,
    unwrap: Callable[[], bytes],
    clock: Callable[[], datetime] | None,
    *,
    wrong: str | None,
) -> bytes:
    """``unwrap()`` counted in the database's one counter, beside its key file
    (``auth.counted``, as every try is): refused unchecked while the wait after the last
    wrong try lasts; a wrong try counted, left for the audit trail once the database opens,
    and refused with the wait it starts (``PinRefused``, a ``LoginRefused`` and a
    ``WrongSecret``)."""
    # PIN checks (argon2) and the counter only when something is unlocked
    from assistant.access import auth, pin_attempts
    from assistant.access.pin_counter import beside_key_file

    now = (clock or pin_attempts.now)()
    with beside_key_file(key_file, name, audited=False) as count:
        outcome = auth.counted(count, now, unwrap, wrong=wrong, refusal=pin_attempts.PinRefused)
    if isinstance(outcome, auth.LoginRefused):
        raise outcome
    return outcome


@dataclass(frozen=True)
class SignedIn:
    """A practitioner signed in: who, the database their PIN opened, and the key that
    opened it (None for a plain database or a server)."""

    practitioner: PractitionerInfo
    database: Database
    key: bytes | None = field(default=None, repr=False)
    unlocked: bool = False  # True when this PIN unwrapped the database key


def sign_in(
    source: AppContext | Database,
    practitioner_id: int,
    pin: str,
    *,
    url: str | None = None,
    clock: Callable[[], datetime] | None = None,
    purpose: str = "sign in",
) -> SignedIn:
    """The one way a practitioner signs in with a PIN: the unlock dialog, the sign-in
    dialog, the lock screen, leaving patient mode, and ``--as`` on the command line.

    The PIN is derived once (argon2id). On an encrypted database nobody has unlocked yet
    (``source`` a context whose database at ``url`` needs it), that derivation unwraps the
    practitioner's own copy of the database key; the database opens with the key handed on
    here, and the practitioner is signed in without a second derivation. Otherwise (an open
    database, or a context whose database is plain or unlocked) the PIN is checked against
    its hash in the database. Either way the try goes to the database's one wrong-PIN
    counter (``pin_counter``: beside the key file of an encrypted database, in the database
    otherwise), so wrong tries on one path make every other path wait too; each try is
    counted once, audited once (``login``, ``login_failed``), and ``LoginRefused`` says how
    long to wait after several wrong ones.
    Nothing keeps the PIN once this returns. Slow (argon2, perhaps opening and upgrading
    the database): the window runs it off the UI thread."""
    # sign-in's modules (argon2) only when someone signs in
    from assistant.access import auth

    if isinstance(source, AppContext):
        if source.needs_unlock(url):
            key = source._unwrap_with_pin(practitioner_id, pin, url, clock)
            database = source._open_with_key(key, url)
            info = auth.accept_unwrapped(database, practitioner_id, clock=clock, purpose=purpose)
            source.unlocked_by = info
            return SignedIn(info, database, key, unlocked=True)
        if url is None or url == source.database_url:
            database = source.database()
        else:
            database = source.replace_database(url)
    else:
        database = source
    info = auth.verify_login(database, practitioner_id, pin, clock=clock, purpose=purpose)
    return SignedIn(info, database, database.key)
