"""Migration 0014 (consent forms and consents in a language) on SQLite: consents issued before
it are English, stay valid and their PDFs still check; taking it back keeps every trigger (no
table is rebuilt), and is refused while forms or consents in another language exist."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.util.exc import CommandError

from assistant import paths
from assistant.consent import (
    ConsentContext,
    ConsentRequest,
    consent_pdf,
    consent_status,
    issue_consent,
    verify_bytes,
)
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import init_db
from tests import keyed_sqlite as sqlite3
from tests.consent_support import PIN, SIGNATURE, ensure_pin
from tests.sessions_support import make_clinic
from tests.test_clinic_rules_migration import _migrate, _triggers

MOMENT = datetime(2026, 6, 1, 9, 0)


def _issue(db: object, patient: int, practitioner: int, device: int, code: str | None) -> int:
    request = ConsentRequest(patient, practitioner, ("cheeks",), device, SIGNATURE, language=code)
    return issue_consent(db, request, PIN, clock=lambda: MOMENT, local_clock=lambda: MOMENT).id  # type: ignore[arg-type]


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]


def _refused(con: sqlite3.Connection, sql: str) -> bool:
    try:
        con.execute(sql)
    except sqlite3.DatabaseError as exc:
        con.rollback()
        return "consent" in str(exc)
    con.rollback()
    return False


def test_english_consents_cross_0014_both_ways(isolated_data_dir: Path) -> None:
    db = init_db(paths.database_url())
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    patient = create_patient(db, PatientDetails("Ana", "Ruiz", date(1990, 1, 2)), None).id
    consent = _issue(db, patient, c.practitioner, c.device, None)
    issued = consent_pdf(db, consent)
    db.dispose()
    path = paths.default_database_path()
    con = sqlite3.connect(path)
    try:
        before = _triggers(con)
        assert {"consent_template_no_update", "consent_no_delete"} <= before
    finally:
        con.close()

    _migrate(path, "0013", down=True)
    con = sqlite3.connect(path)
    try:
        assert "language" not in _columns(con, "consent_template")
        assert "language" not in _columns(con, "consent")
        assert _triggers(con) == before  # no table rebuilt: every trigger is still there
        assert _refused(con, "UPDATE consent_template SET title = 'x'")
        assert _refused(con, "DELETE FROM consent")
        # the unique index of 0013 is back: one history per form
        indexes = {r[1] for r in con.execute("PRAGMA index_list(consent_template)")}
        assert "ix_consent_template_key_version" in indexes
    finally:
        con.close()

    _migrate(path, "head")
    con = sqlite3.connect(path)
    try:
        assert _triggers(con) == before
        assert con.execute("SELECT DISTINCT language FROM consent").fetchall() == [("en",)]
        assert con.execute("SELECT DISTINCT language FROM consent_template").fetchall() == [
            ("en",)
        ]
    finally:
        con.close()
    db = init_db(paths.database_url())
    try:
        # the consent from before is still the one issued and still covers a session
        assert verify_bytes(db, issued).matches
        status = consent_status(db, patient, ConsentContext(date(2026, 7, 1), ("cheeks",), None))
        assert status.valid and status.consent_id == consent
    finally:
        db.dispose()


def test_taking_0014_back_is_refused_while_other_languages_exist(
    isolated_data_dir: Path,
) -> None:
    db = init_db(paths.database_url())
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    details = PatientDetails("Ana", "Ruiz", date(1990, 1, 2), language="es")
    patient = create_patient(db, details, None).id
    _issue(db, patient, c.practitioner, c.device, None)
    db.dispose()
    path = paths.default_database_path()
    con = sqlite3.connect(path)
    head = con.execute("SELECT version_num FROM alembic_version").fetchone()
    con.close()
    with pytest.raises((RuntimeError, CommandError), match="other than English"):
        _migrate(path, "0013", down=True)
    con = sqlite3.connect(path)
    try:  # nothing was lost or changed
        assert con.execute("SELECT language FROM consent").fetchall() == [("es",)]
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == head
    finally:
        con.close()
