"""Practitioner sign-in: PINs or passwords stored as argon2 hashes, throttled wrong guesses,
the first practitioner on a new database, and the idle-lock policy.

Wrong guesses are counted in the database's one counter (``pin_counter``: beside the key
file of an encrypted database, in the database itself otherwise), whatever path the try
came through, so restarting Chairside, unlocking instead of signing in, or moving to
another workstation does not reset them. ``counted`` is the one way a try is counted: the
count is locked from reading the wait to counting the try, so attempts made in parallel
(two workstations, two commands) are counted one after the other, never lost. Every
attempt is also in the audit trail (``login``, ``login_failed``), once.

After ``FREE_ATTEMPTS`` wrong guesses in a row each further try must wait 1 s, 2 s,
4 s … up to ``MAX_WAIT_SECONDS`` after the last one. Times come from an injectable clock so
tests never sleep.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.access import pin_counter
from assistant.access.keyfile import (
    KeyFile,
    KeyFileChange,
    KeyFileProblem,
    WrongGuess,
    change_key_file,
)
from assistant.access.weak_pins import MAX_SECRET_CHARS, weak_pin_reason
from assistant.audit import trail as audit
from assistant.clinic.practitioner_info import PractitionerInfo
from assistant.errors import InvalidInput, LoginRefused, NotFound
from assistant.storage.db import Database
from assistant.storage.models import Practitioner, utcnow
from assistant.text.i18n import _, ngettext
from assistant.text.safety import check_one_line

log = logging.getLogger(__name__)

MIN_PIN_DIGITS = 4
MIN_PASSWORD_CHARS = 8
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 60
DEFAULT_IDLE_MINUTES = 5

Clock = Callable[[], datetime]
T = TypeVar("T")

# argon2id with RFC 9106's low-memory profile (64 MiB, three passes): a few tenths of a second
# per sign-in, and the cost an attacker pays for every guess at a copied hash.
PIN_HASH_PROFILE = RFC_9106_LOW_MEMORY
_hasher = PasswordHasher.from_parameters(PIN_HASH_PROFILE)


def validate_secret(secret: str) -> None:
    """A PIN of at least 4 digits, or a password of at least 8 characters."""
    if not secret or not secret.strip():
        raise InvalidInput(_("Enter a PIN of at least 4 digits or a password."), "pin")
    if len(secret) > MAX_SECRET_CHARS:
        raise InvalidInput(
            _("The password is longer than {most} characters.").format(
                most=MAX_SECRET_CHARS
            ),
            "pin",
        )
    if secret.isdigit():
        if len(secret) < MIN_PIN_DIGITS:
            raise InvalidInput(
                _("A PIN needs at least {digits} digits.").format(
                    digits=MIN_PIN_DIGITS
                ),
                "pin",
            )
        reason = weak_pin_reason(secret)
        if reason:
            raise InvalidInput(reason, "pin")
        return
    if len(secret) < MIN_PASSWORD_CHARS:
        raise InvalidInput(
            _(
                "A password needs at least {chars} characters (or use a PIN of "
                "at least {digits} digits)."
            ).format(chars=MIN_PASSWORD_CHARS, digits=MIN_PIN_DIGITS),
            "pin",
        )


def hash_secret(secret: str) -> str:
    """The stored form of a PIN or password (only the hash is kept)."""
    return _hasher.hash(secret)


def _info(row: Practitioner) -> PractitionerInfo:
    return PractitionerInfo(row.id, row.name, row.credentials, row.active, row.pin_hash is not None)


def _get(session: Session, practitioner_id: int) -> Practitioner:
    row = session.get(Practitioner, practitioner_id)
    if row is None:
        raise NotFound(f"There is no practitioner with id {practitioner_id}.")
    return row


def wrap_key_for(db: Database, row: Practitioner, pin: str) -> KeyFileChange | None:
    """On an encrypted database, wrap its key under this practitioner's PIN in the key file
    (only their copy changes). Called inside the transaction; undone if it fails."""
    key = db.key
    if key is None:
        return None
    practitioner_id, name = row.id, row.name
    return change_key_file(
        db.key_file(), lambda keys: keys.set_practitioner(practitioner_id, name, pin, key)
    )


@contextmanager
def _with_key_file() -> Iterator[list[KeyFileChange | None]]:
    """Key-file changes made in the block are undone when the block (its commit) fails."""
    changes: list[KeyFileChange | None] = []
    try:
        yield changes
    except BaseException:
        for change in reversed(changes):
            if change is not None:
                change.undo()
        raise


def set_pin(db: Database, practitioner_id: int, pin: str, actor: int | None) -> PractitionerInfo:
    """Give a practitioner a new PIN or password (only its hash is stored; on an encrypted
    database their copy of the key is rewrapped under it)."""
    validate_secret(pin)
    with _with_key_file() as changes, db.session() as session:
        row = _get(session, practitioner_id)
        had_pin = row.pin_hash is not None
        row.pin_hash = _hasher.hash(pin)
        session.flush()
        audit.record(
            session,
            "change",
            "practitioner",
            row.id,
            actor=actor,
            summary=f"{'Changed' if had_pin else 'Set'} the sign-in PIN of practitioner {row.id}",
            changes={"pin": ["set" if had_pin else None, "set"]},
        )
        changes.append(wrap_key_for(db, row, pin))
        return _info(row)


def needs_first_practitioner(db: Database) -> bool:
    """True until some active practitioner can sign in (a new database)."""
    with db.session() as session:
        stmt = select(Practitioner.id).where(
            Practitioner.active.is_(True), Practitioner.pin_hash.is_not(None)
        )
        return session.scalars(stmt.limit(1)).first() is None


def create_first_practitioner(
    db: Database, name: str, credentials: str, pin: str
) -> PractitionerInfo:
    """The practitioner who sets Chairside up; refused once anyone can sign in."""
    if not name.strip():
        raise InvalidInput(_("Enter the practitioner's name."), "name")
    check_one_line(name, "name", "The practitioner's name")
    validate_secret(pin)
    with _with_key_file() as changes, db.session() as session:
        signed_in_possible = session.scalars(
            select(Practitioner.id)
            .where(Practitioner.active.is_(True), Practitioner.pin_hash.is_not(None))
            .limit(1)
        ).first()
        if signed_in_possible is not None:
            raise InvalidInput(
                _(
                    "Chairside already has a practitioner who can sign in; add colleagues in "
                    "Settings after signing in."
                ),
                "name",
            )
        row = Practitioner(
            name=name.strip(), credentials=credentials.strip(), pin_hash=_hasher.hash(pin)
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "create",
            "practitioner",
            row.id,
            actor=row.id,
            summary=f"Added practitioner {row.id}, the first to sign in",
            changes={"name": [None, row.name], "credentials": [None, row.credentials]},
        )
        changes.append(wrap_key_for(db, row, pin))
        return _info(row)


def login_wait_seconds(failures: int) -> int:
    """How long to wait after ``failures`` wrong guesses in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS))


