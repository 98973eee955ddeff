"""``photos import|list|export``: a patient's before-and-after photos.

- ``photos import --patient ID [--session SID] --view VIEW [--zone ZONE] FILE...`` prints one
  line per photo with its id; every file is checked first and nothing is stored unless all
  of them can be.
- ``photos list --patient ID [--json]``: id, session, view, taken/added time, SHA-256, file.
- ``photos export --patient ID --out DIR``: the patient's photos as image files.

Bad input (unknown patient, session or view, a missing file, a file that is not a photo)
exits 2 with one line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_OK, CliContext
from assistant.cli.arguments import number_problem
from assistant.errors import InvalidInput
from assistant.output_files import check_output_folder


def _number(text: str, option: str) -> int:
    what = option.strip("-")
    problem = number_problem(text, what, kind="a number")
    if problem is not None:
        raise InvalidInput(f"{option}: {problem}.", what)
    return int(text.strip())


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "photos",
        help="import, list and export a patient's before-and-after photos",
        description="Clinical photos: import strips place and camera details and turns each "
        "picture the right way up; list shows where each is kept; export writes them out.",
    )
    actions = parser.add_subparsers(dest="photos_action", metavar="ACTION", required=True)

    add = actions.add_parser("import", help="add photos to a patient's record")
    add.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    add.add_argument("--session", metavar="SID", help="the session the photos belong to")
    add.add_argument(
        "--view",
        required=True,
        metavar="VIEW",
        help="frontal, left_oblique, right_oblique, left_lateral, right_lateral or close_up",
    )
    add.add_argument("--zone", metavar="ZONE", help="the treatment zone shown (optional)")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JPEG or PNG files")
    add.set_defaults(handler=run_import)

    show = actions.add_parser("list", help="list a patient's photos")
    show.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    show.add_argument("--json", action="store_true", help="print the list as JSON")
    show.set_defaults(handler=run_list)

    out = actions.add_parser("export", help="write a patient's photos into a folder")
    out.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    out.add_argument("--out", required=True, type=Path, metavar="DIR", help="an existing folder")
    out.add_argument(
        "--force", action="store_true", help="replace photo files already in the folder"
    )
    out.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the photos would cost every command 27 ms at start
    from assistant.photos import check_view, import_photos

    patient = _number(args.patient, "--patient")
    session = _number(args.session, "--session") if args.session else None
    check_view(args.view)
    photos = import_photos(
        context.database(), patient, args.files, args.view, session_id=session, zone=args.zone
    )
    for photo, file in zip(photos, args.files, strict=True):
        print(f"photo {photo.id}: {file} as {photo.view}, sha256 {photo.sha256}")
    return EXIT_OK


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the photos would cost every command 27 ms at start
    from assistant.photos import list_photos

    photos = list_photos(context.database(), _number(args.patient, "--patient"))
    if args.json:
        print(json.dumps([p.to_json() for p in photos], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not photos:
        print("No photos for this patient.")
    for p in photos:
        taken = f"taken {p.taken_at:%Y-%m-%d %H:%M}" if p.taken_at else "taken ?"
        print(
            f"{p.id}\tsession {p.session_id or '-'}\t{p.view}\t{taken}\t"
            f"added {p.added_at:%Y-%m-%d %H:%M}\t{p.sha256}\t{p.location}"
        )
    return EXIT_OK


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    # loaded when the command runs: the photos would cost every command 27 ms at start
    from assistant.photos import export_photos

    patient = _number(args.patient, "--patient")
    # the acting practitioner only for an export
    from assistant.cli.acting import practitioner_for

    out = check_output_folder(Path(args.out))
    db = context.database()
    actor = practitioner_for(args, db, "photos export").practitioner_id
    written = export_photos(db, patient, out, force=args.force, actor=actor)
    print(f"Wrote {len(written)} photo(s) of patient {patient} to {out}")
    return EXIT_OK
