"""Probes: someone guessing PINs of an encrypted clinic through Chairside (the window's
sign-in, the command line's ``--as``, restart after restart), and someone choosing a PIN
anybody would guess. Wrong PINs are counted beside the key file before the database opens;
after three in a row every path waits longer (a try during the wait is refused unchecked,
even the right PIN); each failure reaches the audit trail once the database is next
unlocked. Weak new PINs are refused. Tests named ``test_refused_*`` count refusals and
``test_detected_*`` detections in the probe suite's tally."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant.access import auth, cipher, pin_attempts
from assistant.access.keyfile import WrongSecret
from assistant.context import AppContext
from assistant.errors import InvalidInput
from assistant.paths import Locations
from assistant.storage.models import AuditEvent
from tests.cli_support import run_in_process
from tests.test_encryption import PIN, _new_clinic

START = datetime(2026, 12, 7, 9, 0, 0)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(pin_attempts, "_now", fake)
    monkeypatch.setattr(cipher, "_unlocked", [])
    return fake


def _try(folder: Path, practitioner: int, pin: str) -> pin_attempts.PinRefused | None:
    """One try in a new process's context (as a restart or another command would)."""
    context = AppContext(Locations.resolve(folder))
    try:
        context.unlock_with_pin(practitioner, pin)
    except pin_attempts.PinRefused as refused:
        assert context.database_key is None
        return refused
    context.close()
    return None


def test_refused_guessing_faster_than_the_growing_wait(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    waits = []
    for guess in ("1111", "2222", "3333"):
        refused = _try(folder, ann, guess)
        assert refused is not None and "not right" in str(refused)
        waits.append(refused.wait_seconds)
    assert waits == [0, 0, 1]
    # During the wait even the right PIN is refused, unchecked and uncounted.
    refused = _try(folder, ann, PIN)
    assert refused is not None and refused.wait_seconds == 1 and "wait 1 second" in str(refused)
    # Each wrong try after it doubles the wait (up to a minute).
    for expected in (2, 4, 8, 16, 32, 60, 60):
        clock.now += timedelta(seconds=61)
        refused = _try(folder, ann, "9999")
        assert refused is not None and refused.wait_seconds == expected
        assert _try(folder, ann, PIN) is not None  # too soon, whatever the PIN
    clock.now += timedelta(seconds=61)
    assert _try(folder, ann, PIN) is None  # after the wait, the right PIN opens it
    assert _try(folder, ann, "1111") is not None and _try(folder, ann, PIN) is None  # reset


def test_refused_guessing_from_the_command_line(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clinic"
    _new_clinic(folder)
    argv = ["--data-dir", str(folder), "audit", "--verify", "--as", "Ann Lee", "--no-key"]
    monkeypatch.setenv("CHAIRSIDE_PIN", "0001")
    answers = [run_in_process(argv) for _ in range(3)]
    assert [a.returncode for a in answers] == [2, 2, 2]
    assert "wait 1 second" in answers[-1].stderr
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    right_too_soon = run_in_process(argv)
    assert right_too_soon.returncode == 2 and right_too_soon.stderr.count("\n") == 1
    assert "wait 1 second" in right_too_soon.stderr
    clock.now += timedelta(seconds=2)
    assert run_in_process(argv).returncode == 0


def test_detected_wrong_pins_in_the_audit_trail_once_unlocked(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, code, ann, bob = _new_clinic(folder)
    for who, guess in ((ann, "1111"), (bob, "2222"), (ann, "3333")):
        assert _try(folder, who, guess) is not None
    context = AppContext(Locations.resolve(folder))
    with pytest.raises(WrongSecret):
        context.unlock_with_recovery("AAAA-" * 7 + "AAAA")
    context.unlock_with_pin(bob, "13579")
    db = context.database()
    with db.session() as session:
        failed = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "login_failed")
        ).all()
    summaries = sorted(e.summary for e in failed)
    assert summaries == sorted(
        [f"Wrong PIN for practitioner {ann} before the database opened"] * 2
        + [f"Wrong PIN for practitioner {bob} before the database opened"]
        + ["Wrong recovery key before the database opened"]
    )
    assert all(e.changes and e.changes["tried_at"].startswith("2026-12-07") for e in failed)
    context.close()
    # Written once: opening again adds none.
    context = AppContext(Locations.resolve(folder))
    context.unlock_with_pin(bob, "13579")
    with context.database().session() as session:
        again = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "login_failed")
        ).all()
    assert len(again) == 4
    context.close()


def test_refused_guessing_in_the_window_across_restarts(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    from ui.access.unlock_dialog import UnlockDialog

    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    for guess in ("1111", "2222", "3333"):
        context = AppContext(Locations.resolve(folder))
        dialog = UnlockDialog(context)  # a new start each time: the count is not in memory
        qtbot.addWidget(dialog)
        dialog.who.setCurrentIndex(dialog.who.findData(ann))
        dialog.pin.setText(guess)
        dialog.try_unlock()
    assert "Wait 1 s" in dialog.message.text() and not dialog.sign_in.isEnabled()
    context = AppContext(Locations.resolve(folder))
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    dialog.who.setCurrentIndex(dialog.who.findData(ann))
    dialog.pin.setText(PIN)
    dialog.try_unlock()
    assert not dialog.result() and context.database_key is None
    assert "Wait 1 s" in dialog.message.text()


WEAK = ["1234", "1212", "0000", "7777", "9876", "7890", "3210", "1987", "2001", "1004", "6969",
        "123123", "456789", "13131313"]  # fmt: skip


@pytest.mark.parametrize("pin", WEAK)
def test_refused_weak_new_pin(pin: str, tmp_path: Path, clock: Clock) -> None:
    with pytest.raises(InvalidInput, match="too easy to guess|most often chosen"):
        auth.validate_secret(pin)


def test_refused_weak_pin_at_setup_and_when_changed(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, bob = _new_clinic(folder)
    context = AppContext(Locations.resolve(folder))
    context.unlock_with_pin(ann, PIN)
    db = context.database()
    with pytest.raises(InvalidInput, match="year"):
        auth.set_pin(db, bob, "1990", actor=ann)
    auth.set_pin(db, bob, "2468", actor=ann)  # the demo's PIN stays a valid choice
    context.close()
    assert _try(folder, bob, "2468") is None