def _remaining_wait(failures: int, last_failure: datetime | None, now: datetime) -> int:
    if last_failure is None:
        return 0
    # A clock set back does not shorten the wait: it counts from the later of the two.
    elapsed = max(0.0, (now - last_failure).total_seconds())
    left = login_wait_seconds(failures) - elapsed
    return math.ceil(left) if left > 0 else 0


def seconds_until_next_try(
    db: Database, practitioner_id: int, clock: Clock | None = None
) -> int:
    """How long the sign-in screen should ask the practitioner to wait (0: may try now)."""
    failures, last = pin_counter.current(db, practitioner_id)
    return _remaining_wait(failures, last, (clock or utcnow)())


def counted(
    count: pin_counter.Count,
    now: datetime,
    check: Callable[[], T],
    *,
    wrong: str | None = None,
    refusal: type[LoginRefused] = LoginRefused,
    on_wrong: Callable[[int], None] | None = None,
) -> T | LoginRefused:
    """The one way a try is counted, wherever the count is kept (``pin_counter``).

    During the wait after the last wrong try the try is refused unchecked and uncounted
    (guessing faster gains nothing). Otherwise ``check()`` runs: a ``WrongGuess`` is counted
    (``on_wrong`` gets the count) and refused with the wait it starts, saying ``wrong`` (or
    the guess's own message); a right one starts the count again and its result is returned.
    A refusal is returned, not raised, so the caller ends its transaction before raising."""
    wait = _remaining_wait(count.failures, count.last, now)
    if wait:
        return refusal(_wait_message(wait), wait, reason="")
    try:
        result = check()
    except WrongGuess as exc:
        failures = count.add_failure(now)
        if on_wrong is not None:
            on_wrong(failures)
        wait = login_wait_seconds(failures)
        reason = wrong if wrong is not None else str(exc)
        message = f"{reason} {_wait_message(wait)}" if wait else reason
        return refusal(message, wait, reason=reason)
    count.reset()
    return result


