"""``chairside aftercare (SESSION.json | --session ID) --out FILE.pdf``: the aftercare sheet.

SESSION.json describes the treatment, so a sheet can be made without a database::

    {"clinic": {"name": "Riverside Skin Clinic", "address": "14 Mill Lane\\nKingston",
                "phone": "020 7946 0321", "out_of_hours_phone": "07700 900123",
                "logo": null, "paper": "A4"},
     "patient": {"name": "Zoë Łukasiewicz-Nguyễn"},
     "practitioner": "Amira Haddad",
     "treated_at": "2026-11-24T15:30",
     "zones": [{"zone": "cheeks", "depth_mm": 1.5, "passes": 3}],
     "next_session": "2026-12-22"}

``treated_at`` is the end of the treatment in local time. Optional keys: ``interval_weeks``
(used when there is no ``next_session``; by default it follows from the deepest depth),
``notes``, ``cold_sore_caution`` (true prints the antiviral line: the checklist's cold-sore
caution fired), ``language`` (the sheet's language code, e.g. "es"; default English) and
``large_print`` (true: body text of 16 pt or more). A relative ``logo`` path is read from the
JSON file's folder.

``--language CODE`` and ``--large-print`` override the file, or the patient's own choice for a
session from the database. An unknown language exits 2 and lists the available ones.

Warnings (a character the font cannot print, a clinic template that cannot be read) go to
stderr and the PDF is still written, with "\N{REPLACEMENT CHARACTER}" in place of each
character it cannot print. Input that cannot be used exits 2 and leaves no file behind.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant import reference
from assistant.aftercare import (
    PAPERS,
    AftercareSheet,
    ClinicProfile,
    Paper,
    ZoneDepth,
    available_languages,
    check_output_path,
    language,
    render_pdf,
)
from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.arguments import record_number
from assistant.cli.json_input import read_json_object
from assistant.cli.options import add_actor_option
from assistant.errors import InvalidInput
from assistant.sessions import aftercare_sheet_for_session
from assistant.text.dates import parse_date
from assistant.text.safety import check_one_line

_KNOWN_KEYS = (
    "clinic", "patient", "practitioner", "treated_at", "zones", "next_session",
    "interval_weeks", "notes", "cold_sore_caution", "language", "large_print",
)  # fmt: skip
FIRST_YEAR, LAST_YEAR = 1990, 2199  # a treatment date outside these is a typing mistake
MAX_LINE = 200
MAX_NOTES = 5000
_CLINIC_KEYS = ("name", "address", "phone", "out_of_hours_phone", "logo", "paper")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "aftercare",
        help="write the patient's aftercare sheet as a PDF",
        description="Write the dated aftercare sheet for a treatment, from a JSON description "
        "of the session or from a session in the database. Exit status 2 for input that "
        "cannot be used.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "session_file", metavar="SESSION.json", type=Path, nargs="?", help="the session as JSON"
    )
    source.add_argument(
        "--session",
        metavar="ID",
        type=record_number("session"),
        dest="session_id",
        help="a session in the database",
    )
    parser.add_argument("--out", metavar="FILE.pdf", type=Path, required=True)
    parser.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    parser.add_argument(
        "--depth-table",
        action="store_true",
        help="add the table of depths and passes (off by default)",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="time zone for the dates, e.g. Europe/London (default: this computer's)",
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        help=f"the sheet's language (default: the patient's): {available_languages()}",
    )
    parser.add_argument(
        "--large-print",
        action="store_true",
        default=None,
        help="large print: body text of 16 pt or more",
    )
    add_actor_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    out: Path = args.out
    check_output_path(
        out, force=args.force
    )  # before any work: a bad folder is the most common mistake
    tz = _zone(args.timezone)
    if args.language is not None:
        language(args.language)  # an unknown code is refused before any work
    if args.session_id is not None:
        db = context.database()
        actor = practitioner_for(args, db, "aftercare").practitioner_id
        sheet = aftercare_sheet_for_session(db, args.session_id)
    else:
        sheet = sheet_from_json(args.session_file)
    if args.depth_table:
        sheet = replace(sheet, show_depth_table=True)
    if args.language is not None:
        sheet = replace(sheet, language=language(args.language).code)
    if args.large_print:
        sheet = replace(sheet, large_print=True)
    result = render_pdf(
        sheet, out, tz=tz, force=args.force, templates=context.locations.templates_dir()
    )
    if args.session_id is not None:
        # the sessions package only when a stored session is stamped
        from assistant.sessions import mark_aftercare_printed

        # Audited like the window's "save as PDF", by whoever --as names.
        mark_aftercare_printed(db, args.session_id, actor, saved_as=out.name)
    for warning in result.warnings:
        print(f"chairside: warning: {warning}", file=sys.stderr)
    pages = "1 page" if result.pages == 1 else f"{result.pages} pages"
    print(f"{result.path} ({pages})")
    return EXIT_OK


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"Unknown time zone '{name}'; use a name such as Europe/London.", "timezone"
        ) from None


def read_session_file(path: Path) -> dict[str, Any]:
    return read_json_object(path, "session_file", _KNOWN_KEYS)


def _text(
    data: Mapping[str, Any], key: str, field: str, required: bool = True, multiline: bool = False
) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidInput(f"{field}: expected some text.", field)
    limit = MAX_NOTES if multiline else MAX_LINE
    if len(value) > limit:
        raise InvalidInput(f"{field}: longer than {limit:,} characters.", field)
    if not multiline:
        check_one_line(value, field, field)
    return value.strip()


def _clinic(data: Any, base: Path) -> ClinicProfile:
    if not isinstance(data, dict):
        raise InvalidInput("clinic: expected an object with name, phone, address….", "clinic")
    unknown = sorted(set(data) - set(_CLINIC_KEYS))
    if unknown:
        raise InvalidInput(
            f"clinic: unknown key(s) {', '.join(unknown)}; expected {', '.join(_CLINIC_KEYS)}.",
            f"clinic.{unknown[0]}",
        )
    paper = data.get("paper", "A4")
    matching = [p for p in PAPERS if isinstance(paper, str) and p.lower() == paper.lower()]
    if not matching:
        raise InvalidInput(
            f"clinic.paper: '{paper}' is not a paper size; expected {' or '.join(PAPERS)}.",
            "clinic.paper",
        )
    paper_size: Paper = "A4" if matching[0] == "A4" else "Letter"
    logo = data.get("logo")
    logo_path: Path | None = None
    if logo is not None:
        if not isinstance(logo, str) or not logo.strip():
            raise InvalidInput("clinic.logo: expected a file path or null.", "clinic.logo")
        logo_path = base / Path(logo).expanduser()
        if not logo_path.is_file():
            raise InvalidInput(f"clinic.logo: the logo file {logo_path} does not exist.", "logo")
    return ClinicProfile(
        name=_text(data, "name", "clinic.name"),
        address=_text(data, "address", "clinic.address", required=False, multiline=True),
        phone=_text(data, "phone", "clinic.phone"),
        out_of_hours_phone=_text(data, "out_of_hours_phone", "clinic.out_of_hours_phone", False),
        logo_path=str(logo_path) if logo_path is not None else None,
        paper_size=paper_size,
    )


def _zones(data: Any) -> tuple[tuple[str, ...], tuple[ZoneDepth, ...]]:
    if not isinstance(data, list) or not data:
        raise InvalidInput("zones: expected a list of treated zones.", "zones")
    ids: list[str] = []
    depths: list[ZoneDepth] = []
    for number, row in enumerate(data, 1):
        where = f"zones[{number}]"
        if isinstance(row, str):
            row = {"zone": row}
        if not isinstance(row, dict) or not isinstance(row.get("zone"), str):
            raise InvalidInput(f'{where}: expected {{"zone": "cheeks", …}}.', "zones")
        zone = reference.zone(row["zone"], "zone")
        if zone.id not in ids:
            ids.append(zone.id)
        depth, passes = row.get("depth_mm"), row.get("passes", 1)
        if depth is None:
            continue
        limits = reference.limits()
        if (
            isinstance(depth, bool)
            or not isinstance(depth, int | float)
            or not math.isfinite(depth)
            or not limits.depth_min_mm <= depth <= limits.depth_max_mm
        ):
            raise InvalidInput(
                f"{where}.depth_mm: '{depth}' is not a depth in mm "
                f"({reference.format_mm(limits.depth_min_mm)} to "
                f"{reference.format_mm(limits.depth_max_mm)}).",
                "depth_mm",
            )
        if (
            isinstance(passes, bool)
            or not isinstance(passes, int)
            or not limits.passes_min <= passes <= limits.passes_max
        ):
            raise InvalidInput(
                f"{where}.passes: '{passes}' is not a number of passes "
                f"({limits.passes_min} to {limits.passes_max}).",
                "passes",
            )
        depths.append(ZoneDepth(zone.id, float(depth), passes))
    return tuple(ids), tuple(depths)


def _datetime(value: Any, field: str) -> datetime:
    if not isinstance(value, str):
        raise InvalidInput(f"{field}: expected a date and time such as 2026-11-24T15:30.", field)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{field}: '{value}' is not a date and time such as 2026-11-24T15:30.", field
        ) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InvalidInput(
            f"{field}: {moment.year} is not a year of treatment ({FIRST_YEAR} to {LAST_YEAR}).",
            field,
        )
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)  # to this computer's wall time
    return moment


def _date(value: Any, field: str) -> date | None:
    if value is None:
        return None
    day = parse_date(value, field)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidInput(
            f"{field}: {day.year} is not a year of treatment ({FIRST_YEAR} to {LAST_YEAR}).",
            field,
        )
    return day


def sheet_from_json(path: Path) -> AftercareSheet:
    """The sheet described by a SESSION.json file (see the module docstring)."""
    data = read_session_file(path)
    for key in ("clinic", "patient", "practitioner", "treated_at", "zones"):
        if key not in data:
            raise InvalidInput(f"{path}: '{key}' is missing.", key)
    clinic = _clinic(data["clinic"], path.parent)
    patient = data["patient"]
    if not isinstance(patient, dict):
        raise InvalidInput('patient: expected an object such as {"name": "…"}.', "patient")
    zones, depths = _zones(data["zones"])
    interval = data.get("interval_weeks")
    if interval is not None and (
        isinstance(interval, bool) or not isinstance(interval, int) or not 1 <= interval <= 104
    ):
        raise InvalidInput(
            f"interval_weeks: '{interval}' is not a number of weeks.", "interval_weeks"
        )
    treated_at = _datetime(data["treated_at"], "treated_at")
    next_session = _date(data.get("next_session"), "next_session")
    if next_session is not None and next_session <= treated_at.date():
        raise InvalidInput(
            f"next_session: {next_session.isoformat()} is not after the treatment on "
            f"{treated_at.date().isoformat()}.",
            "next_session",
        )
    if interval is None and depths:
        interval = reference.interval_weeks(max(d.depth_mm for d in depths))
    return AftercareSheet(
        clinic=clinic,
        patient_name=_text(patient, "name", "patient.name"),
        practitioner=_text(data, "practitioner", "practitioner"),
        treated_at=treated_at,
        zones=zones,
        next_session=next_session,
        interval_weeks=interval,
        notes=_text(data, "notes", "notes", required=False, multiline=True),
        zone_depths=depths,
        cold_sore_caution=_flag(data, "cold_sore_caution"),
        language=_language(data.get("language")),
        large_print=_flag(data, "large_print"),
    )


def _language(value: Any) -> str:
    if value is None:
        return "en"
    if not isinstance(value, str):
        raise InvalidInput(f"language: expected a language code such as \"es\", not '{value}'.",
                           "language")  # fmt: skip
    return language(value).code


def _flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise InvalidInput(f"{key}: expected true or false, not '{value}'.", key)
    return value
