"""Wrong PINs counted before the database opens.

An encrypted database cannot count a wrong PIN inside itself: the PIN is what opens it. So
the key file has a counter beside it, ``chairside.sqlite3.keys.attempts`` (JSON, owner-only):
for each practitioner (and for the recovery key) the wrong tries in a row, the time of the
last one, and the failures not yet written to the audit trail. A try made before the wait
after the last failure is over is refused without being checked (guessing faster gains
nothing); the wait grows as ``auth.login_wait_seconds`` says, on every path that unwraps
the key (the window's sign-in and the command line's ``--as``). Once the database is next
unlocked the failures are written to its audit trail (``audit_pending``), then forgotten.

Each change reads and rewrites the file under an exclusive lock (``fcntl.flock`` where the
system has it), so two processes guessing at once each count.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.access.auth import LoginRefused
from assistant.access.keyfile import WrongSecret

SUFFIX = ".attempts"


class PinRefused(LoginRefused, WrongSecret):
    """A wrong PIN or recovery key counted beside the key file, or a try made too soon;
    ``wait_seconds`` before the next try."""
RECOVERY = "recovery"


def attempts_path(key_file: Path) -> Path:
    return key_file.with_name(key_file.name + SUFFIX)


def who(practitioner_id: int) -> str:
    return f"practitioner:{practitioner_id}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@contextlib.contextmanager
def _locked(key_file: Path) -> Iterator[dict[str, Any]]:
    """The counters, read under an exclusive lock and written back when the block ends."""
    path = attempts_path(key_file)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            # POSIX only: Windows has no fcntl
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except ImportError:  # Windows: one process at a time in practice
            pass
        raw = b""
        while chunk := os.read(descriptor, 65536):
            raw += chunk
            if len(raw) > 1_000_000:
                break
        try:
            data = json.loads(raw.decode("utf-8")) if raw else {}
        except (ValueError, UnicodeDecodeError):
            data = {}  # damaged: counting starts again, and says so in the trail
        counters: dict[str, Any] = data if isinstance(data, dict) else {}
        yield counters
        text = json.dumps(counters, indent=1, sort_keys=True).encode("utf-8")
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, text)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _entry(counters: dict[str, Any], name: str) -> dict[str, Any]:
    entry = counters.get(name)
    if not isinstance(entry, dict):
        entry = {}
    failures = entry.get("failures")
    pending = entry.get("unaudited")
    entry = {
        "failures": failures if isinstance(failures, int) and failures >= 0 else 0,
        "last": entry.get("last") if isinstance(entry.get("last"), str) else None,
        "unaudited": [p for p in pending if isinstance(p, str)]
        if isinstance(pending, list)
        else [],
    }
    counters[name] = entry
    return entry


def _wait(entry: dict[str, Any], now: datetime) -> int:
    # argon2 and the login rules only when a wait is computed
    from assistant.access.auth import login_wait_seconds

    if not entry["last"]:
        return 0
    try:
        last = datetime.fromisoformat(entry["last"])
    except ValueError:
        return 0
    # A clock set back does not shorten the wait: it counts from the later of the two.
    elapsed = max(0.0, (now - last).total_seconds())
    left = login_wait_seconds(entry["failures"]) - elapsed
    return math.ceil(left) if left > 0 else 0


def seconds_to_wait(key_file: Path, name: str, now: datetime | None = None) -> int:
    """How long before ``name`` may try again (0: now)."""
    if not attempts_path(key_file).exists():
        return 0
    with _locked(key_file) as counters:
        return _wait(_entry(counters, name), now or _now())


def note_failure(key_file: Path, name: str, now: datetime | None = None) -> int:
    """Count a wrong try; the wait before the next one (seconds)."""
    # argon2 and the login rules only when a wrong try is counted
    from assistant.access.auth import login_wait_seconds

    now = now or _now()
    with _locked(key_file) as counters:
        entry = _entry(counters, name)
        entry["failures"] += 1
        entry["last"] = now.isoformat(timespec="seconds")
        entry["unaudited"] = [*entry["unaudited"], entry["last"]][-1000:]
        return login_wait_seconds(entry["failures"])


def note_success(key_file: Path, name: str) -> None:
    """A right PIN: the count starts again (failures not yet audited are kept)."""
    if not attempts_path(key_file).exists():
        return
    with _locked(key_file) as counters:
        entry = _entry(counters, name)
        entry["failures"] = 0
        entry["last"] = None


def take_unaudited(key_file: Path) -> list[tuple[str, str]]:
    """The failures not yet in the audit trail (who, when), forgotten as they are handed
    over (the caller writes them in the database it has just opened)."""
    if not attempts_path(key_file).exists():
        return []
    taken: list[tuple[str, str]] = []
    with _locked(key_file) as counters:
        for name in sorted(counters):
            entry = _entry(counters, name)
            taken.extend((name, at) for at in entry["unaudited"])
            entry["unaudited"] = []
    return taken


def audit_pending(db: Any) -> int:
    """Write the wrong tries made before the database opened into its audit trail (one
    ``login_failed`` entry each, in the trail's own time, the try's time in its changes)."""
    key_file = db.key_file()
    if key_file is None or db.key is None:
        return 0
    failures = take_unaudited(key_file)
    if not failures:
        return 0
    # the audit trail only when wrong tries wait to be recorded
    from assistant.audit import trail as audit

    with db.session() as session:
        for name, at in failures:
            practitioner = int(name.split(":", 1)[1]) if name.startswith("practitioner:") else None
            audit.record(
                session,
                "login_failed",
                "practitioner" if practitioner is not None else "database",
                practitioner,
                actor=None,
                summary=(
                    f"Wrong PIN for practitioner {practitioner} before the database opened"
                    if practitioner is not None
                    else "Wrong recovery key before the database opened"
                ),
                changes={"tried_at": at, "checked_by": "key file"},
            )
    return len(failures)
