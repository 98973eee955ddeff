"""The hash-chained audit trail: what it seals, ``audit --verify``, the migration that builds
a chain for an older database, the start-up check and appends from several processes."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select

from assistant import paths
from assistant.audit import integrity
from assistant.audit.chain import GENESIS, entry_content, link, verify
from assistant.storage.db import MIGRATIONS, Database, init_db
from assistant.storage.models import AuditEvent
from tests import keyed_sqlite as sqlite3
from tests.chain_support import SignedRecords, cli, make_signed_records, triggers_lifted
from tests.encryption_support import TEST_KEY

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def records(signed_records: SignedRecords) -> SignedRecords:
    return signed_records


def raw(db: Database) -> sqlite3.Connection:
    assert db.sqlite_path is not None
    return sqlite3.connect(db.sqlite_path)


def test_every_entry_links_to_the_one_before(db: Database, records: SignedRecords) -> None:
    with db.session() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    previous = GENESIS
    for row in rows:
        assert row.chain_hash == link(previous, entry_content(row))
        previous = row.chain_hash
    sealed = {(r.action, r.entity_id) for r in rows if r.content_hash and r.action != "seal"}
    assert sealed == {("sign", records.signed), ("amend", records.signed), ("sign", records.other)}


def test_verify_counts_what_it_checked(
    db: Database, records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(capsys, "audit", "--verify")
    assert status == 0 and err == ""
    assert out.count("\n") == 1
    assert "intact" in out and "2 signed sessions and 2 amendments" in out
    with db.engine.connect() as conn:
        result = verify(conn)
    assert result.intact and result.sessions == 2 and result.amendments == 2
    assert f"audit #{result.head.entry if result.head else 0}" in out


def test_verify_names_the_first_entry_that_does_not_match(
    db: Database, records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    con = raw(db)
    with triggers_lifted(con, "audit_event_no_update"):
        con.execute("UPDATE audit_event SET summary = 'nothing happened' WHERE id = 5")
    con.commit()
    con.close()
    status, out, _ = cli(capsys, "audit", "--verify")
    assert status == 1
    assert out == "Audit chain broken: entry 5 does not match its hash or the entry before it.\n"


def test_the_existing_audit_listing_still_works(
    db: Database, records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = cli(capsys, "audit", "--action", "sign", "--limit", "5")
    assert status == 0 and out.count("Signed session") == 2
    status, _, err = cli(capsys, "audit", "--against", "x.sqlite3")
    assert status == 2 and "--verify" in err
    status, _, err = cli(capsys, "audit", "--verify", "--against", "missing.sqlite3")
    assert status == 2 and err.count("\n") == 1
    text_file = paths.data_dir() / "notes.txt"
    text_file.write_text("not a database")
    status, _, err = cli(capsys, "audit", "--verify", "--against", str(text_file))
    assert status == 2 and "not a Chairside backup" in err


def chain_migration() -> tuple[str, str]:
    """The revision that builds the chain and the one before it (read from the file, so the
    test follows the migration when its number changes)."""
    (path,) = (MIGRATIONS / "versions").glob("*_audit_hash_chain.py")
    text = path.read_text()
    found = dict(re.findall(r"^(revision|down_revision) = '(\w+)'", text, re.MULTILINE))
    return found["revision"], found["down_revision"]


def test_an_older_database_gets_its_chain_from_the_migration(tmp_path: Path) -> None:
    chain_revision, before_chain = chain_migration()
    path = paths.default_database_path()
    path.parent.mkdir(parents=True)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, before_chain)
    engine.dispose()
    db = init_db(paths.database_url())
    records = make_signed_records(db)
    db.dispose()
    # Later migrations are taken back first, so the chain's migration is the newest applied.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, chain_revision)
    engine.dispose()
    # Back to the revision before the chain, as an older Chairside left it: no chain, and
    # signed sessions (demo data) had no "sign" entry at all.
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute("DROP TRIGGER audit_event_no_delete")
    con.execute(f"DELETE FROM audit_event WHERE action = 'sign' AND entity_id = {records.other}")
    con.execute("DELETE FROM audit_event WHERE action = 'amend' AND id = (SELECT MAX(id) "
                "FROM audit_event WHERE action = 'amend')")  # fmt: skip
    con.execute("DELETE FROM audit_event WHERE action = 'seal'")  # written since, not then
    con.execute(f"UPDATE alembic_version SET version_num = '{chain_revision}'")
    con.commit()
    con.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, before_chain)
    engine.dispose()
    con = sqlite3.connect(path)
    assert "chain_hash" not in [r[1] for r in con.execute("PRAGMA table_info(audit_event)")]
    con.close()

    db = init_db(paths.database_url())
    try:
        with db.engine.connect() as conn:
            result = verify(conn)
        assert result.intact, result.problem
        assert (result.sessions, result.amendments) == (2, 2)
        with db.session() as session:
            sealed = session.scalars(
                select(AuditEvent.summary).where(AuditEvent.summary.like("Sealed %"))
            ).all()
        assert len(sealed) == 2
    finally:
        db.dispose()


def test_the_start_up_check_walks_only_what_is_new_until_the_weekly_full_check(
    db: Database, records: SignedRecords
) -> None:
    now = datetime(2026, 11, 25, 9, 0)
    first = integrity.startup_check(db, now)
    assert first.intact and first.full
    from assistant.patients.store import PatientDetails, create_patient

    create_patient(db, PatientDetails("New", "Patient"), None)
    second = integrity.startup_check(db, now + timedelta(hours=1))
    assert second.intact and not second.full and second.entries == 2  # the entry, its seal
    # An old entry rewritten: the next full check finds it and the break is remembered.
    con = raw(db)
    with triggers_lifted(con, "audit_event_no_update"):
        con.execute("UPDATE audit_event SET workstation = 'elsewhere' WHERE id = 2")
    con.commit()
    con.close()
    assert integrity.startup_check(db, now + timedelta(hours=2)).intact  # incremental
    weekly = integrity.startup_check(db, now + timedelta(days=8))
    assert not weekly.intact and "entry 2" in weekly.problem
    again = integrity.startup_check(db, now + timedelta(days=8, hours=1))
    assert not again.intact and again.full


def test_entries_removed_from_the_end_are_noticed(
    db: Database, records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.patients.store import PatientDetails, create_patient

    create_patient(db, PatientDetails("Last", "Patient"), None)
    assert cli(capsys, "audit", "--verify")[0] == 0
    con = raw(db)
    last = con.execute("SELECT MAX(id) FROM audit_event").fetchone()[0]
    con.execute("DROP TRIGGER audit_event_no_delete")
    con.execute(f"DELETE FROM audit_event WHERE id = {last}")
    con.execute("DELETE FROM patient_history")
    con.execute("DELETE FROM patient WHERE first_name = 'Last'")
    con.commit()
    con.close()
    status, out, _ = cli(capsys, "audit", "--verify")
    assert status == 1 and f"entry {last}" in out and out.count("\n") == 1


APPENDER = """
import sys
from assistant.storage.db import init_db
from assistant.audit import trail as audit
db = init_db(sys.argv[1], key=bytes.fromhex(sys.argv[4]))  # the test database's key
for i in range(int(sys.argv[2])):
    with db.session() as session:
        audit.record(session, "login", "practitioner", None, actor=None, summary=sys.argv[3])
db.dispose()
"""


def test_several_processes_appending_at_once_keep_one_line(db: Database) -> None:
    url = db.url
    per_process, processes = 40, 4
    children = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, url, str(per_process), f"p{n}", TEST_KEY.hex()],
            cwd=ROOT,
        )
        for n in range(processes)
    ]
    assert [child.wait(timeout=120) for child in children] == [0] * processes
    with db.engine.connect() as conn:
        result = verify(conn)
    assert result.intact, result.problem
    assert result.entries == per_process * processes


def test_aftercare_sheets_print_the_chain_head_in_their_footer(
    db: Database, records: SignedRecords, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from assistant.aftercare import render_pdf
    from assistant.sessions import aftercare_sheet_for_session

    head = integrity.current_head(db)
    assert head is not None
    sheet = aftercare_sheet_for_session(db, records.signed)
    assert sheet.record_anchor == f"audit #{head.entry} \u00b7 {head.hash[:12]}"
    out = tmp_path / "sheet.pdf"
    render_pdf(sheet, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert f"#{head.entry}" in text and head.hash[:12] in text
