"""``chairside complication add|list|report``: the complications register.

- ``complication add --session ID --kind KIND --onset DATE --severity mild|moderate|severe
  [--description TEXT] --as P``: record an adverse event against a session (its device,
  cartridge lot, depths and products come from the session); prints it as JSON;
- ``complication update ID [--outcome O] [--resolved DATE] [--serious yes|no] [--treatment
  TEXT] [--referral TEXT] [--udi UDI] [--reported-to mhra|fda] [--reported-on DATE]
  [--reference REF] --as P``: what became of it, and its report to a regulator;
- ``complication list [--lot LOT] --json``: every complication, or those after sessions that
  used product or cartridge lot LOT;
- ``complication report ID --out FILE.pdf``: what the MHRA Yellow Card and FDA MedWatch 3500
  ask for, ready to copy into the regulator's form (the patient by age and sex only).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import record_id
from assistant.cli.options import add_actor_option
from assistant.day.complications import (
    ComplicationDetails,
    add_complication,
    get_complication,
    list_complications,
    update_complication,
)
from assistant.day.report import save_complication_report
from assistant.day.vocabulary import choices
from assistant.output_files import check_output_file
from assistant.text.dates import parse_date


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "complication",
        help="the complications register: add, list, report",
        description="Record adverse events against a session, list them (by lot), and "
        "prepare one for a regulator's form.",
    )
    actions = parser.add_subparsers(dest="complication_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record an adverse event against a session")
    add.add_argument("--session", required=True, type=record_id, metavar="ID")
    add.add_argument("--kind", required=True, choices=tuple(choices("complication_kinds")))
    add.add_argument("--onset", required=True, metavar="YYYY-MM-DD", help="the onset date")
    add.add_argument("--severity", required=True, choices=tuple(choices("severities")))
    add.add_argument("--description", default="", metavar="TEXT")
    add.add_argument("--treatment", default="", metavar="TEXT", help="treatment given")
    add.add_argument("--udi", default="", metavar="UDI", help="from the device's label")
    add_actor_option(add, required=True)
    add.set_defaults(handler=run_add)
    update = actions.add_parser(
        "update", help="record an event's outcome, treatment or report to a regulator"
    )
    update.add_argument("id", type=record_id, metavar="ID", help="the complication's number")
    update.add_argument("--outcome", choices=tuple(choices("complication_outcomes")))
    update.add_argument("--resolved", metavar="YYYY-MM-DD", help="the date it resolved")
    update.add_argument("--serious", choices=("yes", "no"), help="by the regulators' criteria")
    update.add_argument("--treatment", metavar="TEXT", help="treatment given")
    update.add_argument("--referral", metavar="TEXT", help="referred to whom")
    update.add_argument("--udi", metavar="UDI", help="from the device's label")
    update.add_argument("--reported-to", choices=tuple(choices("regulators")))
    update.add_argument("--reported-on", metavar="YYYY-MM-DD", help="the date reported")
    update.add_argument("--reference", metavar="REF", help="the regulator's reference number")
    add_actor_option(update, required=True)
    update.set_defaults(handler=run_update)
    listing = actions.add_parser("list", help="every complication, or those of a lot")
    listing.add_argument("--lot", metavar="LOT", help="a product or cartridge lot")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    add_actor_option(listing)
    listing.set_defaults(handler=run_list)
    report = actions.add_parser("report", help="the regulator's fields of one event as a PDF")
    report.add_argument("id", type=record_id, metavar="ID", help="the complication's number")
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="where to save it")
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_actor_option(report)
    report.set_defaults(handler=run_report)


def run_add(args: argparse.Namespace, context: CliContext) -> int:
    details = ComplicationDetails(
        kind=args.kind,
        onset_on=parse_date(args.onset, "onset"),
        severity=args.severity,
        description=args.description,
        treatment_given=args.treatment,
        udi=args.udi,
    )
    db = context.database()
    actor = practitioner_for(args, db, "complication add").practitioner_id
    info = add_complication(db, args.session, details, actor)
    print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def run_update(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "complication update").practitioner_id
    details = get_complication(db, args.id).details
    changes: dict[str, Any] = {
        "outcome": args.outcome,
        "resolved_on": parse_date(args.resolved, "resolved") if args.resolved else None,
        "serious": {"yes": True, "no": False}.get(args.serious or ""),
        "treatment_given": args.treatment,
        "referral": args.referral,
        "udi": args.udi,
        "reported_to": args.reported_to,
        "reported_on": parse_date(args.reported_on, "reported_on") if args.reported_on else None,
        "report_reference": args.reference,
    }
    details = replace(details, **{k: v for k, v in changes.items() if v is not None})
    info = update_complication(db, args.id, details, actor)
    print(json.dumps(info.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    practitioner_for(args, db, "complication list")
    found = list_complications(db, args.lot)
    if args.json:
        print(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("No complications recorded" + (f" for lot {args.lot.strip()}." if args.lot else "."))
    for c in found:
        d = c.details
        print(
            f"#{c.id}  {d.onset_on.isoformat()}  {d.kind}, {d.severity}  patient #{c.patient_id}"
            f"  session #{c.facts.session_id} ({c.facts.device_make} {c.facts.device_model}, "
            f"lot {c.facts.cartridge_lot or '—'}; {c.facts.depths or 'no zones'})"
        )
    return EXIT_OK


def run_report(args: argparse.Namespace, context: CliContext) -> int:
    out = check_output_file(Path(args.out), force=args.force)
    db = context.database()
    actor = practitioner_for(args, db, "complication report").practitioner_id
    written = save_complication_report(db, args.id, out, actor, force=args.force)
    print(f"Saved the report of complication {args.id} to {written}")
    return EXIT_OK
