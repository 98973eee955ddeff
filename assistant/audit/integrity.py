"""Checking the audit chain of a database, and the anchors kept outside it.

Two anchors live outside the database file, where rewriting the file cannot reach them:
this workstation's last verified point (``audit-verified.json`` in the data folder, per
database), which lets the start-up check walk only what was added since and notices entries
removed from the end; and each backup's metadata (``BACKUP.meta.json`` beside it) holding the
chain head it was taken at, which ``audit --verify --against BACKUP`` compares with.

The verified point is sealed: each database's entry carries an HMAC-SHA256 under a key derived
from the database key, so a file rewritten to point at a forged chain is noticed (reported as a
break). An entry without a seal (written by an older version) is used once more, for a full
check that still compares its head, and sealed afterwards: a rewrite that also removes the seal
goes unnoticed, as deleting the file does. A plain SQLite database or a PostgreSQL server has
no key to seal with: there the file is kept unsealed and a rewrite is not noticed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from assistant import paths
from assistant.access.cipher import connect_uri
from assistant.access.cipher import sqlite as sqlite3
from assistant.audit.chain import (
    SHORT,
    ChainHead,
    Verification,
    canonical,
    chain_head,
    extends,
    verify,
)
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent

log = logging.getLogger(__name__)

ANCHOR_FILE = "audit-verified.json"
_SEAL_PURPOSE = b"chairside audit-verified point seal v1"
FULL_CHECK_EVERY = timedelta(days=7)
METADATA_SUFFIX = ".meta.json"


def _anchor_path(folder: Path | None = None) -> Path:
    """In the data folder in use (``folder``; the environment's when not given)."""
    return (folder or paths.data_dir()) / ANCHOR_FILE


def _read_anchors(folder: Path | None = None) -> dict[str, Any]:
    try:
        data = json.loads(_anchor_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    if os.name == "posix":
        partial.chmod(0o600)
    partial.replace(path)


@dataclass(frozen=True)
class VerifiedPoint:
    """Where this workstation last found the chain intact (or the break it last found)."""

    head: ChainHead | None
    checked_at: datetime | None
    full_at: datetime | None
    broken: str = ""
    rewritten: bool = False  # its seal does not match: changed outside Chairside


def seal_key(database_key: bytes | None) -> bytes | None:
    """The verified point's sealing key, derived from the database key (None without one)."""
    if not database_key:
        return None
    return hmac.new(database_key, _SEAL_PURPOSE, hashlib.sha256).digest()


def _seal(key: bytes, url: str, entry: dict[str, Any]) -> str:
    content = canonical([url, {k: v for k, v in entry.items() if k != "seal"}])
    return hmac.new(key, content, hashlib.sha256).hexdigest()


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def verified_point(
    url: str, folder: Path | None = None, database_key: bytes | None = None
) -> VerifiedPoint:
    data = _read_anchors(folder).get(url)
    if not isinstance(data, dict):
        return VerifiedPoint(None, None, None)
    key = seal_key(database_key)
    if key is not None:
        sealed = data.get("seal")
        if isinstance(sealed, str) and not hmac.compare_digest(sealed, _seal(key, url, data)):
            return VerifiedPoint(None, None, None, rewritten=True)
        if not isinstance(sealed, str):
            # Written by an older version: its head is still compared, on a full check.
            return VerifiedPoint(ChainHead.from_json(data.get("head")), None, None, "unsealed")
    return VerifiedPoint(
        ChainHead.from_json(data.get("head")),
        _when(data.get("checked_at")),
        _when(data.get("full_at")),
        str(data.get("broken") or ""),
    )


def _remember(
    url: str, point: VerifiedPoint, folder: Path | None = None, database_key: bytes | None = None
) -> None:
    anchors = _read_anchors(folder)
    entry: dict[str, Any] = {
        "head": point.head.to_json() if point.head else None,
        "checked_at": point.checked_at.isoformat(timespec="seconds") if point.checked_at else "",
        "full_at": point.full_at.isoformat(timespec="seconds") if point.full_at else "",
        "broken": point.broken,
    }
    key = seal_key(database_key)
    if key is not None:
        entry["seal"] = _seal(key, url, entry)
    anchors[url] = entry
    try:
        _write_json(_anchor_path(folder), anchors)
    except OSError as exc:
        log.warning("Could not remember the verified audit point: %s", exc)


def forget_verified_point(url: str, folder: Path | None = None) -> None:
    """After a restore the database is another one: its chain starts a new verified line."""
    anchors = _read_anchors(folder)
    if anchors.pop(url, None) is not None:
        try:
            _write_json(_anchor_path(folder), anchors)
        except OSError as exc:
            log.warning("Could not reset the verified audit point: %s", exc)


def _when_label(point: VerifiedPoint) -> str:
    return f" on {point.checked_at:%Y-%m-%d}" if point.checked_at else ""


REWRITTEN = (
    f"{ANCHOR_FILE}, this workstation's verified point, was changed outside Chairside (its "
    "seal does not match); the chain was checked from the start."
)


def live_schema_problem(db: Database) -> str:
    """Empty when the database in use has exactly the schema its version's migrations make
    (every table's SQL, index, trigger and view, whatever its name); else the difference in
    words. A trigger disarmed in place (its SQL rewritten through ``writable_schema``) is a
    difference. Checked for SQLite files; a server's schema is the server's."""
    if not db.is_sqlite or db.sqlite_path is None:
        return ""
    # the migrations' schema only for a SQLite file's check
    from assistant.storage.restore_check import schema_difference

    with db.engine.connect() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        raw = conn.connection.dbapi_connection
        difference = schema_difference(raw, str(revision))
    if not difference:
        return ""
    return f"the database's schema is not the one schema {revision} makes ({difference})."


def check(db: Database, *, full: bool, now: datetime | None = None) -> Verification:
    """Verify the live schema and the chain (all of it, or what follows this workstation's
    verified point) and remember the outcome."""
    now = now or datetime.now()
    point = verified_point(db.url, db.data_dir, db.key)
    schema = live_schema_problem(db)
    with db.engine.connect() as conn:
        since = None if full or point.broken or point.rewritten else point.head
        result = verify(conn, since)
        if result.intact and point.head is not None and since is None:
            problem = extends(conn, point.head)
            if problem:
                result = replace(
                    result,
                    problem=f"{problem} This workstation verified it{_when_label(point)}.",
                    entry=point.head.entry,
                )
    if result.intact and point.rewritten:
        result = replace(result, problem=REWRITTEN)
    if schema:  # said after the chain's own break, which names the entry
        joined = f"{result.problem} Also, {schema}" if result.problem else schema
        result = replace(result, problem=joined)
    if result.intact:
        done_full = result.full or since is None
        _remember(
            db.url,
            VerifiedPoint(result.head, now, now if done_full else point.full_at),
            db.data_dir,
            db.key,
        )
    else:
        broken = replace(point, checked_at=now, broken=result.problem, rewritten=False)
        _remember(db.url, broken, db.data_dir, db.key)
    return result


def startup_check(db: Database, now: datetime | None = None) -> Verification:
    """The check at every start: what was added since the last verified point (fast), and
    the whole chain when the last full check is a week old (or found a break)."""
    now = now or datetime.now()
    point = verified_point(db.url, db.data_dir, db.key)
    full = point.full_at is None or now - point.full_at >= FULL_CHECK_EVERY or bool(point.broken)
    return check(db, full=full, now=now)


def current_head(db: Database) -> ChainHead | None:
    with db.engine.connect() as conn:
        return chain_head(conn)


# -- backups' metadata ----------------------------------------------------------------------------


def metadata_path(backup: Path) -> Path:
    return backup.with_name(backup.name + METADATA_SUFFIX)


def file_head(path: Path) -> ChainHead | None:
    """The chain head inside an SQLite database file (read-only; None before the chain)."""
    con = connect_uri(f"file:{path}?mode=ro&immutable=1")
    try:
        row = con.execute(
            "SELECT id, chain_hash FROM audit_event ORDER BY id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return ChainHead(int(row[0]), str(row[1])) if row and row[1] else None


def write_backup_metadata(backup: Path, revision: str) -> ChainHead | None:
    """Write ``BACKUP.meta.json`` with the chain head the backup holds."""
    head = file_head(backup)
    _write_json(
        metadata_path(backup),
        {
            "format": 1,
            "schema_revision": revision,
            "chain_head": head.to_json() if head else None,
            "written_at": datetime.now().isoformat(timespec="seconds"),
        },
    )
    return head


def backup_head(backup: Path) -> tuple[ChainHead | None, str]:
    """The head a backup was taken at, from its metadata (or, without any, from the file),
    and a problem when metadata and file disagree."""
    inside = file_head(backup)
    try:
        data = json.loads(metadata_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return inside, ""
    recorded = ChainHead.from_json(data.get("chain_head") if isinstance(data, dict) else None)
    if recorded is not None and recorded != inside:
        return recorded, (
            f"the backup {backup.name} no longer holds the head its metadata records "
            f"({recorded.label()})."
        )
    return recorded or inside, ""


def check_against(db: Database, backup: Path) -> Verification:
    """``audit --verify --against BACKUP``: the full check, and the backup's head unchanged
    in the current chain."""
    result = check(db, full=True)
    if not result.intact:
        return result
    head, problem = backup_head(backup)
    if not problem and head is None:
        problem = f"{backup.name} holds no audit chain to compare with."
    if not problem and head is not None:
        with db.engine.connect() as conn:
            differs = extends(conn, head)
        if differs:
            problem = f"the chain does not extend the backup {backup.name}: {differs}"
            return replace(result, problem=problem, entry=head.entry)
    return replace(result, problem=problem) if problem else result


# -- a head printed on paper -------------------------------------------------------------------

_PRINTED_HEAD = re.compile(
    r"\s*(?:audit\s*)?#?\s*(\d{1,12})[\s\u00b7:/@,]+([0-9a-f]{12,64})\s*", re.I
)


def parse_head(text: str) -> tuple[int, str] | None:
    """``(entry, hash or its beginning)`` from a head as printed ("audit #1234 · 0123456789ab",
    or the entry and the whole hash from a backup's metadata); None when it is not one."""
    found = _PRINTED_HEAD.fullmatch(text)
    if found is None:
        return None
    return int(found.group(1)), found.group(2).lower()


def check_head(db: Database, entry: int, digest: str) -> Verification:
    """``audit --verify --head HEAD``: the full check, and entry ``entry`` of the chain holds
    the hash ``digest`` begins."""
    result = check(db, full=True)
    if not result.intact:
        return result
    with db.engine.connect() as conn:
        found = conn.execute(
            select(AuditEvent.chain_hash).where(AuditEvent.id == entry)
        ).scalar_one_or_none()
    shown = f"audit #{entry} \u00b7 {digest[:SHORT]}"
    if found is None:
        problem = f"the chain does not hold {shown}: there is no entry {entry}."
    elif not str(found).startswith(digest):
        problem = f"the chain does not hold {shown}: entry {entry} is {str(found)[:SHORT]}."
    else:
        return result
    return replace(result, problem=problem, entry=entry)
