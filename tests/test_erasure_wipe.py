"""Erasure that really erases: no audit summary holds the patient's details, and after the
erasure the file holds no copy of them, in free pages or in the write-ahead log; when another
connection keeps old pages in use the command says so and the next start finishes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from assistant import paths, sessions
from assistant.audit.trail import query_events
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.store import PatientDetails, create_patient, get_patient, update_patient
from assistant.storage.db import WIPE_PENDING_SUFFIX, Database, init_db
from tests import keyed_sqlite as sqlite3
from tests.cli_support import cli_main
from tests.consent_support import record_consent
from tests.sessions_support import complete_draft, make_clinic

NAME = "Quillfeather"


def on_disk(path: Path) -> bytes:
    parts = [path.with_name(path.name + s) for s in ("", "-wal", "-journal")]
    return b"".join(p.read_bytes() for p in parts if p.exists()).lower()


def make_record(db: Database) -> int:
    c = make_clinic(db)
    patient = create_patient(
        db, PatientDetails("Ada", NAME, date(1988, 4, 12), phone="07700 900555"), None
    )
    update_patient(db, patient.id, PatientDetails("Ada", NAME, date(1988, 4, 12), notes=NAME), None)
    record_consent(db, patient.id, c.practitioner, c.device)
    session_id = sessions.create_draft(db, patient.id, c.practitioner)
    sessions.save_draft(
        db, session_id, complete_draft(c, treated_at=datetime(2026, 11, 17, 10)), None
    )
    sessions.sign_session(db, session_id, c.practitioner)
    sessions.amend_session(
        db, session_id, "tolerance", 5, f"{NAME} said it hurt more than noted", c.practitioner
    )
    return patient.id


def test_no_audit_summary_holds_the_patients_details(db: Database) -> None:
    patient = make_record(db)
    erase_patient(db, patient, None, erasure_confirmation(db, patient))
    with db.session() as session:
        summaries = [e.summary for e in query_events(session, limit=10_000)]
    assert summaries and not [s for s in summaries if NAME.lower() in s.lower()]
    assert not [s for s in summaries if "Ada" in s or "07700" in s or "1988" in s]


@pytest.fixture
def plain_db(isolated_data_dir: Path) -> Iterator[Database]:
    """A plain database: what is left in the file's free pages can be read in its bytes."""
    database = init_db(paths.database_url(), encrypt=False, create=True)
    yield database
    database.dispose()


def test_after_erasure_no_copy_is_left_in_the_file(plain_db: Database) -> None:
    db = plain_db
    patient = make_record(db)
    live = db.sqlite_path
    assert live is not None
    result = erase_patient(db, patient, None, erasure_confirmation(db, patient))
    assert not result.wipe_pending
    assert result.mentions_kept  # the amendment's reason still names them, for review
    with sqlite3.connect(live) as con:
        # The clinical record kept by law: the amendment's reason and its audit details.
        kept = con.execute(
            "SELECT (SELECT count(*) FROM amendment WHERE lower(reason) LIKE ?) + "
            "(SELECT count(*) FROM audit_event WHERE lower(changes) LIKE ?)",
            (f"%{NAME.lower()}%", f"%{NAME.lower()}%"),
        ).fetchone()[0]
    data = on_disk(live)
    # Every copy left on disk is one of those rows: none in free pages or the log.
    assert kept == 2 and data.count(NAME.lower().encode()) == kept
    assert b"07700 900555" not in data and b"1988-04-12" not in data


def test_an_open_connection_delays_the_wipe_until_the_next_start(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.access.auth import set_pin
    from assistant.clinic.store import save_practitioner

    patient = create_patient(db, PatientDetails("Ada", NAME, phone="07700 900555"), None).id
    naomi = save_practitioner(db, "Naomi Clarke", "").id
    set_pin(db, naomi, "4826", None)
    monkeypatch.setenv("CHAIRSIDE_PIN", "4826")
    live = db.sqlite_path
    assert live is not None
    db.dispose()
    reader = sqlite3.connect(live)  # another workstation in the middle of reading
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM patient").fetchone()
    try:
        argv = ["erase", "--as", "Naomi Clarke", "--patient", str(patient), "--confirm",
                f"{patient} Ada {NAME}"]  # fmt: skip
        assert cli_main(argv) == 0
        out = capsys.readouterr().out
        assert "Another program or workstation has the database open" in out
        assert live.with_name(live.name + WIPE_PENDING_SUFFIX).exists()
    finally:
        reader.close()
    reopened = init_db(paths.database_url())
    try:
        assert not live.with_name(live.name + WIPE_PENDING_SUFFIX).exists()
        assert get_patient(reopened, patient).erased
        data = on_disk(live)
        assert NAME.lower().encode() not in data and b"07700 900555" not in data
    finally:
        reopened.dispose()
