"""Probes: the anchors kept outside the database. Someone who rewrites the database and its
chain (a forger who read the code) must also rewrite this workstation's verified point —
sealed with an HMAC under a key derived from the database key, so a rewritten file is a
break — and cannot change a chain head printed on a sheet: ``audit --verify --head HEAD``
checks it. Tests named ``test_detected_*`` count detections and ``test_refused_*``
refusals in the probe suite's tally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import paths
from assistant.audit.integrity import ANCHOR_FILE, current_head
from assistant.storage.db import Database
from tests import keyed_sqlite as sqlite3
from tests.chain_support import SignedRecords, cli, triggers_lifted
from tests.test_records_tamper import recompute_chain


def _anchor() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (paths.data_dir() / ANCHOR_FILE).read_text(encoding="utf-8")
    )
    return data


def _write_anchor(data: dict[str, dict[str, object]]) -> None:
    (paths.data_dir() / ANCHOR_FILE).write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("edit", ["an earlier head", "a later full check"])
def test_detected_a_rewritten_verified_point(
    edit: str, db: Database, signed_records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "audit", "--verify")[0] == 0
    data = _anchor()
    ((url, point),) = data.items()
    assert isinstance(point.get("seal"), str)
    if edit == "an earlier head":
        point["head"] = {"entry": 1, "hash": "0" * 64}
    else:
        point["full_at"] = "2099-01-01T00:00:00"
    _write_anchor(data)
    status, out, _err = cli(capsys, "audit", "--verify")
    assert status == 1 and out.count("\n") == 1
    assert "verified point, was changed outside Chairside (its seal does not match)" in out


def test_detected_a_printed_head_no_longer_held(
    db: Database, signed_records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    head = current_head(db)
    assert head is not None
    printed = head.label()  # "audit #N · 0123456789ab", as on an aftercare sheet
    status, out, _ = cli(capsys, "audit", "--verify", "--head", printed)
    assert status == 0 and f"it holds audit #{head.entry}" in out
    assert cli(capsys, "audit", "--verify", "--head", f"#{head.entry} {head.hash}")[0] == 0
    # The chain rewritten from that entry on and recomputed, the schema put back as it was:
    # consistent in itself, but no longer what was printed.
    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path, isolation_level=None)
    with triggers_lifted(con):
        con.execute(f"UPDATE audit_event SET summary = 'x' WHERE id = {head.entry}")
        recompute_chain(con, db)
    con.close()
    (paths.data_dir() / ANCHOR_FILE).unlink()  # a workstation with no verified point
    status, out, _ = cli(capsys, "audit", "--verify", "--head", printed)
    assert status == 1 and out.count("\n") == 1
    assert f"does not hold audit #{head.entry}" in out and f"entry {head.entry} is" in out


def test_detected_a_printed_head_removed_from_the_end(
    db: Database, signed_records: SignedRecords, capsys: pytest.CaptureFixture[str]
) -> None:
    head = current_head(db)
    assert head is not None and db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path, isolation_level=None)
    with triggers_lifted(con):
        con.execute(f"DELETE FROM audit_event WHERE id = {head.entry}")
    con.close()
    (paths.data_dir() / ANCHOR_FILE).unlink(missing_ok=True)
    status, out, _ = cli(capsys, "audit", "--verify", "--head", head.label())
    assert status == 1 and f"there is no entry {head.entry}" in out


@pytest.mark.parametrize("text", ["yesterday", "audit #12", "#12 xyz", "9" * 300])
def test_refused_a_head_that_is_not_one(
    text: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(capsys, "audit", "--verify", "--head", text)
    assert status == 2 and out == "" and err.count("\n") == 1 and "--head" in err



def test_detected_a_consent_pdf_and_its_hash_replaced_together(
    db: Database,
    signed_records: SignedRecords,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The consent's row holds a forged PDF (say, one allowing marketing use) and the
    forgery's own SHA-256: the audit entry that issued it, under the chain, does not."""
    import hashlib

    assert db.sqlite_path is not None
    con = sqlite3.connect(db.sqlite_path, isolation_level=None)
    consent_id, pdf = con.execute("SELECT id, pdf FROM consent ORDER BY id LIMIT 1").fetchone()
    forged = bytes(pdf) + b"\n% marketing use: allowed\n"
    with triggers_lifted(con):
        con.execute(
            "UPDATE consent SET pdf = ?, pdf_sha256 = ? WHERE id = ?",
            (forged, hashlib.sha256(forged).hexdigest(), consent_id),
        )
    con.close()
    copy = tmp_path / "consent.pdf"
    copy.write_bytes(forged)
    status, out, err = cli(capsys, "consent", "verify", str(copy))
    assert status != 0 and out.startswith("Changed: "), out + err
    assert f"not the PDF issued as consent {consent_id}" in out
    assert "the audit trail records another" in out