def _refuse_unless_able(db: Database, practitioner_id: int) -> None:
    """``LoginRefused`` for an inactive practitioner or one without a PIN."""
    with db.session() as session:
        row = _get(session, practitioner_id)
        if not row.active:
            raise LoginRefused(
                _("{name} is no longer an active practitioner.").format(name=row.name)
            )
        if row.pin_hash is None:
            raise LoginRefused(
                _("{name} has no PIN yet; a colleague can set one in Settings.").format(
                    name=row.name
                )
            )


def _signed_in(session: Session, row: Practitioner, now: datetime, purpose: str) -> None:
    """A right PIN (the count has started again): the sign-in is audited."""
    event = audit.record(
        session,
        "login",
        "practitioner",
        row.id,
        actor=row.id,
        summary=f"Practitioner {row.id} signed in"
        + ("" if purpose == "sign in" else f" ({purpose})"),
    )
    event.at = now


def verify_login(
    db: Database,
    practitioner_id: int,
    pin: str,
    *,
    clock: Clock | None = None,
    purpose: str = "sign in",
) -> PractitionerInfo:
    """Check a practitioner's PIN or password; audited as ``login`` or ``login_failed``.

    Raises ``LoginRefused`` (with ``wait_seconds``) for a wrong PIN or a try made too soon,
    counted in the database's one counter (``pin_counter``: beside the key file of an
    encrypted database, the same count its unlock uses). Signing in goes through
    ``assistant.context.sign_in``, which calls this once the database is open (a PIN asked
    again to confirm an act calls it directly)."""
    now = (clock or utcnow)()
    _refuse_unless_able(db, practitioner_id)
    suffix = "" if purpose == "sign in" else f" ({purpose})"
    with pin_counter.counting(db, practitioner_id) as (session, count):
        row = _get(session, practitioner_id)

        def check() -> Practitioner:
            if row.pin_hash is not None and _matches(row.pin_hash, pin):
                return row
            raise WrongGuess(_("That PIN is not right."), "pin")  # what the refusal says

        def wrong(failures: int) -> None:
            event = audit.record(
                session,
                "login_failed",
                "practitioner",
                row.id,
                actor=None,
                summary=f"Wrong PIN for practitioner {row.id}{suffix}",
            )
            event.at = now
            log.info("Wrong PIN for practitioner %s (%s in a row)", row.id, failures)

        outcome = counted(count, now, check, on_wrong=wrong)
        if not isinstance(outcome, LoginRefused):
            if _hasher.check_needs_rehash(outcome.pin_hash or ""):
                outcome.pin_hash = _hasher.hash(pin)
            _signed_in(session, outcome, now, purpose)
            _adopt(db, outcome, pin)
            return _info(outcome)
    raise outcome


def accept_unwrapped(
    db: Database, practitioner_id: int, *, clock: Clock | None = None, purpose: str = "sign in"
) -> PractitionerInfo:
    """Sign in the practitioner whose PIN has just unwrapped the database key from their
    own copy in the key file (a copy bound to them and changed with their PIN): the PIN is
    proven, so it is not derived a second time, and the count has started again. Still
    refused for an inactive practitioner or one without a PIN; audited as ``login``."""
    now = (clock or utcnow)()
    _refuse_unless_able(db, practitioner_id)
    with pin_counter.counting(db, practitioner_id) as (session, count):
        count.reset()
        row = _get(session, practitioner_id)
        _signed_in(session, row, now, purpose)
        return _info(row)


