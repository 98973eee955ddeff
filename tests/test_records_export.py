"""Subject-access export (JSON and PDF) and erasure of a patient.

The erasure test searches every column of every table (and the raw database file) for each
personal detail the patient ever had, including the values an earlier edit replaced."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from assistant.checklist import AssessmentResult, Outcome, Verdict
from assistant.errors import InvalidInput, NotFound
from assistant.patients import store as patients
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.export import export_patient_json, write_patient_json
from assistant.patients.export_pdf import export_patient_pdf
from assistant.patients.store import PatientDetails
from assistant.sessions import (
    amend_session,
    create_draft,
    mark_aftercare_printed,
    save_assessment,
    save_draft,
    sign_session,
)
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, PatientHistory, TreatmentSession, ZoneTreatment
from tests import keyed_sqlite as sqlite3
from tests.consent_support import record_consent
from tests.sessions_support import TREATED, complete_draft, make_clinic

FIRST = "Zoë"
LAST = "Łukasiewicz-Ngô"
PHONE = "+44 7700 900456"
OLD_PHONE = "+44 7700 900321"
EMAIL = "zoe.lukasiewicz@example.org"
OLD_EMAIL = "z.lukasiewicz@example.net"
BIRTH = date(1985, 3, 9)
NOTES = "Prefers Thursday mornings; sister also a client"

# Every trace of the patient an erasure must remove, as stored or as folded for search.
PERSONAL = [
    FIRST,
    LAST,
    "Łukasiewicz",
    "lukasiewicz",
    PHONE,
    OLD_PHONE,
    "447700900456",
    EMAIL,
    OLD_EMAIL,
    "1985-03-09",
    "Thursday mornings",
]


@dataclass(frozen=True)
class FullRecord:
    patient: int
    practitioner: int
    assessment: int
    session: int


def make_full_record(db: Database) -> FullRecord:
    """A patient with an edit, an overridden assessment, a signed and amended session and a
    printed aftercare sheet."""
    c = make_clinic(db)
    original = PatientDetails(
        first_name=FIRST,
        last_name=LAST,
        date_of_birth=BIRTH,
        phone=OLD_PHONE,
        email=OLD_EMAIL,
        fitzpatrick=3,
        concerns=("acne_scars",),
        notes=NOTES,
    )
    record = patients.create_patient(db, original, actor=c.practitioner)
    patients.update_patient(
        db,
        record.id,
        PatientDetails(
            **{
                **original.__dict__,
                "phone": PHONE,
                "email": EMAIL,
                "language": "pl",
                "large_print": True,
            }
        ),
        actor=c.practitioner,
    )
    verdict = Verdict(Outcome.DEFER, None, (), "2026.1")
    assessment = save_assessment(
        db,
        record.id,
        AssessmentResult(
            {"pregnant": False}, verdict, "Letter from GP confirms healed", date(2026, 11, 17)
        ),
        ["cheeks"],
        c.practitioner,
    )
    session_id = create_draft(
        db, record.id, c.practitioner, assessment_id=assessment, treated_at=TREATED
    )
    save_draft(db, session_id, complete_draft(c, notes="tolerated well"), c.practitioner)
    record_consent(db, record.id, c.practitioner, c.device)
    sign_session(db, session_id, c.practitioner)
    amend_session(db, session_id, "tolerance", 4, "Patient rated it higher later", c.practitioner)
    mark_aftercare_printed(db, session_id, c.practitioner)
    return FullRecord(record.id, c.practitioner, assessment, session_id)


@pytest.fixture
def full(db: Database) -> FullRecord:
    return make_full_record(db)


def actions(db: Database, patient_id: int) -> list[str]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.patient_id == patient_id)
                .order_by(AuditEvent.id)
            )
        )


# -- export ------------------------------------------------------------------------------------


def test_json_export_holds_the_complete_record(db: Database, full: FullRecord) -> None:
    data = export_patient_json(db, full.patient, actor=full.practitioner)
    assert set(data) == {
        "format",
        "format_version",
        "exported_at",
        "exported_by",
        "patient",
        "assessments",
        "sessions",
        "consents",
        "questionnaires",
        "appointments",
        "follow_ups",
        "complications",
        "detail_changes",
        "photos",
        "audit",
    }
    assert data["format"] == "chairside-patient-record"
    (consent,) = data["consents"]
    assert consent["patient_name"] == f"{FIRST} {LAST}" and len(consent["pdf_sha256"]) == 64
    p = data["patient"]
    assert (p["id"], p["first_name"], p["last_name"]) == (full.patient, FIRST, LAST)
    assert (p["date_of_birth"], p["phone"], p["email"]) == ("1985-03-09", PHONE, EMAIL)
    assert p["notes"] == NOTES and p["concerns"] == ["acne_scars"] and p["erased_at"] is None
    # the database's own bookkeeping is not information about the patient
    assert "search_key" not in p and "sort_key" not in p and "version" not in p
    assert (p["language"], p["large_print"]) == ("pl", True)

    (assessment,) = data["assessments"]
    assert assessment["id"] == full.assessment
    assert assessment["outcome"] == "defer"
    assert assessment["override_reason"] == "Letter from GP confirms healed"
    assert assessment["practitioner"] == "Dr Naomi Clarke"

    (session,) = data["sessions"]
    assert session["id"] == full.session and session["state"] == "signed"
    assert session["treated_at"] == TREATED.isoformat()
    assert session["signed_by"] == "Dr Naomi Clarke"
    assert session["device"].startswith("Dermapen 4")
    assert session["cartridge_lot"] == "DP16-2611A"
    assert session["aftercare_printed_at"] is not None
    assert [(z["zone"], z["depth_mm"], z["passes"]) for z in session["zones"]] == [
        ("forehead", 0.5, 2),
        ("cheeks", 1.5, 3),
    ]
    assert [(u["product_name"], u["lot_number"]) for u in session["products"]] == [
        ("Hyaluronic acid 1.5%", "HA-2604")
    ]
    (amendment,) = session["amendments"]
    assert (amendment["field"], amendment["old_value"], amendment["new_value"]) == (
        "tolerance",
        "3",
        "4",
    )
    assert amendment["reason"] == "Patient rated it higher later"

    changes = {(h["field"], h["old_value"], h["new_value"]) for h in data["detail_changes"]}
    assert changes == {
        ("phone", OLD_PHONE, PHONE),
        ("email", OLD_EMAIL, EMAIL),
        ("language", "en", "pl"),
        ("large_print", False, True),
    }

    trail = [e["action"] for e in data["audit"]]
    for action in ("create", "change", "override", "sign", "amend", "print"):
        assert action in trail
    assert all(e["entity"] for e in data["audit"])
    json.dumps(data)  # plain JSON values throughout
    assert actions(db, full.patient)[-1] == "export"


def test_json_export_is_written_atomically_and_audited_with_the_file(
    db: Database, full: FullRecord, tmp_path: Path
) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    out = folder / "record.json"
    write_patient_json(db, full.patient, out, actor=full.practitioner)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["patient"]["last_name"] == LAST
    assert [p.name for p in folder.iterdir()] == ["record.json"]  # no temporary file left
    with db.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id.desc())
        ).first()
    assert event is not None
    assert event.practitioner_id == full.practitioner and event.patient_id == full.patient
    assert event.changes == {"format": "JSON", "file": str(out)}


def test_pdf_summary_is_readable_with_unicode_names(
    db: Database, full: FullRecord, tmp_path: Path
) -> None:
    out = tmp_path / "record.pdf"
    export_patient_pdf(db, full.patient, out, actor=full.practitioner)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    assert f"Patient record: {FIRST} {LAST}" in flat
    for expected in (
        PHONE,
        EMAIL,
        "9 March 1985",  # dates in words, not as stored
        "Session of Tuesday 17 November 2026, 10:30",
        "Forehead",  # the zone's name, not its code
        "Acne scars",  # a concern's label, not "acne_scars"
        "DP16-2611A",
        "HA-2604",
        "Patient rated it higher later",
        "Letter from GP confirms healed",
        OLD_PHONE,
        "Handout language Polish",
        "Large print Yes",
        "Audit trail",
    ):
        assert expected in flat, expected
    for stored_code in ("1985-03-09", "acne_scars", "2026-11-17T", "(UTC)", "treatment_session"):
        assert stored_code not in flat, stored_code
    assert actions(db, full.patient)[-1] == "export"


def test_exporting_a_missing_patient_is_not_found(db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        export_patient_json(db, 999)
    with pytest.raises(NotFound):
        export_patient_pdf(db, 999, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# -- erasure -----------------------------------------------------------------------------------


def every_text_value(db: Database) -> list[tuple[str, str, str]]:
    """(table, column, value) for every non-empty value in every table of the database."""
    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path)
    try:
        found = []
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert {"patient", "patient_history", "audit_event", "treatment_session"} <= set(tables)
        for table in tables:
            cursor = con.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    if value is not None:
                        found.append((table, column, str(value)))
        return found
    finally:
        con.close()


def traces(db: Database) -> list[tuple[str, str, str]]:
    hits = []
    for table, column, value in every_text_value(db):
        folded = value.casefold()
        for needle in PERSONAL:
            if needle.casefold() in folded or json.dumps(needle)[1:-1].casefold() in folded:
                hits.append((table, column, needle))
    return hits


def test_the_search_finds_every_detail_before_erasure(db: Database, full: FullRecord) -> None:
    """The check below is only worth something if it sees the data while it is there."""
    found = {needle for _table, _column, needle in traces(db)}
    assert found == set(PERSONAL)


def test_erasure_leaves_no_personal_data_in_any_table_or_the_file(
    db: Database, full: FullRecord
) -> None:
    with db.session() as session:
        signed_before = session.get(TreatmentSession, full.session)
        assert signed_before is not None
        skeleton = (signed_before.treated_at, signed_before.cartridge_lot, signed_before.state)
    confirmation = erasure_confirmation(db, full.patient)
    assert confirmation == f"{full.patient} {FIRST} {LAST}"

    result = erase_patient(db, full.patient, full.practitioner, confirmation)

    assert result.history_rows_scrubbed == 4
    assert traces(db) == []
    assert db.sqlite_path is not None
    raw = db.sqlite_path.read_bytes()
    wal = db.sqlite_path.with_name(db.sqlite_path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for needle in PERSONAL:
        assert needle.encode("utf-8") not in raw, needle

    erased = patients.get_patient(db, full.patient)
    assert erased.erased and erased.details.first_name == "Erased"
    assert erased.details.date_of_birth is None and erased.details.concerns == ()
    assert (erased.details.language, erased.details.large_print) == ("en", False)
    assert patients.search_patients(db, "Erased") == []
    # The clinical skeleton stays: the signed session, its zones, lots and audit trail.
    with db.session() as session:
        row = session.get(TreatmentSession, full.session)
        assert row is not None
        assert (row.treated_at, row.cartridge_lot, row.state) == skeleton
        history = list(session.scalars(select(PatientHistory)))
        assert {h.field for h in history} == {"phone", "email", "language", "large_print"}
        assert all(h.old_value is None and h.new_value is None for h in history)
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "erase")).one()
    assert event.practitioner_id == full.practitioner and event.entity_id == full.patient
    assert event.summary == f"Erased the personal details of patient {full.patient}"
    trail = actions(db, full.patient)
    assert trail[0] == "create" and trail[-1] == "erase" and "sign" in trail


def test_erasure_keeps_zone_depths(db: Database, full: FullRecord) -> None:
    erase_patient(db, full.patient, None, erasure_confirmation(db, full.patient))
    with db.session() as session:
        zones = session.execute(
            select(ZoneTreatment.zone, ZoneTreatment.depth_mm)
            .where(ZoneTreatment.session_id == full.session)
            .order_by(ZoneTreatment.position)
        ).all()
    assert [tuple(z) for z in zones] == [("forehead", 0.5), ("cheeks", 1.5)]


def test_erasure_needs_the_exact_second_confirmation(db: Database, full: FullRecord) -> None:
    for wrong in (
        "",
        "yes",
        f"{full.patient}",
        f"{full.patient} {FIRST}",
        f"{full.patient + 1} {FIRST} {LAST}",
    ):
        with pytest.raises(InvalidInput) as caught:
            erase_patient(db, full.patient, full.practitioner, wrong)
        assert caught.value.field == "confirm"
        assert str(caught.value) == (
            f"The confirmation does not match patient {full.patient}'s number and full name "
            "exactly (as in their record, capitals and accents included); nothing was erased."
        )
        assert FIRST not in str(caught.value) and LAST not in str(caught.value)
    # Spacing and case matter: the confirmation is matched exactly.
    for near in (
        f"  {full.patient}  {FIRST.upper()} {LAST} ",
        f"{full.patient} {FIRST} {LAST} ",
        f"{full.patient} {FIRST.lower()} {LAST}",
    ):
        with pytest.raises(InvalidInput, match="does not match"):
            erase_patient(db, full.patient, full.practitioner, near)
    assert patients.get_patient(db, full.patient).details.last_name == LAST
    assert "erase" not in actions(db, full.patient)
    erase_patient(db, full.patient, None, f"{full.patient} {FIRST} {LAST}")
    with pytest.raises(InvalidInput, match="already been erased"):
        erase_patient(db, full.patient, None, f"{full.patient} Erased")


def test_erasure_reports_clinical_notes_that_still_name_the_patient(db: Database) -> None:
    c = make_clinic(db)
    record = patients.create_patient(db, PatientDetails("Ada", "Quillfeather"), actor=None)
    session_id = create_draft(db, record.id, c.practitioner, treated_at=datetime(2026, 11, 2, 9))
    save_draft(
        db,
        session_id,
        complete_draft(c, datetime(2026, 11, 2, 9), notes="Quillfeather asked for less depth"),
        None,
    )
    result = erase_patient(db, record.id, None, f"{record.id} Ada Quillfeather")
    assert result.mentions_kept == (f"notes of session {session_id}",)
