"""Signing in is one operation (``assistant.context.sign_in``): one argon2 derivation per
try, each wrong try counted once, the database key handed on in the result, the PIN kept
nowhere once it returns; the unlock dialog runs it off the UI thread and says it is
checking meanwhile."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import argon2.low_level
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant import context as context_module
from assistant.access import auth, cipher
from assistant.context import AppContext, SignedIn, sign_in
from assistant.paths import Locations
from assistant.storage.models import AuditEvent, SignInAttempt
from tests.test_encryption import PIN, _new_clinic


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every argon2 run, by where it ran: the key file's derivation and the PIN hashes'."""
    runs: list[str] = []
    raw = argon2.low_level.hash_secret_raw

    def kdf(*args: Any, **kwargs: Any) -> bytes:
        runs.append("key file")
        return raw(*args, **kwargs)

    # the key file loads argon2 when it derives, so its derivation is watched at the source
    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", kdf)
    hasher = auth._hasher

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(hasher, name)

        def verify(self, *args: Any) -> bool:
            runs.append("hash")
            return hasher.verify(*args)

        def hash(self, *args: Any) -> str:
            runs.append("hash")
            return hasher.hash(*args)

    monkeypatch.setattr(auth, "_hasher", Spy())
    return runs


def _failures(db: Any, practitioner: int) -> int:
    with db.session() as session:
        row = session.scalars(
            select(SignInAttempt.failures).where(SignInAttempt.practitioner_id == practitioner)
        ).first()
    return int(row or 0)


def _audited(db: Any, action: str) -> int:
    with db.session() as session:
        return len(session.scalars(select(AuditEvent.id).where(AuditEvent.action == action)).all())


