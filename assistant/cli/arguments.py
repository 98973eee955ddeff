"""Argument types shared by the commands: record ids and counts with their bounds.

A value outside its bounds is a usage error (one line, exit status 2) before anything is
opened: ids are 1 to 2⁶³−1, what both SQLite and PostgreSQL store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

MAX_ID = 2**63 - 1
MAX_LIMIT = 1_000_000


def _whole_number(text: str, what: str) -> int:
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 25 or not cleaned.lstrip("+-").isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not {what} (a whole number)")
    return int(cleaned)


def number_problem(text: str, what: str, kind: str = "a record number") -> str | None:
    """What is wrong with ``text`` as the number of a ``what`` (patient, session…), said in
    the user's terms; None when it can be one. ``kind`` names a number in the message for
    text that is not one."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 25 or not cleaned.lstrip("+-").isdigit():
        shown = text if len(text) <= 40 else text[:40] + "…"
        return f"'{shown}' is not {kind} (a whole number, such as 12)"
    value = int(cleaned)
    if value < 1:
        return f"There is no {what} {value}; {what} numbers start at 1"
    if value > MAX_ID:
        shown = cleaned if len(cleaned) <= 25 else cleaned[:25] + "…"
        return f"'{shown}' is not {kind}: no {what} number is that large"
    return None


def record_number(what: str) -> Callable[[str], int]:
    """The number of a ``what`` (``"patient"``, ``"session"``): 1 to 2⁶³−1, with a message
    in those words ("There is no session 0; session numbers start at 1")."""

    def parse(text: str) -> int:
        problem = number_problem(text, what)
        if problem is not None:
            raise argparse.ArgumentTypeError(problem)
        return int(text.strip())

    parse.__name__ = f"{what} number"  # argparse names the type in its messages
    return parse


def record_id(text: str) -> int:
    """A record number: 1 to 2⁶³−1."""
    return record_number("record")(text)


def bounded_count(low: int, high: int) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        value = _whole_number(text, "a number")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"'{text}' must be between {low:,} and {high:,}")
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse
