"""The hash chain over the audit trail, and checking it.

Each audit entry stores ``chain_hash = SHA-256(previous entry's chain_hash + canonical
content)``, the first one chaining on 64 zeros, so rewriting, removing or inserting any entry
breaks every later hash (as a git history or a Certificate Transparency log). A "sign" entry
also stores ``content_hash``, the SHA-256 of the signed session as signed (its settings, zones
and products); an "amend" entry that of its amendment. ``verify`` walks the chain and hashes
every signed session and amendment again; ``verify(since=...)`` checks only what was added
after a point already verified. The head (entry number and hash) is copied into backups'
metadata and printed on aftercare sheets, where a rewritten database cannot reach it.

The canonical forms below are a format: changing them makes every existing chain look broken.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from assistant.audit import seal
from assistant.audit.canonical import _plain as _plain
from assistant.audit.canonical import canonical as canonical
from assistant.storage.models import (
    Amendment,
    AuditEvent,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
)

GENESIS = "0" * 64
SHORT = 12  # hex digits of a hash shown to people
# Entries that vouch for records run forward in time, each kind (signatures and amendments;
# seals) on its own; a workstation's clock may lag another's by this much.
CLOCK_TOLERANCE = timedelta(minutes=5)
VOUCHING = {"sign": "session", "amend": "session", "seal": "seal"}  # action: its kind

# What a signature vouches for: every column of the session but the two that may still change
# once it is signed (the aftercare "printed at" stamp and ``updated_at``).
SESSION_FIELDS = (
    "id", "patient_id", "practitioner_id", "assessment_id", "state", "treated_at", "ended_at",
    "consent_on_file", "consent_date", "photos_taken", "device_id", "cartridge_id",
    "cartridge_needles", "cartridge_lot", "cartridge_expiry", "anaesthetic_product",
    "anaesthetic_strength", "anaesthetic_minutes", "anaesthetic_removed_at", "tolerance",
    "reactions", "adverse_events", "post_care", "notes", "warnings", "next_session_date",
    "interval_weeks", "course_number", "course_total", "signed_at", "signed_by_id", "created_at",
)  # fmt: skip
ZONE_FIELDS = ("position", "zone", "depth_mm", "passes", "speed", "endpoint", "notes")
PRODUCT_FIELDS = ("position", "product_id", "product_name", "kind", "lot_number", "expiry_date")
AMENDMENT_FIELDS = (
    "session_id", "practitioner_id", "field", "old_value", "new_value", "reason", "created_at",
)  # fmt: skip
ENTRY_FIELDS = (
    "at", "practitioner_id", "workstation", "action", "entity", "entity_id", "patient_id",
    "summary", "changes", "content_hash",
)  # fmt: skip


def link(previous: str, content: bytes) -> str:
    return hashlib.sha256(previous.encode() + content).hexdigest()


def entry_content(values: Mapping[str, Any] | Any) -> bytes:
    """Canonical content of an audit entry (a row, an ORM object or a mapping)."""
    if isinstance(values, Mapping):
        return canonical([values[name] for name in ENTRY_FIELDS])
    return canonical([getattr(values, name) for name in ENTRY_FIELDS])


@dataclass(frozen=True)
class ChainHead:
    entry: int
    hash: str

    @property
    def short(self) -> str:
        return self.hash[:SHORT]

    def label(self) -> str:
        """How the head is printed on papers: "audit #1234 · 0123456789ab"."""
        return f"audit #{self.entry} \u00b7 {self.short}"

    def to_json(self) -> dict[str, Any]:
        return {"entry": self.entry, "hash": self.hash}

    @classmethod
    def from_json(cls, data: Any) -> ChainHead | None:
        if not isinstance(data, Mapping):
            return None
        entry, digest = data.get("entry"), data.get("hash")
        if not isinstance(entry, int) or not isinstance(digest, str) or len(digest) != 64:
            return None
        return cls(entry, digest)


def chain_head(conn: Connection) -> ChainHead | None:
    row = conn.execute(
        select(AuditEvent.id, AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return ChainHead(row.id, row.chain_hash or "") if row else None


# -- what signed sessions and amendments hash to ----------------------------------------------


def _grouped(conn: Connection, model: Any, fields: Sequence[str], ids: set[int] | None) -> Any:
    table = model.__table__
    stmt = select(table.c.session_id, *(table.c[f] for f in fields)).order_by(
        table.c.session_id, *((table.c.position,) if "position" in table.c else ()), table.c.id
    )
    if ids is not None:
        stmt = stmt.where(table.c.session_id.in_(ids))
    groups: dict[int, list[list[Any]]] = defaultdict(list)
    for row in conn.execute(stmt):
        groups[row[0]].append([_plain(v) for v in row[1:]])
    return groups


def signed_contents(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, str]:
    """``{session id: content hash}`` of the signed sessions (all, or those in ``ids``)."""
    wanted = set(ids) if ids is not None else None
    table = TreatmentSession.__table__
    stmt = select(*(table.c[f] for f in SESSION_FIELDS)).where(table.c.state == "signed")
    if wanted is not None:
        stmt = stmt.where(table.c.id.in_(wanted))
    sessions = {row.id: [_plain(v) for v in row] for row in conn.execute(stmt)}
    zones = _grouped(conn, ZoneTreatment, ZONE_FIELDS, wanted)
    products = _grouped(conn, ProductUse, PRODUCT_FIELDS, wanted)
    return {
        sid: hashlib.sha256(
            canonical({"session": values, "zones": zones[sid], "products": products[sid]})
        ).hexdigest()
        for sid, values in sessions.items()
    }


def session_content_hash(conn: Connection, session_id: int) -> str:
    """The hash a "sign" entry records for the session as it is stored now (flushed)."""
    return signed_contents(conn, [session_id])[session_id]


def amendment_contents(
    conn: Connection, ids: Iterable[int] | None = None
) -> dict[int, list[tuple[int, str]]]:
    """``{session id: [(amendment id, content hash), ...]}`` in the order they were made."""
    table = Amendment.__table__
    stmt = select(table.c.id, *(table.c[f] for f in AMENDMENT_FIELDS)).order_by(table.c.id)
    if ids is not None:
        stmt = stmt.where(table.c.session_id.in_(set(ids)))
    result: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row in conn.execute(stmt):
        digest = hashlib.sha256(canonical([_plain(v) for v in row[1:]])).hexdigest()
        result[row.session_id].append((row.id, digest))
    return result


def amendment_content_hash(conn: Connection, amendment_id: int) -> str:
    table = Amendment.__table__
    row = conn.execute(
        select(*(table.c[f] for f in AMENDMENT_FIELDS)).where(table.c.id == amendment_id)
    ).one()
    return hashlib.sha256(canonical([_plain(v) for v in row])).hexdigest()


# -- checking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """The outcome of a check: intact (``problem`` empty) or where it first fails."""

    entries: int
    sessions: int
    amendments: int
    head: ChainHead | None
    problem: str = ""
    full: bool = True
    entry: int | None = None  # the entry where the break shows, when there is one
    records: int = 0  # sealed patients, consents, photos, devices, practitioners checked

    @property
    def intact(self) -> bool:
        return not self.problem

    def line(self) -> str:
        if self.problem:
            return f"Audit chain broken: {self.problem}"
        head = f"; head {self.head.label()}" if self.head else ""
        scope = "" if self.full else " since the last check"
        records = f", {self.records} sealed records" if self.records else ""
        return (
            f"Audit chain intact{scope}: {self.entries} entries{records}, {self.sessions} "
            f"signed sessions and {self.amendments} amendments verified{head}."
        )


class _Broken(Exception):
    def __init__(self, message: str, entry: int | None = None) -> None:
        super().__init__(message)
        self.entry = entry


def _entries(conn: Connection, after: int | None) -> Iterator[Any]:
    table = AuditEvent.__table__
    stmt = select(table.c.id, table.c.chain_hash, *(table.c[f] for f in ENTRY_FIELDS))
    if after is not None:
        stmt = stmt.where(table.c.id > after)
    result = conn.execute(  # the options on the statement: the connection stays as it was
        stmt.order_by(table.c.id).execution_options(stream_results=True, yield_per=5000)
    )
    yield from result


def verify(conn: Connection, since: ChainHead | None = None) -> Verification:
    """Walk the chain (all of it, or what follows ``since``) and re-hash what it vouches for."""
    previous = GENESIS
    latest: dict[str, tuple[int, datetime]] = {}
    started = False  # time order holds from the first seal on (older chains keep theirs)
    if since is not None:
        row = conn.execute(
            select(AuditEvent.chain_hash, AuditEvent.at).where(AuditEvent.id == since.entry)
        ).first()
        if row is None:
            return Verification(
                0, 0, 0, since, f"entry {since.entry} is missing.", False, since.entry
            )
        if row.chain_hash != since.hash:
            return Verification(
                0, 0, 0, since, f"entry {since.entry} no longer matches its verified hash.",
                False, since.entry,
            )  # fmt: skip
        previous = since.hash
        latest, started = _vouched_until(conn, since.entry)
    count = 0
    head = since
    signs: dict[int, tuple[int, str | None]] = {}
    amends: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    seals: dict[str, tuple[int, str]] = {}
    for row in _entries(conn, since.entry if since else None):
        # Columns in ENTRY_FIELDS order after id and chain_hash: encoded as they come.
        expected = link(previous, canonical(tuple(row)[2:]))
        if row.chain_hash != expected:
            return Verification(
                count, 0, 0, head, f"entry {row.id} does not match its hash or the entry "
                "before it.", since is None, row.id,
            )  # fmt: skip
        kind = VOUCHING.get(row.action)
        if kind is not None and isinstance(row.at, datetime):
            problem = _out_of_time(row, latest.get(kind)) if started else ""
            if problem:
                return Verification(count, 0, 0, head, problem, since is None, row.id)
            if kind not in latest or row.at > latest[kind][1]:
                latest[kind] = (row.id, row.at)
        previous = expected
        head = ChainHead(row.id, expected)
        count += 1
        if row.entity == "treatment_session" and row.entity_id is not None:
            if row.action == "sign":
                signs.setdefault(row.entity_id, (row.id, row.content_hash))
            elif row.action == "amend":
                amends[row.entity_id].append((row.id, row.content_hash))
        elif row.action == seal.ACTION and row.entity == seal.ENTITY:
            records = (row.changes or {}).get("records")
            # The map itself is chained; its hash is there to quote (an older schema's
            # downgrade may have dropped it).
            if not isinstance(records, dict) or row.content_hash not in (
                None,
                seal.seal_hash(records),
            ):
                return Verification(
                    count, 0, 0, head, f"entry {row.id} does not match the records it seals.",
                    since is None, row.id,
                )  # fmt: skip
            seals.update((name, (row.id, str(digest))) for name, digest in records.items())
            started = True
    try:
        sessions, amendments = _check_records(conn, signs, amends, since is None)
        records_checked = _check_sealed(conn, seals, since is None)
    except _Broken as exc:
        return Verification(count, 0, 0, head, str(exc), since is None, exc.entry)
    return Verification(
        count, sessions, amendments, head, "", since is None, records=records_checked
    )


def _vouched_until(conn: Connection, until: int) -> tuple[dict[str, tuple[int, datetime]], bool]:
    """The latest vouching entry of each kind up to entry ``until``, and whether
    sealing had started by then (time order holds from the first seal on: older chains keep
    theirs)."""
    table = AuditEvent.__table__
    found = conn.execute(
        select(table.c.id)
        .where(table.c.action == seal.ACTION, table.c.entity == seal.ENTITY, table.c.id <= until)
        .limit(1)
    ).first()
    latest: dict[str, tuple[int, datetime]] = {}
    for action, kind in VOUCHING.items():
        row = conn.execute(
            select(table.c.id, table.c.at)
            .where(table.c.action == action, table.c.id <= until)
            .order_by(table.c.id.desc())  # the newest by number: they run forward in time
            .limit(1)
        ).first()
        if row is not None and (kind not in latest or row.at > latest[kind][1]):
            latest[kind] = (row.id, row.at)
    return latest, found is not None


def _out_of_time(row: Any, latest: tuple[int, datetime] | None) -> str:
    """A break when ``row`` is dated before an earlier entry by more than the tolerance."""
    if latest is None or not isinstance(row.at, datetime):
        return ""
    if row.at >= latest[1] - CLOCK_TOLERANCE:
        return ""
    return (
        f"entry {row.id} ({row.action}) is dated {row.at:%Y-%m-%d %H:%M:%S}, before entry "
        f"{latest[0]} ({latest[1]:%Y-%m-%d %H:%M:%S} UTC): entries must run forward in time."
    )


def _check_sealed(conn: Connection, seals: dict[str, tuple[int, str]], full: bool) -> int:
    """Every sealed row as stored now matches the last seal naming it (and, on a full check,
    every row of the sealed tables has one). Returns how many rows were checked."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for name in seals:
        parsed = seal.parse_key(name)
        if parsed is not None:
            wanted[parsed[0]].add(parsed[1])
    checked = 0
    for table in seal.SEALED_FIELDS:
        if not full and not wanted[table]:
            continue
        live = seal.live_records(conn, table, None if full else wanted[table])
        words = table.replace("_", " ")
        for row_id in sorted(set(live) | wanted[table]):
            sealed = seals.get(seal.key(table, row_id))
            if sealed is None:
                raise _Broken(f"{words} {row_id} has no seal in the chain.")
            entry, digest = sealed
            if row_id not in live:
                if digest != seal.REMOVED:
                    raise _Broken(f"{words} {row_id}, sealed in entry {entry}, is missing.", entry)
                continue
            if live[row_id] != digest:
                raise _Broken(f"{words} {row_id} does not match what entry {entry} sealed.", entry)
            checked += 1
    return checked


