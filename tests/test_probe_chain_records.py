"""Probes: someone holding the database key edits the record below Chairside, as the issue's
attacker did: patients swapped, a consent widened, a consent's PDF forged with its stored hash,
a photo moved, a device relabelled, a practitioner's name or PIN hash replaced, a back-dated
signed session appended. Each attacker puts the database's triggers back afterwards so the
file looks untouched; each edit must be reported by ``audit --verify`` (exit 1, one line)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.audit.chain import (
    CLOCK_TOLERANCE,
    ENTRY_FIELDS,
    entry_content,
    link,
    session_content_hash,
)
from assistant.patients.store import PatientDetails, create_patient, update_patient
from assistant.photos import import_photos, remove_photo
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent
from tests import keyed_sqlite as sqlite3
from tests.chain_support import SignedRecords, cli
from tests.photo_support import camera_jpeg

Attack = Callable[[sqlite3.Connection, "Clinic", Database, Path], None]


class Clinic:
    """The signed records' clinic with a second patient and a photo, all made by the app."""

    def __init__(self, records: SignedRecords, other_patient: int, photo: int) -> None:
        self.records = records
        self.patient = records.patient
        self.other_patient = other_patient
        self.photo = photo


@pytest.fixture
def clinic(
    db: Database, signed_records: SignedRecords, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Clinic:
    other = create_patient(
        db,
        PatientDetails("Bea", "Lindqvist", datetime(1971, 2, 3).date(), phone="07700 900999"),
        actor=signed_records.practitioner,
    ).id
    (photo,) = import_photos(
        db, signed_records.patient, [camera_jpeg(tmp_path / "a.jpg")], "frontal",
        actor=signed_records.practitioner,
    )  # fmt: skip
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 0, out  # this workstation's verified point, and the baseline
    return Clinic(signed_records, other, photo.id)


def connect(db: Database) -> sqlite3.Connection:
    assert db.sqlite_path is not None
    return sqlite3.connect(db.sqlite_path, isolation_level=None)


def hidden(edit: Callable[[sqlite3.Connection, Clinic, Database, Path], None]) -> Attack:
    """Drop every trigger, edit, then put the triggers back exactly as they were."""

    def run(con: sqlite3.Connection, c: Clinic, db: Database, tmp: Path) -> None:
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {name}")
        edit(con, c, db, tmp)
        for _name, sql in triggers:
            con.execute(sql)

    return run


def sql(*statements: str) -> Attack:
    def edit(con: sqlite3.Connection, c: Clinic, _db: Database, _tmp: Path) -> None:
        for statement in statements:
            con.execute(
                statement.format(
                    a=c.patient,
                    b=c.other_patient,
                    photo=c.photo,
                    draft=c.records.draft,
                    practitioner=c.records.practitioner,
                )  # fmt: skip
            )

    return hidden(edit)


def swap(column: str) -> Attack:
    return sql(
        f"UPDATE patient SET {column} = CASE id WHEN {{a}} THEN "
        f"(SELECT {column} FROM patient WHERE id = {{b}}) ELSE "
        f"(SELECT {column} FROM patient WHERE id = {{a}}) END WHERE id IN ({{a}}, {{b}})"
    )


def append_entry(con: sqlite3.Connection, values: dict[str, object]) -> None:
    """Append an entry chained exactly as Chairside chains them (a forger who read the code)."""
    (previous,) = con.execute("SELECT chain_hash FROM audit_event ORDER BY id DESC").fetchone()
    row = {name: values.get(name) for name in ENTRY_FIELDS}
    digest = link(previous, entry_content(row))
    columns = [*ENTRY_FIELDS, "chain_hash"]
    stored = {**row, "at": str(row["at"]).replace("T", " "), "chain_hash": digest}
    stored["changes"] = "{}"
    con.execute(
        f"INSERT INTO audit_event ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [stored[c] for c in columns],
    )


def back_dated_signature(con: sqlite3.Connection, c: Clinic, db: Database, _tmp: Path) -> None:
    """Sign the draft in place and append its "sign" entry, sealed correctly but dated a month
    before the entries already there."""
    con.execute(
        "UPDATE treatment_session SET state = 'signed', signed_at = '2026-11-01 10:00:00.000000', "
        f"signed_by_id = {c.records.practitioner} WHERE id = {c.records.draft}"
    )
    with db.engine.connect() as conn:
        sealed = session_content_hash(conn, c.records.draft)
    (first,) = con.execute("SELECT MIN(at) FROM audit_event").fetchone()
    when = datetime.fromisoformat(first) - timedelta(days=30)
    append_entry(
        con,
        {
            "at": when.isoformat(), "practitioner_id": c.records.practitioner,
            "workstation": "desk", "action": "sign", "entity": "treatment_session",
            "entity_id": c.records.draft, "patient_id": c.patient,
            "summary": f"Signed session {c.records.draft}", "changes": {},
            "content_hash": sealed,
        },
    )  # fmt: skip


def forged_pdf(con: sqlite3.Connection, c: Clinic, _db: Database, tmp: Path) -> None:
    """Replace the consent's PDF and its stored hash together, and keep the forgery."""
    (pdf,) = con.execute("SELECT pdf FROM consent ORDER BY id LIMIT 1").fetchone()
    forgery = bytes(pdf).replace(b"%%EOF", b"% marketing allowed\n%%EOF")
    assert forgery != bytes(pdf)
    digest = hashlib.sha256(forgery).hexdigest()
    con.execute(
        "UPDATE consent SET pdf = ?, pdf_sha256 = ? WHERE id = (SELECT MIN(id) FROM consent)",
        (forgery, digest),
    )
    (tmp / "forged.pdf").write_bytes(forgery)


CASES: dict[str, tuple[Attack, str]] = {
    "two patients' names swapped": (
        sql(
            "UPDATE patient SET first_name = 'Bea', last_name = 'Lindqvist' WHERE id = {a}",
            "UPDATE patient SET first_name = 'Amara', last_name = 'Okafor' WHERE id = {b}",
        ),
        r"patient \d+ does not match what entry \d+ sealed",
    ),
    "two patients' birth dates swapped": (swap("date_of_birth"), "patient .* does not match"),
    "two patients' phones swapped": (swap("phone"), "patient .* does not match"),
    "a patient's email changed": (
        sql("UPDATE patient SET email = 'x@example.org' WHERE id = {a}"),
        "patient {a} does not match",
    ),
    "a consent edited to allow marketing use": (
        sql("UPDATE consent SET photo_marketing = 1, photo_training = 1"),
        r"consent \d+ does not match",
    ),
    "a consent's PDF and stored hash replaced together": (
        hidden(forged_pdf),
        r"consent \d+ does not match",
    ),
    "a consent's signature image blanked": (
        sql("UPDATE consent SET patient_strokes = '[]'"),
        r"consent \d+ does not match",
    ),
    "a photo moved to another patient": (
        sql("UPDATE photo SET patient_id = {b} WHERE id = {photo}"),
        "photo {photo} does not match",
    ),
    "a photo's view changed": (
        sql("UPDATE photo SET view = 'left' WHERE id = {photo}"),
        "photo {photo} does not match",
    ),
    "a photo's hash replaced": (
        sql(f"UPDATE photo SET sha256 = '{'ab' * 32}' WHERE id = {{photo}}"),
        "photo {photo} does not match",
    ),
    "a photo row deleted": (
        sql("DELETE FROM photo WHERE id = {photo}"),
        "photo {photo}, sealed in entry .* is missing",
    ),
    "a device relabelled": (
        sql("UPDATE device SET make = 'Other', model = 'Pen X'"),
        r"device \d+ does not match",
    ),
    "a device's depth limit raised": (
        sql("UPDATE device SET max_depth_mm = 4.5"),
        r"device \d+ does not match",
    ),
    "a practitioner renamed": (
        sql("UPDATE practitioner SET name = 'Dr Someone Else' WHERE id = {practitioner}"),
        "practitioner {practitioner} does not match",
    ),
    "a practitioner's credentials changed": (
        sql("UPDATE practitioner SET credentials = 'MD, FRCP' WHERE id = {practitioner}"),
        "practitioner {practitioner} does not match",
    ),
    "a practitioner's PIN hash replaced": (
        sql(
            "UPDATE practitioner SET pin_hash = '$argon2id$v=19$m=65536,t=3,p=4$forged' "
            "WHERE id = {practitioner}"
        ),
        "practitioner {practitioner} does not match",
    ),
    "a practitioner added without an entry": (
        sql(
            "INSERT INTO practitioner (name, credentials, active, created_at) "
            "VALUES ('Intruder', '', 1, '2026-12-01 10:00:00.000000')"
        ),  # fmt: skip
        r"practitioner \d+ has no seal in the chain",
    ),
    "a patient added without an entry": (
        sql(
            "INSERT INTO patient (first_name, last_name, name_order, preferred_name, phone, "
            "email, concerns, notes, language, large_print, sort_key, created_at, "
            "updated_at, version) VALUES ('Ghost', 'Patient', 'given_first', '', '', '', '[]', "
            "'', 'en', 0, 'patient ghost', '2026-12-01 10:00:00.000000', "
            "'2026-12-01 10:00:00.000000', 1)"
        ),
        r"patient \d+ has no seal in the chain",
    ),
    "a consent withdrawn and the withdrawal erased": (
        sql(
            "INSERT INTO consent_withdrawal (consent_id, scope, withdrawn_on, recorded_at, note) "
            "SELECT MIN(id), 'photo', '2026-12-01', '2026-12-01 10:00:00.000000', '' "
            "FROM consent"
        ),  # fmt: skip
        r"consent withdrawal \d+ has no seal in the chain",
    ),
    "a seal entry's map rewritten": (
        hidden(
            lambda con, c, db, tmp: con.execute(
                "UPDATE audit_event SET changes = replace(changes, 'photo', 'phot0') "
                "WHERE action = 'seal'"
            )
        ),  # fmt: skip
        "does not match its hash or the entry before it",
    ),
    "a back-dated signed session appended, its chain hash correct": (
        hidden(back_dated_signature),
        "entries must run forward in time",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_edit_below_chairside_is_reported(
    name: str, db: Database, clinic: Clinic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    attack, expected = CASES[name]
    con = connect(db)
    try:
        attack(con, clinic, db, tmp_path)
    finally:
        con.close()
    status, out, err = cli(capsys, "audit", "--verify")
    assert status == 1 and out.count("\n") == 1 and err == "", (name, out, err)
    want = expected.format(
        a=clinic.patient, b=clinic.other_patient, photo=clinic.photo,
        practitioner=clinic.records.practitioner,
    )  # fmt: skip
    assert out.startswith("Audit chain broken: ") and re.search(want, out), (name, out)


def test_consent_verify_says_a_forged_pdf_with_its_forged_hash_is_not_the_issued_one(
    db: Database, clinic: Clinic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = connect(db)
    try:
        hidden(forged_pdf)(con, clinic, db, tmp_path)
    finally:
        con.close()
    status, out, _err = cli(capsys, "consent", "verify", str(tmp_path / "forged.pdf"))
    assert status == 1 and out.startswith("Changed:") and "audit trail records another" in out


def test_the_issued_pdf_still_verifies(
    db: Database, clinic: Clinic, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with connect(db) as con:
        (pdf,) = con.execute("SELECT pdf FROM consent ORDER BY id LIMIT 1").fetchone()
    (tmp_path / "issued.pdf").write_bytes(bytes(pdf))
    status, out, _err = cli(capsys, "consent", "verify", str(tmp_path / "issued.pdf"))
    assert status == 0 and out.startswith("Unchanged:"), out


def test_changes_made_through_chairside_keep_the_chain_intact(
    db: Database, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.patients.erasure import erase_patient, erasure_confirmation

    actor = clinic.records.practitioner
    current = update_patient(
        db, clinic.other_patient,
        PatientDetails("Beatrice", "Lindqvist", datetime(1971, 2, 3).date(), phone="07700 900888"),
        actor=actor,
    )  # fmt: skip
    assert current.details.first_name == "Beatrice"
    remove_photo(db, clinic.photo, actor=actor, reason="blurred")
    erase_patient(db, clinic.other_patient, actor, erasure_confirmation(db, clinic.other_patient))
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 0, out
    assert "sealed records" in out
    with db.session() as session:
        seals = session.scalars(select(AuditEvent).where(AuditEvent.action == "seal")).all()
    removed = [s for s in seals if s.changes["records"].get(f"photo:{clinic.photo}") == ""]
    assert removed and all(s.content_hash for s in seals)


@pytest.mark.parametrize("behind", [CLOCK_TOLERANCE - timedelta(minutes=1), CLOCK_TOLERANCE * 2])
def test_a_workstation_clock_behind_is_tolerated_up_to_the_stated_limit(
    behind: timedelta,
    db: Database,
    clinic: Clinic,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.audit import trail as audit
    from assistant.storage.models import utcnow

    monkeypatch.setattr(audit, "utcnow", lambda: utcnow() - behind)
    create_patient(db, PatientDetails("Slow", "Clock"), actor=clinic.records.practitioner)
    status, out, _err = cli(capsys, "audit", "--verify")
    if behind < CLOCK_TOLERANCE:
        assert status == 0, out
    else:
        assert status == 1 and "entries must run forward in time" in out, out


def record_chain_revisions() -> tuple[str, str]:
    """The revision that puts the record under the chain and the one before it."""
    from assistant.storage.db import MIGRATIONS

    (path,) = (MIGRATIONS / "versions").glob("*_record_chain.py")
    found = dict(re.findall(r"^(revision|down_revision) = '(\w+)'", path.read_text(), re.M))
    return found["revision"], found["down_revision"]


def test_an_existing_chain_still_verifies_after_the_upgrade_which_vouches_once(
    db: Database, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    from alembic import command
    from alembic.config import Config

    from assistant.storage.db import MIGRATIONS

    revision, before = record_chain_revisions()
    # The database as the version before left it: no seal entries, at the revision before.
    con = connect(db)
    try:
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        saved = triggers.fetchall()
        for name, _sql in saved:
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DELETE FROM audit_event WHERE action = 'seal'")
        previous = "0" * 64
        with db.engine.connect() as conn:
            rows = conn.execute(select(AuditEvent).order_by(AuditEvent.id)).all()
        for row in rows:
            previous = link(previous, entry_content(row._mapping))
            con.execute("UPDATE audit_event SET chain_hash = ? WHERE id = ?", (previous, row.id))
        for _name, text in saved:
            con.execute(text)
        con.execute(f"UPDATE alembic_version SET version_num = '{before}'")
    finally:
        con.close()
    from assistant.audit.integrity import forget_verified_point

    forget_verified_point(db.url, db.data_dir)  # the rewritten chain is that older one
    with db.engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        # Only the version number was turned back: the rest of the schema is the head's.
        command.stamp(config, "head")
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 0, out
    with db.session() as session:
        (vouched,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "seal")).all()
    assert vouched.summary.startswith("Vouched for") and vouched.changes["upgrade"] == revision
    assert f"patient:{clinic.other_patient}" in vouched.changes["records"]
    # From then on the record is under the chain.
    con = connect(db)
    try:
        swap("phone")(con, clinic, db, Path("."))
    finally:
        con.close()
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 1 and "does not match what entry" in out, out
