"""``chairside translations sheet|approve``: a translation review a clinic can sign off.

- ``translations sheet --language CODE --out FILE.pdf [--force]``: English and the
  translation side by side, every string with its key, for a fluent clinician to read and
  mark; each file is named with the start of its SHA-256;
- ``translations approve --language CODE --reviewer "NAME, role" --as PRACTITIONER``:
  records who approved which version (SHA-256) of each file of the translation, audited.
  The preview's and the consent step's "unreviewed translation" notice no longer shows for
  an approved version, and shows again once the file changes.

An unknown language, English, a reviewer without a role or an existing FILE without
``--force`` exit 2 with one line saying so.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.options import add_actor_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "translations",
        help="review a translation: print it beside the English, record its approval",
        description="A translation review a clinic can sign off: the review sheet, and who "
        "approved which version of the translated files.",
    )
    actions = parser.add_subparsers(dest="translations_action", metavar="ACTION", required=True)
    sheet = actions.add_parser(
        "sheet", help="write English and the translation side by side, every string by key"
    )
    sheet.add_argument("--language", required=True, metavar="CODE", help="e.g. es, fr, ar")
    sheet.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    sheet.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    sheet.set_defaults(handler=run_sheet)
    approve = actions.add_parser(
        "approve", help="record that a fluent clinician approved the translation as it is now"
    )
    approve.add_argument("--language", required=True, metavar="CODE", help="e.g. es, fr, ar")
    approve.add_argument(
        "--reviewer", required=True, metavar='"NAME, role"', help="who read and approved it"
    )
    add_actor_option(approve, required=True)
    approve.set_defaults(handler=run_approve)


def run_sheet(args: argparse.Namespace, context: CliContext) -> int:
    # the translation sheet (PDF toolkit) only for translations sheet
    from assistant.text.translation_sheet import write_translation_sheet

    result = write_translation_sheet(
        context.database(), args.language, args.out, force=args.force,
        templates=context.locations.templates_dir(),
    )  # fmt: skip
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    print(f"{result.path} ({pages}, {result.strings} strings)")
    return EXIT_OK


def run_approve(args: argparse.Namespace, context: CliContext) -> int:
    # the review store only for translations approve
    from assistant.cli.acting import practitioner_for, require_actor
    from assistant.text.translation_review import (
        approve_translation,
        check_reviewer,
        translation_files,
    )

    require_actor(args, "translations approve")
    templates = context.locations.templates_dir()
    check_reviewer(args.reviewer)  # refuse before asking for a PIN
    translation_files(args.language, templates)
    db = context.database()
    acting = practitioner_for(args, db, "translations approve", required=True)
    assert acting.practitioner_id is not None  # required: no practitioner, no approval
    approvals = approve_translation(
        db, args.language, args.reviewer, acting.practitioner_id, templates
    )
    for approval in approvals:
        print(f"{approval.file} ({approval.source}) {approval.content_hash[:12]}: "
              f"approved by {approval.reviewer}")  # fmt: skip
    return EXIT_OK