def test_unlocking_derives_the_pin_once_and_hands_the_key_on(
    tmp_path: Path, derivations: list[str]
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context = AppContext(Locations.resolve(folder))
    derivations.clear()
    result = sign_in(context, ann, PIN)
    assert derivations == ["key file"]  # unwrapping the key proved the PIN: no second run
    assert isinstance(result, SignedIn) and result.unlocked
    assert result.practitioner.id == ann and result.database is context.database()
    assert result.key is not None and result.key == result.database.key
    assert PIN not in repr(result) and result.key.hex() not in repr(result)
    assert _audited(result.database, "login") >= 1
    # The lock screen, the sign-in dialog and patient mode: the open database, one run too.
    derivations.clear()
    again = sign_in(result.database, ann, PIN, purpose="unlock")
    assert derivations == ["hash"] and again.practitioner.id == ann and not again.unlocked
    context.close()


def test_a_wrong_pin_costs_one_derivation_and_is_counted_once(
    tmp_path: Path, derivations: list[str]
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context = AppContext(Locations.resolve(folder))
    derivations.clear()
    with pytest.raises(auth.LoginRefused, match="not right"):
        sign_in(context, ann, "86420135")
    assert derivations == ["key file"]
    counters = json.loads((folder / "chairside.sqlite3.keys.attempts").read_text())
    assert counters[f"practitioner:{ann}"]["failures"] == 1
    assert not context.is_open and context.database_key is None
    db = sign_in(context, ann, PIN).database
    # Counted beside the key file only; reaching the audit trail once, when it opened.
    assert _failures(db, ann) == 0 and _audited(db, "login_failed") == 1
    # Once the database is open, a wrong PIN goes to the same one counter beside the key
    # file (none in the database), audited at once and so not left for the next unlock.
    derivations.clear()
    with pytest.raises(auth.LoginRefused):
        sign_in(db, ann, "86420135")
    assert derivations == ["hash"]
    assert _failures(db, ann) == 0 and _audited(db, "login_failed") == 2
    counters = json.loads((folder / "chairside.sqlite3.keys.attempts").read_text())
    assert counters[f"practitioner:{ann}"]["failures"] == 1
    assert counters[f"practitioner:{ann}"]["unaudited"] == []
    context.close()


def _holds(value: Any, secret: str | bytes, depth: int = 0) -> bool:
    if isinstance(value, str | bytes):
        return type(value) is type(secret) and secret in value  # type: ignore[operator]
    if depth > 2:
        return False
    if isinstance(value, dict):
        return any(_holds(v, secret, depth + 1) for v in [*value.keys(), *value.values()])
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds(v, secret, depth + 1) for v in value)
    return False


def _run_dialog(
    qtbot: QtBot, folder: Path, practitioner: int, pin: str
) -> tuple[AppContext, Any, list[int]]:
    from ui.access import unlock_dialog
    from ui.access.unlock_dialog import UnlockDialog
    from ui.tasks import TaskRunner

    threads: list[int] = []
    real: Callable[..., SignedIn] = unlock_dialog.sign_in

    def spy(*args: Any, **kwargs: Any) -> SignedIn:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    context = AppContext(Locations.resolve(folder))
    dialog = UnlockDialog(context, runner=TaskRunner())
    qtbot.addWidget(dialog)
    dialog.who.setCurrentIndex(dialog.who.findData(practitioner))
    dialog.pin.setText(pin)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(unlock_dialog, "sign_in", spy)
        dialog.try_unlock()
        # Until the worker's answer is delivered the dialog says it is checking.
        assert dialog.message.text() == "Checking…" and dialog.busy
        assert not dialog.pin.isEnabled() and not dialog.sign_in.isEnabled()
        assert not dialog.who.isEnabled() and not dialog.quit_button.isEnabled()
        assert dialog.pin.text() == ""
        dialog.runner.wait()
    assert not dialog.busy
    return context, dialog, threads


def test_the_unlock_dialog_checks_off_the_ui_thread_and_keeps_no_pin(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context, dialog, threads = _run_dialog(qtbot, folder, ann, PIN)
    assert threads and threads[0] != threading.get_ident()
    assert dialog.result() and dialog.signed_in is not None
    assert dialog.signed_in.practitioner.id == ann
    for owner in (context, dialog, dialog.signed_in):
        assert not any(_holds(v, PIN) for v in vars(owner).values()), owner
    assert not _holds(vars(context).get("unlocked_by"), PIN)
    from ui import app

    assert app.sign_in(context.database(), context) == dialog.signed_in.practitioner
    context.close()


def test_a_wrong_pin_in_the_dialog_is_answered_and_the_inputs_come_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context, dialog, threads = _run_dialog(qtbot, folder, ann, "86420135")
    assert threads and threads[0] != threading.get_ident()
    assert dialog.message.text() == "That PIN is not right." and not dialog.result()
    assert dialog.pin.isEnabled() and dialog.sign_in.isEnabled() and dialog.who.isEnabled()
    assert not any(_holds(v, "86420135") for v in vars(dialog).values())
    context.close()


def test_the_key_never_lands_in_a_module_level_container(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context = AppContext(Locations.resolve(folder))
    result = sign_in(context, ann, PIN)
    assert result.key is not None
    # a backup and its check go through the key handed on, not through a registry
    from assistant.storage.backup import backup_now

    backup_now(result.database, folder / "backups", keep=3)
    found = [
        f"{name}.{attribute}"
        for name, module in list(sys.modules.items())
        if name.split(".")[0] in ("assistant", "ui") and module is not None
        for attribute, value in list(vars(module).items())
        if not isinstance(value, str | bytes) and _holds(value, result.key)
    ]
    assert found == []
    assert not hasattr(cipher, "remember") and not hasattr(context_module, "remember_key")
    context.close()


def test_the_lock_screen_and_the_sign_in_dialog_go_through_the_same_operation(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, derivations: list[str]
) -> None:
    from ui.access import pin_entry
    from ui.access.lock_screen import LockScreen
    from ui.access.login_dialog import LoginDialog

    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    context = AppContext(Locations.resolve(folder))
    signed = sign_in(context, ann, PIN)
    calls: list[tuple[object, int]] = []
    real = pin_entry.sign_in

    def spy(source: Any, practitioner: int, pin: str, **kwargs: Any) -> SignedIn:
        calls.append((source, practitioner))
        return real(source, practitioner, pin, **kwargs)

    monkeypatch.setattr(pin_entry, "sign_in", spy)
    screen = LockScreen(signed.database, signed.practitioner)
    qtbot.addWidget(screen)
    unlocked: list[object] = []
    screen.unlocked.connect(unlocked.append)
    derivations.clear()
    screen.pin.setText(PIN)
    screen.try_unlock()
    assert unlocked == [signed.practitioner] and derivations == ["hash"]
    assert screen.pin.text() == "" and not any(_holds(v, PIN) for v in vars(screen).values())
    dialog = LoginDialog(signed.database)
    qtbot.addWidget(dialog)
    dialog.who.setCurrentIndex(dialog.who.findData(ann))
    dialog.pin.setText(PIN)
    dialog.try_sign_in()
    assert dialog.practitioner == signed.practitioner
    assert calls == [(signed.database, ann), (signed.database, ann)]
    context.close()
