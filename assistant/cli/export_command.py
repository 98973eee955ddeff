"""``export --patient ID --json FILE`` / ``--pdf FILE``: a patient's complete record, for a
subject-access request (details, assessments, sessions, amendments, audit entries)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import record_number
from assistant.cli.options import add_actor_option
from assistant.errors import InvalidInput
from assistant.output_files import check_output_file


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a patient's complete record as JSON and/or a PDF summary",
        description="Export everything Chairside holds about one patient (a subject-access "
        "request): as JSON for another system, as a readable PDF summary, or both.",
    )
    parser.add_argument(
        "--patient",
        type=record_number("patient"),
        required=True,
        metavar="ID",
        help="patient number",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the record as JSON")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF summary")
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the exports would cost every command 118 ms at start
    from assistant.patients.export import write_patient_json
    from assistant.patients.export_pdf import export_patient_pdf

    if args.json is None and args.pdf is None:
        raise InvalidInput("Say where to write the record: --json FILE, --pdf FILE or both.")
    if args.json is not None and args.pdf is not None and args.json == args.pdf:
        raise InvalidInput("--json and --pdf name the same file; give two names.", "pdf")
    for out in (args.json, args.pdf):  # before any work, so nothing is half done
        if out is not None:
            check_output_file(out, force=args.force)
    db = context.database()
    actor = practitioner_for(args, db, "export").practitioner_id
    if args.json is not None:
        write_patient_json(db, args.patient, args.json, actor=actor, force=args.force)
        print(f"Wrote the record of patient {args.patient} to {args.json}")
    if args.pdf is not None:
        export_patient_pdf(db, args.patient, args.pdf, actor=actor, force=args.force)
        print(f"Wrote the PDF summary of patient {args.patient} to {args.pdf}")
    return EXIT_OK
