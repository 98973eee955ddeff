"""Wrong PINs tried before an encrypted database opened: refused, and audited once it opens.

An encrypted database cannot count a wrong PIN inside itself: the PIN is what opens it. Its
one wrong-PIN counter is therefore kept beside the key file (``assistant.access.pin_counter``,
the same count the lock screen and the sign-in dialog use once it is open). A wrong try
made before the database opened waits there, with its time, until the database is next
unlocked; ``audit_pending`` then writes it to the audit trail (one ``login_failed`` entry
each) and forgets it, so each wrong try is audited exactly once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.access.keyfile import WrongSecret
from assistant.access.pin_counter import attempts_path, entry, locked_file
from assistant.errors import LoginRefused


class PinRefused(LoginRefused, WrongSecret):
    """A wrong PIN or recovery key counted beside the key file, or a try made too soon;
    ``wait_seconds`` before the next try."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def now() -> datetime:
    """The time a try before the database opens is counted at (UTC, naive)."""
    return _now()


def take_unaudited(key_file: Path) -> list[tuple[str, str]]:
    """The failures not yet in the audit trail (who, when), forgotten as they are handed
    over (the caller writes them in the database it has just opened)."""
    if not attempts_path(key_file).exists():
        return []
    taken: list[tuple[str, str]] = []
    with locked_file(key_file) as counters:
        for name in sorted(counters):
            counter = entry(counters, name)
            taken.extend((name, at) for at in counter["unaudited"])
            counter["unaudited"] = []
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
