"""The day screen and the dialogs of the clinic's day, driven as a practitioner would: the
screen agrees with ``day --json``, booking proposes the earliest safe date and asks a reason
for an earlier one, a call is closed with its note, a complication is recorded, the summary
shows its pages."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from assistant.day.appointments import BookingRequest, book_appointment, patient_appointments
from assistant.day.complications import list_complications
from assistant.day.followups import list_followups
from assistant.settings import Settings
from assistant.storage.db import Database
from tests.cli_support import run_in_process
from tests.consent_support import give_consent
from tests.day_support import Treated, sign
from tests.sessions_support import make_clinic, make_patient
from ui.app_context import GuiContext
from ui.day.booking_dialog import BookingDialog
from ui.day.complication_dialog import ComplicationDialog, FollowupDialog
from ui.day.summary_view import SummaryDialog
from ui.day.view import DayView
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

TODAY = date.today()
TREATED = datetime.combine(TODAY - timedelta(days=2), time(10, 30))  # at 1.5 mm
SAFE = TREATED.date() + timedelta(weeks=4)


@pytest.fixture
def treated(db: Database) -> Treated:
    c = make_clinic(db)
    patient = make_patient(db, "Amara", "Okafor")
    give_consent(db, patient, c.practitioner, c.device, signed_on=TODAY - timedelta(days=20))
    session = sign(db, c, patient, TREATED, course_number=1, course_total=3)
    return Treated(c, patient, session)


def test_the_day_screen_agrees_with_day_json(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated
) -> None:
    book_appointment(db, BookingRequest(treated.patient, datetime.combine(TODAY, time(15, 0)),
                     override_reason="Booked before the rule existed"), None)  # fmt: skip
    other = make_patient(db, "Yuki", "Tanaka")
    book_appointment(db, BookingRequest(other, datetime.combine(TODAY, time(9, 0))), None)
    book_appointment(db, BookingRequest(other, datetime.combine(TODAY + timedelta(1), time(9))),
                     None)  # fmt: skip
    view = DayView(db, runner)
    qtbot.addWidget(view)
    view.refresh(TODAY)
    cli = run_in_process(["day", "--date", TODAY.isoformat(), "--json"])
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout) == [e.to_json() for e in view.entries[TODAY]]
    rows = [
        [view.tree.topLevelItem(i).text(c) for c in range(6)]
        for i in range(view.tree.topLevelItemCount())
    ]
    assert rows[0][0].startswith("Today")
    assert rows[1][:5] == ["09:00", "Yuki Tanaka", "—", "\N{WARNING SIGN} needed", "none"]
    assert rows[2][:5] == ["15:00", "Amara Okafor", "2 of 3", "\N{CHECK MARK} valid", "none"]
    assert "before the earliest safe date" in rows[2][5] and "follow-up call" in rows[2][5]
    assert rows[3][0].startswith("Tomorrow") and rows[4][1] == "Yuki Tanaka"
    assert [c.patient_id for c in view.followups] == [treated.patient]
    opened: list[int] = []
    view.appointmentOpened.connect(opened.append)
    view.tree.setCurrentItem(view.tree.topLevelItem(2))
    view.open_button.click()
    assert opened == [treated.patient]


def test_booking_proposes_the_earliest_safe_date_and_asks_a_reason(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated
) -> None:
    dialog = BookingDialog(db, runner, treated.patient, treated.clinic.practitioner)
    qtbot.addWidget(dialog)
    assert dialog.date_edit.date().toPython() == SAFE
    assert "4 weeks after a session at 1.5 mm" in dialog.safe_label.text()
    assert not dialog.reason.isEnabled()
    dialog.date_edit.setDate(QDate(SAFE.year, SAFE.month, SAFE.day).addDays(-3))
    assert dialog.reason.isEnabled() and "earliest safe date" in dialog.message.text()
    dialog.book_button.click()
    assert "Too early" in dialog.message.text()
    assert patient_appointments(db, treated.patient) == []
    dialog.reason.setText("Flies home on that day")
    dialog.book_button.click()
    (booked,) = patient_appointments(db, treated.patient)
    assert booked.override_reason == "Flies home on that day"
    assert booked.starts_at == datetime.combine(SAFE - timedelta(days=3), time(10, 0))
    assert dialog.ics_button.isVisible() or not dialog.isVisible()
    assert "Booked for" in dialog.result_label.text()


def test_a_call_is_closed_with_its_note_and_a_complication_recorded(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated
) -> None:
    (call,) = list_followups(db)
    dialog = FollowupDialog(db, runner, call, treated.clinic.practitioner)
    qtbot.addWidget(dialog)
    asked: list[int] = []
    dialog.complicationRequested.connect(asked.append)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("possible_complication"))
    dialog.note.setText("Yellow crusts on the cheeks")
    dialog.buttons.accepted.emit()
    assert list_followups(db) == []
    assert asked == [treated.session]
    form = ComplicationDialog(db, runner, treated.session, "facts", treated.clinic.practitioner)
    qtbot.addWidget(form)
    form.kind.setCurrentIndex(form.kind.findData("infection"))
    form.severity.setCurrentIndex(form.severity.findData("moderate"))
    form.onset.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    form.description.setPlainText("Impetigo-like crusts")
    form.buttons.accepted.emit()
    (info,) = list_complications(db, "DP16-2611A")
    assert (info.details.kind, info.details.severity) == ("infection", "moderate")
    assert info.details.description == "Impetigo-like crusts"
    future = ComplicationDialog(db, runner, treated.session, "facts", None)
    qtbot.addWidget(future)
    future.onset.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(2))
    future.buttons.accepted.emit()
    assert "future" in future.message.text()


def test_the_summary_view_shows_the_pdfs_pages(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated
) -> None:
    dialog = SummaryDialog(db, runner, None)
    qtbot.addWidget(dialog)
    pages = dialog.pages.findChildren(QLabel)
    assert len(pages) >= 2 and all(not p.pixmap().isNull() for p in pages)
    assert dialog.data.startswith(b"%PDF") and dialog.save_button.isEnabled()


def test_the_window_opens_on_the_day_once_appointments_exist(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    book_appointment(db, BookingRequest(treated.patient, datetime.combine(SAFE, time(9))), None)
    window = MainWindow(GuiContext.for_database(db, Settings(), runner))  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.day is not None)
    assert window.day is not None and window.stack.currentWidget() is window.day.view
    window.show_patient(treated.patient)
    window.patient_page.book_button.click()
    assert isinstance(window.day.dialog, BookingDialog)
    window.day.dialog.close()


def test_the_recall_dialog_lists_the_complications_of_the_lot(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated
) -> None:
    from assistant.day.complications import ComplicationDetails, add_complication
    from ui.stock.recall_dialog import RecallDialog

    add_complication(db, treated.session,
                     ComplicationDetails("granuloma", TREATED.date(), "severe"), None)  # fmt: skip
    dialog = RecallDialog(db, runner)
    qtbot.addWidget(dialog)
    dialog.lot_edit.setText("HA-2604")
    dialog.search()
    assert not dialog.complications_label.isHidden()
    assert "Granuloma (foreign-body reaction), Severe" in dialog.complications_label.text()
    dialog.lot_edit.setText("NONE-1")
    dialog.search()
    assert dialog.complications_label.isHidden()


def test_the_patients_complications_open_to_record_the_outcome_and_report(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from assistant.day.complications import ComplicationDetails, add_complication
    from ui.day.complications_list import ComplicationsDialog

    add_complication(db, treated.session,
                     ComplicationDetails("scarring", TREATED.date(), "moderate"), None)  # fmt: skip
    dialog = ComplicationsDialog(db, runner, treated.patient, treated.clinic.practitioner)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 1
    assert dialog.tree.topLevelItem(0).text(1) == "Scarring"
    form = dialog.edit()
    assert form is not None and form.kind.currentData() == "scarring"
    form.outcome.setCurrentIndex(form.outcome.findData("resolved_with_sequelae"))
    form.resolved.setText("31/02/2026")
    form.buttons.accepted.emit()
    assert "date" in form.message.text().lower()
    form.resolved.setText(f"{TODAY:%d/%m/%Y}")
    form.reported_to.setCurrentIndex(form.reported_to.findData("mhra"))
    form.buttons.accepted.emit()
    (info,) = list_complications(db)
    assert info.details.outcome == "resolved_with_sequelae"
    assert (info.details.resolved_on, info.details.reported_to) == (TODAY, "mhra")
    assert dialog.tree.topLevelItem(0).text(3) == "Resolved with sequelae"
    out = tmp_path / "report.pdf"
    monkeypatch.setattr(dialog, "ask_report_path", lambda _info: out)
    dialog.save_report()
    assert out.read_bytes().startswith(b"%PDF")


def test_an_appointment_is_marked_from_the_day(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    at = datetime.combine(TODAY, time(9))
    first = book_appointment(db, BookingRequest(treated.patient, at, override_reason="x"), None)
    view = DayView(db, runner, actor=treated.clinic.practitioner)
    qtbot.addWidget(view)
    view.refresh(TODAY)
    view.tree.setCurrentItem(view.tree.topLevelItem(1))
    view.arrived_action.trigger()
    assert view.tree.topLevelItem(1).text(0) == "09:00 (arrived)"
    monkeypatch.setattr(view, "ask_cancel_reason", lambda: "")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    view.tree.setCurrentItem(view.tree.topLevelItem(1))
    view.cancel_action.trigger()  # no reason: refused, nothing changes
    assert patient_appointments(db, treated.patient)[0].state == "arrived"
    monkeypatch.setattr(view, "ask_cancel_reason", lambda: "Feeling unwell")
    view.tree.setCurrentItem(view.tree.topLevelItem(1))
    view.cancel_action.trigger()
    (after,) = patient_appointments(db, treated.patient)
    assert (after.id, after.state, after.cancel_reason) == (first.id, "cancelled", "Feeling unwell")
    assert view.tree.topLevelItem(1).text(0) == "09:00 (cancelled)"


def test_a_questionnaire_received_waits_on_the_day_until_confirmed(
    qtbot: QtBot, db: Database, runner: TaskRunner, treated: Treated
) -> None:
    from assistant.day.agenda import day_agenda
    from assistant.intake.answers import Received
    from assistant.intake.store import confirm_answers, save_received
    from assistant.intake.wording import wording
    from assistant.text.dates import utcnow

    book_appointment(db, BookingRequest(treated.patient, datetime.combine(TODAY, time(15, 0)),
                     override_reason="Booked before the rule existed"), None)  # fmt: skip
    received = Received("en", wording("en").version, "phone", {"smoker": "no"}, None)
    stored = save_received(db, treated.patient, received, treated.clinic.practitioner)
    view = DayView(db, runner)
    qtbot.addWidget(view)

    def seen() -> tuple[str, object]:
        view.refresh(TODAY)
        cli = run_in_process(["day", "--date", TODAY.isoformat(), "--json"])
        assert cli.returncode == 0, cli.stderr
        (entry,) = json.loads(cli.stdout)
        assert entry == view.entries[TODAY][0].to_json()
        return view.tree.topLevelItem(1).text(DayView.QUESTIONNAIRE), entry["questionnaire_waiting"]

    assert seen() == ("waiting", True)
    # Older than the review window (7 days by default), it is no longer today's to confirm.
    (late,) = day_agenda(db, TODAY, TODAY, now=utcnow() + timedelta(days=8))
    assert late.questionnaire_waiting is False
    (wider,) = day_agenda(db, TODAY, TODAY, review_days=10, now=utcnow() + timedelta(days=8))
    assert wider.questionnaire_waiting is True
    confirm_answers(db, stored.id, {"smoker": False}, treated.clinic.practitioner, now=utcnow())
    assert seen() == ("none", False)
