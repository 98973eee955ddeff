"""``intake start`` and ``intake list``: the patient's own questionnaire on a phone.

``intake start --patient ID [--language CODE] [--minutes N] [--bind ADDRESS] [--port N]
--as PRACTITIONER`` prints one JSON line, ``{"url": …, "expires_at": …}``, then serves the
questionnaire until the answers arrive (exit 0) or the link expires (exit 3). The URL's
fragment holds the key that encrypts the answers: give it only to the patient (a QR code,
the clinic's tablet). Listening on an address other than this computer's own (127.0.0.1)
needs the setting that turns questionnaires on (Settings › Questionnaire on a phone).

``intake list --patient ID --json`` lists the questionnaires received: ``id``,
``received_at``, ``language``, ``answered`` and ``state`` (``to_confirm`` or ``confirmed``).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import sys
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import bounded_count, record_id
from assistant.cli.options import add_actor_option
from assistant.errors import InvalidInput

EXIT_EXPIRED = 3
_POLL_SECONDS = 0.5


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "intake",
        help="the patient answers the health questions on a phone (over the clinic's network)",
        description="Serve the patient's questionnaire through a one-use link, and list the "
        "questionnaires received.",
    )
    commands = parser.add_subparsers(dest="intake_command", required=True, metavar="COMMAND")
    start = commands.add_parser(
        "start",
        help="serve a questionnaire for one patient until it arrives (0) or expires (3)",
        description="Print one JSON line with the link (url) and when it expires "
        "(expires_at), then wait: exit 0 when the answers arrived, 3 when the link expired.",
    )
    start.add_argument("--patient", type=record_id, required=True, metavar="ID")
    start.add_argument("--language", metavar="CODE", help="the patient's language by default")
    start.add_argument(
        "--minutes", type=bounded_count(1, 24 * 60), metavar="N",
        help="how long the link works (default: the setting, 30)",
    )  # fmt: skip
    start.add_argument("--bind", metavar="ADDRESS", help="the address to listen on")
    start.add_argument("--port", type=bounded_count(0, 65535), metavar="N", help="0: any")
    add_actor_option(start, required=True)
    start.set_defaults(handler=run_start)
    listing = commands.add_parser("list", help="the questionnaires a patient sent")
    listing.add_argument("--patient", type=record_id, required=True, metavar="ID")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add_actor_option(listing)
    listing.set_defaults(handler=run_list)


def run_start(args: argparse.Namespace, context: CliContext) -> int:
    # the questionnaire server only for intake start
    from assistant.intake.server import check_address
    from assistant.intake.service import IntakeDesk
    from assistant.text.dates import utcnow

    settings = context.settings
    address = check_address(args.bind or settings.intake_address)
    if not ipaddress.ip_address(address).is_loopback and not settings.intake_enabled:
        raise InvalidInput(
            "Questionnaires on a phone are turned off: turn them on in Settings, or listen "
            "on this computer only (--bind 127.0.0.1).",
            "bind",
        )
    minutes = args.minutes if args.minutes is not None else settings.intake_minutes
    port = args.port if args.port is not None else settings.intake_port
    db = context.database()
    actor = practitioner_for(args, db, "intake start").practitioner_id
    desk = IntakeDesk(db, address, port)
    try:
        offer = desk.offer(args.patient, minutes, language=args.language, actor=actor)
        print(json.dumps(offer.to_json()), flush=True)
        while True:
            left = (offer.expires_at - utcnow()).total_seconds()
            if left <= 0:
                print("The link expired before the answers arrived.", file=sys.stderr)
                return EXIT_EXPIRED
            if desk.wait(offer, min(left, _POLL_SECONDS)):
                print("The answers arrived.", file=sys.stderr)
                return EXIT_OK
    finally:
        desk.stop()


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    # the questionnaire store only for intake list
    from assistant.intake.store import list_questionnaires

    db = context.database()
    practitioner_for(args, db, "intake list")
    found = list_questionnaires(db, args.patient)
    if args.json:
        print(json.dumps([q.to_json() for q in found], indent=2))
        return EXIT_OK
    if not found:
        print(f"Patient {args.patient} has sent no questionnaire.")
    for q in found:
        print(
            f"#{q.id} received {q.received_at:%Y-%m-%d %H:%M} UTC, {q.language}, "
            f"{q.answered} answered, {q.state.replace('_', ' ')}"
        )
    return EXIT_OK
