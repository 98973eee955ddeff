"""The session screens driven as a practitioner drives them: checklist → session → signed,
autosave (and what happens when it fails), resuming a draft, amending a signed record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from assistant.errors import DatabaseUnavailable
from assistant.sessions import create_draft, get_session, unfinished_drafts
from assistant.settings import Settings
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent
from tests.checklist_support import answer_everything
from ui.session_form import SessionForm
from ui.tasks import TaskRunner
from ui.visit.workflow import SessionWorkflow

LEFT = Qt.MouseButton.LeftButton
PATIENT = 1
PRACTITIONER = 1


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    values = Settings(tmp_path / "settings.json")
    values.set("autosave_seconds", 0)
    return values


def replace_text(qtbot: QtBot, widget: object, text: str) -> None:
    """Select what the field holds and type over it, as a practitioner does."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick the item containing ``text`` with the arrow keys, as from the keyboard."""
    target = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setFocus()
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        before = combo.currentIndex()
        qtbot.keyClick(combo, key)
        assert combo.currentIndex() != before, "the combo box did not move"


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (its row may be wider than the box and its label)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def open_workflow(
    qtbot: QtBot, db: Database, runner: TaskRunner, settings: Settings, **kwargs: object
) -> SessionWorkflow:
    workflow = SessionWorkflow(db, runner, settings, PATIENT, PRACTITIONER, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(workflow)
    workflow.resize(1280, 800)
    workflow.show()
    return workflow


def fill_and_save(qtbot: QtBot, form: SessionForm) -> None:
    choose(qtbot, form.device_box, "Dermapen 4")
    choose(qtbot, form.cartridge_box, "lot DP16-2611A")
    # the consent state comes from the patient's consent records, not from a tick
    qtbot.waitUntil(lambda: form.consent_watch.answered, timeout=5000)
    form.select_zone(0)
    replace_text(qtbot, form.depth_spin, "1.5")
    replace_text(qtbot, form.passes_spin, "3")
    qtbot.keyClicks(form.speed_edit, "8")
    choose(qtbot, form.zone_choice, "Forehead")
    qtbot.mouseClick(form.add_zone_button, LEFT)
    replace_text(qtbot, form.depth_spin, "0.7")  # a setting of the Dermapen 4 (0.1 mm steps)
    qtbot.keyClicks(form.notes_edit, "Tolerated well; mild erythema.")
    replace_text(qtbot, form.tolerance_spin, "3")
    qtbot.waitUntil(lambda: form.status_text().startswith("Saved "), timeout=5000)


def test_checklist_then_session_then_signed(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workflow = open_workflow(qtbot, demo_db, runner, settings)
    assert workflow.checklist_page is not None
    tick(qtbot, workflow.zone_checks["cheeks"])
    page = workflow.checklist_page
    assert page is not None and not page.continue_button.isEnabled()  # nothing asked yet
    answer_everything(page)  # every question asked: the patient has nothing to report
    assert page.continue_button.isEnabled()
    with qtbot.waitSignal(workflow.sessionCreated) as created:
        qtbot.mouseClick(page.continue_button, LEFT)
    session_id = created.args[0]
    form = workflow.form
    assert form is not None and form.session_id == session_id
    assert [z.zone for z in form.zone_model.entries()] == ["cheeks"]  # the planned zone
    assert get_session(demo_db, session_id).draft.assessment_id is not None

    fill_and_save(qtbot, form)
    stored = get_session(demo_db, session_id)
    assert stored.state == "draft"
    assert [(z.zone, z.depth_mm, z.passes) for z in stored.draft.zones] == [
        ("cheeks", 1.5, 3),
        ("forehead", 0.7, 1),
    ]
    assert stored.draft.zones[0].speed == "8"
    assert stored.draft.cartridge_lot == "DP16-2611A"
    assert stored.draft.notes == "Tolerated well; mild erythema."
    assert stored.draft.tolerance == 3
    assert stored.draft.next_session_date is not None
    assert stored.draft.interval_weeks == 4
    assert any("Forehead: 0.7 mm is above" in text for text in form.warning_texts())

    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(form.signed):
        qtbot.mouseClick(form.sign_button, LEFT)
    signed = get_session(demo_db, session_id)
    assert signed.state == "signed" and signed.signed_by_id == PRACTITIONER
    assert "zone_depth" in [w.code for w in signed.warnings]
    assert form.is_read_only()
    assert form.notes_edit.isReadOnly() and not form.depth_spin.isEnabled()
    assert not form.sign_button.isVisible() and form.amend_button.isVisible()
    assert form.signed_banner.isVisible()
    qtbot.keyClicks(form.notes_edit, "typed after signing")
    assert form.notes_edit.toPlainText() == "Tolerated well; mild erythema."
    with qtbot.waitSignal(workflow.aftercareRequested) as aftercare:
        qtbot.mouseClick(workflow.aftercare_button, LEFT)
    assert aftercare.args == [session_id]


def test_signing_refuses_an_incomplete_record_in_place(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_workflow(qtbot, demo_db, runner, settings, session_id=session_id)
    form = workflow.form
    assert form is not None
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(form.sign_button, LEFT)
    assert "Add at least one treated zone." in form.action_error.text()
    assert get_session(demo_db, session_id).state == "draft"
    assert not form.is_read_only()


def test_a_failed_save_keeps_the_draft_on_screen(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_workflow(qtbot, demo_db, runner, settings, session_id=session_id)
    form = workflow.form
    assert form is not None

    def disk_full(*_args: object) -> None:
        raise DatabaseUnavailable(
            "The disk is full, so the change was not saved.",
            "Free some space; what you typed is kept on screen.",
        )

    monkeypatch.setattr("ui.session_form.save_draft", disk_full)
    qtbot.keyClicks(form.notes_edit, "Important note")
    qtbot.waitUntil(lambda: form.status_text().startswith("Not saved"), timeout=5000)
    assert "The disk is full" in form.status_text()
    assert "kept on screen" in form.status_text()
    assert form.is_dirty() and form.notes_edit.toPlainText() == "Important note"
    assert get_session(demo_db, session_id).draft.notes == ""

    monkeypatch.undo()
    assert form.flush()
    assert form.status_text().startswith("Saved ")
    assert get_session(demo_db, session_id).draft.notes == "Important note"


def test_an_unfinished_draft_reopens_as_it_was_left(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, settings: Settings
) -> None:
    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    first = open_workflow(qtbot, demo_db, runner, settings, session_id=session_id)
    assert first.form is not None
    choose(qtbot, first.form.zone_choice, "Neck")
    qtbot.mouseClick(first.form.add_zone_button, LEFT)
    qtbot.keyClicks(first.form.reactions_edit, "slight redness")
    first.close()  # the screen closes: nothing typed is lost
    assert [d.session_id for d in unfinished_drafts(demo_db)] == [session_id]

    again = open_workflow(qtbot, demo_db, runner, settings, session_id=session_id)
    assert again.form is not None
    assert [z.zone for z in again.form.zone_model.entries()] == ["neck"]
    assert again.form.reactions_edit.toPlainText() == "slight redness"


def test_amending_a_signed_record_from_the_form(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workflow = open_workflow(qtbot, demo_db, runner, settings)
    tick(qtbot, workflow.zone_checks["cheeks"])
    assert workflow.checklist_page is not None
    answer_everything(workflow.checklist_page)
    qtbot.mouseClick(workflow.checklist_page.continue_button, LEFT)
    form = workflow.form
    assert form is not None
    fill_and_save(qtbot, form)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(form.sign_button, LEFT)
    assert form.is_read_only()

    with qtbot.waitSignal(form.amended):
        form.amend_field("zones[0].depth_mm", "1.25", "Pen display misread at the chair")
    assert "1.5 → 1.25" in form.amendments_label.text()
    assert "Pen display misread at the chair" in form.amendments_label.text()
    depth = form.zone_model.data(form.zone_model.index(0, form.zone_model.DEPTH))
    assert depth == "1.5 → 1.25 (amended)"
    record = get_session(demo_db, form.session_id)
    assert record.draft.zones[0].depth_mm == 1.5 and record.effective.zones[0].depth_mm == 1.25
    with demo_db.session() as session:
        amends = session.query(AuditEvent).filter(AuditEvent.action == "amend").all()
        assert [a.entity_id for a in amends] == [form.session_id]


def test_autosave_runs_on_a_worker_thread(
    qtbot: QtBot, demo_db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from PySide6.QtCore import QThreadPool

    import ui.session_form

    pool = QThreadPool()
    runner = TaskRunner(pool)
    threads: list[str] = []
    real_save = ui.session_form.save_draft

    def recording_save(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real_save(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ui.session_form, "save_draft", recording_save)
    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_workflow(qtbot, demo_db, runner, settings, session_id=session_id)
    qtbot.waitUntil(lambda: workflow.form is not None)
    form = workflow.form
    assert form is not None
    qtbot.keyClicks(form.notes_edit, "Typed while the pen is set up")
    qtbot.waitUntil(lambda: form.status_text().startswith("Saved "), timeout=5000)
    assert threads and threading.main_thread().name not in threads
    assert get_session(demo_db, session_id).draft.notes == "Typed while the pen is set up"
    assert pool.waitForDone(5000)


def test_a_draft_saved_elsewhere_meanwhile_is_compared_not_overwritten(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from assistant.sessions import save_draft
    from assistant.sessions.record import SessionDraft

    session_id = create_draft(demo_db, PATIENT, PRACTITIONER)
    workflow = open_workflow(qtbot, demo_db, runner, settings, session_id=session_id)
    form = workflow.form
    assert form is not None
    elsewhere = get_session(demo_db, session_id)
    save_draft(
        demo_db, session_id, replace(elsewhere.draft, reactions="Mild erythema"), None,
        elsewhere.version,
    )  # fmt: skip
    compared: list[tuple[SessionDraft, SessionDraft]] = []

    def merge(self: SessionForm, mine: SessionDraft, theirs: SessionDraft) -> SessionDraft:
        compared.append((mine, theirs))
        return replace(theirs, notes=mine.notes)

    monkeypatch.setattr(SessionForm, "choose_between_drafts", merge)
    qtbot.keyClicks(form.notes_edit, "Typed at the chair")
    qtbot.waitUntil(lambda: bool(compared), timeout=5000)
    mine, theirs = compared[0]
    assert (mine.notes, theirs.reactions) == ("Typed at the chair", "Mild erythema")
    assert form.flush()
    saved = get_session(demo_db, session_id).draft
    assert (saved.notes, saved.reactions) == ("Typed at the chair", "Mild erythema")
