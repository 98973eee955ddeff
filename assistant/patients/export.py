"""A patient's complete record for a subject-access request, as JSON.

``export_patient_json`` gathers everything Chairside holds about one patient
(``assistant.patients.data``): details, suitability assessments, the questionnaires
the patient answered, sessions with their zones, products and amendments, appointments,
follow-up calls and complications, the history of detail changes, the photos and the audit
entries about the patient. ``write_patient_json`` writes the photo files themselves into a
folder beside the JSON file (``<name>-photos/``). The readable summary is
``assistant.patients.export_pdf``, erasure ``assistant.patients.erasure``. Both exports are
audited ``export``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from assistant.files import write_file_atomically
from assistant.output_files import check_output_file
from assistant.patients.data import audit_export, collect, photo_entries
from assistant.photos import export_photos
from assistant.storage.db import Database

log = logging.getLogger(__name__)


def photos_folder_for(out: Path) -> Path:
    """Where ``write_patient_json`` puts the photo files: ``<name>-photos/`` beside ``out``."""
    return out.with_name(f"{out.stem}-photos")


def export_patient_json(
    db: Database, patient_id: int, *, actor: int | None = None, out: Path | None = None
) -> dict[str, Any]:
    """The patient's complete record as JSON values (audited as an export)."""
    with db.session() as session:
        data = collect(session, patient_id)
        audit_export(session, patient_id, actor, "JSON", out)
    data["photos"] = photo_entries(db, patient_id)
    return data


def write_patient_json(
    db: Database, patient_id: int, out: Path, *, actor: int | None = None, force: bool = False
) -> Path:
    """Write the JSON export to ``out`` atomically (an existing file only with ``force``),
    and the photo files beside it; the export is audited once the file is written."""
    check_output_file(out, force=force)
    with db.session() as session:
        data = collect(session, patient_id)
    data["photos"] = photo_entries(db, patient_id)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    if data["photos"]:
        folder = photos_folder_for(out)
        folder.mkdir(exist_ok=True, mode=0o700)
        export_photos(db, patient_id, folder, actor=actor)
    write_file_atomically(out, text.encode("utf-8"), force=force)
    with db.session() as session:
        audit_export(session, patient_id, actor, "JSON", out)
    return out
