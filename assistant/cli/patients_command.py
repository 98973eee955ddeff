"""``chairside patients [--search TEXT] [--limit N] [--json]``: find a patient's number.

The same search as the window's patient list: each word typed begins a name as the patient
writes it (accents and case aside: "lukas" finds Łukasiewicz), a date of birth (1990-05-01 or
01/05/1990) or the ending of a phone number. Without ``--json`` an aligned table; with it a
list of ``{"number", "name", "date_of_birth", "phone", "last_session"}``, a copy of contact
details for another program, so it is written to the audit trail (as ``recall --csv`` is).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import bounded_count
from assistant.cli.options import add_actor_option
from assistant.cli.table import table
from assistant.patients.listing import PatientListing, list_patients, record_list_export

DEFAULT_LIMIT = 50
MAX_LIMIT = 10_000


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "patients",
        help="find patients and their numbers (search as in the window)",
        description="List patients in the window's order, or those whose name (accents "
        "aside), date of birth or phone ending begins with each word of --search.",
    )
    parser.add_argument(
        "--search", default="", metavar="TEXT", help="words of a name, a date of birth or "
        "the end of a phone number (all must match)",
    )  # fmt: skip
    parser.add_argument(
        "--limit",
        type=bounded_count(1, MAX_LIMIT),
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"list at most N patients (default {DEFAULT_LIMIT})",
    )
    parser.add_argument("--json", action="store_true", help="print the patients as JSON")
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def describe_count(listing: PatientListing) -> str:
    shown = len(listing.patients)
    if not listing.more:
        return f"{shown} patient{'' if shown == 1 else 's'}."
    total = f"{listing.count:,}" if listing.count_exact else f"more than {listing.count:,}"
    return f"The first {shown:,} of {total} patients; narrow --search or raise --limit."


def run(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "patients").practitioner_id
    listing = list_patients(db, args.search, args.limit)
    if args.json:
        print(json.dumps([p.to_json() for p in listing.patients], ensure_ascii=False, indent=2))
        record_list_export(db, listing, actor)
        return EXIT_OK
    if not listing.patients:
        print("No patient matches." if args.search.strip() else "No patients yet.")
        return EXIT_OK
    rows = [
        [
            str(p.number),
            p.name,
            p.date_of_birth.isoformat() if p.date_of_birth else "—",
            p.phone or "—",
            f"{p.last_session:%Y-%m-%d}" if p.last_session else "—",
        ]
        for p in listing.patients
    ]
    print(table(["Number", "Name", "Born", "Phone", "Last session"], rows, right=(0,)))
    print(describe_count(listing))
    return EXIT_OK
