"""One-use links to a questionnaire: a random token in the path, a key in the fragment, an
expiry, and a brake on whoever keeps trying tokens that do not exist.

Links live only in the memory of the process serving them: when the server stops (the
window closes, the command ends) every link it gave out stops working.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from assistant.errors import InvalidInput
from assistant.intake import crypto
from assistant.text.dates import utcnow

MIN_MINUTES = 1
MAX_MINUTES = 24 * 60
WRONG_TRIES = 5  # wrong tokens from one address within BRAKE_WINDOW before it is slowed down
BRAKE_WINDOW = timedelta(minutes=10)
KEEP = timedelta(days=1)

DEVICES = ("phone", "tablet", "computer", "this_computer")


class LinkState(StrEnum):
    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"
    SLOWED = "slowed"  # too many wrong tokens from this address: refused for a while


@dataclass(frozen=True)
class Link:
    token: str
    key: bytes
    patient_id: int
    language: str
    guardian: bool  # the patient is under 18: a parent or guardian answers with them
    expires_at: datetime  # naive UTC
    practitioner_id: int | None
    used: bool = False

    @property
    def fragment(self) -> str:
        return crypto.key_text(self.key)


def _digest(token: str) -> bytes:
    # Looked up by digest, so finding a token takes the same time whatever its first letters.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class LinkBook:
    """The links a server answers for; safe to use from the server's threads."""

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self._clock = clock
        self._links: dict[bytes, Link] = {}
        self._misses: dict[str, list[datetime]] = {}
        self._lock = threading.Lock()

    def issue(
        self,
        patient_id: int,
        language: str,
        minutes: int,
        *,
        guardian: bool = False,
        practitioner_id: int | None = None,
    ) -> Link:
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise InvalidInput(
                f"A link lasts between {MIN_MINUTES} and {MAX_MINUTES} minutes, not {minutes}.",
                "minutes",
            )
        link = Link(
            token=crypto.new_token(),
            key=crypto.new_key(),
            patient_id=patient_id,
            language=language,
            guardian=guardian,
            expires_at=self._clock() + timedelta(minutes=minutes),
            practitioner_id=practitioner_id,
        )
        with self._lock:
            # Links over a day past their expiry are forgotten (a used one until then says
            # "already used"; afterwards "does not work").
            stale = [k for k, v in self._links.items() if v.expires_at + KEEP < self._clock()]
            for key in stale:
                del self._links[key]
            self._links[_digest(link.token)] = link
        return link

    def look_up(self, token: str, client: str) -> tuple[LinkState, Link | None]:
        """The state of ``token`` for a request from ``client`` (its address); an unknown
        token counts against the address."""
        now = self._clock()
        with self._lock:
            recent = [t for t in self._misses.get(client, []) if now - t < BRAKE_WINDOW]
            self._misses[client] = recent
            if len(recent) >= WRONG_TRIES:
                return LinkState.SLOWED, None
            link = self._links.get(_digest(token))
            if link is None:
                recent.append(now)
                return LinkState.UNKNOWN, None
        if link.used:
            return LinkState.USED, link
        if now >= link.expires_at:
            return LinkState.EXPIRED, link
        return LinkState.OPEN, link

    def count_miss(self, client: str) -> None:
        """A request with a known token but a message that does not decrypt (an altered
        link) counts like a wrong token."""
        with self._lock:
            self._misses.setdefault(client, []).append(self._clock())

    def claim(self, token: str) -> Link | None:
        """Mark the link used, once: the link, or None when it is not open any more."""
        with self._lock:
            link = self._links.get(_digest(token))
            if link is None or link.used or self._clock() >= link.expires_at:
                return None
            self._links[_digest(token)] = replace(link, used=True)
            return link

    def release(self, token: str) -> None:
        """Open a claimed link again (its answers could not be stored)."""
        with self._lock:
            link = self._links.get(_digest(token))
            if link is not None:
                self._links[_digest(token)] = replace(link, used=False)

    def state(self, token: str) -> LinkState:
        """The state of a link this process gave out (never counts as a miss)."""
        with self._lock:
            link = self._links.get(_digest(token))
        if link is None:
            return LinkState.UNKNOWN
        if link.used:
            return LinkState.USED
        return LinkState.EXPIRED if self._clock() >= link.expires_at else LinkState.OPEN

    def open_links(self) -> list[Link]:
        """The links still waiting for their answers."""
        now = self._clock()
        with self._lock:
            return [k for k in self._links.values() if not k.used and now < k.expires_at]
