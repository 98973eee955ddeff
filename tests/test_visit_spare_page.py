"""Starting a visit uses a visit screen built ahead (``ui.visit.spare``) and fills its
checklist page: nothing of one patient's visit may show on the next one's. Every question
starts unanswered (not "no"), with no verdict, no override or reason, no "why", no
patient's answers of another, the questions scrolled to the top, and only this patient's
last answers on offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assistant.checklist import PatientFacts, default_checklist
from assistant.patients.store import PatientDetails, create_patient
from assistant.sessions import last_assessment_answers
from assistant.storage.db import Database
from tests.checklist_support import answer_everything
from tests.visit_support import open_demo_window
from ui.checklist.page import ChecklistPage
from ui.checklist.rows import usable_previous
from ui.main_window import MainWindow
from ui.visit.workflow import SessionWorkflow

A, B = 1, 2


@pytest.fixture
def window(
    qtbot: QtBot,
    demo_db: Database,
    runner: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    win = open_demo_window(qtbot, demo_db, runner, tmp_path / "settings.json", monkeypatch)
    assert isinstance(win, MainWindow)
    return win


def start(qtbot: QtBot, window: MainWindow, patient_id: int) -> ChecklistPage:
    window.show_patient(patient_id)
    window.start_session(patient_id)
    assert window.workflow is not None and window.workflow.patient_id == patient_id
    page = window.workflow.checklist_page
    assert page is not None and page.isVisible()
    return page


def answer_all_and_override(qtbot: QtBot, window: MainWindow, page: ChecklistPage) -> None:
    """Everything a practitioner can leave on a page: answers (a deferral among them), the
    override and its reason, a rule's sources, the questions scrolled down."""
    answer_everything(page, yes=["smoker"], dates={"isotretinoin_last_dose": date.today()})
    verdict = page.verdict()
    assert verdict is not None and page.needs_override()
    page.override_check.setChecked(True)
    page.override_reason_edit.setPlainText("patient insists after a long talk")
    page.reasons_label.linkActivated.emit("why:isotretinoin_last_dose")
    assert page.why_label.isVisible() and page.can_continue()
    bar = page.questions_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0


def assert_fresh(page: ChecklistPage, db: Database, patient_id: int) -> None:
    """The page as a visit of ``patient_id`` must start: nothing answered, nothing decided."""
    checklist = page.checklist
    every = [q.id for group in checklist.groups for q in group.questions]
    assert page.unanswered() == every
    assert page.answers() == {}
    for qid in every:
        row = page.row(qid)
        assert not row.is_answered()
        assert row.label.property("answered") is False
        assert row.label.accessibleName().startswith("Not answered")
        if row.yes is not None and row.no is not None:
            assert not row.yes.isChecked() and not row.no.isChecked()
    assert page.verdict() is None
    assert page.verdict_label.text().startswith("No verdict yet")
    assert f"{page.remaining()} questions" in page.verdict_label.text()
    assert not page.override_check.isChecked()
    assert page.override_reason_edit.toPlainText() == ""
    assert not page.override_reason_edit.isEnabled()
    assert page.override_box.isHidden()
    assert page.why_label.isHidden()
    assert not page.continue_button.isEnabled()
    assert page.questions_scroll.verticalScrollBar().value() == 0
    assert page.patient_said is None
    # Only this patient's last answers on offer, each a button of its own, none applied.
    offered = usable_previous(checklist, last_assessment_answers(db, patient_id))
    assert page.previous_answers() == offered
    for qid in every:
        keep = page.keep_button(qid)
        assert (keep is not None) == (qid in offered)
        if keep is not None:
            assert keep.isEnabled() and keep.isVisible()
    assert page.previous_banner.isVisible() == bool(offered)


def test_a_visit_after_another_starts_with_nothing_of_the_first(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    first = start(qtbot, window, A)
    answer_all_and_override(qtbot, window, first)
    spare = window.spare_visit
    assert spare is not None
    qtbot.waitUntil(spare.ready)
    second = start(qtbot, window, B)
    assert second is not first and not spare.ready()  # the screen built ahead, filled for B
    assert_fresh(second, demo_db, B)
    view = window.visit_view
    assert view is not None and not view.patient_bar.chips()  # A's answers are no caution


def test_a_b_a_each_visit_starts_unanswered(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    pages: list[ChecklistPage] = []
    for patient_id in (A, B, A):
        spare = window.spare_visit
        if spare is not None:
            qtbot.waitUntil(spare.ready)
        page = start(qtbot, window, patient_id)
        assert spare is None or not spare.ready()  # the second and third: built ahead
        assert all(page is not other for other in pages)
        assert_fresh(page, demo_db, patient_id)
        answer_all_and_override(qtbot, window, page)
        pages.append(page)


def test_a_patient_without_birth_date_is_asked_for_it_on_a_page_built_ahead(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    start(qtbot, window, A)
    assert window.spare_visit is not None
    qtbot.waitUntil(window.spare_visit.ready)
    newcomer = create_patient(demo_db, PatientDetails("Lan", "Nguyen"), actor=None).id
    page = start(qtbot, window, newcomer)
    assert not window.spare_visit.ready()  # it was this page
    box = page.facts_box
    assert box is not None and box.birth_edit is not None and box.fitzpatrick_combo is not None
    assert page.remaining() == len(page.unanswered()) + 2
    assert box.birth_edit.text() == "" and box.fitzpatrick_combo.currentIndex() == 0
    assert page.tab_chain()[0] is box.birth_edit  # the details first, then the questions
    assert_fresh(page, demo_db, newcomer)


def test_a_page_serves_one_patient_only(qtbot: QtBot) -> None:
    page = ChecklistPage.blank(default_checklist(), date.today())
    qtbot.addWidget(page)
    assert not page.is_filled()
    page.fill(PatientFacts(date(1990, 5, 1), 2), ("cheeks",))
    assert page.is_filled() and page.verdict() is None
    with pytest.raises(RuntimeError):  # never refilled for another patient
        page.fill(PatientFacts(date(1980, 1, 2), 3), ("forehead",))
    row = next(iter(page._rows.values()))
    row.offer_previous(False)
    with pytest.raises(RuntimeError):
        row.offer_previous(True)


def test_a_screen_serves_one_patient_only(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    start(qtbot, window, A)
    assert window.spare_visit is not None
    qtbot.waitUntil(window.spare_visit.ready)
    start(qtbot, window, B)
    view, workflow = window.visit_view, window.workflow
    assert view is not None and workflow is not None and view.patient.id == B
    with pytest.raises(RuntimeError):
        workflow.begin(A, 1)
    with pytest.raises(RuntimeError):
        view.begin(view.patient, None)
    assert workflow.patient_id == B


def test_a_page_built_for_other_rules_is_not_used(
    qtbot: QtBot, demo_db: Database, runner: object, tmp_path: Path
) -> None:
    from assistant.settings import Settings

    settings = Settings(tmp_path / "settings.json")
    workflow = SessionWorkflow(demo_db, runner, settings, None, None)  # type: ignore[arg-type]
    qtbot.addWidget(workflow)
    other = default_checklist()
    workflow.prepare_checklist(replace(other, version=other.version + "+clinic.9"))
    blank = workflow._blank
    assert blank is not None and blank.isHidden() and not blank.is_filled()
    workflow.begin(A, 1)
    page = workflow.checklist_page
    assert page is not None and page is not blank and page.checklist != blank.checklist
    assert_fresh(page, demo_db, A)
