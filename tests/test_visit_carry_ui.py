"""Settings carried forward on screen: the last signed session's zones come ticked (and say
so), and the form marks each carried value, with the previous one beside a changed value."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assistant.reference import format_mm
from assistant.sessions import list_sessions, session_context
from assistant.storage.db import Database
from tests.checklist_support import answer_everything
from tests.test_sessions_workflow import replace_text
from tests.test_visit_screen import window  # noqa: F401 - the fixture
from ui.main_window import MainWindow


def patient_with_signed_sessions(db: Database) -> int:
    return next(p for p in range(1, 40) if any(s.state == "signed" for s in list_sessions(db, p)))


def test_the_last_zones_come_ticked_and_the_form_marks_what_was_carried(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811 - the fixture
    demo_db: Database,
) -> None:
    patient = patient_with_signed_sessions(demo_db)
    window.show_patient(patient)
    window.start_session(patient)
    workflow = window.workflow
    assert workflow is not None
    last = next(s for s in list_sessions(demo_db, patient) if s.state == "signed")
    carried_zones = [z.zone for z in session_context(demo_db, last.id).record.effective.zones]
    assert sorted(workflow.planned_zones()) == sorted(carried_zones)
    assert "as last time" in workflow.zone_picker.note_label.text()

    assert window.visit_view is not None
    assert workflow.checklist_page is not None
    answer_everything(workflow.checklist_page)  # every question asked, none assumed
    window.visit_view.next_button.click()
    form = workflow.form
    assert form is not None and form.carried.isVisible()
    lines = form.carried.lines()
    assert lines and all(line.endswith("as last time") for line in lines)
    form.select_zone(0)
    before = form.depth_spin.value()
    replace_text(qtbot, form.depth_spin, str(before + 0.3))
    changed = [line for line in form.carried.lines() if "last time:" in line]
    assert len(changed) == 1, form.carried.lines()
    assert f"{format_mm(before)} mm" in changed[0].split("last time:")[1]
    assert f"{format_mm(before + 0.3)} mm" in changed[0].split("last time:")[0]
