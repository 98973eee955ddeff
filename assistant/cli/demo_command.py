"""``python main.py demo [--patients N]``: fill an empty (or demo) database with realistic
demo data; a database holding real patients or practitioners is refused (exit 2)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.access.keyfile import KeyFile
from assistant.cli import CliContext
from assistant.errors import InvalidInput


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="add a demo clinic, practitioners, devices, products and patients with sessions",
        description=(
            "Add realistic demo data to an empty or demo database (for trying Chairside out). "
            "A database holding real patients or practitioners is refused."
        ),
    )
    parser.add_argument(
        "--patients",
        type=int,
        default=60,
        metavar="N",
        help="how many demo patients to add (default 60)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--unencrypted",
        action="store_true",
        help="make a new database plain (unencrypted), for inspection with ordinary SQLite "
        "tools; without it a new database is encrypted",
    )
    parser.set_defaults(handler=run, creates_database=True)


def run(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the demo clinic would cost every command 10 ms at start
    from assistant.demo.clinic import DEMO_PIN, load_demo_data

    if args.patients < 0 or args.patients > 1_000_000:
        raise InvalidInput("--patients must be between 0 and 1,000,000.", "patients")
    db = context.database()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} patients", end="", file=sys.stderr, flush=True)

    summary = load_demo_data(db, patients=args.patients, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Added {summary.patients} demo patients with {summary.sessions} sessions to {db.url}")
    print(f"The demo practitioners sign in with PIN {DEMO_PIN}.")
    if db.recovery_code is not None:
        keys = db.key_file()
        assert keys is not None
        change = KeyFile.load(keys)
        change.setup_pending = False  # the recovery key is shown: the database can be opened
        change.save()
        print(
            "The database is encrypted; the demo PIN unlocks it, and so does this recovery "
            f"key (shown once; keep it): {db.recovery_code}"
        )
        db.recovery_code = None
    elif db.encryption == "plain":
        print("The database is plain (unencrypted).")
    return 0
