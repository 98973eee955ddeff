"""The patient's answers at the chair: shown beside each question as "patient said", never
the checklist's answer until confirmed (a group at a time), a change keeps both and is
audited, and the verdict reads only what the practitioner confirmed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant.audit.trail import query_events
from assistant.checklist import PatientFacts, default_checklist
from assistant.intake.answers import Received
from assistant.intake.store import Questionnaire, list_questionnaires, save_received
from assistant.intake.wording import wording
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.checklist_support import answer_everything
from ui.checklist.page import ChecklistPage
from ui.checklist.patient_said import PatientSaid
from ui.day.qr_code import qr_matrix
from ui.tasks import TaskRunner
from ui.visit.workflow import SessionWorkflow

LEFT = Qt.MouseButton.LeftButton
PATIENT = 1
PRACTITIONER = 1
SAID = {
    "keloid_history": "no",
    "bleeding_disorder": "no",
    "smoker": "yes",
    "autoimmune_disease": "not_sure",
    "isotretinoin_last_dose": "2025-03",
    "pregnant_or_breastfeeding": "no",
}


def _received(answers: dict[str, str] = SAID) -> Received:
    return Received("en", wording("en").version, "phone", answers, None)


@pytest.fixture
def questionnaire(demo_db: Database) -> Questionnaire:
    return save_received(demo_db, PATIENT, _received(), PRACTITIONER)


def _page(qtbot: QtBot, questionnaire: Questionnaire, review_only: bool = False) -> ChecklistPage:
    page = ChecklistPage(
        default_checklist(),
        PatientFacts(date(1990, 5, 1), 2),
        ["cheeks"],
        date.today(),
        patient_said=PatientSaid(questionnaire, review_only),
    )
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def _said(page: ChecklistPage, qid: str) -> str:
    assert page.patient_said is not None
    label = page.patient_said.label(qid)
    assert label is not None
    return label.text()


def test_the_patients_answers_wait_beside_the_questions_until_confirmed(
    qtbot: QtBot, questionnaire: Questionnaire
) -> None:
    page = _page(qtbot, questionnaire)
    assert page.answers() == {}  # nothing filled in for the practitioner
    assert _said(page, "smoker") == "Patient said: yes — to confirm"
    assert _said(page, "autoimmune_disease") == "Patient said: not sure — ask"
    assert _said(page, "isotretinoin_last_dose") == "Patient said: March 2025 — to confirm"
    assert page.patient_said is not None and page.patient_said.label("diabetes") is None
    buttons = page.patient_said.confirm_buttons
    assert set(buttons) == {"permanent", "current", "recent"}
    assert buttons["permanent"].text() == "Confirm the patient's answers in this group (2)"

    qtbot.mouseClick(buttons["permanent"], LEFT)
    assert page.answers() == {"keloid_history": False, "bleeding_disorder": False}
    assert _said(page, "smoker") == "Patient said: yes — to confirm"
    qtbot.mouseClick(buttons["current"], LEFT)
    answers = page.answers()
    assert answers["smoker"] is True and answers["pregnant_or_breastfeeding"] is False
    assert "autoimmune_disease" not in answers  # "not sure" stays for the practitioner
    assert _said(page, "smoker") == "Patient said: yes — confirmed"
    # The practitioner hears otherwise: both answers stay on screen.
    page.yes_button("keloid_history").click()
    assert _said(page, "keloid_history") == "Patient said: no — changed"
    qtbot.mouseClick(buttons["recent"], LEFT)
    assert page.answers()["isotretinoin_last_dose"] == date(2025, 3, 31)
    # Only confirmed answers count: the verdict waits for the rest.
    assert page.verdict() is None
    answer_everything(page)
    verdict = page.verdict()
    assert verdict is not None and verdict.outcome.value == "not_suitable"  # keloid: yes


def test_old_answers_are_for_review_only(qtbot: QtBot, questionnaire: Questionnaire) -> None:
    page = _page(qtbot, questionnaire, review_only=True)
    assert page.patient_said is not None and page.patient_said.confirm_buttons == {}
    assert _said(page, "smoker") == "Patient said: yes (for review only)"
    assert page.patient_said.to_confirm({"smoker": True}) == {}


def test_accepting_the_checklist_confirms_the_answers_and_audits_a_change(
    qtbot: QtBot,
    demo_db: Database,
    runner: TaskRunner,
    tmp_path: Path,
    questionnaire: Questionnaire,
) -> None:
    settings = Settings(tmp_path / "settings.json")
    settings.set("autosave_seconds", 0)
    workflow = SessionWorkflow(demo_db, runner, settings, PATIENT, PRACTITIONER)
    qtbot.addWidget(workflow)
    workflow.resize(1280, 800)
    workflow.show()
    workflow.zone_checks["cheeks"].setChecked(True)
    page = workflow.checklist_page
    assert page is not None and page.patient_said is not None
    for button in page.patient_said.confirm_buttons.values():
        qtbot.mouseClick(button, LEFT)
    page.no_button("smoker").click()  # the patient stopped smoking last month
    answer_everything(page)
    with qtbot.waitSignal(workflow.sessionCreated):
        qtbot.mouseClick(page.continue_button, LEFT)
    (after,) = list_questionnaires(demo_db, PATIENT)
    assert after.state == "confirmed"
    assert after.answers["smoker"] == "yes"  # what the patient said is kept
    assert after.confirmed["smoker"]["answer"] is False and after.confirmed["smoker"]["changed"]
    assert after.confirmed["keloid_history"] == {
        **after.confirmed["keloid_history"],
        "answer": False,
        "changed": False,
        "by": PRACTITIONER,
    }
    with demo_db.session() as session:
        (entry,) = query_events(session, entity="intake_questionnaire", action="change", limit=1)
    assert entry.practitioner_id == PRACTITIONER
    assert entry.changes["changed"] == {"smoker": ["yes", False]}


def test_the_qr_code_holds_the_link() -> None:
    matrix = qr_matrix("http://192.168.1.20:8470/q/abc#key")
    assert len(matrix) == len(matrix[0]) >= 21
    # Three finder patterns, dark 7×7 squares in the corners (none at the bottom right).
    for top, left in ((0, 0), (0, len(matrix) - 7), (len(matrix) - 7, 0)):
        assert all(matrix[top][left + i] and matrix[top + i][left] for i in range(7))
    assert not all(matrix[-1][-7 + i] for i in range(7))


def test_answers_arriving_while_the_checklist_is_open_appear_at_once(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    workflow = SessionWorkflow(demo_db, runner, Settings(tmp_path / "s.json"), PATIENT, 1)
    qtbot.addWidget(workflow)
    workflow.show()
    page = workflow.checklist_page
    assert page is not None and page.patient_said is None
    page.yes_button("smoker").click()  # asked before the phone's answers came in
    workflow.questionnaire_arrived(save_received(demo_db, PATIENT, _received(), None))
    page = workflow.checklist_page
    assert page is not None and page.patient_said is not None
    assert page.answers() == {"smoker": True}
    assert _said(page, "smoker") == "Patient said: yes — confirmed"
    assert _said(page, "keloid_history") == "Patient said: no — to confirm"
