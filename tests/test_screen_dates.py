"""Dates on screen in the practitioner's language (Babel's CLDR words), while what is printed
or exported keeps the English words of ``assistant.text.dates`` whatever the interface speaks."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from assistant.checklist import PatientFacts, default_checklist
from assistant.sessions import list_sessions
from assistant.storage.db import Database
from assistant.text import dates, i18n
from assistant.text.screen_dates import (
    screen_date,
    screen_day,
    screen_long_date,
    screen_moment,
    screen_short_date,
    screen_short_moment,
)
from tests.checklist_support import answer_everything
from ui.tasks import TaskRunner

SPANISH_MONTHS = ("enero", "febrero", "marzo", "octubre", "noviembre", "diciembre")


def test_screen_dates_in_spanish(spanish: None) -> None:
    sunday = date(2026, 10, 11)
    assert screen_long_date(sunday) == "domingo, 11 de octubre de 2026"
    assert screen_date(sunday, with_year=False) == "domingo, 11 de octubre"
    assert screen_day(sunday) == "11 de octubre de 2026"
    assert screen_short_date(date(2026, 11, 4)) == "4 nov 2026"
    assert screen_short_moment(datetime(2026, 11, 4, 9, 30, 15)) == "4 nov 2026 09:30"
    assert screen_short_moment(datetime(2026, 11, 4, 9, 30, 15), seconds=True) == (
        "4 nov 2026 09:30:15"
    )
    evening = datetime(2026, 11, 25, 18, 30)
    assert screen_moment(evening, 2026) == "miércoles, 25 de noviembre, 18:30"
    # the printed words do not follow the interface
    assert dates.format_long_date(sunday) == "Sunday 11 October 2026"
    assert dates.format_short_date(date(2026, 11, 4)) == "4 Nov 2026"


def test_depths_on_screen_take_the_language_s_decimal_sign(spanish: None) -> None:
    from assistant.reference import format_mm
    from assistant.text.screen_dates import screen_mm

    assert screen_mm(0.8) == "0,8" and screen_mm(1.5) == "1,5" and screen_mm(0.25) == "0,25"
    assert format_mm(0.8) == "0.8"  # what is stored, printed and exported stays as it was


def test_depths_on_screen_in_english_are_the_printed_ones() -> None:
    from assistant.reference import format_mm
    from assistant.text.screen_dates import screen_mm

    assert screen_mm(0.8) == format_mm(0.8) == "0.8"


def test_screen_dates_in_english_are_the_printed_words() -> None:
    day, moment = date(2026, 11, 4), datetime(2026, 11, 4, 9, 30)
    assert i18n.current_language() == "en"
    assert screen_long_date(day) == dates.format_long_date(day) == "Wednesday 4 November 2026"
    assert screen_day(day) == dates.format_day(day)
    assert screen_short_date(day) == dates.format_short_date(day)
    assert screen_short_moment(moment) == dates.format_short_moment(moment)
    assert screen_moment(moment, 2026) == dates.format_moment(moment, 2026)
    i18n.use_language("xx")  # a language without dates of its own: English
    try:
        assert screen_long_date(day) == "Wednesday 4 November 2026"
    finally:
        i18n.use_language("en")


def test_the_checklist_header_and_a_deferral_in_spanish(qtbot: QtBot, spanish: None) -> None:
    from ui.checklist.page import ChecklistPage

    facts = PatientFacts(date_of_birth=date(1990, 5, 1), fitzpatrick=2)
    page = ChecklistPage(default_checklist(), facts, ("cheeks",), date(2026, 11, 24))
    qtbot.addWidget(page)
    assert "martes, 24 de noviembre de 2026" in page.header_label.text()
    assert "November" not in page.header_label.text()
    answer_everything(page)
    qid = "isotretinoin_last_dose"
    qtbot.mouseClick(page.on_date_button(qid), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.verdictChanged) as signal:
        page.date_edit(qid).setDate(QDate(2026, 8, 23))
    assert signal.args[0].defer_until == date(2027, 2, 23)
    assert "martes, 23 de febrero de 2027" in page.verdict_label.text()
    assert "martes, 23 de febrero de 2027" in page.reasons_label.text()
    assert "February" not in page.verdict_label.text() + page.reasons_label.text()
    assert page.date_edit(qid).text() == "23 ago 2026"  # the date field's month too


def test_the_timeline_and_the_patient_list_in_spanish(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, spanish: None
) -> None:
    from ui.patients.list_model import PatientListModel
    from ui.visit.timeline import SessionTimeline

    patient = next(p for p in range(1, 13) if list_sessions(demo_db, p))
    newest = list_sessions(demo_db, patient)[0]
    timeline = SessionTimeline(demo_db, runner, patient)
    qtbot.addWidget(timeline)
    with qtbot.waitSignal(timeline.loaded):
        timeline.refresh()
    model = timeline.model
    shown = model.data(model.index(0, model.DATE), Qt.ItemDataRole.DisplayRole)
    assert shown == screen_short_moment(newest.treated_at)
    assert any(month in shown for month in ("ene", "feb", "mar", "abr", "may", "jun", "jul",
                                            "ago", "sept", "oct", "nov", "dic"))  # fmt: skip

    patients = PatientListModel(demo_db)
    column = PatientListModel.COLUMNS.index
    rows = range(patients.rowCount())
    birthdays = [patients.data(patients.index(r, column("date_of_birth"))) for r in rows]
    last = [patients.data(patients.index(r, column("last_session"))) for r in rows]
    known = [text for text in birthdays + last if text]
    assert known
    english_months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                      "Nov", "Dec")  # fmt: skip
    assert not [text for text in known if any(m in text for m in english_months)]
    assert any(" nov " in text or " oct " in text or " sept " in text for text in known)


def test_a_record_exported_with_the_interface_in_spanish_stays_english(
    db: Database, tmp_path: Path, spanish: None
) -> None:
    from assistant.patients.export_pdf import export_patient_pdf
    from tests.test_records_export import make_full_record

    full = make_full_record(db)
    out = tmp_path / "record.pdf"
    export_patient_pdf(db, full.patient, out, actor=full.practitioner)
    flat = " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "9 March 1985" in flat
    assert "Session of Tuesday 17 November 2026, 10:30" in flat
    assert not [month for month in SPANISH_MONTHS if month in flat]
    assert "martes" not in flat


def test_the_verdict_on_the_record_reads_in_spanish(spanish: None) -> None:
    from types import SimpleNamespace

    from assistant.sessions.views import _verdict_words

    assessment = SimpleNamespace(
        outcome="defer",
        defer_until=date(2027, 2, 23),
        override_reason="Autorizado por su médico",
        checklist_version="2026.2",
        assessed_on=date(2026, 11, 24),
    )
    assert _verdict_words(assessment) == (  # type: ignore[arg-type]
        "Aplazar hasta el martes, 23 de febrero de 2027; anulado: Autorizado por su médico "
        "(cuestionario 2026.2, martes, 24 de noviembre de 2026)"
    )


def test_the_fields_of_an_amendment_in_spanish(spanish: None) -> None:
    from ui.session_form.amend_dialog import amendment_label

    assert amendment_label(None, "cartridge_lot") == "Lote del cartucho"  # type: ignore[arg-type]
    i18n.use_language("en")
    assert amendment_label(None, "cartridge_lot") == "Cartridge lot"  # type: ignore[arg-type]
