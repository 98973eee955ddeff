"""``chairside day [--date YYYY-MM-DD] --json``: the day's appointments, as the day screen
shows them: for each, ``patient_id``, ``at``, ``course_step``, ``consent_valid``,
``earliest_safe``, ``questionnaire_waiting`` (answers sent from a phone, still to confirm)
and the items ``due`` (follow-up calls, open complications). The plain listing ends with the
stock warnings the day screen shows; ``--json --stock`` prints ``{"appointments": [...],
"stock_warnings": [...]}`` instead of the list (each warning: ``code``, ``gtin``, ``name``,
``lot``, ``expiry``, ``message``)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.options import add_actor_option
from assistant.day.agenda import day_agenda
from assistant.stock import stock_warnings
from assistant.text.dates import parse_date


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "day",
        help="the day's appointments and what is due",
        description="The appointments of a day (default: today) with the course step, "
        "whether a consent covers the visit, the earliest safe date and what is due.",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    parser.add_argument("--json", action="store_true", help="print the day as JSON")
    parser.add_argument(
        "--stock",
        action="store_true",
        help='with --json: print {"appointments": [...], "stock_warnings": [...]}',
    )
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    on = parse_date(args.date, "date") if args.date else date.today()
    db = context.database()
    practitioner_for(args, db, "day")
    entries = day_agenda(db, on, review_days=context.settings.intake_review_days)
    warnings = stock_warnings(db, on, context.settings.stock_expiry_warning_days)
    if args.json:
        appointments = [e.to_json() for e in entries]
        shown: object = appointments
        if args.stock:
            shown = {
                "appointments": appointments,
                "stock_warnings": [w.to_json() for w in warnings],
            }
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        print(f"No appointments on {on.isoformat()}.")
    for entry in entries:
        a = entry.appointment
        print(
            f"{a.starts_at:%H:%M}  #{a.patient_id} {entry.patient_name}  {a.state}"
            + (f"  session {a.course_step}" if a.course_step else "")
            + ("  consent valid" if entry.consent_valid else "  no valid consent")
            + ("  questionnaire waiting" if entry.questionnaire_waiting else "")
        )
        if entry.too_early:
            print(f"  {entry.earliest_safe.refusal()}")
        for item in entry.due:
            print(f"  due: {item.words}")
    for warning in warnings:
        print(f"Stock: {warning.message}")
    return EXIT_OK
