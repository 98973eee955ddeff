"""``chairside check ANSWERS.json [--json]``: the suitability verdict for a set of answers.

ANSWERS.json holds the assessment date (default today), the patient facts the rules use, the
planned zones and the answers by question id::

    {"assessed_on": "2026-11-24", "date_of_birth": "1990-05-01", "fitzpatrick": 4,
     "zones": ["cheeks", "upper_lip"],
     "answers": {"isotretinoin_last_dose": "2026-08-01", "cold_sore_history": true}}

Optional ``device``: a device profile id (``dermapen_4``, ``skinpen_precision``, ``generic``);
a patient younger than the device's cleared age gets a caution.

The clinic's rules in force are used; with no clinic database (nothing is created) the
shipped rules are. Any verdict exits 0; input that cannot be read exits 2 with a message
naming the field.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from assistant import reference
from assistant.checklist import (
    PatientFacts,
    default_checklist,
    evaluate,
    parse_date,
    unanswered,
)
from assistant.cli import EXIT_OK, CliContext
from assistant.cli.json_input import read_json_object
from assistant.errors import InvalidInput
from assistant.rules import checklist_in_force

log = logging.getLogger(__name__)

FIRST_YEAR, LAST_YEAR = 1990, 2199
OLDEST_BIRTH_YEAR = 1900
_KNOWN_KEYS = ("assessed_on", "date_of_birth", "fitzpatrick", "zones", "answers", "device")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="suitability verdict for a patient's checklist answers",
        description="Evaluate the suitability checklist (contraindications) for the answers "
        "in a JSON file and print the verdict. Exit status 0 for any verdict, 2 for input "
        "that cannot be read.",
    )
    parser.add_argument("answers_file", metavar="ANSWERS.json", type=Path)
    parser.add_argument(
        "--json", action="store_true", help="print the verdict as JSON instead of text"
    )
    parser.set_defaults(handler=run)


def read_answers_file(path: Path) -> dict[str, Any]:
    return read_json_object(path, "answers_file", _KNOWN_KEYS)


def _facts(data: Mapping[str, Any]) -> PatientFacts:
    dob = data.get("date_of_birth")
    fitzpatrick = data.get("fitzpatrick")
    if fitzpatrick is not None and (
        isinstance(fitzpatrick, bool) or not isinstance(fitzpatrick, int)
    ):
        raise InvalidInput(
            f"fitzpatrick: '{fitzpatrick}' is not a Fitzpatrick type; expected 1 to 6.",
            "fitzpatrick",
        )
    born = parse_date(dob, "date_of_birth") if dob is not None else None
    if born is not None and not born.year >= OLDEST_BIRTH_YEAR:
        raise InvalidInput(
            f"date_of_birth: {born.isoformat()} is before {OLDEST_BIRTH_YEAR}; check the year.",
            "date_of_birth",
        )
    device = data.get("device")
    profile = None
    if device is not None:
        if not isinstance(device, str):
            raise InvalidInput('device: expected a device profile id, e.g. "dermapen_4".', "device")
        profile = reference.device_profile(device, "device")
    return PatientFacts(
        date_of_birth=born,
        fitzpatrick=fitzpatrick,
        device_name=profile.label if profile else None,
        device_cleared_age=profile.cleared_age if profile else None,
    )


def _zones(data: Mapping[str, Any]) -> list[str]:
    zones = data.get("zones", [])
    if not isinstance(zones, list) or not all(isinstance(z, str) for z in zones):
        raise InvalidInput('zones: expected a list of zone ids, e.g. ["cheeks"].', "zones")
    return zones


def run(args: argparse.Namespace, context: CliContext) -> int:
    data = read_answers_file(args.answers_file)
    assessed = data.get("assessed_on")
    assessed_on = parse_date(assessed, "assessed_on") if assessed is not None else date.today()
    if not FIRST_YEAR <= assessed_on.year <= LAST_YEAR:
        raise InvalidInput(
            f"assessed_on: {assessed_on.year} is not a year of assessment "
            f"({FIRST_YEAR} to {LAST_YEAR}).",
            "assessed_on",
        )
    facts = _facts(data)
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise InvalidInput("answers: expected an object of question ids to answers.", "answers")

    # The clinic's rules in force; the shipped ones when there is no clinic database.
    db = context.database_if_present()
    checklist = checklist_in_force(db) if db is not None else default_checklist()
    verdict = evaluate(checklist, answers, facts, _zones(data), assessed_on)
    log.info("check: verdict %s (rules %s)", verdict.outcome, verdict.checklist_version)
    if args.json:
        # The command line treats an omitted answer as no; it lists which ones it assumed.
        result = {
            **verdict.to_dict(),
            "rules_version": verdict.checklist_version,
            "unanswered": unanswered(checklist, answers),
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(verdict.describe())
    return EXIT_OK
