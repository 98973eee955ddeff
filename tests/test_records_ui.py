"""The records screens: the audit table model (no window), the audit screen's filters,
signing in, the first practitioner, the lock screen with the idle watcher, the
database-problem dialog and the backup banner and settings page."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant import paths
from assistant.access import auth
from assistant.audit import trail as audit
from assistant.clinic.store import PractitionerInfo
from assistant.errors import DatabaseUnavailable
from assistant.patients.store import PatientDetails, create_patient, update_patient
from assistant.settings import Settings
from assistant.storage import backup
from assistant.storage.db import Database, init_db
from assistant.storage.models import AuditEvent
from tests.encryption_support import TEST_KEY
from ui.access.idle_watcher import IdleWatcher
from ui.access.lock_screen import LockScreen
from ui.access.login_dialog import LoginDialog
from ui.audit.backup_banner import BackupBanner
from ui.audit.table_model import AuditFilter, AuditTableModel
from ui.audit.view import AuditView
from ui.settings.backup_page import BackupSettingsPage
from ui.start.database_problem_dialog import Choice, DatabaseProblemDialog, ask_what_to_do
from ui.start.first_practitioner_dialog import FirstPractitionerDialog


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def naomi(db: Database) -> PractitionerInfo:
    return auth.create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", "4821")


def add_events(db: Database, count: int, **extra: object) -> None:
    with db.session() as session:
        for n in range(count):
            audit.record(
                session,
                "print",
                "treatment_session",
                n,
                actor=None,
                summary=f"Printed sheet {n}",
                **extra,
            )  # type: ignore[arg-type]


# -- the audit table model (no window) ---------------------------------------------------------


def test_audit_model_lists_newest_first_and_fetches_lazily(db: Database) -> None:
    add_events(db, 450)
    model = AuditTableModel(db)
    assert model.rowCount() == AuditTableModel.BATCH == 200
    assert model.columnCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["When", "Who", "Action", "Record", "Patient", "What"]
    first = model.index(0, 5)
    assert model.data(first) == "Printed sheet 449"
    assert model.data(model.index(0, 2)) == "Printed"
    assert model.data(model.index(0, 3)) == "Treatment session"  # words, not a table name
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert model.data(model.index(449, 5)) == "Printed sheet 0"


def test_audit_model_shows_who_and_changes_in_the_tooltip(
    db: Database, naomi: PractitionerInfo
) -> None:
    patient = create_patient(db, PatientDetails("Ada", "Lovelace"), actor=naomi.id)
    update_patient(db, patient.id, PatientDetails("Ada", "King"), actor=naomi.id)
    model = AuditTableModel(db)
    model.set_filter(AuditFilter(patient_id=patient.id))
    assert [model.data(model.index(r, 2)) for r in range(model.rowCount())] == [
        "Changed",
        "Created",
    ]
    assert model.data(model.index(0, 1)) == "Dr Naomi Clarke"
    assert model.data(model.index(0, 4)) == "Ada King"  # the patient's name, not an id
    assert model.data(model.index(0, 3)) == "Patient"
    assert model.data(model.index(0, 5)) == "Changed last name of Ada King"
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Fields: last name" in tip and "Workstation: " in tip
    # The stored entry names the fields only: the values live in the patient history, and
    # the name shown is read from the patient's record as it is now.
    stored = model.entry(0)
    assert "King" not in stored.summary + str(stored.changes)
    assert "Lovelace" not in tip
    model.set_filter(AuditFilter(action="login"))
    assert model.rowCount() == 0


# -- the audit screen --------------------------------------------------------------------------


def test_audit_view_filters(qtbot: QtBot, db: Database, naomi: PractitionerInfo) -> None:
    auth.verify_login(db, naomi.id, "4821")
    patient = create_patient(db, PatientDetails("Ada", "Lovelace"), actor=naomi.id)
    add_events(db, 3)
    view = AuditView(db)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 6
    assert view.count.text() == "6 entries"

    view.action.setCurrentIndex(view.action.findData("login"))
    assert view.model.rowCount() == 1 and view.model.entry(0).action == "login"
    view.action.setCurrentIndex(0)

    view.practitioner.setCurrentIndex(view.practitioner.findData(naomi.id))
    assert {view.model.entry(r).practitioner_id for r in range(view.model.rowCount())} == {naomi.id}
    view.practitioner.setCurrentIndex(0)

    qtbot.keyClicks(view.text, "sheet 1")
    view.apply_filters()
    assert [view.model.entry(r).summary for r in range(view.model.rowCount())] == [
        "Printed sheet 1"
    ]
    view.text.clear()

    view.show_patient(patient.id)
    assert [view.model.entry(r).action for r in range(view.model.rowCount())] == ["create"]
    with qtbot.waitSignal(view.patientRequested) as requested:
        view.table.doubleClicked.emit(view.model.index(0, 0))
    assert requested.args == [patient.id]
    view.patient.clear()
    qtbot.keyClicks(view.patient, patient.details.last_name[:4])  # the patient list's search
    view.apply_filters()
    assert {view.model.entry(r).patient_id for r in range(view.model.rowCount())} == {patient.id}
    view.patient.clear()
    qtbot.keyClicks(view.patient, "zzzz-nobody")
    view.apply_filters()
    assert view.model.rowCount() == 0
    view.patient.clear()  # nothing typed: every patient
    view.apply_filters()

    view.use_dates.setChecked(True)
    assert view.model.rowCount() == 6  # the last 30 days, today included
    view.until.setDate(QDate.currentDate().addDays(-2))
    assert view.model.rowCount() == 0


# -- signing in --------------------------------------------------------------------------------


def test_sign_in_with_the_right_pin(qtbot: QtBot, db: Database, naomi: PractitionerInfo) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.pin.echoMode() == dialog.pin.EchoMode.Password
    assert dialog.who.currentText() == "Dr Naomi Clarke"
    qtbot.keyClicks(dialog.pin, "4821")
    qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.practitioner is not None and dialog.practitioner.id == naomi.id


def test_wrong_pins_show_the_wait_and_block_the_button(
    qtbot: QtBot, db: Database, naomi: PractitionerInfo
) -> None:
    clock = FakeClock()
    dialog = LoginDialog(db, clock=clock)
    qtbot.addWidget(dialog)
    for _ in range(2):
        qtbot.keyClicks(dialog.pin, "1111")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        assert dialog.message.text() == "That PIN is not right."
        assert dialog.pin.text() == ""
    qtbot.keyClicks(dialog.pin, "2222")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.message.text() == (
        "That PIN is not right. After several wrong tries, wait 1 s before trying again."
    )
    assert not dialog.sign_in.isEnabled()
    clock.now += timedelta(seconds=1)
    dialog.checker.timer.timeout.emit()  # the countdown's next tick
    assert dialog.sign_in.isEnabled()
    assert dialog.message.text() == "You can try again now."
    qtbot.keyClicks(dialog.pin, "4821")
    qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert dialog.practitioner is not None


def test_a_wait_left_from_earlier_is_shown_when_the_dialog_opens(
    qtbot: QtBot, db: Database, naomi: PractitionerInfo
) -> None:
    clock = FakeClock()
    for _ in range(4):
        with pytest.raises(auth.LoginRefused):
            auth.verify_login(db, naomi.id, "0101", clock=clock)
            clock.now += timedelta(seconds=10)
        clock.now += timedelta(seconds=10)
    clock.now -= timedelta(seconds=10)
    dialog = LoginDialog(db, clock=clock)
    qtbot.addWidget(dialog)
    assert not dialog.sign_in.isEnabled()
    assert dialog.message.text() == "After several wrong tries, wait 2 s before trying again."


def test_first_practitioner_dialog(qtbot: QtBot, db: Database) -> None:
    assert auth.needs_first_practitioner(db)
    dialog = FirstPractitionerDialog(db)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Dr Naomi Clarke")
    qtbot.keyClicks(dialog.pin, "12")
    qtbot.keyClicks(dialog.repeat, "12")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "A PIN needs at least 4 digits."
    dialog.pin.setText("4821")
    dialog.repeat.setText("4812")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The two entries are not the same."
    dialog.repeat.setText("4821")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.practitioner is not None and dialog.practitioner.name == "Dr Naomi Clarke"
    assert not auth.needs_first_practitioner(db)


# -- locking -----------------------------------------------------------------------------------


def test_idle_watcher_counts_input_anywhere_and_locks_once(qtbot: QtBot) -> None:
    now = [0.0]
    lock = auth.IdleLock(minutes=5, clock=lambda: now[0])
    watcher = IdleWatcher(lock)
    editor = QTextEdit()
    qtbot.addWidget(editor)
    watcher.start()
    try:
        now[0] = 299
        qtbot.keyClick(editor, Qt.Key.Key_A)  # a key press anywhere in the application
        now[0] = 598
        watcher.check()
        with qtbot.assertNotEmitted(watcher.idle):
            watcher.check()
        click = QMouseEvent(
            QEvent.Type.MouseButtonPress,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(editor, click)
        now[0] = 598 + 300
        with qtbot.waitSignal(watcher.idle, timeout=100):
            watcher.check()
        with qtbot.assertNotEmitted(watcher.idle):
            watcher.check()  # only once until unlocked
        watcher.resume()
        assert not lock.should_lock()
    finally:
        watcher.stop()


def test_lock_screen_hides_the_window_and_unlocks_with_the_same_pin(
    qtbot: QtBot, db: Database, naomi: PractitionerInfo
) -> None:
    window = QMainWindow()
    secret = QTextEdit("Patient notes")
    window.setCentralWidget(secret)
    triggered = []
    action = QAction("New patient", window)
    action.setShortcut("Ctrl+N")
    action.triggered.connect(lambda: triggered.append(True))
    window.addAction(action)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)

    screen = LockScreen(db, naomi, parent=window)
    screen.cover()
    auth.record_lock(db, naomi.id)
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert "Dr Naomi Clarke" in screen.who.text()
    # Typing aimed at the window underneath goes nowhere; menu shortcuts do not fire.
    QApplication.sendEvent(
        secret, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x")
    )
    assert secret.toPlainText() == "Patient notes"
    qtbot.keyClick(screen.pin, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert triggered == []

    qtbot.keyClicks(screen.pin, "9999")
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert screen.message.text() == "That PIN is not right."
    assert screen.isVisible()
    qtbot.keyClicks(screen.pin, "4821")
    with qtbot.waitSignal(screen.unlocked) as unlocked:
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert unlocked.args[0].id == naomi.id
    assert not screen.isVisible()
    with db.session() as session:
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-3:] == ["lock", "login_failed", "login"]
    window.resize(900, 700)  # after unlocking the screen no longer follows the window


# -- database problems -------------------------------------------------------------------------


def test_database_problem_dialog_shows_the_message_and_returns_the_choice(qtbot: QtBot) -> None:
    error = DatabaseUnavailable("The database file is damaged.", "Restore a backup.")
    dialog = DatabaseProblemDialog(error, "sqlite:///x.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.reason.text() == "<b>The database file is damaged.</b>"
    assert dialog.advice.text() == "Restore a backup."
    assert dialog.retry_button.isHidden()
    for button, choice in (
        (dialog.open_button, Choice.OPEN_ANOTHER),
        (dialog.restore_button, Choice.RESTORE),
        (dialog.quit_button, Choice.QUIT),
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.choice == choice
    locked = DatabaseProblemDialog(
        DatabaseUnavailable("The database is locked by another program or workstation.")
    )
    qtbot.addWidget(locked)
    assert not locked.retry_button.isHidden()


def test_ask_what_to_do_opens_another_or_quits() -> None:
    error = DatabaseUnavailable("The database file is damaged.")
    answers = iter([Choice.OPEN_ANOTHER, Choice.QUIT])
    assert (
        ask_what_to_do(
            error, "sqlite:///a", ask=lambda e, u: next(answers), choose_database=lambda: None
        )
        is None
    )  # the file dialog was cancelled, then Quit
    assert (
        ask_what_to_do(
            error,
            "sqlite:///a",
            ask=lambda e, u: Choice.OPEN_ANOTHER,
            choose_database=lambda: Path("/clinic/other.sqlite3"),
        )
        == "sqlite:////clinic/other.sqlite3"
    )


def test_restoring_from_the_problem_dialog_repairs_a_damaged_database(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_patient(db, PatientDetails("Safe", "Copy"), actor=None)
    good = backup.backup_to_file(db, tmp_path / "good.sqlite3").path
    assert db.sqlite_path is not None
    live = db.sqlite_path
    db.dispose()
    for side in ("-wal", "-shm"):
        live.with_name(live.name + side).unlink(missing_ok=True)
    live.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(DatabaseUnavailable) as caught:
        init_db(paths.database_url())

    shown: list[str] = []
    from ui.start import database_problem_dialog

    monkeypatch.setattr(
        database_problem_dialog.QMessageBox,
        "information",
        lambda parent, title, text: shown.append(text),
    )
    url = ask_what_to_do(
        caught.value,
        paths.database_url(),
        ask=lambda e, u: Choice.RESTORE,
        choose_backup=lambda: good,
        key=TEST_KEY,  # the clinic's key, as its unlock hands it on
    )
    assert url == paths.database_url()
    assert shown and shown[0].startswith("Restored the database from good.sqlite3.")
    reopened = init_db(url, key=TEST_KEY)
    try:
        with reopened.session() as session:
            last = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()[-1]
            assert last == "restore"
    finally:
        reopened.dispose()


# -- backups -----------------------------------------------------------------------------------


def test_backup_banner_warns_after_seven_days(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    banner = BackupBanner()
    qtbot.addWidget(banner)
    now = datetime(2026, 11, 25, 12, 0)
    banner.update_from(settings, now)
    assert not banner.isHidden() and banner.text.text() == "No backup has been made yet."
    assert banner.icon.pixmap() is not None and not banner.icon.pixmap().isNull()
    settings.set("last_backup_at", (now - timedelta(days=3)).isoformat())
    banner.update_from(settings, now)
    assert banner.isHidden()
    settings.set("last_backup_at", (now - timedelta(days=9)).isoformat())
    banner.update_from(settings, now)
    assert not banner.isHidden() and banner.text.text() == "No backup for 9 days."
    banner.update_from(settings, now, has_records=False)  # overdue is overdue, records or not
    assert not banner.isHidden()
    settings.set("last_backup_at", None)
    banner.update_from(settings, now, has_records=False)  # an empty new database: quiet
    assert banner.isHidden()
    banner.update_from(settings, now, has_records=True)
    assert not banner.isHidden()
    with qtbot.waitSignal(banner.backupRequested):
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)


def test_backup_settings_page_shows_the_last_backup_and_saves(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    page = BackupSettingsPage(settings)
    qtbot.addWidget(page)
    assert page.last.text() == "None yet on this workstation"
    assert page.idle_minutes.value() == 5 and page.keep.value() == 14
    settings.set("last_backup_at", "2026-11-23T18:30:00")
    page.show_last_backup(datetime(2026, 11, 25, 9, 0))
    assert page.last.text() == "23 Nov 2026 18:30 (1 day ago)"
    page.folder.setText(str(tmp_path / "nas"))
    page.keep.setValue(30)
    page.idle_minutes.setValue(10)
    page.save()
    stored = Settings(tmp_path / "settings.json")
    assert (stored["backup_folder"], stored["backup_keep"], stored["idle_lock_minutes"]) == (
        str(tmp_path / "nas"),
        30,
        10,
    )
    with qtbot.waitSignal(page.restoreRequested):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)


# -- start-up ----------------------------------------------------------------------------------


def test_start_up_asks_for_the_first_practitioner_then_for_a_pin(
    qtbot: QtBot, db: Database
) -> None:
    from PySide6.QtCore import QTimer

    from ui.app import sign_in

    def fill_first() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstPractitionerDialog)
        dialog.name.setText("Dr Naomi Clarke")
        dialog.pin.setText("4821")
        dialog.repeat.setText("4821")
        dialog.create_button.click()

    QTimer.singleShot(0, fill_first)
    first = sign_in(db)
    assert first is not None and first.name == "Dr Naomi Clarke"

    def fill_login() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.pin.setText("4821")
        dialog.sign_in.click()

    QTimer.singleShot(0, fill_login)
    again = sign_in(db)
    assert again is not None and again.id == first.id

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.reject()

    QTimer.singleShot(0, close)
    assert sign_in(db) is None


def test_audit_view_columns_are_not_cut_off(qtbot: QtBot, db: Database) -> None:
    """Every column shown holds its heading and its cells whole; one that does not fit
    steps aside, and the selected entry is told in full below the table."""
    from assistant.demo.clinic import load_demo_data
    from tools.screen_checks import cut_table_text, sideways_scrolling

    load_demo_data(db, patients=3)
    view = AuditView(db)
    qtbot.addWidget(view)
    for width in (1280, 900):
        view.resize(width, 800)
        view.show()
        qtbot.wait(10)
        assert cut_table_text(view) == []
        assert sideways_scrolling(view) == []
    view.table.selectRow(0)
    assert view.details.text()
