"""``chairside stock receive|list|count|recall``: cartridges and products in stock.

- ``stock receive --scan CODE [--quantity N] [--name TEXT --kind cartridge|product] --as P``:
  receive N boxes (default 1) of what the GS1 code names and print the lot as JSON (``gtin``,
  ``lot``, ``expiry``, ``serial``, ``on_hand``). A GTIN received for the first time needs
  ``--name`` and ``--kind`` (and, for a cartridge, ``--needles``; ``--per-box`` units in a
  box, default 1). Exit 2 when the code cannot be read (the message names what), or the lot
  has expired; a lot expiring within the clinic's warning period is received, with a warning
  on standard error and in the JSON;
- ``stock list [--low] [--expiring DAYS] --json``: the lots on hand with ``gtin``, ``name``,
  ``kind``, ``lot``, ``expiry``, ``on_hand``, ``reorder_level``, ``low``;
- ``stock count --gtin GTIN --lot LOT --on-hand N --as P``: what is on the shelf; the
  difference is recorded with who counted;
- ``stock recall --lot LOT --as P``: mark the lot recalled by its maker (no longer used at
  the chair) and list the patients who received it (``recall --lot`` lists them too).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.options import add_actor_option
from assistant.errors import InvalidInput
from assistant.sessions import recall
from assistant.stock import (
    KINDS,
    NewItem,
    count_lot,
    list_stock,
    mark_recalled,
    receive_box,
)


def _count(text: str) -> int:
    """A whole number of units or boxes, 0 or more (argparse turns InvalidInput into exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is below zero")
    return value


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "stock",
        help="cartridges and products in stock: receive, list, count, recall",
        description="Receive boxes by their GS1 code, list what is on hand (low, expiring), "
        "record a count of the shelf, mark a lot recalled by its maker.",
    )
    actions = parser.add_subparsers(dest="stock_action", metavar="ACTION", required=True)
    receive = actions.add_parser(
        "receive",
        help="receive boxes by the GS1 code on them; prints the lot as JSON",
        description="Receive boxes of what a GS1 code names (GTIN, expiry, lot, serial). "
        "Exit status 2 when the code cannot be read or the lot has expired.",
    )
    receive.add_argument(
        "--scan", required=True, metavar="CODE", help="the code as scanned or typed"
    )
    receive.add_argument(
        "--quantity", type=_count, default=1, metavar="N", help="boxes received (default 1)"
    )
    receive.add_argument("--name", metavar="TEXT", help="the product's name (first delivery)")
    receive.add_argument("--kind", choices=KINDS, help="cartridge or product (first delivery)")
    receive.add_argument("--needles", metavar="N", default="", help="a cartridge's needle count")
    receive.add_argument("--size", metavar="TEXT", default="", help='as printed, e.g. "5 ml"')
    receive.add_argument(
        "--per-box", type=_count, default=1, metavar="N", help="units in a box (default 1)"
    )
    receive.add_argument(
        "--reorder-level", type=_count, metavar="N", help="units at which to reorder"
    )
    add_actor_option(receive, required=True)
    receive.set_defaults(handler=run_receive)
    listing = actions.add_parser("list", help="the lots on hand")
    listing.add_argument(
        "--low", action="store_true", help="only items at or below their reorder level"
    )
    listing.add_argument(
        "--expiring",
        type=_count,
        metavar="DAYS",
        help="only lots on hand expiring within DAYS (expired ones included)",
    )
    listing.add_argument("--json", action="store_true", help="print the lots as JSON")
    add_actor_option(listing)
    listing.set_defaults(handler=run_list)
    count = actions.add_parser("count", help="record what is on the shelf for one lot")
    count.add_argument("--gtin", required=True, metavar="GTIN", help="the product's GTIN")
    count.add_argument("--lot", required=True, metavar="LOT", help="the lot number")
    count.add_argument("--on-hand", required=True, type=_count, metavar="N", help="units counted")
    add_actor_option(count, required=True)
    count.set_defaults(handler=run_count)
    recalled = actions.add_parser(
        "recall", help="mark a lot recalled by its maker and list who received it"
    )
    recalled.add_argument("--lot", required=True, metavar="LOT", help="the lot number")
    add_actor_option(recalled, required=True)
    recalled.set_defaults(handler=run_recall)


def _print(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def run_receive(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "stock receive").practitioner_id
    details = None
    if args.name is not None or args.kind is not None:
        if not (args.name and args.kind):
            raise InvalidInput("Give both --name and --kind for a first delivery.", "name")
        details = NewItem(
            name=args.name,
            kind=args.kind,
            needle_count=args.needles.strip(),
            size=args.size,
            units_per_box=args.per_box,
            reorder_level=args.reorder_level
            if args.reorder_level is not None
            else context.settings.stock_reorder_level,
        )
    received = receive_box(
        db,
        args.scan,
        actor,
        quantity=args.quantity,
        details=details,
        today=date.today(),
        warn_days=context.settings.stock_expiry_warning_days,
    )
    if received.warning:
        print(received.warning, file=sys.stderr)
    _print(received.to_json())
    return EXIT_OK


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    practitioner_for(args, db, "stock list")
    lines = list_stock(
        db,
        date.today(),
        low=args.low,
        expiring_days=args.expiring,
        warn_days=context.settings.stock_expiry_warning_days,
    )
    if args.json:
        _print([line.to_json() for line in lines])
        return EXIT_OK
    if not lines:
        print("Nothing in stock" + (" matches." if args.low or args.expiring is not None else "."))
        return EXIT_OK
    for line in lines:
        flags = [
            word
            for word, on in (
                ("LOW", line.low),
                ("RECALLED", line.recalled),
                ("EXPIRED", line.expired),
            )
            if on
        ]
        print(
            f"{line.gtin}  {line.name} ({line.kind})  lot {line.lot}  expires "
            f"{line.expiry.isoformat()}  on hand {line.on_hand}  reorder at {line.reorder_level}"
            + (f"  {' '.join(flags)}" if flags else "")
        )
    return EXIT_OK


def run_count(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "stock count").practitioner_id
    _print(count_lot(db, args.gtin, args.lot, args.on_hand, actor).to_json())
    return EXIT_OK


def run_recall(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "stock recall").practitioner_id
    lots = mark_recalled(db, args.lot, actor)
    patients = recall(db, args.lot)
    _print(
        {
            "lot": args.lot.strip(),
            "lots": [lot.to_json() for lot in lots],
            "patients": [
                {
                    "patient_id": row.patient_id,
                    "name": row.patient_name,
                    "phone": row.phone,
                    "session_id": row.session_id,
                    "session_date": row.treated_at.date().isoformat(),
                    "matched": row.matched,
                }
                for row in patients
            ],
        }
    )
    return EXIT_OK
