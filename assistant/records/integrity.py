"""Checking the audit chain of a database, and the anchors kept outside it.

Two anchors live outside the database file, where rewriting the file cannot reach them:
this workstation's last verified point (``audit-verified.json`` in the data folder, per
database), which lets the start-up check walk only what was added since and notices entries
removed from the end; and each backup's metadata (``BACKUP.meta.json`` beside it) holding the
chain head it was taken at, which ``audit --verify --against BACKUP`` compares with.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.cipher import connect_uri
from assistant.cipher import sqlite as sqlite3
from assistant.db import Database
from assistant.records.chain import ChainHead, Verification, chain_head, extends, verify

log = logging.getLogger(__name__)

ANCHOR_FILE = "audit-verified.json"
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


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def verified_point(url: str, folder: Path | None = None) -> VerifiedPoint:
    data = _read_anchors(folder).get(url)
    if not isinstance(data, dict):
        return VerifiedPoint(None, None, None)
    return VerifiedPoint(
        ChainHead.from_json(data.get("head")),
        _when(data.get("checked_at")),
        _when(data.get("full_at")),
        str(data.get("broken") or ""),
    )


def _remember(url: str, point: VerifiedPoint, folder: Path | None = None) -> None:
    anchors = _read_anchors(folder)
    anchors[url] = {
        "head": point.head.to_json() if point.head else None,
        "checked_at": point.checked_at.isoformat(timespec="seconds") if point.checked_at else "",
        "full_at": point.full_at.isoformat(timespec="seconds") if point.full_at else "",
        "broken": point.broken,
    }
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


def check(db: Database, *, full: bool, now: datetime | None = None) -> Verification:
    """Verify the chain (all of it, or what follows this workstation's verified point) and
    remember the outcome."""
    now = now or datetime.now()
    point = verified_point(db.url, db.data_dir)
    with db.engine.connect() as conn:
        since = None if full or point.broken else point.head
        result = verify(conn, since)
        if result.intact and point.head is not None and since is None:
            problem = extends(conn, point.head)
            if problem:
                result = replace(
                    result,
                    problem=f"{problem} This workstation verified it{_when_label(point)}.",
                    entry=point.head.entry,
                )
    if result.intact:
        done_full = result.full or since is None
        _remember(
            db.url,
            VerifiedPoint(result.head, now, now if done_full else point.full_at),
            db.data_dir,
        )
    else:
        _remember(db.url, replace(point, checked_at=now, broken=result.problem), db.data_dir)
    return result


def startup_check(db: Database, now: datetime | None = None) -> Verification:
    """The check at every start: what was added since the last verified point (fast), and
    the whole chain when the last full check is a week old (or found a break)."""
    now = now or datetime.now()
    point = verified_point(db.url, db.data_dir)
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
