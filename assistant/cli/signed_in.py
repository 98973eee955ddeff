"""``--as PRACTITIONER`` for commands that change clinical settings: the practitioner named,
checked with their PIN (from the terminal, or from ``CHAIRSIDE_PIN`` when no terminal is
attached). Self-contained so it can be shared by other commands."""

from __future__ import annotations

import getpass
import os
import sys

from assistant.auth import verify_login
from assistant.clinic import PractitionerInfo, list_practitioners
from assistant.db import Database
from assistant.errors import InvalidInput

PIN_ENV = "CHAIRSIDE_PIN"


def find_practitioner(db: Database, name: str) -> PractitionerInfo:
    """The active practitioner with this name (case and spacing ignored)."""
    wanted = " ".join(name.split()).casefold()
    practitioners = list_practitioners(db)
    matches = [p for p in practitioners if " ".join(p.name.split()).casefold() == wanted]
    if not matches:
        known = ", ".join(p.name for p in practitioners) or "none yet"
        raise InvalidInput(f"--as: no active practitioner named '{name}' (known: {known}).", "as")
    if len(matches) > 1:
        raise InvalidInput(f"--as: more than one practitioner is named '{name}'.", "as")
    return matches[0]


def read_pin(name: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"PIN for {name}: ")
    pin = os.environ.get(PIN_ENV)
    if not pin:
        raise InvalidInput(
            f"--as: no terminal to ask {name}'s PIN; set {PIN_ENV} when running unattended.",
            "pin",
        )
    return pin


def signed_in_practitioner(db: Database, name: str, purpose: str) -> PractitionerInfo:
    """The practitioner named by ``--as``, once their PIN is checked (a wrong PIN raises
    ``LoginRefused``, an ``InvalidInput``: exit status 2)."""
    practitioner = find_practitioner(db, name)
    return verify_login(db, practitioner.id, read_pin(practitioner.name), purpose=purpose)
