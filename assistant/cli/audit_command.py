"""``audit [--patient ID] [--action A] [--json]``: read the audit trail, newest first.

``audit --verify [--against BACKUP]`` checks the hash chain instead: exit 0 and one line with
the counts when it is intact, exit 1 and one line naming the first entry or session that does
not match. ``audit --verify --head HEAD`` also checks that the chain holds a head as printed on
an aftercare sheet or in a backup's metadata ("audit #1234 · 0123456789ab").
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC
from pathlib import Path
from typing import Any

from assistant.access.cipher import is_plain, key_for
from assistant.audit.trail import ACTIONS, query_events
from assistant.cli import EXIT_FAILURE, EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import MAX_LIMIT, bounded_count, record_number
from assistant.cli.options import add_actor_option
from assistant.errors import InvalidInput


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="list audit trail entries (who did what, when), newest first",
        description="List the audit trail: every create, change, sign, amend, override, "
        "export, print, erasure, sign-in, backup and restore, newest first.",
    )
    parser.add_argument(
        "--patient",
        type=record_number("patient"),
        metavar="ID",
        help="only this patient's entries",
    )
    parser.add_argument("--action", choices=ACTIONS, metavar="ACTION", help="only this action")
    parser.add_argument("--text", metavar="WORDS", help="only entries whose summary contains this")
    parser.add_argument(
        "--limit",
        type=bounded_count(1, MAX_LIMIT),
        default=200,
        metavar="N",
        help="at most N entries (default 200)",
    )
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="check the hash chain and every signed session and amendment; exit 1 if broken",
    )
    parser.add_argument(
        "--against",
        metavar="BACKUP",
        type=Path,
        help="with --verify: also check that the chain extends this backup's",
    )
    parser.add_argument(
        "--head",
        metavar="HEAD",
        help="with --verify: also check that the chain holds this head, as printed "
        '("audit #1234 · 0123456789ab")',
    )
    add_actor_option(parser)
    parser.set_defaults(handler=run)


MAX_TEXT = 200
def run_verify(args: argparse.Namespace, context: CliContext) -> int:
    from assistant.audit import integrity  # only for "audit verify", not at every start

    if args.head is not None:
        return run_verify_head(args, context)
    db = context.database()
    if args.against is not None:
        backup = args.against.expanduser()
        if not backup.is_file():
            raise InvalidInput(f"There is no backup file {backup}.", "against")

        if not is_plain(backup) and key_for(backup, db.key) is None:  # plain, or this key
            raise InvalidInput(f"{backup.name} is not a Chairside backup.", "against")
        result = integrity.check_against(db, backup)
        line = result.line()
        if result.intact:
            line = line[:-1] + f"; it extends the backup {backup.name}."
    else:
        result = integrity.check(db, full=True)
        line = result.line()
    print(line)
    return EXIT_OK if result.intact else EXIT_FAILURE


def run_verify_head(args: argparse.Namespace, context: CliContext) -> int:
    # the integrity checks only for audit --verify --head
    from assistant.audit import integrity

    if args.against is not None:
        raise InvalidInput("--head and --against are checked one at a time.", "head")
    parsed = integrity.parse_head(str(args.head))
    if parsed is None:
        raise InvalidInput(
            '--head: write the head as printed, for example "audit #1234 · 0123456789ab" '
            "(the entry number and at least 12 hex digits of its hash).",
            "head",
        )
    result = integrity.check_head(context.database(), *parsed)
    line = result.line()
    if result.intact:
        line = line[:-1] + f"; it holds audit #{parsed[0]} \u00b7 {parsed[1][:12]}."
    print(line)
    return EXIT_OK if result.intact else EXIT_FAILURE


def run(args: argparse.Namespace, context: CliContext) -> int:
    if args.verify:
        return run_verify(args, context)
    if args.against is not None:
        raise InvalidInput("--against goes with --verify.", "against")
    if args.head is not None:
        raise InvalidInput("--head goes with --verify.", "head")
    if args.text is not None and len(args.text) > MAX_TEXT:
        raise InvalidInput(f"--text: at most {MAX_TEXT} characters to search for.", "text")
    limit = args.limit
    db = context.database()
    practitioner_for(args, db, "audit")
    with db.session() as session:
        events = query_events(
            session, action=args.action, patient_id=args.patient, text=args.text, limit=limit
        )
    if args.json:
        entries = [
            {
                "id": e.id,
                "at": e.at.isoformat(),
                "practitioner_id": e.practitioner_id,
                "practitioner": e.practitioner,
                "workstation": e.workstation,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "patient_id": e.patient_id,
                "summary": e.summary,
                "changes": e.changes,
            }
            for e in events
        ]
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return EXIT_OK
    for e in events:
        who = e.practitioner or "-"
        patient = f"patient {e.patient_id}" if e.patient_id is not None else ""
        local = e.at.replace(tzinfo=UTC).astimezone()
        print(f"{local:%Y-%m-%d %H:%M:%S}  {e.action:<12} {who:<24} {patient:<12} {e.summary}")
    if not events:
        print("No audit entries match.")
    return EXIT_OK
