"""``backup --out FILE`` and ``restore FILE``: a consistent copy of the database, and putting
one back.

``restore`` asks nothing: naming the file is the decision. It refuses anything that is not a
complete Chairside database of a known schema, keeps the current database aside in the
backups folder first, and migrates an older backup to the current schema.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for, practitioner_in_backup, require_actor
from assistant.cli.options import add_actor_option
from assistant.cli.unlock import unlock
from assistant.errors import ChairsideError, DatabaseUnavailable


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="copy the database to a file (safe while Chairside is in use)",
        description="Write a consistent copy of the database to FILE, using SQLite's online "
        "backup, so it is safe while Chairside is open on other workstations. A database on "
        "a PostgreSQL server is backed up there with pg_dump.",
    )
    backup.add_argument("--out", metavar="FILE", type=Path, required=True, help="backup file")
    backup.add_argument("--force", action="store_true", help="replace an earlier backup FILE")
    add_actor_option(backup)
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept aside)",
        description="Replace the database with the backup FILE. The file must be a complete "
        "Chairside database; an older one is upgraded. The current database is first copied "
        "to the backups folder. Close Chairside on every workstation before restoring.",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    add_actor_option(restore, required=True)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the backup would cost every command 3 ms at start
    from assistant.storage.backup import backup_to_file

    db = context.database()
    actor = practitioner_for(args, db, "backup").practitioner_id
    info = backup_to_file(db, args.out, actor=actor, force=args.force)
    print(f"Backed up the database to {info.path} ({info.size:,} bytes)")
    if info.photos_copied:
        print(f"Copied {info.photos_copied} new photo(s) beside it")
    return EXIT_OK


def _restore_actor(args: argparse.Namespace, context: CliContext) -> int | None:
    """The practitioner restoring, checked in the database in use; when that cannot be
    opened (the damaged one being replaced), in the backup itself."""
    # loaded when the command runs: the backup would cost every command 3 ms at start
    from assistant.storage.backup import inspect_backup

    try:
        db = context.database()
    except ChairsideError:
        key = context.database_key
        return practitioner_in_backup(args, inspect_backup(args.file, key).path, "restore", key)
    try:
        return practitioner_for(args, db, "restore").practitioner_id
    finally:
        context.close()  # the database is replaced next


def run_restore(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the backup would cost every command 3 ms at start
    from assistant.storage.backup import inspect_backup, restore

    require_actor(args, "restore")  # before anything is opened
    # An encrypted backup is checked through the clinic's key. A missing key file, or a
    # database the key opens but that is damaged (the one this restore replaces): the
    # practitioner is then checked in the backup.
    with contextlib.suppress(DatabaseUnavailable):
        unlock(args, context, damaged=True)
    # a file that cannot be restored is refused before the PIN
    inspect_backup(args.file, context.database_key)
    actor = _restore_actor(args, context)
    result = restore(
        context.database_url,
        args.file,
        actor=actor,
        key=context.database_key,
        backups_folder=context.locations.backup_dir(ensure=True),
    )
    print(f"Restored {result.database} from {result.source}")
    if result.encrypted_on_restore:
        print("The backup was not encrypted; it was encrypted as it was restored")
    if result.migrated:
        print(f"Upgraded it from schema {result.from_revision} to {result.to_revision}")
    if result.kept_aside:
        print(f"The database you had before is kept as {result.kept_aside}")
    photos = result.photos
    if photos and photos.restored:
        print(f"Brought back {photos.restored} photo(s), each checked against its SHA-256")
    if photos and not photos.complete:
        print(
            f"Not restored: {len(photos.missing)} photo(s) missing from the backup and "
            f"{len(photos.damaged)} damaged (they do not match their SHA-256)"
        )
    return EXIT_OK
