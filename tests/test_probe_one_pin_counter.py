"""Probes: someone guessing a practitioner's PIN (or the recovery key) of an encrypted clinic
by switching between the ways in, hoping each keeps its own count: the lock screen, the
sign-in dialog and ``--as`` on the open database, then a restart and the unlock dialog
before it opens, and back. Every path adds to the database's one counter (beside the key
file), so the wait keeps growing whatever the path; a right PIN on any path starts it
again; each wrong try is audited exactly once. Tests named ``test_refused_*`` count
refusals and ``test_detected_*`` detections in the probe suite's tally."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant.access import auth, pin_attempts
from assistant.access.auth import LoginRefused
from assistant.access.keyfile import WrongSecret
from assistant.context import AppContext, sign_in
from assistant.paths import Locations
from assistant.storage.db import Database, init_db
from assistant.storage.models import AuditEvent, SignInAttempt
from tests.cli_support import run_in_process
from tests.test_encryption import PIN, _new_clinic

BOB_PIN = "13579"
WRONG_RECOVERY = "AAAA-" * 7 + "AAAA"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """One clock for every path: tries before the database opens and once it is open."""
    fake = Clock()
    monkeypatch.setattr(pin_attempts, "_now", fake)
    monkeypatch.setattr(auth, "utcnow", fake)
    return fake


def _unlock(folder: Path, practitioner: int, pin: str) -> LoginRefused | None:
    """One try at the unlock dialog of a Chairside just started (a new context)."""
    context = AppContext(Locations.resolve(folder))
    try:
        sign_in(context, practitioner, pin)
    except pin_attempts.PinRefused as refused:
        assert context.database_key is None and not context.is_open
        return refused
    context.close()
    return None


def _opened(folder: Path, practitioner: int, pin: str) -> tuple[AppContext, Database]:
    context = AppContext(Locations.resolve(folder))
    return context, sign_in(context, practitioner, pin).database


def _lock_screen(db: Database, practitioner: int, pin: str) -> LoginRefused | None:
    """One try at the lock screen (the sign-in dialog and patient mode go the same way)."""
    try:
        sign_in(db, practitioner, pin, purpose="unlock")
    except LoginRefused as refused:
        return refused
    return None


def _waits(refusals: list[LoginRefused | None]) -> list[int]:
    assert all(r is not None and r.reason == "That PIN is not right." for r in refusals)
    return [r.wait_seconds for r in refusals if r is not None]


def _failed(db: Database, practitioner: int | None = None) -> list[str]:
    with db.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")).all()
    return [e.summary for e in rows if practitioner is None or e.entity_id == practitioner]


def _counters(folder: Path) -> dict[str, dict[str, object]]:
    counters: dict[str, dict[str, object]] = json.loads(
        (folder / "chairside.sqlite3.keys.attempts").read_text()
    )
    return counters


def test_refused_restarting_after_wrong_pins_at_the_lock_screen(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context, db = _opened(folder, ann, PIN)
    waits = []
    for guess in ("1111", "2222", "3333"):
        refused = _lock_screen(db, ann, guess)
        assert refused is not None and refused.reason == "That PIN is not right."
        waits.append(refused.wait_seconds)
    assert waits == [0, 0, 1]
    context.close()  # the attacker quits Chairside and starts it again
    early = _unlock(folder, ann, PIN)  # too soon: refused unchecked, even the right PIN
    assert isinstance(early, WrongSecret) and early.wait_seconds == 1 and early.reason == ""
    assert str(early) == "After several wrong tries, wait 1 second before trying again."
    clock.advance(1)
    fourth = _unlock(folder, ann, "4444")  # the fourth wrong try in a row, not the first
    assert fourth is not None and fourth.wait_seconds == 2
    assert str(fourth) == (
        "That PIN is not right. After several wrong tries, wait 2 seconds before trying again."
    )
    clock.advance(1)
    assert _unlock(folder, ann, PIN) is not None
    clock.advance(1)
    assert _unlock(folder, ann, PIN) is None


def test_refused_wrong_pins_at_the_unlock_then_on_the_open_database(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, bob = _new_clinic(folder)
    waits = []
    for guess in ("1111", "2222", "3333"):
        refused = _unlock(folder, ann, guess)
        assert refused is not None
        waits.append(refused.wait_seconds)
    assert waits == [0, 0, 1]
    context, db = _opened(folder, bob, BOB_PIN)  # a colleague opens the database
    # The lock screen and the sign-in dialog show the wait left before any try.
    assert auth.seconds_until_next_try(db, ann) == 1
    early = _lock_screen(db, ann, PIN)
    assert early is not None and early.wait_seconds == 1 and early.reason == ""
    clock.advance(1)
    fourth = _lock_screen(db, ann, "4444")
    assert fourth is not None and fourth.wait_seconds == 2
    # ``--as`` on the open database (the context no longer needs unlocking): the same count.
    with pytest.raises(LoginRefused) as as_option:
        sign_in(context, ann, PIN, purpose="command line: audit")
    assert as_option.value.wait_seconds == 2 and as_option.value.reason == ""
    clock.advance(2)
    assert sign_in(db, ann, PIN).practitioner.id == ann
    # Nothing counted in the database: it is not the counter of an encrypted database.
    with db.session() as session:
        assert not session.scalars(
            select(SignInAttempt.failures).where(SignInAttempt.failures > 0)
        ).all()
    context.close()


def test_refused_guessing_through_the_command_line_once_the_database_is_open(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clinic"
    _, code, _, _ = _new_clinic(folder)
    monkeypatch.setenv("CHAIRSIDE_RECOVERY_KEY", code)
    # The recovery key opens the database; --as is then checked on the open database.
    opened = ["--data-dir", str(folder), "audit", "--as", "Ann Lee"]
    monkeypatch.setenv("CHAIRSIDE_PIN", "0001")
    answers = [run_in_process(opened) for _ in range(3)]
    assert [a.returncode for a in answers] == [2, 2, 2]
    assert "wait 1 second" in answers[-1].stderr
    # --as alone unlocks the database with the PIN: the same count, still waiting.
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    unlocking = [*opened, "--no-key"]
    too_soon = run_in_process(unlocking)
    assert too_soon.returncode == 2 and "wait 1 second" in too_soon.stderr
    clock.advance(1)
    assert run_in_process(unlocking).returncode == 0


def test_refused_after_a_right_pin_only_the_free_tries_come_back(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, bob = _new_clinic(folder)
    context, db = _opened(folder, bob, BOB_PIN)
    assert _waits([_lock_screen(db, ann, g) for g in ("1111", "2222")]) == [0, 0]
    assert _lock_screen(db, ann, PIN) is None  # a right PIN on the lock screen …
    context.close()
    # … starts the count again for the unlock after a restart too: two free tries, then
    # the third waits.
    assert _waits([_unlock(folder, ann, g) for g in ("1111", "2222")]) == [0, 0]
    context, db = _opened(folder, ann, PIN)  # a right PIN at the unlock …
    assert _counters(folder)[f"practitioner:{ann}"]["failures"] == 0
    # … starts it again on the lock screen.
    assert _waits([_lock_screen(db, ann, g) for g in ("1111", "2222", "3333")]) == [0, 0, 1]
    # One practitioner's wrong tries make no colleague wait.
    assert _lock_screen(db, bob, BOB_PIN) is None
    context.close()


def test_refused_guessing_the_recovery_key_across_restarts(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "clinic"
    _, code, ann, _ = _new_clinic(folder)
    waits = []
    for _ in range(3):
        context = AppContext(Locations.resolve(folder))
        with pytest.raises(pin_attempts.PinRefused) as caught:
            context.unlock_with_recovery(WRONG_RECOVERY)
        assert context.database_key is None
        waits.append(caught.value.wait_seconds)
    assert waits == [0, 0, 1]
    context = AppContext(Locations.resolve(folder))
    with pytest.raises(pin_attempts.PinRefused) as early:
        context.unlock_with_recovery(code)  # the right key, too soon
    assert early.value.wait_seconds == 1 and context.database_key is None
    clock.advance(1)
    with pytest.raises(WrongSecret) as fourth:
        AppContext(Locations.resolve(folder)).unlock_with_recovery(WRONG_RECOVERY)
    assert isinstance(fourth.value, LoginRefused) and fourth.value.wait_seconds == 2
    clock.advance(2)
    context = AppContext(Locations.resolve(folder))
    context.unlock_with_recovery(code)
    db = context.database()
    assert _failed(db) == ["Wrong recovery key before the database opened"] * 4
    assert _counters(folder)["recovery"]["failures"] == 0
    context.close()
    assert _unlock(folder, ann, PIN) is None  # the practitioners never waited for it


def test_refused_neither_a_restart_nor_a_clock_set_back_shortens_the_wait(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, bob = _new_clinic(folder)
    context, db = _opened(folder, bob, BOB_PIN)
    waits = []
    for guess in ("1111", "2222", "3333", "4444", "5555"):
        refused = _lock_screen(db, ann, guess)
        assert refused is not None
        waits.append(refused.wait_seconds)
        clock.advance(refused.wait_seconds)
    assert waits == [0, 0, 1, 2, 4]
    clock.advance(-4)  # back to the time of the last wrong try
    context.close()
    for _ in range(3):  # restart after restart, the database opened each time
        context, db = _opened(folder, bob, BOB_PIN)
        assert auth.seconds_until_next_try(db, ann) == 4
        context.close()
        again = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}", key=db.key)
        assert auth.seconds_until_next_try(again, ann) == 4
        again.dispose()
    clock.advance(-3600)  # a clock set back an hour does not lengthen or shorten it
    refused = _unlock(folder, ann, PIN)
    assert refused is not None and refused.wait_seconds == 4


def test_detected_each_wrong_try_once_in_the_audit_trail_whatever_the_path(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, bob = _new_clinic(folder)
    assert _unlock(folder, ann, "1111") is not None
    assert _unlock(folder, ann, "2222") is not None
    context, db = _opened(folder, bob, BOB_PIN)
    assert _lock_screen(db, ann, "3333") is not None  # the third: wait 1
    assert _lock_screen(db, ann, "4444") is not None  # too soon: refused, not counted
    clock.advance(1)
    assert _lock_screen(db, ann, "5555") is not None
    expected = sorted(
        [f"Wrong PIN for practitioner {ann} before the database opened"] * 2
        + [f"Wrong PIN for practitioner {ann} (unlock)"] * 2
    )
    assert sorted(_failed(db, ann)) == expected
    assert _counters(folder)[f"practitioner:{ann}"] == {
        "failures": 4,
        "last": clock.now.isoformat(),
        "unaudited": [],  # those made while open were audited at once, not left for later
    }
    context.close()
    for _ in range(2):  # opening again adds none
        clock.advance(60)
        context, db = _opened(folder, ann, PIN)
        assert sorted(_failed(db, ann)) == expected
        context.close()


def test_refused_guesses_in_parallel_on_both_paths_share_the_free_tries(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, bob = _new_clinic(folder)
    context, db = _opened(folder, bob, BOB_PIN)
    url = f"sqlite:///{folder / 'chairside.sqlite3'}"
    workstations = [init_db(url, key=db.key) for _ in range(4)]
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def at_lock_screen(open_db: Database) -> None:
        barrier.wait()
        refused = _lock_screen(open_db, ann, "0000")
        outcomes.append("wait" if refused is not None and refused.reason == "" else "wrong")

    def at_unlock() -> None:
        barrier.wait()
        refused = _unlock(folder, ann, "0000")
        outcomes.append("wait" if refused is not None and refused.reason == "" else "wrong")

    threads = [threading.Thread(target=at_lock_screen, args=(w,)) for w in workstations]
    threads += [threading.Thread(target=at_unlock) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(outcomes) == ["wait"] * 5 + ["wrong"] * auth.FREE_ATTEMPTS, outcomes
    assert _counters(folder)[f"practitioner:{ann}"]["failures"] == auth.FREE_ATTEMPTS
    for workstation in workstations:
        workstation.dispose()
    context.close()


def test_refused_in_the_window_the_lock_screen_then_the_unlock_dialog(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    from ui.access.lock_screen import LockScreen
    from ui.access.unlock_dialog import UnlockDialog

    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context = AppContext(Locations.resolve(folder))
    signed = sign_in(context, ann, PIN)
    screen = LockScreen(signed.database, signed.practitioner, clock=clock)
    qtbot.addWidget(screen)
    for guess in ("1111", "2222", "3333"):
        screen.pin.setText(guess)
        screen.try_unlock()
    assert "wait 1 s" in screen.message.text().lower() and not screen.unlock_button.isEnabled()
    context.close()  # quit while the lock screen waits, and start again
    context = AppContext(Locations.resolve(folder))
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    dialog.who.setCurrentIndex(dialog.who.findData(ann))
    dialog.pin.setText(PIN)
    dialog.try_unlock()
    dialog.runner.wait()  # the check runs on a worker thread
    assert not dialog.result() and context.database_key is None
    assert "Wait 1 s" in dialog.message.text() and not dialog.sign_in.isEnabled()
