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


def record_id(text: str) -> int:
    """A record number: 1 to 2⁶³−1."""
    value = _whole_number(text, "a record number")
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"'{text}' is not a record number (1 to {MAX_ID})")
    return value


def bounded_count(low: int, high: int) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        value = _whole_number(text, "a number")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"'{text}' must be between {low:,} and {high:,}")
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse
