"""``chairside summary --from DATE --to DATE --out FILE.pdf``: the governance summary with
its charts (sessions per month, complications per 100 sessions by kind and by lot, course
completion). No patient is named in it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.options import add_actor_option
from assistant.day.summary import save_summary
from assistant.output_files import check_output_file
from assistant.text.dates import parse_date


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "summary",
        help="the governance summary with charts, as a PDF",
        description="Sessions, new patients and complications per month, complications per "
        "100 sessions by kind, device, lot and depth, and course completion. No patient is "
        "named.",
    )
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to save it")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    start, end = parse_date(args.start, "from"), parse_date(args.end, "to")
    out = check_output_file(Path(args.out), force=args.force)
    db = context.database()
    actor = practitioner_for(args, db, "summary").practitioner_id
    written = save_summary(db, start, end, out, actor, force=args.force)
    print(f"Saved the summary {start.isoformat()} to {end.isoformat()} to {written}")
    return EXIT_OK
