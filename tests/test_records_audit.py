"""The audit trail: every kind of event is recorded with who and what, the storage layer and
the database itself refuse to change or remove an entry, and the filters find them."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update

from assistant import paths
from assistant.access import auth
from assistant.audit import trail as audit
from assistant.audit.trail import AuditTamperingRefused
from assistant.errors import DatabaseUnavailable
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.export import export_patient_json
from assistant.patients.export_pdf import export_patient_pdf
from assistant.storage import backup
from assistant.storage.db import Database, init_db
from assistant.storage.models import AuditEvent
from tests import keyed_sqlite as sqlite3
from tests.test_records_export import make_full_record


def view_and_remove_photos(db: Database, patient: int, actor: int, tmp_path: Path) -> None:
    from datetime import datetime as dt

    from assistant.photos import import_photos, remove_photo
    from assistant.photos.compare import compare_photos
    from assistant.sessions import create_draft
    from tests.photo_support import camera_jpeg

    later = create_draft(db, patient, actor, treated_at=dt(2026, 12, 15, 10, 0))
    sessions = [full_session(db, patient), later]
    for number, session_id in enumerate(sessions):
        file = camera_jpeg(tmp_path / f"photo-{number}.jpg", orientation=number + 1)
        import_photos(db, patient, [file], "frontal", session_id=session_id, actor=actor)
    comparison = compare_photos(db, patient, "frontal", actor=actor)
    remove_photo(db, comparison.after.photo.id, actor=actor, reason="blurred")


def full_session(db: Database, patient: int) -> int:
    from assistant.sessions import list_sessions

    return list_sessions(db, patient)[-1].id


def all_events(db: Database) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_every_kind_of_event_is_recorded_with_who_and_what(db: Database, tmp_path: Path) -> None:
    naomi = auth.create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", "4821").id
    auth.verify_login(db, naomi, "4821")
    with pytest.raises(auth.LoginRefused):
        auth.verify_login(db, naomi, "1111")
    full = make_full_record(db)  # create, change, override, sign, amend, print
    view_and_remove_photos(db, full.patient, naomi, tmp_path)  # view, remove
    export_patient_json(db, full.patient, actor=naomi)
    export_patient_pdf(db, full.patient, tmp_path / "record.pdf", actor=naomi)
    auth.record_lock(db, naomi)
    info = backup.backup_now(db, tmp_path / "backups", keep=3, actor=naomi)
    erase_patient(db, full.patient, naomi, erasure_confirmation(db, full.patient))
    auth.record_logout(db, naomi)
    events = all_events(db)
    db.dispose()
    backup.restore(paths.database_url(), info.path, actor=naomi)
    restored = all_events(db)
    # The restored database holds the trail up to the backup, then the restore itself.
    assert [e.id for e in restored[:-1]] == [e.id for e in events if e.id < restored[-1].id]
    events.append(restored[-1])

    assert {e.action for e in events} == set(audit.ACTIONS)
    for event in events:
        assert event.at is not None and event.workstation == audit.workstation()
        assert event.summary and event.entity
    by_action = {e.action: e for e in events}
    assert by_action["login"].practitioner_id == naomi
    assert by_action["login_failed"].entity_id == naomi
    patient_change = next(e for e in events if e.action == "change" and e.entity == "patient")
    assert patient_change.changes == {"fields": ["email", "language", "large_print", "phone"]}
    assert by_action["sign"].practitioner_id == full.practitioner
    assert by_action["amend"].changes["tolerance"] == ["3", "4"]  # old and new values
    assert by_action["override"].entity_id == full.assessment
    assert by_action["print"].entity_id == full.session
    exports = [e for e in events if e.action == "export"]
    assert [e.changes["format"] for e in exports] == ["JSON", "PDF"]
    assert all(e.practitioner_id == naomi and e.patient_id == full.patient for e in exports)
    assert by_action["erase"].practitioner_id == naomi
    assert by_action["lock"].practitioner_id == naomi
    assert by_action["backup"].changes == {"file": str(info.path)}
    assert by_action["restore"].practitioner_id == naomi


def test_the_storage_layer_refuses_to_change_or_delete_an_entry(db: Database) -> None:
    with db.session() as session:
        audit.record(session, "create", "patient", 1, actor=None, summary="Created")
    with pytest.raises(AuditTamperingRefused), db.session() as session:
        row = session.scalars(select(AuditEvent)).one()
        row.summary = "Nothing happened"
    with pytest.raises(AuditTamperingRefused), db.session() as session:
        session.delete(session.scalars(select(AuditEvent)).one())
    assert [e.summary for e in all_events(db)] == ["Created"]


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEvent).values(summary="rewritten"),
        delete(AuditEvent),
        text("UPDATE audit_event SET practitioner_id = NULL"),
    ],
)
def test_the_database_itself_refuses_bulk_and_raw_changes(db: Database, statement: object) -> None:
    with db.session() as session:
        audit.record(session, "create", "patient", 1, actor=None, summary="Created")
    with (
        pytest.raises(DatabaseUnavailable, match="audit entries are append-only"),
        db.session() as session,
    ):
        session.execute(statement)  # type: ignore[call-overload]
    assert [e.summary for e in all_events(db)] == ["Created"]


def test_another_program_cannot_change_entries_either(db: Database) -> None:
    with db.session() as session:
        audit.record(session, "create", "patient", 1, actor=None, summary="Created")
    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path)
    try:
        for sql in ("UPDATE audit_event SET summary = 'x'", "DELETE FROM audit_event"):
            with pytest.raises(sqlite3.IntegrityError, match="audit entries are append-only"):
                con.execute(sql)
    finally:
        con.close()
    assert len(all_events(db)) == 1


def test_filters_find_events_by_action_practitioner_patient_dates_and_text(db: Database) -> None:
    naomi = auth.create_first_practitioner(db, "Dr Naomi Clarke", "", "4821").id
    full = make_full_record(db)
    with db.session() as session:
        signs = audit.query_events(session, action="sign")
        assert [e.entity_id for e in signs] == [full.session]
        assert signs[0].practitioner_id == full.practitioner
        assert signs[0].practitioner == "Dr Naomi Clarke"
        mine = audit.query_events(session, practitioner_id=naomi)
        assert {e.action for e in mine} == {"create"}
        seals = audit.query_events(session, action="seal", practitioner_id=naomi)
        assert seals and all(e.entity == "record" for e in seals)  # listed when asked for
        for_patient = audit.query_events(session, patient_id=full.patient)
        assert {e.patient_id for e in for_patient} == {full.patient}
        assert audit.query_events(session, text="AMENDED TOLERANCE")[0].action == "amend"
        now = datetime.now().replace(microsecond=0)
        assert audit.query_events(session, until=now - timedelta(days=2)) == []
        assert len(audit.query_events(session, since=now - timedelta(days=2))) == len(
            audit.query_events(session)
        )


def test_upgrading_an_existing_database_switches_the_protection_on(tmp_path: Path) -> None:
    """The triggers come with migration 0004, so older databases get them when opened."""
    path = tmp_path / "old.sqlite3"
    from tests.test_records_backup import make_old_backup

    make_old_backup(path, revision="0002")
    con = sqlite3.connect(path)
    con.execute("UPDATE audit_event SET summary = 'allowed before 0004'")
    con.commit()
    con.close()
    init_db(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    try:
        triggers = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert {"audit_event_no_update", "audit_event_no_delete"} <= triggers
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("DELETE FROM audit_event")
    finally:
        con.close()