def _adopt(db: Database, row: Practitioner, pin: str) -> None:
    """A practitioner who has no copy of the database key yet (added before the database was
    encrypted, or given a PIN elsewhere) gets one when they first sign in."""
    path = db.key_file()
    if path is None or db.key is None:
        return
    try:
        if row.id in KeyFile.load(path).practitioners:
            return
        key, practitioner_id, name = db.key, row.id, row.name
        change_key_file(path, lambda keys: keys.enroll(practitioner_id, name, pin, key))
    except (KeyFileProblem, OSError) as exc:
        log.warning("Could not add practitioner %s to the key file: %s", row.id, exc)


def forget_key_copy(db: Database, practitioner_id: int) -> None:
    """Drop a practitioner's copy of the database key (they no longer work here)."""
    change_key_file(db.key_file(), lambda keys: keys.drop_practitioner(practitioner_id))


def rename_key_copy(db: Database, practitioner_id: int, name: str) -> None:
    change_key_file(db.key_file(), lambda keys: keys.rename_practitioner(practitioner_id, name))


def _wait_message(seconds: int) -> str:
    return ngettext(
        "After several wrong tries, wait {n} second before trying again.",
        "After several wrong tries, wait {n} seconds before trying again.",
        seconds,
    ).format(n=seconds)


def _matches(pin_hash: str, pin: str) -> bool:
    try:
        return _hasher.verify(pin_hash, pin)
    except VerifyMismatchError:
        return False
    except (VerificationError, InvalidHashError):
        log.warning("A stored PIN hash could not be checked")
        return False


def record_lock(db: Database, practitioner_id: int | None, reason: str = "idle") -> None:
    """Note that the window locked (after the idle time, or by hand)."""
    with db.session() as session:
        audit.record(
            session,
            "lock",
            "practitioner",
            practitioner_id,
            actor=practitioner_id,
            summary=f"Window locked ({reason})",
        )


def record_logout(db: Database, practitioner_id: int) -> None:
    with db.session() as session:
        audit.record(
            session,
            "logout",
            "practitioner",
            practitioner_id,
            actor=practitioner_id,
            summary=f"Practitioner {practitioner_id} signed out",
        )


@dataclass
class IdleLock:
    """When to lock the window: ``minutes`` without input (0 turns locking off).

    The GUI calls ``touch()`` on every key press and mouse event and asks ``should_lock()``
    from a timer; ``clock`` returns seconds (monotonic) and is injectable for tests."""

    minutes: float = DEFAULT_IDLE_MINUTES
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._last_input = self.clock()

    def touch(self) -> None:
        self._last_input = self.clock()

    def idle_seconds(self) -> float:
        return max(0.0, self.clock() - self._last_input)

    def seconds_left(self) -> float:
        if self.minutes <= 0:
            return float("inf")
        return max(0.0, self.minutes * 60 - self.idle_seconds())

    def should_lock(self) -> bool:
        return self.minutes > 0 and self.idle_seconds() >= self.minutes * 60


def new_recovery_key(db: Database, actor: int) -> str:
    """A new recovery key for an encrypted database (shown once; the old one stops working).
    Only a signed-in practitioner (``actor``) makes one; audited."""
    key, path = db.key, db.key_file()
    if key is None or path is None:
        raise InvalidInput(_("This database is not encrypted, so it has no recovery key."))
    codes: list[str] = []
    with _with_key_file() as changes, db.session() as session:
        _get(session, actor)
        changes.append(change_key_file(path, lambda keys: codes.append(keys.new_recovery(key))))
        audit.record(
            session,
            "change",
            "database",
            None,
            actor=actor,
            summary="Made a new recovery key (the old one no longer opens the database)",
        )
    return codes[0]
