"""Probes: the data folder copied to another computer (a lost laptop's disk, a backup drive
with the folder on it). A PIN copy of the database key needs this workstation's secret too,
kept outside the data folder, so the copy does not open with a PIN, nor can its PINs be
tried offline from the key file alone; the recovery key opens it and enrolls the new
workstation. Tests named ``test_refused_*`` count refusals and ``test_detected_*``
detections in the probe suite's tally."""

from __future__ import annotations

import base64
import shutil
import stat
from pathlib import Path

import pytest

from assistant.access import auth, cipher, keyfile, workstation
from assistant.access.keyfile import KeyFile, WrongSecret, key_file_path
from assistant.context import AppContext
from assistant.paths import Locations
from tests.encryption_support import REAL_NEW_RECOVERY_CODE
from tests.test_encryption import PIN, _new_clinic


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This workstation: its own configuration folder (and so its own secret)."""
    monkeypatch.setattr(cipher, "_unlocked", [])
    monkeypatch.setattr(keyfile, "new_recovery_code", REAL_NEW_RECOVERY_CODE)
    config = tmp_path / "config-here"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


def _move_to_another_workstation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-elsewhere"))
    cipher._unlocked.clear()


def _copy(folder: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copied"
    shutil.copytree(folder, copy)
    return copy


def test_refused_a_copied_folder_with_the_right_pin(
    here: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    copy = _copy(folder, tmp_path)
    _move_to_another_workstation(tmp_path, monkeypatch)
    context = AppContext(Locations.resolve(copy))
    with pytest.raises(WrongSecret, match="no copy of this practitioner's key yet"):
        context.unlock_with_pin(ann, PIN)
    assert context.database_key is None


def test_refused_an_offline_guess_from_the_key_file_alone(
    here: Path, tmp_path: Path
) -> None:
    """The key file and the right PIN, without the workstation's secret, unwrap nothing;
    with the secret (this workstation) they do."""
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    keys = KeyFile.load(key_file_path(folder / "chairside.sqlite3"))
    _, wrap = keys.practitioners[ann]
    assert wrap.workstation == workstation.workstation_id()
    label = f"{keyfile.FORMAT}/{keyfile.VERSION}/practitioner/{ann}"
    without = keyfile._kek(wrap.kdf, PIN.encode(), wrap.salt, wrap.costs)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with pytest.raises(InvalidTag):
        AESGCM(without).decrypt(wrap.nonce, wrap.sealed, label.encode())
    assert keys.unlock_with_pin(ann, PIN)  # here, with the secret, it opens


def test_refused_the_secret_in_the_data_folder_or_readable_by_others(
    here: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "clinic"
    _new_clinic(folder)
    secret = workstation.workstation_secret()
    stored = workstation.secret_file()
    assert stored.is_relative_to(here) and not stored.is_relative_to(folder)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    encoded = base64.b64encode(secret)
    for file in folder.rglob("*"):
        if file.is_file():
            assert encoded not in file.read_bytes() and secret not in file.read_bytes()


def test_refused_old_pin_only_copies_after_the_next_sign_in(
    here: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key file from before workstation secrets opens with the PIN, and that sign-in
    replaces the copy: the folder copied afterwards no longer opens with the PIN."""
    folder = tmp_path / "clinic"
    _, _, ann, _ = _new_clinic(folder)
    path = key_file_path(folder / "chairside.sqlite3")
    context = AppContext(Locations.resolve(folder))
    context.unlock_with_pin(ann, PIN)
    key = context.database_key
    assert key is not None
    keys = KeyFile.load(path)
    name = keys.practitioners[ann][0]
    label = f"{keyfile.FORMAT}/{keyfile.VERSION}/practitioner/{ann}"
    keys.practitioners[ann] = (name, keyfile._wrap("argon2id", PIN.encode(), key, label))
    keys.save()  # as an older Chairside wrote it: the PIN alone
    assert not KeyFile.load(path).practitioners[ann][1].workstation
    cipher._unlocked.clear()
    context = AppContext(Locations.resolve(folder))
    context.unlock_with_pin(ann, PIN)  # still opens...
    assert KeyFile.load(path).practitioners[ann][1].workstation  # ...and is migrated
    copy = _copy(folder, tmp_path)
    _move_to_another_workstation(tmp_path, monkeypatch)
    with pytest.raises(WrongSecret):
        AppContext(Locations.resolve(copy)).unlock_with_pin(ann, PIN)


def test_detected_the_recovery_key_enrolls_the_new_workstation(
    here: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "clinic"
    _, code, ann, bob = _new_clinic(folder)
    copy = _copy(folder, tmp_path)
    _move_to_another_workstation(tmp_path, monkeypatch)
    context = AppContext(Locations.resolve(copy))
    context.unlock_with_recovery(code)
    db = context.database()
    auth.set_pin(db, ann, "5793", actor=ann)  # the new PIN chosen after the recovery key
    auth.verify_login(db, bob, "13579")  # a colleague signs in once here: enrolled too
    context.close()
    cipher._unlocked.clear()
    for who, pin in ((ann, "5793"), (bob, "13579")):
        again = AppContext(Locations.resolve(copy))
        again.unlock_with_pin(who, pin)
        assert again.database().encryption == "encrypted"
        again.close()
        cipher._unlocked.clear()


def test_detected_the_credential_store_is_used_when_there_is_one(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Store(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Store())
    monkeypatch.setattr(workstation, "use_keyring", True)
    monkeypatch.setattr(workstation, "_cache", {})
    try:
        secret = workstation.workstation_secret()
        assert Store.values[("Chairside", "workstation-secret")] == base64.b64encode(
            secret
        ).decode()
        assert not workstation.secret_file().exists()  # no file where a store exists
    finally:
        keyring.set_keyring(previous)
