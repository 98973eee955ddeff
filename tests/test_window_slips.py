"""Small things a new user met in the main window, each fixed and kept fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.patients.store import PatientDetails, create_patient
from assistant.settings import Settings
from assistant.storage.db import Database
from ui.app_context import GuiContext
from ui.main_window import MainWindow


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, runner: object, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(GuiContext.for_database(db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show()
    return win


def test_no_patient_stays_highlighted_while_the_new_patient_form_is_open(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    for first in ("Ana", "Bea"):
        create_patient(db, PatientDetails(first, "Silva"), actor=None)
    window.patient_list.refresh()
    window.patient_list.table.selectRow(1)
    assert window.patient_list.table.selectionModel().hasSelection()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.patient_form
    assert not window.patient_list.table.selectionModel().hasSelection()
    assert not window.patient_list.table.currentIndex().isValid()


def test_the_first_practitioner_dialog_fits_its_hints_and_says_pin_or_password(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    from ui.start.first_practitioner_dialog import FirstPractitionerDialog

    dialog = FirstPractitionerDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.findChild(QFormLayout)
    assert form is not None
    labels = [
        form.labelForField(field).text()  # type: ignore[union-attr]
        for field in (dialog.pin, dialog.repeat)
    ]
    assert labels == ["&PIN or password", "PIN or password &again"]
    assert dialog.repeat.accessibleName() == "PIN or password again"
    # the placeholder shows whole, and the introduction needs no more than four lines
    field = dialog.credentials
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.width() >= needed + 8
    intro = dialog.findChildren(QLabel)[0]
    assert intro.height() <= 4 * intro.fontMetrics().lineSpacing() + 8
    dialog.grab().save(str(tmp_path / "first-practitioner.png"))


def test_saving_the_aftercare_pdf_is_audited_and_stamped_like_printing(
    qtbot: QtBot, demo_db: Database, runner: object, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from PySide6.QtWidgets import QDialog
    from sqlalchemy import select

    from assistant.patients.store import get_patient
    from assistant.sessions import get_session
    from assistant.storage.models import AuditEvent, TreatmentSession
    from ui.visit.aftercare_dialog import AftercarePreviewDialog, default_file_name

    with demo_db.session() as session:
        row = session.scalars(
            select(TreatmentSession).where(TreatmentSession.state == "signed").limit(1)
        ).one()
        session_id, patient_id = row.id, row.patient_id
    assert get_session(demo_db, session_id).aftercare_printed_at is None
    name = get_patient(demo_db, patient_id).display_name
    win = MainWindow(GuiContext.for_database(demo_db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    offered: list[str] = []

    def fake_exec(dialog: QDialog) -> int:
        assert isinstance(dialog, AftercarePreviewDialog)
        offered.append(default_file_name(dialog.sheet))
        dialog.ask_save_path = lambda: tmp_path / offered[0]  # type: ignore[method-assign]
        assert dialog.save_pdf() is not None
        return 1

    monkeypatch.setattr(AftercarePreviewDialog, "exec", fake_exec)
    win.show_aftercare(session_id)
    qtbot.waitUntil(lambda: bool(offered))
    record = get_session(demo_db, session_id)
    day = record.draft.treated_at.date().isoformat()
    assert offered == ["-".join(["aftercare", *name.split(), day]) + ".pdf"]
    assert (tmp_path / offered[0]).read_bytes().startswith(b"%PDF")
    assert record.aftercare_printed_at is not None
    with demo_db.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == session_id).order_by(
                AuditEvent.id.desc()
            )
        ).first()
        assert event is not None
        assert (event.action, event.patient_id) == ("export", patient_id)
        assert event.summary == (
            f"Saved the aftercare sheet for session {session_id} as {offered[0]}"
        )


def test_the_backup_banner_is_quiet_on_an_empty_new_database(
    qtbot: QtBot, window: MainWindow
) -> None:
    from ui.audit.backup_banner import BackupBanner
    from ui.audit.integrity_banner import IntegrityBanner
    from ui.banner import Banner

    banner = window.safekeeping.banner
    assert isinstance(banner, Banner) and isinstance(window.safekeeping.integrity_banner, Banner)
    assert issubclass(BackupBanner, Banner) and issubclass(IntegrityBanner, Banner)
    assert banner.isHidden()  # nothing to back up yet
    window.new_patient()
    form = window.patient_form
    form.first_name.insert("Ana")
    form.last_name.insert("Silva")
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    assert not banner.isHidden()  # the first record: now a backup matters
    assert banner.text.text() == "No backup has been made yet."
