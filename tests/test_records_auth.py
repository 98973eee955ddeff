"""Practitioner sign-in: PIN rules, argon2 hashes, the first practitioner, wrong PINs with a
growing wait (on a fake clock, so nothing sleeps), and the idle-lock policy."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from assistant.access import auth
from assistant.access.auth import IdleLock, LoginRefused
from assistant.clinic import store as clinic
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Practitioner


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 25, 9, 0)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def events(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
            )
        )


@pytest.fixture
def naomi(db: Database) -> int:
    return auth.create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", "4821").id


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("", "Enter a PIN of at least 4 digits or a password."),
        ("123", "A PIN needs at least 4 digits."),
        ("0000", "A PIN of one repeated digit is too easy to guess."),
        ("abc12", "A password needs at least 8 characters (or use a PIN of at least 4 digits)."),
        ("x" * 201, "The password is longer than 200 characters."),
    ],
)
def test_weak_pins_and_passwords_are_refused_with_a_clear_message(
    db: Database, naomi: int, secret: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        auth.set_pin(db, naomi, secret, actor=naomi)
    assert str(caught.value) == message
    assert caught.value.field == "pin"


def test_first_start_asks_for_the_first_practitioner_once(db: Database) -> None:
    assert auth.needs_first_practitioner(db)
    # Practitioners without a PIN (say from demo data) cannot sign in, so it still asks.
    clinic.save_practitioner(db, "Locum without PIN")
    assert auth.needs_first_practitioner(db)
    first = auth.create_first_practitioner(db, "  Dr Naomi Clarke ", "GMC 7012345", "4821")
    assert (first.name, first.credentials, first.has_pin) == (
        "Dr Naomi Clarke",
        "GMC 7012345",
        True,
    )
    assert not auth.needs_first_practitioner(db)
    with pytest.raises(InvalidInput, match="already has a practitioner who can sign in"):
        auth.create_first_practitioner(db, "Intruder", "", "1357")
    (created,) = [e for e in events(db, "create") if e.entity_id == first.id]
    assert created.entity == "practitioner" and created.practitioner_id == first.id


def test_only_an_argon2_hash_is_stored(db: Database, naomi: int) -> None:
    auth.set_pin(db, naomi, "correct horse", actor=naomi)
    with db.session() as session:
        stored = session.scalars(select(Practitioner.pin_hash)).one()
    assert stored is not None and stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    (change,) = [e for e in events(db, "change") if e.entity == "practitioner"]
    assert change.changes == {"pin": ["set", "set"]}  # never the PIN or its hash
    assert change.summary == f"Changed the sign-in PIN of practitioner {naomi}"
    assert auth.verify_login(db, naomi, "correct horse").id == naomi


def test_the_product_hashes_pins_with_the_rfc_9106_low_memory_profile(
    db: Database, naomi: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The suite makes cheap hashes (conftest); the product's own hasher is checked here, and
    a cheaper hash found at sign-in is replaced by one at the product's cost."""
    from argon2 import PasswordHasher
    from argon2.profiles import RFC_9106_LOW_MEMORY

    assert auth.PIN_HASH_PROFILE == RFC_9106_LOW_MEMORY
    assert RFC_9106_LOW_MEMORY.memory_cost >= 64 * 1024 and RFC_9106_LOW_MEMORY.time_cost >= 3
    auth.set_pin(db, naomi, "2580", actor=naomi)  # hashed cheaply, as every test PIN is
    monkeypatch.setattr(auth, "_hasher", PasswordHasher.from_parameters(auth.PIN_HASH_PROFILE))
    assert auth.verify_login(db, naomi, "2580").id == naomi
    with db.session() as session:
        stored = session.scalars(select(Practitioner.pin_hash)).one()
    assert stored is not None and stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_a_correct_pin_signs_in_and_is_audited_as_the_practitioner(
    db: Database, naomi: int
) -> None:
    info = auth.verify_login(db, naomi, "4821")
    assert (info.id, info.name, info.has_pin) == (naomi, "Dr Naomi Clarke", True)
    (login,) = events(db, "login")
    assert login.practitioner_id == naomi and login.entity_id == naomi
    assert login.summary == f"Practitioner {naomi} signed in"


