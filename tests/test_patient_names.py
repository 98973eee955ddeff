"""Names as the patient writes them: family name first, or a preferred name, through one
function (``display_name``) on every screen and paper; audited, exported and erased like the
other patient details."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assistant.errors import InvalidInput
from assistant.patients import store as patients
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.export import export_patient_json
from assistant.patients.export_pdf import export_patient_pdf
from assistant.patients.store import PatientDetails, display_name
from assistant.sessions import aftercare_sheet_for_session
from assistant.storage.db import Database
from assistant.storage.models import PatientHistory
from tests.test_records_export import every_text_value

LAN = PatientDetails("Lan", "Nguyễn", date(1990, 5, 1), name_order="family_first")


def test_display_name_follows_the_order_and_the_preferred_name() -> None:
    assert display_name(PatientDetails("Ana", "Silva")) == "Ana Silva"
    assert display_name(LAN) == "Nguyễn Lan"
    assert display_name(PatientDetails("Péter", "Kovács", name_order="family_first")) == (
        "Kovács Péter"
    )
    assert display_name(PatientDetails("Robert", "Smith", preferred_name="Bob Smith")) == (
        "Bob Smith"
    )
    assert LAN.display_name == "Nguyễn Lan"


def test_bad_name_details_are_refused(db: Database) -> None:
    with pytest.raises(InvalidInput, match="name order"):
        patients.create_patient(db, PatientDetails("A", "B", name_order="backwards"), None)
    with pytest.raises(InvalidInput, match="preferred name"):
        patients.create_patient(db, PatientDetails("A", "B", preferred_name="x" * 101), None)
    with pytest.raises(InvalidInput, match="preferred name"):
        patients.create_patient(db, PatientDetails("A", "B", preferred_name="Bob\u202e"), None)


def test_the_name_forms_are_stored_audited_exported_and_erased(
    db: Database, tmp_path: Path
) -> None:
    record = patients.create_patient(db, PatientDetails("Thi Minh", "Trần"), actor=None)
    changed = PatientDetails(
        "Thi Minh", "Trần", name_order="family_first", preferred_name="  Minh   Trần "
    )
    saved = patients.update_patient(db, record.id, changed, actor=None)
    assert saved.details.preferred_name == "Minh Trần"  # tidied
    assert saved.display_name == "Minh Trần"
    assert patients.search_patients(db)[0].display_name == "Minh Trần"
    with db.session() as session:
        history = {
            h.field: (h.old_value, h.new_value)
            for h in session.scalars(select(PatientHistory))
        }
    assert history == {
        "name_order": ("given_first", "family_first"),
        "preferred_name": ("", "Minh Trần"),
    }

    data = export_patient_json(db, record.id)
    assert data["patient"]["name_order"] == "family_first"
    assert data["patient"]["preferred_name"] == "Minh Trần"
    out = tmp_path / "record.pdf"
    export_patient_pdf(db, record.id, out)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Patient record: Minh Trần" in text

    confirmation = erasure_confirmation(db, record.id)
    erase_patient(db, record.id, None, confirmation)
    leftovers = [
        (table, column)
        for table, column, value in every_text_value(db)
        if "minh tr" in value.casefold() or json.dumps("Minh Trần")[1:-1] in value
    ]
    assert leftovers == []
    erased = patients.get_patient(db, record.id).details
    assert erased.preferred_name == "" and erased.name_order == "given_first"


def test_the_aftercare_sheet_uses_the_name_as_written(demo_db: Database) -> None:
    from assistant.storage.models import TreatmentSession

    with demo_db.session() as session:
        row = session.scalars(select(TreatmentSession).limit(1)).one()
        session_id, patient_id = row.id, row.patient_id
    patient = patients.get_patient(demo_db, patient_id)
    patients.update_patient(
        demo_db,
        patient_id,
        PatientDetails(**{**patient.details.__dict__, "preferred_name": "Liv"}),
        actor=None,
    )
    assert aftercare_sheet_for_session(demo_db, session_id).patient_name == "Liv"
