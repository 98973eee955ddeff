"""``chairside rules show [--json]``, ``rules set RULE_ID VALUE --reason TEXT --as NAME`` and
``rules sheet --out FILE.pdf [--force]``: the clinical rules in force in the selected database.

Each value a clinic may change has a shipped default and bounds; a change needs the
practitioner's PIN and a reason, is audited and makes a new version ("2026.3+clinic.N").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for, require_actor
from assistant.cli.options import add_actor_option
from assistant.rules import definition, parse_value, rules_in_force, set_rule


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="clinical rules in force: show, set a clinic value, print the rule sheet",
        description="The clinical rules in force (revision and clinic values, with sources).",
    )
    actions = parser.add_subparsers(dest="rules_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="list the rules in force with version and sources")
    show.add_argument("--json", action="store_true", help="print as JSON")
    show.set_defaults(handler=run_show)
    change = actions.add_parser("set", help="set a rule the clinic may change")
    change.add_argument("rule_id", metavar="RULE_ID")
    change.add_argument("value", metavar="VALUE", help='with its unit, e.g. "3 months"')
    change.add_argument("--reason", required=True, help="why the clinic changes it")
    add_actor_option(change, required=True)
    change.set_defaults(handler=run_set)
    sheet = actions.add_parser("sheet", help="write the rule sheet PDF for sign-off")
    sheet.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    sheet.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    sheet.set_defaults(handler=run_sheet)


def _rules_json(context: CliContext) -> dict[str, Any]:
    rules = rules_in_force(context.database())
    return {
        "rules_version": rules.version,
        "rules": [
            {
                "id": r.id,
                "label": r.definition.label,
                "value": r.value,
                "default": r.definition.default,
                "bounds": r.definition.bounds,
                "clinic_value": r.changed,
                "outside_bounds": r.outside_bounds,
                "sources": list(r.definition.sources),
            }
            for r in rules.rules()
        ],
    }


def run_show(args: argparse.Namespace, context: CliContext) -> int:
    data = _rules_json(context)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Clinical rules version {data['rules_version']}")
    for rule in data["rules"]:
        origin = f"clinic value; default {rule['default']}" if rule["clinic_value"] else "default"
        print(f"{rule['id']}: {rule['value']} ({origin}; allowed {rule['bounds']})")
        if rule["outside_bounds"]:
            print("    outside the bounds of this revision: kept; review it and set it again")
        for source in rule["sources"]:
            print(f"    source: {source}")
    return EXIT_OK


def run_set(args: argparse.Namespace, context: CliContext) -> int:
    require_actor(args, "rules set")
    db = context.database()
    parse_value(definition(args.rule_id), args.value)  # refuse before asking for a PIN
    acting = practitioner_for(args, db, "rules set", required=True)
    assert acting.practitioner_id is not None  # required: no practitioner, no change
    rules = set_rule(db, args.rule_id, args.value, args.reason, acting.practitioner_id)
    print(f"{args.rule_id}: {rules.value(args.rule_id)} (rules version {rules.version})")
    return EXIT_OK


def run_sheet(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the sheet's PDF would cost every command 11 ms at start
    from assistant.rules.sheet import write_rule_sheet

    db = context.database()
    result = write_rule_sheet(db, rules_in_force(db), args.out, force=args.force)
    print(f"{result.path} ({result.pages} page{'s' if result.pages != 1 else ''})")
    return EXIT_OK
