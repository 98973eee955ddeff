"""``chairside consent list|export|verify``: a patient's consents, the exact PDF issued, and
checking a copy of a consent PDF against this database.

- ``consent list --patient ID [--json]``: the patient's consents, newest first;
- ``consent export --patient ID --out FILE.pdf [--force] [--language CODE]``: the newest
  consent that is valid today, byte for byte as issued, in the language asked for (exit 2
  when there is none, or FILE exists without --force, or CODE is unknown: the message lists
  the available codes). Without ``--language``, the patient's language is preferred; a
  consent valid today in another language is exported when none is in theirs;
- ``consent verify FILE.pdf``: exit 0 and one line naming the consent and its date when this
  database issued the file unchanged; exit 1 and one line when it was changed or is unknown;
  exit 2 when the file is not a PDF or cannot be read.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from assistant.cli import EXIT_FAILURE, EXIT_OK, CliContext
from assistant.cli.acting import practitioner_for
from assistant.cli.sessions_command import patient_id
from assistant.consent import (
    ConsentContext,
    ConsentRecord,
    consent_pdf,
    consent_status,
    list_consents,
    record_output,
    verify_file,
)
from assistant.errors import InvalidInput
from assistant.files import write_file_atomically
from assistant.output_files import check_output_file
from assistant.patients.store import get_patient
from assistant.storage.db import Database
from assistant.text.languages import available_languages, language


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "consent",
        help="list, export and verify signed consents",
        description="A patient's signed consents: list them, save the PDF exactly as issued, "
        "or check a copy of a consent PDF against this database.",
    )
    actions = parser.add_subparsers(dest="consent_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="a patient's consents, newest first")
    listing.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    listing.add_argument("--json", action="store_true", help="print the consents as JSON")
    listing.set_defaults(handler=run_list)
    export = actions.add_parser(
        "export",
        help="save the patient's newest valid consent PDF, byte for byte as issued",
        description="Save the patient's newest valid consent PDF exactly as issued. "
        "Exit status 2 when the patient has no valid consent.",
    )
    export.add_argument("--patient", required=True, metavar="ID", help="the patient's id")
    export.add_argument("--out", required=True, metavar="FILE.pdf", help="where to save it")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument(
        "--language",
        metavar="CODE",
        help="the consent signed in this language (default: the patient's, else any): "
        f"{available_languages()}",
    )
    export.set_defaults(handler=run_export)
    verify = actions.add_parser(
        "verify",
        help="check a consent PDF against this database",
        description="Exit 0 when this database issued the file and it is unchanged, 1 when "
        "it was changed or is unknown here, 2 when it is not a PDF or cannot be read.",
    )
    verify.add_argument("file", metavar="FILE.pdf", help="the PDF to check")
    verify.set_defaults(handler=run_verify)


def describe(record: ConsentRecord) -> str:
    withdrawn = [
        f"{scope} withdrawn {day.isoformat()}"
        for scope in ("treatment", "photo")
        if (day := record.withdrawn_on(scope)) is not None
    ]
    photo = ", ".join(k.replace("_", " ") for k, v in record.photo.to_json().items() if v)
    parts = [
        f"#{record.id}  {record.signed_on.isoformat()}  {record.template_key} form "
        f"v{record.template_version}"
        + (f" ({language(record.language).name})" if record.language != "en" else "")
        + f"  fingerprint {record.short_fingerprint}"
        + ("  (patient erased)" if record.erased else ""),
        f"  areas: {', '.join(record.area_names)}; device: {record.device_label}; "
        f"countersigned by {record.practitioner_name}",
        f"  photos: {photo or 'no use'}"
        + (f"; guardian: {record.guardian_name} ({record.guardian_relation})"
           if record.guardian_name else ""),
    ]  # fmt: skip
    if withdrawn:
        parts.append("  " + "; ".join(withdrawn))
    return "\n".join(parts)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    consents = list_consents(context.database(), patient_id(args.patient))
    if args.json:
        print(json.dumps([c.to_json() for c in consents], ensure_ascii=False, indent=2))
    elif not consents:
        print("No consents recorded for this patient.")
    else:
        print("\n".join(describe(c) for c in consents))
    return EXIT_OK


def latest_valid(
    db: Database, patient: int, today: date, code: str | None = None
) -> int | None:
    """The newest consent valid today (current form, within the clinic's months, not
    withdrawn), signed in ``code`` when given; there is no session, so no areas or device to
    cover."""
    status = consent_status(db, patient, ConsentContext(today, (), None, language=code))
    return status.consent_id if status.valid else None


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    patient = patient_id(args.patient)
    asked = language(args.language).code if args.language is not None else None
    out = Path(args.out)
    out = check_output_file(out, force=args.force)
    db = context.database()
    actor = practitioner_for(args, db, "consent export").practitioner_id
    list_consents(db, patient)  # an unknown patient is NotFound
    today = date.today()
    if asked is not None:
        consent_id = latest_valid(db, patient, today, asked)
        if consent_id is None:
            raise InvalidInput(
                f"Patient {patient} has no valid consent in {language(asked).name} to export.",
                "language",
            )
    else:
        own = get_patient(db, patient).details.language
        consent_id = latest_valid(db, patient, today, own) or latest_valid(db, patient, today)
    if consent_id is None:
        raise InvalidInput(f"Patient {patient} has no valid consent to export.", "patient")
    data = consent_pdf(db, consent_id)
    write_file_atomically(out, data, force=args.force)
    record_output(db, consent_id, "export", actor, str(out))
    print(f"Saved consent {consent_id} to {out}")
    return EXIT_OK


def run_verify(args: argparse.Namespace, context: CliContext) -> int:
    result = verify_file(context.database(), Path(args.file))
    print(result.message)
    return EXIT_OK if result.matches else EXIT_FAILURE
