"""Opening a database checks only what is quick whatever its size (the header's length and
the schema's pages); the whole file is checked off the window's thread once a day, and
damage it finds is shown with the advice to restore a backup."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from assistant.patients.store import PatientDetails, create_patient
from assistant.settings import Settings
from assistant.storage.db import Database, check_whole_file, init_db
from tests import keyed_sqlite as sqlite3
from ui import safekeeping
from ui.app_context import GuiContext
from ui.safekeeping import Safekeeping


def _damage_an_index(path: Path) -> None:
    """Garbage over the first page of an index: the schema stays readable."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_patient_sort_key'"
    ).fetchone()[0]
    page_size = int(con.execute("PRAGMA page_size").fetchone()[0])
    con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_the_whole_file_check_finds_damage_that_opening_does_not_look_for(
    db: Database,
) -> None:
    for number in range(300):
        create_patient(db, PatientDetails(f"Ann{number}", f"Lee{number}"), None)
    path = db.sqlite_path
    assert path is not None
    assert check_whole_file(path) == []
    db.dispose()
    _damage_an_index(path)
    problems = check_whole_file(path)
    assert problems and len(problems) <= 10
    reopened = init_db(f"sqlite:///{path}")  # bounded: the header and schema are sound
    reopened.dispose()


@pytest.fixture
def keeper(qtbot: QtBot, db: Database, runner: object) -> Safekeeping:
    parent = QWidget()
    qtbot.addWidget(parent)
    return Safekeeping(GuiContext.for_database(db, Settings(), runner), parent)  # type: ignore[arg-type]


def test_a_sound_file_is_checked_once_a_day(
    keeper: Safekeeping, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real = safekeeping.check_whole_file
    monkeypatch.setattr(safekeeping, "check_whole_file", lambda p: calls.append(p) or real(p))
    keeper.check_file(date(2026, 11, 25))
    keeper.check_file(date(2026, 11, 25))
    assert len(calls) == 1
    assert keeper.context.settings["file_checked_on"] == "2026-11-25"
    keeper.check_file(date(2026, 11, 26))
    assert len(calls) == 2


def test_damage_found_in_the_background_is_shown_with_the_advice(
    keeper: Safekeeping, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Any] = []
    monkeypatch.setattr(safekeeping, "check_whole_file", lambda p: ["Page 42: btreeInitPage"])
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a))
    keeper.check_file(date(2026, 11, 25))
    assert len(shown) == 1
    assert "Page 42" in shown[0][2] and "restore a backup" in shown[0][2]
    assert keeper.context.settings["file_checked_on"] == ""  # checked again next time