def _check_records(
    conn: Connection,
    signs: dict[int, tuple[int, str | None]],
    amends: dict[int, list[tuple[int, str | None]]],
    full: bool,
) -> tuple[int, int]:
    touched = None if full else set(signs) | set(amends)
    contents = signed_contents(conn, touched)
    for sid in sorted(set(signs) | set(contents)):
        if sid not in signs:
            if full:
                raise _Broken(f"signed session {sid} has no signature entry in the chain.")
            continue
        entry, sealed = signs[sid]
        if sid not in contents:
            raise _Broken(f"session {sid}, signed in entry {entry}, is no longer signed.", entry)
        if contents[sid] != sealed:
            raise _Broken(f"signed session {sid} does not match what entry {entry} sealed.", entry)
    made = amendment_contents(conn, touched)
    if not full:
        # Pair the new "amend" entries with the session's amendments counted from the start.
        table = AuditEvent.__table__
        for sid in amends:
            result = conn.execute(
                select(table.c.id, table.c.content_hash)
                .where(
                    table.c.entity == "treatment_session",
                    table.c.entity_id == sid,
                    table.c.action == "amend",
                )
                .order_by(table.c.id)
            )
            amends[sid] = [(r.id, r.content_hash) for r in result]
    checked = 0
    for sid in sorted(set(amends) | set(made)):
        entries, rows = amends.get(sid, []), made.get(sid, [])
        for index in range(max(len(entries), len(rows))):
            if index >= len(rows):
                raise _Broken(
                    f"the amendment recorded in entry {entries[index][0]} is missing.",
                    entries[index][0],
                )
            if index >= len(entries):
                raise _Broken(f"amendment {rows[index][0]} has no entry in the chain.")
            if rows[index][1] != entries[index][1]:
                raise _Broken(
                    f"amendment {rows[index][0]} does not match what entry "
                    f"{entries[index][0]} sealed.",
                    entries[index][0],
                )
            checked += 1
    return len(contents), checked


def extends(conn: Connection, anchor: ChainHead) -> str:
    """Empty when the chain holds ``anchor`` (an earlier head) unchanged; else the problem."""
    row = conn.execute(select(AuditEvent.chain_hash).where(AuditEvent.id == anchor.entry)).first()
    if row is None:
        return f"entry {anchor.entry} ({anchor.short}) is missing."
    if row.chain_hash != anchor.hash:
        return f"entry {anchor.entry} is {str(row.chain_hash)[:SHORT]}, not {anchor.short}."
    return ""
