"""``chairside recall --lot LOT [--csv]``: which patients received a product or cartridge lot.

Matches product lots and cartridge lots, ignoring case and surrounding spaces, including lots
corrected by an amendment. ``--csv`` prints the list as CSV (for a spreadsheet or a mail
merge); the export is written to the audit log, as it holds patients' contact details.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.options import add_actor_option
from assistant.sessions import export_recall_csv, recall
from assistant.sessions.recall import recall_complications
from assistant.stock import recalled_on


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "recall",
        help="patients who received a product lot or cartridge lot",
        description="List the patients (with date of birth and phone) and sessions in which a "
        "product lot or cartridge lot was used, for a manufacturer's recall.",
    )
    parser.add_argument("--lot", required=True, metavar="LOT", help="the lot number")
    parser.add_argument("--csv", action="store_true", help="print the list as CSV")
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "recall").practitioner_id
    rows = recall(db, args.lot)
    if args.csv:
        sys.stdout.write(export_recall_csv(db, args.lot, rows, actor=actor))
        return EXIT_OK
    marked = recalled_on(db, args.lot)
    if marked is not None:
        print(f"Lot {args.lot.strip()} was marked recalled in stock on {marked.isoformat()}.")
    # the recall export's record only when a recall is written
    from assistant.sessions.recall import STANDARD_OUTPUT, record_recall_export

    record_recall_export(db, args.lot, rows, STANDARD_OUTPUT, actor)  # names and phones shown
    if not rows:
        print(f"No patient received lot {args.lot.strip()}.")
        return EXIT_OK
    patients = len({r.patient_id for r in rows})
    print(f"Lot {args.lot.strip()}: {patients} patient(s), {len(rows)} session(s).")
    for row in rows:
        dob = row.date_of_birth.isoformat() if row.date_of_birth else "—"
        print(
            f"  #{row.patient_id} {row.patient_name} (born {dob}, phone {row.phone or '—'}): "
            f"session #{row.session_id} on {row.treated_at:%Y-%m-%d}, {row.state}; {row.matched}"
        )
    events = recall_complications(db, rows)
    if events:
        print(f"Complications after these sessions: {len(events)}.")
    for event in events:
        print(
            f"  complication #{event.id}: {event.kind}, {event.severity}, onset "
            f"{event.onset_on.isoformat()}, session #{event.session_id}, patient "
            f"#{event.patient_id}; {event.outcome or 'outcome not recorded'}"
        )
    return EXIT_OK