def test_wrong_pins_are_audited_and_then_wait_longer_each_time(db: Database, naomi: int) -> None:
    clock = FakeClock()
    waits = []
    for _attempt in range(3):
        with pytest.raises(LoginRefused) as caught:
            auth.verify_login(db, naomi, "1111", clock=clock)
        waits.append(caught.value.wait_seconds)
    assert waits == [0, 0, 1]
    assert str(caught.value) == (
        "That PIN is not right. After several wrong tries, wait 1 second before trying again."
    )
    assert caught.value.field == "pin"

    # Even the right PIN is not checked (nor counted) until the wait is over.
    with pytest.raises(LoginRefused) as early:
        auth.verify_login(db, naomi, "4821", clock=clock)
    assert early.value.wait_seconds == 1
    assert str(early.value) == "After several wrong tries, wait 1 second before trying again."
    assert auth.seconds_until_next_try(db, naomi, clock=clock) == 1

    clock.advance(1)
    with pytest.raises(LoginRefused) as fourth:
        auth.verify_login(db, naomi, "2222", clock=clock)
    assert fourth.value.wait_seconds == 2
    clock.advance(1.2)
    assert auth.seconds_until_next_try(db, naomi, clock=clock) == 1
    clock.advance(0.8)
    with pytest.raises(LoginRefused) as fifth:
        auth.verify_login(db, naomi, "3333", clock=clock)
    assert fifth.value.wait_seconds == 4

    failed = events(db, "login_failed")
    assert len(failed) == 5  # the early try was refused without being counted
    assert all(e.entity_id == naomi and e.practitioner_id is None for e in failed)

    clock.advance(4)
    assert auth.verify_login(db, naomi, "4821", clock=clock).id == naomi
    # A successful sign-in starts the count again.
    with pytest.raises(LoginRefused) as after:
        auth.verify_login(db, naomi, "9999", clock=clock)
    assert after.value.wait_seconds == 0


def test_the_wait_is_capped() -> None:
    assert [auth.login_wait_seconds(n) for n in range(1, 8)] == [0, 0, 1, 2, 4, 8, 16]
    assert auth.login_wait_seconds(40) == auth.MAX_WAIT_SECONDS == 60


def test_the_wait_survives_a_restart_because_it_is_counted_from_the_audit_trail(
    db: Database, naomi: int
) -> None:
    clock = FakeClock()
    for _ in range(4):
        clock.advance(30)
        with pytest.raises(LoginRefused):
            auth.verify_login(db, naomi, "0001", clock=clock)
    db.dispose()  # as if Chairside were closed and opened again
    assert auth.seconds_until_next_try(db, naomi, clock=clock) == 2


def test_practitioners_without_a_pin_or_no_longer_active_cannot_sign_in(
    db: Database, naomi: int
) -> None:
    locum = clinic.save_practitioner(db, "Locum", actor=naomi)
    with pytest.raises(LoginRefused, match="has no PIN yet"):
        auth.verify_login(db, locum.id, "1234")
    auth.set_pin(db, locum.id, "2468", actor=naomi)
    clinic.save_practitioner(db, "Locum", actor=naomi, practitioner_id=locum.id, active=False)
    with pytest.raises(LoginRefused, match="no longer an active practitioner"):
        auth.verify_login(db, locum.id, "2468")


def test_lock_and_sign_out_are_audited(db: Database, naomi: int) -> None:
    auth.record_lock(db, naomi)
    auth.record_logout(db, naomi)
    (lock,) = events(db, "lock")
    (logout,) = events(db, "logout")
    assert lock.practitioner_id == naomi and lock.summary == "Window locked (idle)"
    assert logout.practitioner_id == naomi


def test_unlocking_uses_the_same_pin_and_says_so_in_the_audit(db: Database, naomi: int) -> None:
    with pytest.raises(LoginRefused):
        auth.verify_login(db, naomi, "1234", purpose="unlock")
    auth.verify_login(db, naomi, "4821", purpose="unlock")
    assert events(db, "login")[-1].summary == f"Practitioner {naomi} signed in (unlock)"
    assert events(db, "login_failed")[-1].summary == f"Wrong PIN for practitioner {naomi} (unlock)"


def test_idle_lock_policy() -> None:
    now = [1000.0]
    lock = IdleLock(minutes=5, clock=lambda: now[0])
    assert not lock.should_lock()
    now[0] += 299
    assert not lock.should_lock()
    assert lock.seconds_left() == pytest.approx(1)
    lock.touch()
    now[0] += 299
    assert not lock.should_lock()
    now[0] += 1
    assert lock.should_lock()
    lock.touch()
    assert not lock.should_lock()


def test_idle_lock_can_be_turned_off() -> None:
    now = [0.0]
    lock = IdleLock(minutes=0, clock=lambda: now[0])
    now[0] += 10 * 3600
    assert not lock.should_lock()
    assert lock.seconds_left() == float("inf")
