"""The visit screen: a visit takes the whole window, with the patient bar, the step bar and
Back/Next; the patient list comes back with the visit kept; every step fits a laptop screen
(the screenshot tool passes at 1366×768 and 1280×800); the keyboard reaches everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from assistant.sessions import create_draft, get_session, list_sessions
from assistant.storage.db import Database
from tests.checklist_support import answer_everything
from tests.test_sessions_workflow import fill_and_save
from tests.visit_support import (
    Key,
    Mod,
    answer_checklist_by_keys,
    choose_by_keys,
    key,
    open_demo_window,
    tab_to,
    typed,
    unnamed_controls,
)
from ui.main_window import MainWindow

PATIENT = 1


@pytest.fixture
def window(
    qtbot: QtBot,
    demo_db: Database,
    runner: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    win = open_demo_window(
        qtbot, demo_db, runner, tmp_path / "settings.json", monkeypatch, (1366, 768)
    )
    assert isinstance(win, MainWindow)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def reactivate(qtbot: QtBot, window: MainWindow) -> None:
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def start_visit(window: MainWindow, zones: tuple[str, ...] = ("cheeks",)) -> None:
    """Start a visit planning ``zones``, every question answered no."""
    window.show_patient(PATIENT)
    window.start_session(PATIENT)
    assert window.workflow is not None
    for zone in zones:
        window.workflow.zone_checks[zone].setChecked(True)
    page = window.workflow.checklist_page
    assert page is not None
    answer_everything(page)


def test_a_visit_takes_the_whole_window_with_patient_and_step_bars(window: MainWindow) -> None:
    start_visit(window)
    view = window.visit_view
    assert view is not None and window.pages.currentWidget() is view
    assert not window.patient_list.isVisible()  # the visit has the window to itself
    patient = window.patient_page.record
    assert patient is not None
    assert view.patient_bar.name_label.text() == patient.display_name
    assert "age" in view.patient_bar.facts_label.text()
    assert "Fitzpatrick" in view.patient_bar.facts_label.text()
    states = {step: view.step_bar.state_of(step) for step in view.step_bar.labels}
    assert states == {
        "checklist": "current",
        "consent": "todo",
        "session": "todo",
        "aftercare": "todo",
    }
    assert view.step_bar.labels["checklist"].accessibleName().startswith("Step 1 of 4")


def test_a_yes_answer_shows_as_a_chip_in_the_patient_bar(window: MainWindow) -> None:
    start_visit(window)
    view, workflow = window.visit_view, window.workflow
    assert view is not None and workflow is not None and workflow.checklist_page is not None
    assert not view.patient_bar.chips()
    workflow.checklist_page.yes_button("topical_anaesthetic_allergy").click()
    assert any("anaesthetic" in chip.lower() for chip in view.patient_bar.chips())
    assert view.patient_bar.chips_label.isVisible()
    workflow.zone_checks["upper_lip"].setChecked(True)  # the page is rebuilt: chips stay
    assert any("anaesthetic" in chip.lower() for chip in view.patient_bar.chips())


def test_an_allergy_answered_last_time_is_a_chip_from_the_start(
    window: MainWindow, demo_db: Database
) -> None:
    from assistant.sessions import save_assessment
    from tests.test_sessions_carry import _result

    result = _result()
    answered = type(result)(
        {"needle_metal_allergy": True}, result.verdict, None, result.assessed_on
    )
    save_assessment(demo_db, PATIENT, answered, ["cheeks"], 1)
    start_visit(window)
    assert window.visit_view is not None
    chips = window.visit_view.patient_bar.chips()
    assert "Allergy to stainless steel or nickel" in chips


def test_next_and_back_walk_the_steps_and_mark_them_done(window: MainWindow) -> None:
    start_visit(window)
    view, workflow = window.visit_view, window.workflow
    assert view is not None and workflow is not None
    view.next_button.click()  # continue the checklist: the demo consent covers the cheeks
    assert workflow.form is not None and workflow.step == "session"
    assert view.step_bar.state_of("checklist") == "done"
    assert view.step_bar.state_of("consent") == "done"
    assert not view.next_button.isEnabled()  # the aftercare sheet needs a signed record
    view.back_button.click()
    assert workflow.step == "consent" and view.step_bar.state_of("session") == "todo"
    assert "covers" in workflow.consent_summary.text()
    view.next_button.click()
    assert workflow.step == "session"


def test_the_patient_list_comes_back_with_the_visit_kept(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    start_visit(window)
    workflow = window.workflow
    assert workflow is not None and window.visit_view is not None
    window.visit_view.next_button.click()
    form = workflow.form
    assert form is not None
    qtbot.keyClicks(form.notes_edit, "Asked about peels.")
    window.visit_view.list_button.click()
    assert window.pages.currentWidget() is window.browse
    assert window.resume_button.isVisible()
    assert get_session(demo_db, form.session_id).draft.notes == "Asked about peels."
    window.patient_list.table.selectRow(4)  # looking at another patient keeps the visit
    assert window.workflow is workflow
    window.resume_button.click()
    assert window.pages.currentWidget() is window.visit_view and window.workflow is workflow
    assert form.notes_edit.toPlainText() == "Asked about peels."


def test_starting_another_visit_saves_and_closes_the_one_left_open(
    window: MainWindow, demo_db: Database
) -> None:
    session_id = create_draft(demo_db, 3, 1)
    window.open_session(session_id)
    assert window.visit_view is not None
    window.visit_view.list_button.click()
    start_visit(window)
    assert window.workflow is not None and window.workflow.patient_id == PATIENT
    assert not window.resume_button.isVisible()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", ["1366x768", "1280x800", "1024x768"])
def test_every_screen_fits_every_laptop_in_every_language(
    tmp_path: Path, size: str, language: str
) -> None:
    """No screen scrolls sideways or cuts a word, a heading or a cell, at its longest (the
    tool dates the demo in September, on a Wednesday, and gives a patient a long name);
    Spanish words run longer than English ones."""
    from assistant.text.i18n import current_language
    from tools.screenshots import main

    assert main(["--out", str(tmp_path), "--size", size, "--language", language]) == 0
    names = {path.stem for path in tmp_path.glob("*.png")}
    for screen in (
        "first-start-1-encryption",
        "main-window",
        "main-window-visit-open",
        "visit-1-checklist",
        "visit-2-consent",
        "visit-3-session",
        "visit-3-signed-record",
        "visit-4-aftercare",
        "aftercare-preview",
        "audit-trail",
    ):
        assert screen in names
    assert current_language() == "en"  # the tool puts the language back


def test_the_screenshot_days_have_the_longest_month_and_weekday() -> None:
    from datetime import date

    from tools.screenshots import long_day

    for today in (date(2026, 12, 7), date(2027, 9, 30), date(2027, 3, 1)):
        day = long_day(today)
        assert day.month == 9 and day.weekday() == 2 and day <= today


@pytest.mark.parametrize("language", ["en_GB", "es_ES"])
@pytest.mark.parametrize("pattern", ["d MMM yyyy", "ddd d MMM yyyy", "d MMM yyyy  HH:mm"])
def test_a_date_field_is_as_wide_on_every_day_of_the_year(
    qtbot: QtBot, language: str, pattern: str
) -> None:
    """A screen measures the same whatever today's date: a field showing 1 May (short) asks
    for the room of its longest date (a Wednesday in September, in Spanish), not its own."""
    from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
    from PySide6.QtWidgets import QDateTimeEdit

    from ui.session_form.common import big

    widths = []
    for day in (QDate(2026, 5, 1), QDate(2026, 9, 30), QDate(2027, 2, 24)):
        edit = QDateTimeEdit(QDateTime(day, QTime(1, 1)))
        qtbot.addWidget(edit)
        edit.setLocale(QLocale(language))
        edit.setDisplayFormat(pattern)
        big(edit, "Date")
        own_text = edit.fontMetrics().horizontalAdvance(edit.text())
        assert edit.minimumWidth() > own_text + 20  # its own text fits, with the arrow
        widths.append(edit.minimumWidth())
    assert len(set(widths)) == 1, widths


def test_a_drop_down_is_not_as_wide_as_its_longest_item(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox

    from ui.session_form.common import big

    short, long = QComboBox(), QComboBox()
    short.addItem("Chin")
    long.addItem("Cartridge with a very long maker's name: 36 needles, lot AB-123456789")
    for box in (short, long):
        qtbot.addWidget(box)
        big(box, "Zone")
    assert short.minimumSizeHint().width() == long.minimumSizeHint().width()


def test_the_screenshot_tool_reports_a_horizontal_scrollbar(qtbot: QtBot, tmp_path: Path) -> None:
    from tools.screenshots import Shots

    area = QScrollArea()
    wide = QLabel("x" * 400)
    area.setWidget(wide)
    area.setAccessibleName("Too wide")
    holder = QWidget()
    holder.resize(300, 200)
    area.setParent(holder)
    area.resize(300, 200)
    qtbot.addWidget(holder)
    holder.show()
    shots = Shots(tmp_path, 300, 200)
    shots.take("wide", holder)
    assert shots.problems == ["wide: horizontal scrollbar on Too wide"]
    assert (tmp_path / "wide.png").exists()


def test_the_screenshot_tool_refuses_a_bad_size(tmp_path: Path) -> None:
    from tools.screenshots import main

    assert main(["--out", str(tmp_path), "--size", "big"]) == 2


def test_every_control_of_every_step_has_a_name(window: MainWindow, demo_db: Database) -> None:
    start_visit(window, ("cheeks", "hands"))  # the hands need a new consent
    workflow, view = window.workflow, window.visit_view
    assert workflow is not None and view is not None
    assert unnamed_controls(view) == []
    view.next_button.click()
    assert workflow.step == "consent"
    assert unnamed_controls(view) == []
    view.next_button.click()
    assert workflow.step == "session"
    assert unnamed_controls(view) == []
    signed = next(
        s.id
        for patient in range(1, 20)
        for s in list_sessions(demo_db, patient)
        if s.state == "signed"
    )
    window.open_session(signed)
    assert window.visit_view is not None and unnamed_controls(window.visit_view) == []
    window.visit_view.next_button.click()
    assert unnamed_controls(window.visit_view) == []


def test_a_whole_visit_with_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.visit.aftercare_dialog import AftercarePreviewDialog

    printed: list[int] = []

    def fake_exec(dialog: QDialog) -> int:
        printed.append(len(dialog.images))  # type: ignore[attr-defined]
        dialog.printed.emit()  # type: ignore[attr-defined]
        return 1

    def fake_print(_printer: object, data: bytes) -> int:
        printed.append(len(data) and 1)
        return 1

    monkeypatch.setattr(AftercarePreviewDialog, "exec", fake_exec)
    # The sheet is shown in the step: Ctrl+P prints it (the printer chosen, no paper used).
    monkeypatch.setattr(AftercarePreviewDialog, "_exec_print_dialog", lambda _d, _p: True)
    monkeypatch.setattr("ui.visit.aftercare_dialog.print_pdf", fake_print)
    monkeypatch.setattr("ui.visit.aftercare_dialog.refuses_jobs", lambda _printer: False)
    window.patient_list.search.setFocus()
    patient = window.patient_list.model
    assert patient.rowCount() > 0
    key(Key.Key_L, Mod.ControlModifier)  # find a patient
    name = window.patient_list.table.model().index(0, 0).data()
    typed(str(name))
    key(Key.Key_Return)  # opens the first match
    record = window.patient_page.record
    assert record is not None
    before = len(list_sessions(demo_db, record.id))
    key(Key.Key_T, Mod.ControlModifier)  # start a session (the button clicks itself shortly)
    qtbot.waitUntil(lambda: window.workflow is not None)
    workflow, view = window.workflow, window.visit_view
    assert workflow is not None and view is not None and workflow.patient_id == record.id

    if workflow.zone_picker.is_compact():  # the zones of last time, on one line
        tab_to(workflow.zone_picker.change_button)
        key(Key.Key_Space)
        assert not workflow.zone_picker.is_compact()
    tab_to(workflow.zone_checks["cheeks"])
    ticked = workflow.zone_checks["cheeks"].isChecked()  # maybe ticked as last time
    key(Key.Key_Space)
    assert workflow.zone_checks["cheeks"].isChecked() is not ticked
    if ticked:
        key(Key.Key_Space)
    assert "cheeks" in workflow.planned_zones()
    answer_checklist_by_keys(workflow)
    key(Key.Key_Right, Mod.AltModifier)  # Next: the checklist is accepted
    form = workflow.form
    assert form is not None and workflow.step == "session"

    choose_by_keys(form.device_box, "Dermapen 4")
    choose_by_keys(form.cartridge_box, "lot DP16-2611A")
    qtbot.waitUntil(lambda: form.treatment.consent_on_file)  # read from the consent records
    tab_to(form.notes_edit)
    typed("Tolerated well.")
    key(Key.Key_S, Mod.ControlModifier)  # save now
    qtbot.waitUntil(lambda: get_session(demo_db, form.session_id).draft.notes == "Tolerated well.")
    reactivate(qtbot, window)  # the offscreen platform may drop the active window meanwhile
    with qtbot.waitSignal(form.signed):
        key(Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)  # sign
    assert get_session(demo_db, form.session_id).state == "signed"

    key(Key.Key_Right, Mod.AltModifier)  # Next: the aftercare sheet
    assert workflow.step == "aftercare"
    qtbot.waitUntil(lambda: workflow.aftercare_step.sheet is not None)  # in the step itself
    assert workflow.aftercare_step.sheet.isVisible()
    key(Key.Key_P, Mod.ControlModifier)  # print it
    qtbot.waitUntil(lambda: bool(printed))
    assert printed[0] >= 1
    assert get_session(demo_db, form.session_id).aftercare_printed_at is not None
    assert "done" in view.step_bar.labels["aftercare"].accessibleName()
    key(Key.Key_Right, Mod.AltModifier)  # Finish
    assert window.workflow is None
    assert window.stack.currentWidget() is window.patient_page
    assert len(list_sessions(demo_db, record.id)) == before + 1


def test_alt_up_goes_to_the_list_and_back_to_the_visit(qtbot: QtBot, window: MainWindow) -> None:
    start_visit(window)
    assert window.visit_view is not None
    window.visit_view.next_button.setFocus()
    key(Key.Key_Up, Mod.AltModifier)
    assert window.pages.currentWidget() is window.browse
    assert window.patient_list.search.hasFocus()
    key(Key.Key_Up, Mod.AltModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.visit_view)


def test_help_lists_every_visit_shortcut_and_each_is_bound(window: MainWindow) -> None:
    from PySide6.QtGui import QAction, QKeySequence, QShortcut
    from PySide6.QtWidgets import QAbstractButton

    from ui.visit.shortcuts import ShortcutsDialog, shortcuts

    start_visit(window)
    assert window.visit_view is not None
    window.visit_view.next_button.click()
    bound = {a.shortcut().toString() for a in window.findChildren(QAction)}
    bound |= {b.shortcut().toString() for b in window.findChildren(QAbstractButton)}
    bound |= {s.key().toString() for s in window.findChildren(QShortcut)}
    listed = [keys for _, keys, _ in shortcuts()]
    for keys in listed:
        assert QKeySequence(keys).toString() in bound, keys
    for wanted in ("Alt+Right", "Alt+Left", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+P"):
        assert wanted in listed
    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    assert any("Keyboard shortcuts" in a.text().replace("&", "") for a in help_menu.actions())
    dialog = ShortcutsDialog(window)
    assert dialog.table.rowCount() == len(listed)


def test_touch_targets_are_at_least_32_pixels_high(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox

    start_visit(window)
    assert window.visit_view is not None
    window.visit_view.next_button.click()
    small = [
        w.accessibleName() or w.text()  # type: ignore[attr-defined]
        for w in window.visit_view.findChildren(QAbstractButton)
        if w.isVisible()
        and w.height() < 32
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(w.parentWidget(), QComboBox)
    ]
    assert small == []


def test_the_step_bar_is_not_a_control_yet_names_its_state(window: MainWindow) -> None:
    start_visit(window)
    view = window.visit_view
    assert view is not None
    label = view.step_bar.labels["checklist"]
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert "now" in label.accessibleName()


def test_a_signed_record_reads_as_a_document_with_amendments_beside_the_original(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    from PySide6.QtWidgets import QAbstractButton

    start_visit(window)
    assert window.visit_view is not None and window.workflow is not None
    window.visit_view.next_button.click()
    form = window.workflow.form
    assert form is not None
    fill_and_save(qtbot, form)
    with qtbot.waitSignal(form.signed):
        form.sign()
    assert form.document.isVisible() and not form.body_scroll.isVisible()
    text = form.document.text()
    for expected in ("Signed by", "Cheeks", "1.5 mm", "lot DP16-2611A", "Checklist verdict"):
        assert expected in text, expected
    assert "Suitable" in text  # the verdict the session went ahead on
    # Nothing on screen is a greyed-out control: the record is text; Amend… is the way in.
    greyed = [
        w.accessibleName() or type(w).__name__
        for w in form.findChildren(QWidget)
        if w.isVisible() and not w.isEnabled() and not isinstance(w, QAbstractButton | QLabel)
    ]
    assert greyed == []
    assert form.amend_button.isVisible() and form.amend_button.isEnabled()

    with qtbot.waitSignal(form.amended):
        form.amend_field("zones[0].depth_mm", "1.25", "Pen display misread at the chair")
    text = form.document.text()
    assert "1.25 mm" in text and "amended from “1.5”" in text
    assert "Pen display misread at the chair" in text


def test_the_tab_order_of_each_step(window: MainWindow, demo_db: Database) -> None:
    from tests.visit_support import tab_chain

    start_visit(window, ("cheeks", "hands"))  # the hands need a new consent
    workflow, view = window.workflow, window.visit_view
    assert workflow is not None and view is not None and workflow.checklist_page is not None

    def in_order(chain: list[QWidget], expected: list[QWidget]) -> None:
        positions = [chain.index(widget) for widget in expected]
        assert positions == sorted(positions), [w.accessibleName() for w in expected]

    picker = workflow.zone_picker
    zones = [picker.change_button] if picker.is_compact() else [*workflow.zone_checks.values()]
    chain = tab_chain(zones[0])
    page = workflow.checklist_page
    arrow_reached = set()
    for qid in workflow.checklist.questions:
        row = page.row(qid)
        arrow_reached |= {b for b in (row.no, row.on_date) if b is not None}
    in_order(
        chain,
        [
            *zones,
            # a question's second answer is reached with an arrow key, not Tab
            *[
                w
                for w in page.tab_chain()
                if w.isVisibleTo(page) and w.isEnabled() and w not in arrow_reached
            ],
            view.next_button,
            view.list_button,
        ],
    )
    view.next_button.click()
    assert workflow.step == "consent"
    consent = workflow.consent_page
    assert consent is not None
    chain = tab_chain(consent.device_box)
    in_order(chain, [consent.device_box, view.next_button, view.list_button])
    view.next_button.click()
    form = workflow.form
    assert form is not None and workflow.step == "session"
    chain = tab_chain(form.treated_edit)
    in_order(
        chain,
        [
            form.treated_edit,
            form.device_box,
            form.zone_table,
            form.depth_spin,
            form.next_date_edit,
            form.notes_edit,
            form.save_button,
            form.sign_button,
            workflow.more_button,
            view.back_button,
            view.list_button,
        ],
    )
    signed = next(
        s.id for p in range(1, 20) for s in list_sessions(demo_db, p) if s.state == "signed"
    )
    window.open_session(signed)
    workflow, view = window.workflow, window.visit_view
    assert workflow is not None and view is not None and workflow.form is not None
    chain = tab_chain(workflow.form.amend_button)
    in_order(chain, [workflow.form.amend_button, view.back_button, view.next_button])
    view.next_button.click()
    step = workflow.aftercare_step  # the sheet's own controls once it is shown in the step
    first = step.sheet.language_box if step.sheet is not None else step.preview_button
    in_order(tab_chain(first), [first, view.back_button, view.next_button])


def test_back_from_the_consent_shows_the_accepted_checklist_and_next_returns(
    window: MainWindow,
) -> None:
    start_visit(window, ("cheeks", "hands"))  # the hands need a new consent
    workflow, view = window.workflow, window.visit_view
    assert workflow is not None and view is not None
    view.next_button.click()
    assert workflow.step == "consent" and workflow.consent_page is not None
    assert view.back_button.isEnabled()
    assert workflow.consent_page.issue_button.property("role") == "primary"
    assert view.next_button.property("role") != "primary"  # one primary action a step
    view.back_button.click()
    assert workflow.step == "checklist"
    page = workflow.checklist_page
    assert page is not None and page.isVisible()
    assert not page.questions_scroll.widget().isEnabled()  # read, not answered again
    view.next_button.click()
    assert workflow.step == "consent"
    assert workflow.stack.currentWidget() is workflow.consent_page
