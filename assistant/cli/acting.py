"""Who did it, from the command line: ``--as PRACTITIONER`` with a PIN.

Commands that read or change patient records accept ``--as`` (a practitioner's name as people
write it, or number: ``assistant.clinic.practitioner_names``), before or after the command name.
The PIN is read from the terminal (``getpass``, never echoed) or, when no terminal is
attached (a script, a scheduled job), from the ``CHAIRSIDE_PIN`` environment variable. It
is checked like a sign-in (audited, throttled after wrong guesses). Commands that change
records irreversibly (``erase``, ``restore``, ``rules set``) require it:
``add_actor_option(parser, required=True)`` and ``practitioner_for(args, context, ...)`` are
all a command needs.

Without ``--as``, read-only commands still say who ran them: the audit entries they write
carry the operating-system account and the computer (``user@host``) as the workstation.
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.access.cipher import connect_uri
from assistant.access.cipher import sqlite as sqlite3
from assistant.audit import actor as audit_actor
from assistant.cli.options import DEST, PIN_ENV
from assistant.clinic.store import list_practitioners
from assistant.context import sign_in
from assistant.errors import InvalidInput

if TYPE_CHECKING:  # the database layer is imported only by commands that use it
    from assistant.clinic.store import PractitionerInfo
    from assistant.storage.db import Database


@dataclass(frozen=True)
class Acting:
    """Who runs a command: a verified practitioner, or only an operating-system account."""

    practitioner: PractitionerInfo | None
    os_account: str

    @property
    def practitioner_id(self) -> int | None:
        return self.practitioner.id if self.practitioner else None


def os_account() -> str:
    """``user@host`` of whoever runs the command."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"{user}@{socket.gethostname()}"[:100]


def find_practitioner(db: Database, wanted: str) -> PractitionerInfo:
    """The active practitioner named or numbered ``wanted``: the name as people write it
    (title, case and accents aside; ``assistant.clinic.practitioner_names``) or the number."""
    # the name matcher only when a name is typed (11 ms off the window's start)
    from assistant.clinic.practitioner_names import ambiguity, match_name

    text = wanted.strip()
    everyone = {p.id: p for p in list_practitioners(db)}
    people = [(p.id, p.name) for p in everyone.values()]
    found = match_name(people, text)
    if found.unique is not None:
        return everyone[found.unique]
    if found.ids:
        raise InvalidInput(ambiguity(text, people, found.ids), "as")
    # The names of the clinic's practitioners are not told to whoever guesses one.
    raise InvalidInput(
        f"--as: there is no active practitioner '{text}' (give the name or number).",
        "as",
    )


def read_pin(name: str, ask: Callable[[str], str] | None = None) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return (ask or getpass.getpass)(f"PIN for {name}: ")
        except (EOFError, KeyboardInterrupt):
            raise InvalidInput("No PIN was entered; nothing was done.", "pin") from None
    pin = os.environ.get(PIN_ENV)
    if not pin:
        raise InvalidInput(
            f"--as {name}: no terminal to ask the PIN; set {PIN_ENV} for this command.", "pin"
        )
    return pin


def require_actor(args: argparse.Namespace, command: str) -> str:
    """The ``--as`` value, or ``InvalidInput`` for a command that may not run without."""
    wanted = str(getattr(args, DEST, None) or "").strip()
    if not wanted:
        raise InvalidInput(
            f"{command} needs to know who is doing it: add --as PRACTITIONER (name or id).", "as"
        )
    return wanted


def practitioner_for(
    args: argparse.Namespace, db: Database, command: str, *, required: bool | None = None
) -> Acting:
    """Check ``--as`` and its PIN (a wrong PIN exits 2 and is audited as a failed sign-in).
    Without ``--as``, audit entries written by this process name the OS account."""
    wanted = getattr(args, DEST, None)
    needed = getattr(args, "actor_required", False) if required is None else required
    account = os_account()
    if not wanted:
        if needed:
            require_actor(args, command)
        audit_actor.set_workstation(account)
        return Acting(None, account)
    practitioner = find_practitioner(db, str(wanted))
    signed_in = getattr(args, "signed_in", None)  # whose PIN unlocked the database
    if signed_in is not None and signed_in.practitioner.id == practitioner.id:
        return Acting(signed_in.practitioner, account)  # signed in then: not asked again
    checked = sign_in(
        db, practitioner.id, read_pin(practitioner.name), purpose=f"command line: {command}"
    )
    return Acting(checked.practitioner, account)


def practitioner_in_backup(
    args: argparse.Namespace, backup: Path, command: str, key: bytes | None = None
) -> int:
    """When the database in use cannot be opened (the damaged one a restore replaces), the
    PIN is checked against the backup's own practitioners, read-only (``key``: the clinic's,
    for a backup encrypted under it). Returns the id."""

    wanted = require_actor(args, command)
    con = connect_uri(f"file:{backup}?mode=ro&immutable=1", key)
    try:
        rows = con.execute(
            "SELECT id, name, pin_hash FROM practitioner WHERE active = 1"
        ).fetchall()
    except sqlite3.Error as exc:
        raise InvalidInput(f"The practitioners in {backup.name} cannot be read.", "as") from exc
    finally:
        con.close()
    # the name matcher only when a name is typed (11 ms off the window's start)
    from assistant.clinic.practitioner_names import ambiguity, match_name

    people = [(int(r[0]), str(r[1])) for r in rows]
    found = match_name(people, wanted)
    if len(found.ids) > 1:
        raise InvalidInput(ambiguity(wanted, people, found.ids), "as")
    matches = [r for r in rows if found.unique is not None and r[0] == found.unique]
    if len(matches) != 1 or not matches[0][2]:
        raise InvalidInput(f"--as: there is no active practitioner '{wanted}' with a PIN.", "as")
    practitioner_id, name, pin_hash = matches[0]
    pin = read_pin(str(name))
    try:
        PasswordHasher().verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        raise InvalidInput("That PIN is not right; nothing was done.", "pin") from None
    return int(practitioner_id)
