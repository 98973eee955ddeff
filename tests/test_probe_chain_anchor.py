"""Probes: the anchors outside the database. This workstation's verified point
(``audit-verified.json``) is sealed under a key derived from the database key, so rewriting it
to fit a forged chain is noticed; ``audit --verify --head HEAD`` checks a head as printed on a
sheet or kept in a backup's metadata."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.audit import integrity
from assistant.audit.chain import GENESIS, ChainHead, canonical, chain_head, entry_content, link
from assistant.storage.db import Database, init_db
from assistant.storage.models import AuditEvent
from tests import keyed_sqlite as sqlite3
from tests.chain_support import SignedRecords, cli


def anchors(db: Database) -> dict[str, dict[str, object]]:
    data = json.loads(integrity._anchor_path(db.data_dir).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write_anchors(db: Database, data: dict[str, dict[str, object]]) -> None:
    integrity._anchor_path(db.data_dir).write_text(json.dumps(data), encoding="utf-8")


def head(db: Database) -> ChainHead:
    with db.engine.connect() as conn:
        found = chain_head(conn)
    assert found is not None
    return found


def forge_chain(db: Database) -> ChainHead:
    """Rewrite an old entry below Chairside and recompute every chain hash after it, triggers
    put back: a chain that verifies on its own."""
    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path, isolation_level=None)
    try:
        saved = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _sql in saved:
            con.execute(f"DROP TRIGGER {name}")
        con.execute("UPDATE audit_event SET summary = 'nothing happened' WHERE id = 3")
        with db.engine.connect() as conn:
            rows = conn.execute(select(AuditEvent).order_by(AuditEvent.id)).all()
        previous = GENESIS
        for row in rows:
            previous = link(previous, entry_content(row._mapping))
            con.execute("UPDATE audit_event SET chain_hash = ? WHERE id = ?", (previous, row.id))
        for _name, sql in saved:
            con.execute(sql)
    finally:
        con.close()
    return head(db)


@pytest.fixture
def verified(
    db: Database, signed_records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> ChainHead:
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 0, out
    return head(db)


def test_the_verified_point_is_sealed_and_checks_again(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = anchors(db)[db.url]
    assert isinstance(entry["seal"], str) and len(entry["seal"]) == 64
    assert entry["head"] == verified.to_json()
    assert cli(capsys, "audit", "--verify")[0] == 0
    assert integrity.startup_check(db).intact


def test_a_forged_chain_with_the_point_rewritten_to_its_head_is_noticed(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = forge_chain(db)
    data = anchors(db)
    data[db.url]["head"] = forged.to_json()  # the seal left as it was
    write_anchors(db, data)
    status, out, err = cli(capsys, "audit", "--verify")
    assert status == 1 and out.count("\n") == 1 and err == ""
    assert "audit-verified.json" in out and "changed outside Chairside" in out, out


def test_a_point_resealed_without_the_database_key_is_noticed(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = forge_chain(db)
    data = anchors(db)
    entry = {k: v for k, v in data[db.url].items() if k != "seal"}
    entry["head"] = forged.to_json()
    guessed = hashlib.sha256(b"no key").digest()  # anyone's key but the database's
    entry["seal"] = hmac.new(guessed, canonical([db.url, entry]), hashlib.sha256).hexdigest()
    data[db.url] = entry
    write_anchors(db, data)
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 1 and "changed outside Chairside" in out, out


def test_a_point_whose_dates_are_moved_is_noticed(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    data = anchors(db)
    data[db.url]["full_at"] = "2099-01-01T00:00:00"  # no full check for a long time
    write_anchors(db, data)
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 1 and "changed outside Chairside" in out, out
    # Once said, the next check starts a new verified line (the chain itself is intact).
    assert cli(capsys, "audit", "--verify")[0] == 0


def test_an_older_unsealed_point_is_still_compared_then_sealed(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    data = anchors(db)
    data[db.url].pop("seal")
    write_anchors(db, data)
    assert cli(capsys, "audit", "--verify")[0] == 0
    assert isinstance(anchors(db)[db.url].get("seal"), str)
    # An unsealed point whose head the chain no longer holds: the forgery is found.
    data = anchors(db)
    data[db.url].pop("seal")
    write_anchors(db, data)
    forge_chain(db)
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 1 and "This workstation verified it" in out, out


def test_a_plain_database_keeps_its_point_unsealed(tmp_path: Path) -> None:
    """What holds without a database key: the point is kept, unsealed (nothing to seal it
    with), and a rewrite there is not noticed by the seal."""
    db = init_db(f"sqlite:///{tmp_path / 'plain.sqlite3'}", create=True, encrypt=False)
    assert db.key is None
    db.data_dir = tmp_path
    try:
        from assistant.patients.store import PatientDetails, create_patient

        create_patient(db, PatientDetails("Plain", "Patient"), actor=None)
        assert integrity.check(db, full=True).intact
        entry = anchors(db)[db.url]
        assert "seal" not in entry and entry["head"] is not None
    finally:
        db.dispose()


# -- audit --verify --head ------------------------------------------------------------------


def test_the_printed_head_is_held(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    for printed in (
        verified.label(),  # "audit #N · 0123456789ab", as on an aftercare sheet
        f"#{verified.entry} {verified.hash}",  # as in a backup's metadata
        f"{verified.entry}:{verified.short.upper()}",
    ):
        status, out, err = cli(capsys, "audit", "--verify", "--head", printed)
        assert status == 0 and out.count("\n") == 1 and err == "", (printed, out, err)
        assert f"it holds audit #{verified.entry}" in out


def test_an_earlier_head_is_held_after_more_entries(
    db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.patients.store import PatientDetails, create_patient

    create_patient(db, PatientDetails("Later", "Patient"), actor=None)
    assert cli(capsys, "audit", "--verify", "--head", verified.label())[0] == 0


@pytest.mark.parametrize(
    "wrong", ["another hash", "an entry past the end", "after a forged rewrite"]
)
def test_a_head_the_chain_does_not_hold_exits_1_in_one_line(
    wrong: str, db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = verified.label()
    if wrong == "another hash":
        printed = f"audit #{verified.entry} \u00b7 {'0' * 12}"
    elif wrong == "an entry past the end":
        printed = f"audit #{verified.entry + 50} \u00b7 {verified.short}"
    else:
        forge_chain(db)
        integrity.forget_verified_point(db.url, db.data_dir)  # the forger removed it too
    status, out, err = cli(capsys, "audit", "--verify", "--head", printed)
    assert status == 1 and out.count("\n") == 1 and err == "", (out, err)
    assert out.startswith("Audit chain broken: the chain does not hold"), out


@pytest.mark.parametrize("bad", ["", "audit", "#12", "#12 0123", "twelve abcdefabcdef", "x" * 5000])
def test_a_head_that_is_not_one_exits_2_in_one_line(
    bad: str, db: Database, verified: ChainHead, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(capsys, "audit", "--verify", "--head", bad)
    assert status == 2 and out == "" and err.count("\n") == 1, (out, err)
    assert "--head" in err
