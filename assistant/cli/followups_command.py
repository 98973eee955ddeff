"""``chairside followups [--due] --json`` lists the open follow-up calls (``--due``: those
due today or earlier); ``chairside followups done ID --note TEXT [--outcome O] --as P``
records a call. "no_answer" keeps the call open for the next day."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import record_id
from assistant.cli.options import add_actor_option
from assistant.day.followups import complete_followup, list_followups
from assistant.day.vocabulary import choices


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "followups",
        help="follow-up calls after treatment",
        description="List the open follow-up calls, or record one as done with a note.",
    )
    parser.add_argument("--due", action="store_true", help="only those due today or earlier")
    parser.add_argument("--json", action="store_true", help="print the calls as JSON")
    add_actor_option(parser)
    parser.set_defaults(handler=run_list)
    actions = parser.add_subparsers(dest="followups_action", metavar="ACTION")
    done = actions.add_parser("done", help="record a follow-up call with its note")
    done.add_argument("id", type=record_id, metavar="ID", help="the follow-up's number")
    done.add_argument("--note", required=True, metavar="TEXT", help="what the call found")
    done.add_argument("--outcome", choices=tuple(choices("followup_outcomes")),
                      help="the outcome (no_answer keeps the call open)")  # fmt: skip
    add_actor_option(done, required=True)
    done.set_defaults(handler=run_done)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    practitioner_for(args, db, "followups")
    calls = list_followups(db, date.today() if args.due else None)
    if args.json:
        print(json.dumps([c.to_json() for c in calls], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not calls:
        print("No follow-up calls are open.")
    for call in calls:
        print(
            f"#{call.id}  due {call.due_on.isoformat()}  #{call.patient_id} {call.patient_name}"
            f"  {call.phone or '—'}  ({call.reason})"
        )
    return EXIT_OK


def run_done(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    actor = practitioner_for(args, db, "followups done").practitioner_id
    call = complete_followup(db, args.id, args.note, actor, args.outcome)
    print(json.dumps(call.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK
