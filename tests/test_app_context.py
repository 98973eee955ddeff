"""The application context: one object built at start-up holding the data folder, the
database URL and the open database, the settings, the runner and who is signed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant import paths
from assistant.context import AppContext
from assistant.patients.store import PatientDetails, create_patient
from assistant.settings import DEFAULTS, Settings
from assistant.storage import backup
from assistant.storage.db import Database, init_db
from assistant.storage.models import AuditEvent, Patient
from ui.app_context import GuiContext


def actions(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_restore_after_opening_another_database_restores_that_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    """The problem dialog's "Open another" chose other.sqlite3; Records → Restore must then
    restore over other.sqlite3, not over the default database, and the window must show it."""
    from ui import app
    from ui.main_window import MainWindow
    from ui.start import database_problem_dialog

    # Plain databases: this is about which URL is restored, not about unlocking either.
    default_db = init_db(paths.database_url(), encrypt=False)
    create_patient(default_db, PatientDetails("Default", "Only"), actor=None)
    default_db.dispose()
    assert default_db.sqlite_path is not None
    default_file = default_db.sqlite_path
    default_file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # damaged

    other_file = tmp_path / "other.sqlite3"
    other = init_db(f"sqlite:///{other_file}", encrypt=False)
    create_patient(other, PatientDetails("Kept", "Safe"), actor=None)
    good = backup.backup_to_file(other, tmp_path / "good.sqlite3").path
    create_patient(other, PatientDetails("After", "Backup"), actor=None)
    other.dispose()

    monkeypatch.setattr(
        database_problem_dialog,
        "ask_what_to_do",
        lambda error, url, **kwargs: f"sqlite:///{other_file}",
    )
    monkeypatch.setattr(database_problem_dialog, "choose_backup_file", lambda *a: good)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)

    context = AppContext.from_options()
    assert context.is_default_database
    db = app.open_database(context)
    assert db is not None and context.database_url == f"sqlite:///{other_file}"
    replaced: list[Database] = []
    gui = GuiContext(context, runner)  # type: ignore[arg-type]
    gui.databaseReplaced.connect(replaced.append)
    window = MainWindow(gui)
    qtbot.addWidget(window)
    window.restore_action.trigger()

    assert replaced and replaced[-1] is window.db is context.database()
    assert default_file.read_bytes()[16:20] == b"\xff" * 4  # the default was left alone
    with window.db.session() as session:
        names = set(session.scalars(select(Patient.first_name)))
    assert names == {"Kept"}
    assert actions(window.db)[-1] == "restore"
    assert window.db.sqlite_path == other_file
    window.close()
    context.close()


def test_settings_are_typed_with_their_defaults_declared_once(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    assert settings.backup_keep == DEFAULTS["backup_keep"]
    assert settings.idle_lock_minutes == DEFAULTS["idle_lock_minutes"]
    assert settings.backup_on_exit is True and settings.backup_folder == ""
    settings.set("backup_keep", 30)
    assert Settings(tmp_path / "settings.json").backup_keep == 30


def test_options_choose_the_folder_without_touching_the_environment(tmp_path: Path) -> None:
    import os

    before = dict(os.environ)
    context = AppContext.from_options(str(tmp_path / "elsewhere"), None)
    assert context.locations.data_dir == tmp_path / "elsewhere"
    assert context.database_url == f"sqlite:///{tmp_path / 'elsewhere' / 'chairside.sqlite3'}"
    assert context.settings.path == tmp_path / "elsewhere" / "settings.json"
    db = context.database()
    assert db.sqlite_path == tmp_path / "elsewhere" / "chairside.sqlite3"
    context.close()
    assert dict(os.environ) == before
    assert not paths.default_database_path().exists()  # the environment's folder is untouched


def test_cli_data_dir_option_reaches_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    folder = tmp_path / "clinic"
    assert main(["--data-dir", str(folder), "demo", "--patients", "2"]) == 0
    assert (folder / "chairside.sqlite3").exists()
    assert not paths.default_database_path().exists()


def test_the_clinic_template_lives_in_the_chosen_data_folder(tmp_path: Path) -> None:
    from assistant.aftercare import active_template_path, install_template_copy

    context = AppContext.from_options(str(tmp_path / "elsewhere"), None)
    folder = context.locations.templates_dir()
    copy = install_template_copy(folder)
    assert copy.parent == tmp_path / "elsewhere" / "templates"
    assert active_template_path(folder) == (copy, True)
    assert active_template_path()[1] is False  # nothing leaked into the default folder


def test_photos_and_the_verified_audit_point_follow_the_chosen_data_folder(
    tmp_path: Path,
) -> None:
    from assistant.audit import integrity
    from assistant.photos.storage import store_for

    context = AppContext.from_options(str(tmp_path / "elsewhere"), None)
    db = context.database()
    assert db.data_dir == tmp_path / "elsewhere"
    assert store_for(db).location("x").startswith(str(tmp_path / "elsewhere" / "photos"))
    integrity.startup_check(db)
    assert (tmp_path / "elsewhere" / integrity.ANCHOR_FILE).exists()
    assert not (paths.data_dir() / integrity.ANCHOR_FILE).exists()
    context.close()
