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

from assistant.cli.acting import DEST, HELP, read_pin
from assistant.errors import InvalidInput
from assistant.storage.db import DatabaseLocked

if TYPE_CHECKING:
    from assistant.context import AppContext

RECOVERY_DEST = "recovery_key"
RECOVERY_ENV = "CHAIRSIDE_RECOVERY_KEY"
RECOVERY_HELP = (
    "open an encrypted database with the clinic's recovery key (asked for, or read from "
    f"${RECOVERY_ENV})"
)
# Set on the arguments once a PIN has unlocked the database, so ``--as`` asks only once.
UNLOCKED_PIN = "unlocked_pin"


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-key", dest=RECOVERY_DEST, action="store_true", help=RECOVERY_HELP
    )


def accept_everywhere(parser: argparse.ArgumentParser) -> None:
    """Every command (and sub-command) takes ``--as`` and ``--recovery-key`` after its name
    too, keeping a value given before it."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in set(action.choices.values()):
            if "--as" not in sub._option_string_actions:
                sub.add_argument(
                    "--as", dest=DEST, metavar="PRACTITIONER", default=argparse.SUPPRESS, help=HELP
                )
            if "--recovery-key" not in sub._option_string_actions:
                sub.add_argument(
                    "--recovery-key",
                    dest=RECOVERY_DEST,
                    action="store_true",
                    default=argparse.SUPPRESS,
                    help=RECOVERY_HELP,
                )
            accept_everywhere(sub)


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


def unlock(args: argparse.Namespace, context: AppContext) -> None:
    """Unwrap the key of the context's encrypted database, or say in one line what is
    needed (``DatabaseLocked``); nothing when the database is not encrypted."""
    if not context.needs_unlock():
        return
    keys_path = context.key_file_for(context.database_url)
    if keys_path is not None and not keys_path.exists() and not keys_path.is_symlink():
        return  # no key file at all: opening says what the file may be (init_db)
    if getattr(args, RECOVERY_DEST, False):
        # The recovery key opens the database; --as, if given too, still says (and proves
        # with a PIN checked like a sign-in) who does the command.
        context.key_file()  # a damaged key file is reported before asking
        context.unlock_with_recovery(read_recovery_key())
        return
    wanted = getattr(args, DEST, None)
    if wanted:
        keys = context.key_file()
        practitioner_id = keys.find(str(wanted))
        pin = read_pin(keys.practitioners[practitioner_id][0])
        context.unlock_with_pin(practitioner_id, pin)
        setattr(args, UNLOCKED_PIN, (practitioner_id, pin))
        return

    context.key_file()  # a missing or damaged key file says so first
    raise DatabaseLocked(
        "The database is encrypted: add --as PRACTITIONER (PIN from the terminal or "
        "CHAIRSIDE_PIN) or --recovery-key."
    )
