"""A small clinic with records the audit chain vouches for: two signed sessions (one
amended twice), a draft, and a patient edit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from assistant.cli import build_parser, run_command
from assistant.sessions import amend_session, create_draft, save_draft, sign_session
from assistant.storage.db import Database
from tests.cli_support import with_key
from tests.consent_support import give_consent
from tests.sessions_support import complete_draft, make_clinic, make_patient


@dataclass(frozen=True)
class SignedRecords:
    patient: int
    signed: int  # signed and amended twice
    other: int  # signed, never amended
    draft: int
    practitioner: int


def make_signed_records(db: Database) -> SignedRecords:
    c = make_clinic(db)
    patient = make_patient(db)
    give_consent(db, patient, c.practitioner, c.device)
    signed = create_draft(db, patient, c.practitioner)
    save_draft(db, signed, complete_draft(c), c.practitioner)
    sign_session(db, signed, c.practitioner)
    amend_session(db, signed, "zones[1].depth_mm", "1.0", "Depth typed wrongly", c.practitioner)
    amend_session(db, signed, "notes", "Calm skin at the end", "Note left out", c.practitioner)
    other = create_draft(db, patient, c.practitioner, treated_at=datetime(2026, 12, 20, 10, 0))
    save_draft(db, other, complete_draft(c, datetime(2026, 12, 20, 10, 0)), c.practitioner)
    sign_session(db, other, c.practitioner)
    draft = create_draft(db, patient, c.practitioner, treated_at=datetime(2027, 2, 1, 10, 0))
    return SignedRecords(patient, signed, other, draft, c.practitioner)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run_command(build_parser().parse_args(with_key(argv)))
    out, err = capsys.readouterr()
    return status, out, err


@contextmanager
def triggers_lifted(con: Any, *names: str) -> Iterator[None]:
    """Drop the triggers ``names`` (all of them when none is named) for an edit below
    Chairside, then put each back exactly as it was: a forger who leaves the schema as it
    was, so that only the chain can give the edit away."""
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    saved = [(n, sql) for n, sql in con.execute(query).fetchall() if not names or n in names]
    assert len(saved) == len(names) or not names
    for name, _sql in saved:
        con.execute(f"DROP TRIGGER {name}")
    yield
    for _name, sql in saved:
        con.execute(sql)
