"""``chairside book --patient ID --at "YYYY-MM-DD HH:MM" [--minutes N] [--override REASON]
[--ics FILE] --as P``: book the patient's next visit and print it as JSON.

A date before the earliest safe date (the interval after the last session by its deepest
depth, and every dated deferral of the latest checklist) exits 2 naming that date and why,
unless ``--override`` gives the reason, which is stored and audited. ``--ics`` saves the
patient's calendar file (never over an existing file unless ``--force``)."""

from __future__ import annotations

import argparse
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import bounded_count
from assistant.cli.options import add_actor_option
from assistant.cli.sessions_command import patient_id
from assistant.day.appointments import (
    MAX_MINUTES,
    MIN_MINUTES,
    BookingRequest,
    UnsafeDate,
    book_appointment,
)
from assistant.day.calendar import save_appointment_ics
from assistant.errors import InvalidInput
from assistant.output_files import check_output_file

_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "book",
        help="book a patient's next visit at a safe date",
        description="Book a visit and print it as JSON. A date before the earliest safe date "
        "exits 2 naming that date and why, unless --override gives the reason.",
    )
    parser.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    parser.add_argument("--at", required=True, metavar="YYYY-MM-DD HH:MM", help="the start")
    parser.add_argument(
        "--minutes",
        type=bounded_count(MIN_MINUTES, MAX_MINUTES),
        default=None,
        metavar="N",
        help="the length (default: the clinic's setting, 60)",
    )
    parser.add_argument("--override", metavar="REASON", default="",
                        help="why a date before the earliest safe one is right")  # fmt: skip
    parser.add_argument("--note", metavar="TEXT", default="", help="a note for the visit")
    parser.add_argument("--ics", metavar="FILE", help="save the patient's calendar file")
    parser.add_argument("--force", action="store_true", help="replace the .ics if it exists")
    add_actor_option(parser, required=True)
    parser.set_defaults(handler=run)


def parse_moment(text: str, field: str = "at") -> datetime:
    if _MOMENT.fullmatch(text.strip()):
        try:
            return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            pass
    raise InvalidInput(
        f"--{field}: '{text}' is not a time; write it as \"YYYY-MM-DD HH:MM\", "
        'e.g. "2026-12-22 10:30".',
        field,
    )


def run(args: argparse.Namespace, context: CliContext) -> int:
    patient = patient_id(args.patient)
    starts_at = parse_moment(args.at)
    ics = check_output_file(Path(args.ics), force=args.force, field="ics") if args.ics else None
    db = context.database()
    actor = practitioner_for(args, db, "book").practitioner_id
    request = BookingRequest(
        patient_id=patient,
        starts_at=starts_at,
        minutes=args.minutes or context.settings.appointment_minutes,
        practitioner_id=actor,
        note=args.note,
        override_reason=args.override,
    )
    try:
        appointment = book_appointment(db, request, actor)
    except UnsafeDate as exc:
        raise InvalidInput(
            f"Not booked: {exc.earliest.refusal()}. Choose that date or later, or add "
            "--override REASON.",
            "at",
        ) from None
    result: dict[str, object] = appointment.to_json()
    if ics is not None:
        result["ics"] = str(save_appointment_ics(db, appointment.id, ics, actor, force=args.force))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK
