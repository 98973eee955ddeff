"""``chairside sessions --patient ID [--json]``: a patient's sessions, newest first.

Each line gives the date, state, zones with their depths, the deepest depth, products with
their lots, the cartridge lot and the number of amendments (amended values are shown).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from assistant import reference
from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import number_problem
from assistant.cli.options import add_actor_option
from assistant.errors import InvalidInput
from assistant.sessions import SessionSummary, list_sessions


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sessions",
        help="list a patient's treatment sessions",
        description="List a patient's treatment sessions, newest first, with zones, depths, "
        "products and lots. Exit status 2 for an unknown patient.",
    )
    parser.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    parser.add_argument("--json", action="store_true", help="print the sessions as JSON")
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def patient_id(text: str) -> int:
    problem = number_problem(text, "patient", kind="a patient id")
    if problem is not None:
        raise InvalidInput(f"--patient: {problem}.", "patient")
    return int(text.strip())


def describe(summary: SessionSummary) -> str:
    zones = ", ".join(
        f"{reference.zones()[z.zone].name if z.zone in reference.zones() else z.zone} "
        f"{reference.format_mm(z.depth_mm)} mm × {z.passes}"
        for z in summary.zones
    )
    deepest = (
        f"deepest {reference.format_mm(summary.deepest_depth_mm)} mm"
        if summary.deepest_depth_mm is not None
        else "no zones"
    )
    parts = [
        f"#{summary.id}  {summary.treated_at:%Y-%m-%d %H:%M}  {summary.state}",
        f"  {summary.practitioner or 'practitioner not set'}; {deepest}"
        + (f"; {summary.course}" if summary.course else ""),
        f"  zones: {zones or '—'}",
    ]
    products = "; ".join(f"{p.product_name} lot {p.lot_number or '?'}" for p in summary.products)
    if products:
        parts.append(f"  products: {products}")
    if summary.cartridge_lot:
        parts.append(
            f"  cartridge: {summary.cartridge_needles} needles, lot {summary.cartridge_lot}"
        )
    if summary.amendments:
        parts.append(f"  amendments: {summary.amendments}")
    if summary.warnings:
        parts.append(f"  warnings shown: {summary.warnings}")
    return "\n".join(parts)


def run(args: argparse.Namespace, context: CliContext) -> int:
    wanted = patient_id(args.patient)
    db = context.database()
    practitioner_for(args, db, "sessions")
    sessions = list_sessions(db, wanted)
    if args.json:
        print(json.dumps([s.to_json() for s in sessions], ensure_ascii=False, indent=2))
    elif not sessions:
        print("No sessions recorded for this patient.")
    else:
        print("\n\n".join(describe(s) for s in sessions))
    return EXIT_OK
