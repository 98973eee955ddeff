"""``erase --patient ID --confirm "ID NAME"``: erase a patient's personal details.

The command itself is the first confirmation; ``--confirm`` must repeat the patient's number
and full name as the second. The clinical record (session dates, zones, depths, lots) and
the audit trail stay, as the law requires.
"""

from __future__ import annotations

import argparse
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import record_number
from assistant.cli.options import add_actor_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "erase",
        help="erase a patient's personal details (keeps the clinical record)",
        description="Replace a patient's personal details with a tombstone. The clinical "
        "record and the audit trail are kept. To confirm, --confirm must hold the patient's "
        'number and full name, e.g. --confirm "12 Jane Doe".',
    )
    parser.add_argument(
        "--patient",
        type=record_number("patient"),
        required=True,
        metavar="ID",
        help="patient number",
    )
    parser.add_argument(
        "--confirm", required=True, metavar='"ID NAME"', help="the patient's number and full name"
    )
    add_actor_option(parser, required=True)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the erasure would cost every command 67 ms at start
    from assistant.patients.erasure import erase_patient
    from assistant.storage.backup import backup_folders

    db = context.database()
    acting = practitioner_for(args, db, "erase")
    folders = backup_folders(context.settings, context.locations.backup_dir())
    result = erase_patient(db, args.patient, acting.practitioner_id, args.confirm, folders)
    print(f"Erased the personal details of patient {result.patient_id}.")
    if result.wipe_pending:
        print(
            "Another program or workstation has the database open, so the erased details may "
            "still be on disk in space the database no longer uses; Chairside wipes it the "
            "next time it opens the database, once the others have closed it."
        )
    if result.mentions_kept:
        print(
            "The clinical record is kept; these parts of it still mention the patient and "
            "should be reviewed: " + "; ".join(result.mentions_kept)
        )
    return EXIT_OK
