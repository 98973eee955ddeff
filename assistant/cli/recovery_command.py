"""``python main.py recovery-key --as PRACTITIONER --out SHEET.pdf``: a new recovery key for
the encrypted database (the old one stops working), printed once and written as the sheet
to keep in the safe."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.access.auth import new_recovery_key
from assistant.cli import CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.options import add_actor_option
from assistant.clinic.store import get_clinic
from assistant.output_files import check_output_file


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "recovery-key",
        help="make a new recovery key for the encrypted database (the old one stops working)",
        description="Make a new recovery key and write its printable sheet (PDF).",
    )
    add_actor_option(parser, required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the sheet (PDF)")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the sheet's PDF would cost every command 25 ms at start
    from assistant.access.recovery_sheet import write_recovery_sheet

    check_output_file(args.out, force=args.force)  # before the old key is replaced
    db = context.database()
    acting = practitioner_for(args, db, "recovery-key", required=True)
    assert acting.practitioner_id is not None
    code = new_recovery_key(db, acting.practitioner_id)
    write_recovery_sheet(code, args.out, clinic=get_clinic(db).name, force=args.force)
    print(f"New recovery key (the old one no longer works): {code}")
    print(f"Wrote the sheet to {args.out}; print it, keep it in the safe, delete the file.")
    return 0
