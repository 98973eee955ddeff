"""The window keeps demo data apart: a demo database says DEMO in the title, and the
first-start offer builds a demo clinic in a folder of its own and opens it in its own window,
leaving the new clinic's database empty."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant import paths
from assistant.demo.clinic import is_demo_database
from assistant.patients.store import count_patients
from assistant.settings import Settings
from assistant.storage.db import Database, init_db
from assistant.storage.places import describe_database
from ui.app_context import GuiContext
from ui.main_window import MainWindow
from ui.start.demo_offer import DemoOffer


def _window(qtbot: QtBot, db: Database, runner: object) -> MainWindow:
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    return win


def test_a_demo_database_says_demo_in_the_title(
    qtbot: QtBot, demo_db: Database, runner: object
) -> None:
    assert "DEMO" in _window(qtbot, demo_db, runner).windowTitle()


def test_a_real_database_does_not(qtbot: QtBot, db: Database, runner: object) -> None:
    window = _window(qtbot, db, runner)
    assert window.windowTitle() == "Chairside"
    # the status bar names the database's place in words, not its URL
    message = window.statusBar().currentMessage()
    assert message.startswith("Local database in ")
    assert "sqlite" not in message


def test_the_first_start_offer_opens_a_separate_demo_folder(
    qtbot: QtBot, db: Database, runner: object, tmp_path: Path
) -> None:
    launched: list[Path] = []
    window = _window(qtbot, db, runner)
    data_dir = paths.data_dir()
    offer = DemoOffer(
        window,
        runner,
        data_dir,
        launch=lambda folder: launched.append(folder) or True,  # type: ignore[arg-type, func-returns-value]
    )
    assert offer.folder.parent == data_dir.parent and offer.folder != data_dir
    assert "2468" in offer.question_text()
    offer.open_demo()
    assert launched == [offer.folder]
    assert count_patients(db) == 0  # the new clinic's database stays empty
    assert not is_demo_database(db)
    demo = init_db(f"sqlite:///{offer.folder / paths.default_database_path().name}")
    try:
        assert count_patients(demo) == 60
        assert is_demo_database(demo)
    finally:
        demo.dispose()
    offer.open_demo()  # a second time opens the same demo clinic, adding nothing
    assert launched == [offer.folder, offer.folder]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"sqlite:///{Path.home()}/.local/share/Chairside/chairside.sqlite3",
         "Local database in ~/.local/share/Chairside"),
        ("sqlite:////srv/clinic/chairside.sqlite3", "Local database in /srv/clinic"),
        ("postgresql+psycopg://nurse:secret@db.example:5432/clinic",
         "Clinic server db.example on PostgreSQL"),
        ("postgresql://localhost/clinic", "Clinic server localhost on PostgreSQL"),
    ],
)  # fmt: skip
def test_the_database_place_in_words(url: str, words: str) -> None:
    assert describe_database(url) == words
    assert "secret" not in describe_database(url)
