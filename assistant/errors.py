"""Errors a user can act on. The GUI shows their message in a dialog; the CLI prints it and
exits with status 2. Anything else is a bug and is logged with its traceback."""

from __future__ import annotations


class ChairsideError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""


class InvalidInput(ChairsideError):
    """Input that cannot be accepted. ``field`` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DatabaseUnavailable(ChairsideError):
    """The database cannot be opened or written (locked, read-only, corrupt, too new, missing)."""

    def __init__(self, message: str, advice: str = "") -> None:
        super().__init__(f"{message} {advice}".strip())
        self.reason = message
        self.advice = advice


class NotFound(ChairsideError):
    """A record asked for by id does not exist."""


class RecordLocked(ChairsideError):
    """A signed record cannot be changed; it can only be amended."""


class ResourceMissing(ChairsideError):
    """A file shipped with Chairside (font, template, data) is missing or damaged."""


class StaleRecord(ChairsideError):
    """The record was saved by someone else since this copy was read; saving this copy would
    lose their change. ``current`` is the record as saved now (for showing both versions)."""

    def __init__(self, message: str, current: object = None) -> None:
        super().__init__(message)
        self.current = current


class LoginRefused(InvalidInput):
    """A wrong PIN, or a try made too soon after several wrong ones.

    ``wait_seconds`` is how long the practitioner must wait before the next try (0: none)."""

    def __init__(self, message: str, wait_seconds: int = 0, reason: str | None = None) -> None:
        super().__init__(message, "pin")
        self.wait_seconds = wait_seconds
        # The message without the wait, for a screen that counts the wait down itself.
        self.reason = message if reason is None else reason
