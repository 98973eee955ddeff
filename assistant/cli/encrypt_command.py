"""``python main.py encrypt --as PRACTITIONER``: encrypt the plain database in use.

The practitioner's PIN (checked like a sign-in) wraps the new key; the recovery key is
printed once. The plain copy of the database is overwritten and removed as soon as the
encrypted one is verified (a run killed half-way is finished or rolled back when the database
is next opened, by this command too); the plain automatic backups are overwritten and removed
after the user confirms (``--remove-plain`` in a script; asked on a terminal)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from assistant.cli import CliContext
from assistant.cli.acting import practitioner_for, read_pin
from assistant.cli.options import PIN_ENV, add_actor_option
from assistant.errors import InvalidInput


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "encrypt",
        help="encrypt the plain database in use (and its backups and photos)",
        description="Encrypt a plain (unencrypted) database: an encrypted copy is made, "
        "compared row for row, then takes its place. Prints the recovery key once.",
    )
    add_actor_option(parser, required=True)
    parser.add_argument(
        "--remove-plain",
        action="store_true",
        help="then overwrite and remove the plain copy and the plain automatic backups "
        "without asking",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: it brings the photo store to every command's start
    from assistant.storage.encrypt import encrypt_database, overwrite_and_remove, plain_backups

    db = context.database()
    if not db.is_sqlite:
        print(
            "The database is on a server: its encryption at rest is the server's (disk "
            "encryption), not Chairside's."
        )
        return 0
    if db.key is not None and db.finished_encryption:
        print(
            "Finished an encryption that was interrupted: the encrypted database was verified "
            "and the plain copy overwritten and removed."
        )
        return 0
    if db.key is not None:
        raise InvalidInput("The database is already encrypted; nothing was done.")
    acting = practitioner_for(args, db, "encrypt", required=True)
    assert acting.practitioner is not None
    pin = os.environ.get(PIN_ENV) if not sys.stdin.isatty() else None
    pin = pin or read_pin(acting.practitioner.name)
    result = encrypt_database(db, acting.practitioner.id, acting.practitioner.name, pin)
    context.release_database()
    print(f"Encrypted {result.database}.")
    if result.photos_sealed:
        print(f"Encrypted {result.photos_sealed} photo file(s).")
    print(f"Recovery key (shown once; print it and keep it in the safe): {result.recovery_code}")
    plain = [*result.plain_copies, *plain_backups(context.locations.backup_dir())]
    remove = args.remove_plain
    if not remove and sys.stdin.isatty():
        answer = input(f"Overwrite and remove {len(plain)} plain copy(ies) now? [y/N] ")
        remove = answer.strip().lower() in ("y", "yes")
    if remove:
        removed = overwrite_and_remove(plain)
        print(f"Overwrote and removed {len(removed)} plain file(s).")
    else:
        print("The plain copies are kept (they are not encrypted): " + ", ".join(map(str, plain)))
    return 0
