"""Opening an encrypted database from the command line.

A command that opens an encrypted database unwraps its key first: with ``--as PRACTITIONER``
(their PIN from the terminal or ``CHAIRSIDE_PIN``, as ``assistant.cli.acting`` reads it) or
with ``--recovery-key`` (the key from the terminal or ``CHAIRSIDE_RECOVERY_KEY``). Both are
accepted before or after the command's name. Without either, the command exits 2 with one
line saying so. Commands that open no database need neither.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from assistant.cli.acting import read_pin
from assistant.cli.options import DEST, RECOVERY_DEST, RECOVERY_ENV
from assistant.context import sign_in
from assistant.errors import InvalidInput
from assistant.storage.db import DatabaseLocked

if TYPE_CHECKING:
    from assistant.context import AppContext

# Set on the arguments once a PIN has unlocked the database and signed its practitioner in
# (``assistant.context.SignedIn``, never the PIN), so ``--as`` asks only once.
SIGNED_IN = "signed_in"


def read_recovery_key() -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass("Recovery key: ")
        except (EOFError, KeyboardInterrupt):
            raise InvalidInput(
                "No recovery key was entered; nothing was done.", "recovery_key"
            ) from None
    code = os.environ.get(RECOVERY_ENV)
    if not code:
        raise InvalidInput(
            f"--recovery-key: no terminal to ask for it; set {RECOVERY_ENV} for this command.",
            "recovery_key",
        )
    return code


def unlock(args: argparse.Namespace, context: AppContext, *, damaged: bool = False) -> None:
    """Unwrap the key of the context's encrypted database, or say in one line what is
    needed (``DatabaseLocked``); nothing when the database is not encrypted. With ``--as``
    the PIN unlocks, opens and signs in at once (``assistant.context.sign_in``).
    ``damaged``: a restore over a database too damaged to say it is encrypted still
    unwraps the key from its key file (the backup is encrypted under it)."""
    keys_path = context.key_file_for(context.database_url)
    has_keys = keys_path is not None and keys_path.is_file()
    if not context.needs_unlock() and not (damaged and has_keys and not context.database_key):
        return
    if keys_path is not None and not keys_path.exists() and not keys_path.is_symlink():
        return  # no key file at all: opening says what the file may be (init_db)
    if getattr(args, RECOVERY_DEST, False):
        # The recovery key opens the database; --as, if given too, still says (and proves
        # with a PIN checked like a sign-in) who does the command.
        context.key_file()  # a damaged key file is reported before asking
        context.unlock_with_recovery(read_recovery_key())
        return
    if not context.needs_unlock():
        return  # too damaged to open: a PIN is checked in the backup instead
    wanted = getattr(args, DEST, None)
    if wanted:
        keys = context.key_file()
        practitioner_id = keys.find(str(wanted))
        purpose = f"command line: {getattr(args, 'command', None) or 'open'}"
        signed_in = sign_in(
            context, practitioner_id, read_pin(dict(keys.people())[practitioner_id]),
            purpose=purpose,
        )  # fmt: skip
        setattr(args, SIGNED_IN, signed_in)
        return

    context.key_file()  # a missing or damaged key file says so first
    raise DatabaseLocked(
        "The database is encrypted: add --as PRACTITIONER (PIN from the terminal or "
        "CHAIRSIDE_PIN) or --recovery-key."
    )
