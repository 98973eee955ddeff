"""``chairside practitioners [--json]``: the clinic's practitioners, with the numbers ``--as``
accepts. With ``--json`` a list of ``{"number", "name", "active"}``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.options import add_actor_option
from assistant.cli.table import table
from assistant.clinic.store import list_practitioners


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "practitioners",
        help="list the practitioners and their numbers (for --as)",
        description="List the clinic's practitioners, active or not, with the number that "
        "--as accepts in place of the name.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    practitioner_for(args, db, "practitioners")
    everyone = sorted(list_practitioners(db, include_inactive=True), key=lambda p: p.id)
    if args.json:
        listed = [{"number": p.id, "name": p.name, "active": p.active} for p in everyone]
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not everyone:
        print("No practitioners yet.")
        return EXIT_OK
    rows = [[str(p.id), p.name, "yes" if p.active else "no"] for p in everyone]
    print(table(["Number", "Name", "Active"], rows, right=(0,)))
    return EXIT_OK
