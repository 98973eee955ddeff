"""The patient page's session timeline and the recall dialog, driven through their widgets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant import reference
from assistant.sessions import amend_session, create_draft, list_sessions
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent
from ui.stock.recall_dialog import RecallDialog
from ui.tasks import TaskRunner
from ui.visit.timeline import SessionTimeline, SessionTimelineModel

LEFT = Qt.MouseButton.LeftButton


def cell(model: SessionTimelineModel, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_the_timeline_lists_sessions_and_opens_one(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner
) -> None:
    patient = next(p for p in range(1, 13) if len(list_sessions(demo_db, p)) >= 2)
    sessions = list_sessions(demo_db, patient)
    amend_session(
        demo_db, sessions[0].id, "notes", "Added later", "Note written after the visit", 1
    )
    draft_id = create_draft(demo_db, patient, 1)
    timeline = SessionTimeline(demo_db, runner, patient)
    qtbot.addWidget(timeline)
    with qtbot.waitSignal(timeline.loaded) as loaded:
        timeline.refresh()
    assert loaded.args == [len(sessions) + 1]
    model = timeline.model
    assert model.summary(0).id == draft_id  # newest first
    newest_signed = sessions[0]
    number, total = newest_signed.course_number, newest_signed.course_total
    assert number is not None and total is not None  # the demo history is a course
    course = f" · session {number + 1} of {total}" if number < total else ""
    assert cell(model, 0, model.STATE) == f"⚠ Draft, not signed{course}"
    assert cell(model, 1, model.STATE).startswith("Signed")
    assert newest_signed.deepest_depth_mm is not None
    deepest = reference.format_mm(newest_signed.deepest_depth_mm)
    assert cell(model, 1, model.DEEPEST) == f"{deepest} mm"
    product = newest_signed.products[0]
    assert f"{product.product_name} lot {product.lot_number}" in cell(model, 1, model.PRODUCTS)
    assert newest_signed.cartridge_lot in cell(model, 1, model.CARTRIDGE)
    assert cell(model, 1, model.AMENDMENTS) == "1"
    assert not timeline.empty_label.isVisible()
    with qtbot.waitSignal(timeline.sessionOpened) as opened:
        timeline.table.selectRow(1)
        qtbot.mouseClick(timeline.open_button, LEFT)
    assert opened.args == [newest_signed.id]


def test_an_empty_timeline_says_so(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    from tests.sessions_support import make_patient

    patient = make_patient(db)
    timeline = SessionTimeline(db, runner, patient)
    qtbot.addWidget(timeline)
    timeline.show()
    timeline.refresh()
    assert timeline.model.rowCount() == 0
    assert timeline.empty_label.isVisible() and not timeline.open_button.isEnabled()


def test_recall_dialog_searches_and_exports_csv(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = RecallDialog(demo_db, runner, actor=1)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.lot_edit, "dp16-2611a")
    qtbot.keyClick(dialog.lot_edit, Qt.Key.Key_Return)
    rows = dialog.model.rows()
    assert rows and all(r.matched.startswith("cartridge lot DP16-2611A") for r in rows)
    assert dialog.result_label.text().startswith("Lot dp16-2611a: ")
    assert dialog.export_button.isEnabled()

    target = tmp_path / "recall.csv"
    monkeypatch.setattr(dialog, "choose_export_path", lambda: str(target))
    qtbot.mouseClick(dialog.export_button, LEFT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert [int(r["session_id"]) for r in exported] == [r.session_id for r in rows]
    assert "Saved" in dialog.result_label.text()
    with demo_db.session() as session:
        (event,) = session.query(AuditEvent).filter(AuditEvent.action == "export").all()
        assert event.practitioner_id == 1 and event.changes["lot"] == "dp16-2611a"

    dialog.lot_edit.clear()
    qtbot.keyClicks(dialog.lot_edit, "NO-SUCH-LOT")
    qtbot.mouseClick(dialog.search_button, LEFT)
    assert dialog.model.rowCount() == 0
    assert dialog.result_label.text() == "No patient received lot NO-SUCH-LOT."
    assert not dialog.export_button.isEnabled()
    dialog.lot_edit.clear()
    qtbot.mouseClick(dialog.search_button, LEFT)
    assert dialog.result_label.text() == "⚠ Enter the lot number to search for."


def test_a_long_history_opens_with_the_latest_page_and_reads_older_ones_on_demand(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = max(range(1, 13), key=lambda p: len(list_sessions(demo_db, p)))
    everything = [s.id for s in list_sessions(demo_db, patient)]
    assert len(everything) >= 3
    assert [s.id for s in list_sessions(demo_db, patient, limit=2, offset=1)] == everything[1:3]
    monkeypatch.setattr(SessionTimeline, "PAGE", 2)
    timeline = SessionTimeline(demo_db, runner, patient)
    qtbot.addWidget(timeline)
    timeline.show()
    timeline.refresh()
    model = timeline.model
    assert [model.summary(r).id for r in range(model.rowCount())] == everything[:2]
    assert timeline.more_button.isVisible()
    while timeline.more_button.isVisible():
        qtbot.mouseClick(timeline.more_button, LEFT)
    assert [model.summary(r).id for r in range(model.rowCount())] == everything
    timeline.refresh()  # a session changed: the latest page again
    assert model.rowCount() == 2 and timeline.more_button.isVisible()


def test_scrolling_to_the_end_of_the_timeline_reads_the_next_page(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = max(range(1, 13), key=lambda p: len(list_sessions(demo_db, p)))
    total = len(list_sessions(demo_db, patient))
    monkeypatch.setattr(SessionTimeline, "PAGE", 3)
    timeline = SessionTimeline(demo_db, runner, patient)
    qtbot.addWidget(timeline)
    timeline.resize(700, 140)  # room for fewer rows than a page
    timeline.show()
    timeline.refresh()
    assert timeline.model.rowCount() == 3
    bar = timeline.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    assert timeline.model.rowCount() == min(6, total)


def test_the_recall_dialog_in_spanish_and_its_csv_in_english(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.text import i18n

    i18n.use_language("es")
    try:
        dialog = RecallDialog(demo_db, runner, actor=1)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.lot_edit, "DP16-2611A")
        qtbot.mouseClick(dialog.search_button, LEFT)
        model = dialog.model
        shown = [
            model.data(model.index(r, model.MATCHED), Qt.ItemDataRole.DisplayRole)
            for r in range(model.rowCount())
        ]
        assert shown and all(s.startswith("lote de cartucho DP16-2611A") for s in shown)
        target = tmp_path / "recall.csv"
        monkeypatch.setattr(dialog, "choose_export_path", lambda: str(target))
        qtbot.mouseClick(dialog.export_button, LEFT)
    finally:
        i18n.use_language("en")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert exported and all(r["matched"].startswith("cartridge lot DP16-2611A") for r in exported)
