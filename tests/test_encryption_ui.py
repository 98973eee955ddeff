"""The sign-in that unlocks an encrypted database, the choice at setup, the recovery key
shown once, and the status bar saying which kind of database is open."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.access import auth, cipher, keyfile
from assistant.context import AppContext
from assistant.paths import Locations
from tests.encryption_support import REAL_NEW_RECOVERY_CODE
from ui import app
from ui.access.new_pin_dialog import NewPinDialog
from ui.access.unlock_dialog import UnlockDialog
from ui.start.encryption_setup import EncryptionChoiceDialog, RecoveryKeyDialog

PIN = "2468"


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, int]:
    monkeypatch.setattr(keyfile, "new_recovery_code", REAL_NEW_RECOVERY_CODE)
    context = AppContext(Locations.resolve(tmp_path / "clinic"))
    db = context.database()
    code = db.recovery_code
    assert code is not None
    ann = auth.create_first_practitioner(db, "Ann Lee", "", PIN).id
    context.close()
    return tmp_path / "clinic", code, ann


def test_a_wrong_pin_is_answered_in_place_and_the_right_one_signs_in(
    qtbot: QtBot, clinic: tuple[Path, str, int], tmp_path: Path
) -> None:
    folder, _, ann = clinic
    context = AppContext(Locations.resolve(folder))
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    assert [dialog.who.itemText(i) for i in range(dialog.who.count())] == ["Ann Lee"]
    dialog.pin.setText("9999")
    dialog.try_unlock()
    dialog.runner.wait()  # the check runs on a worker thread
    assert dialog.message.text() == "That PIN is not right."
    assert context.database_key is None and not dialog.result()
    dialog.pin.setText(PIN)
    dialog.try_unlock()
    dialog.runner.wait()  # the check runs on a worker thread
    assert dialog.result() and context.database_key is not None
    db = context.database()
    assert app.sign_in(db, context) is not None  # the PIN that unlocked also signs in
    assert app.encryption_label(db) == "Encrypted database"
    dialog.grab().save(str(tmp_path / "unlock.png"))
    context.close()


def test_the_recovery_key_unlocks_then_a_new_pin_is_chosen(
    qtbot: QtBot, clinic: tuple[Path, str, int]
) -> None:
    folder, code, ann = clinic
    context = AppContext(Locations.resolve(folder))
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    dialog.use_recovery.click()
    dialog.recovery.setText("AAAA-" + code[5:])
    dialog.try_unlock()
    dialog.runner.wait()  # the check runs on a worker thread
    assert "does not open" in dialog.message.text() or "recovery key" in dialog.message.text()
    dialog.recovery.setText(code)
    dialog.try_unlock()
    dialog.runner.wait()  # the check runs on a worker thread
    assert dialog.result() and context.unlocked_with_recovery
    db = context.database()
    new_pin = NewPinDialog(db)
    qtbot.addWidget(new_pin)
    new_pin.pin.setText("13572864")
    new_pin.repeat.setText("13572864")
    new_pin.save()
    assert new_pin.practitioner is not None and new_pin.practitioner.id == ann
    context.close()
    again = AppContext(Locations.resolve(folder))
    again.unlock_with_pin(ann, "13572864")
    again.database()
    again.close()


def test_setup_offers_plain_and_the_recovery_sheet_is_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    choice = EncryptionChoiceDialog()
    qtbot.addWidget(choice)
    assert choice.encrypt  # encrypted is the default
    choice.plain.setChecked(True)
    assert not choice.encrypt
    sheet = RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", "Harbour Clinic")
    qtbot.addWidget(sheet)
    sheet.save_sheet(str(tmp_path / "sheet.pdf"))
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved to" in sheet.message.text()


def test_a_plain_database_is_offered_encryption_once_at_start(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from assistant.storage.db import init_db

    folder = tmp_path / "clinic"
    plain = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}", encrypt=False, create=True)
    ann = auth.create_first_practitioner(plain, "Ann Lee", "", PIN)
    plain.dispose()
    asked: list[str] = []
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PIN, True))
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: 0)
    context = AppContext(Locations.resolve(folder))
    db = context.database()
    assert db.encryption == "plain"
    db = app.offer_encryption(context, db, ann)
    assert db.encryption == "encrypted" and context.database() is db
    assert asked == ["Encrypt the records", "Encrypt the records"]
    assert not (folder / "chairside.sqlite3.plain-before-encryption").exists()
    assert not (folder / "chairside.sqlite3").read_bytes().startswith(cipher.SQLITE_HEADER)
    context.close()
    again = AppContext(Locations.resolve(folder))
    again.unlock_with_pin(ann.id, PIN)
    assert app.offer_encryption(again, again.database(), ann).encryption == "encrypted"
    assert len(asked) == 2  # offered once
    again.close()
