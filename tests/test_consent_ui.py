"""The consent step on screen: the signature pad records and draws strokes, the page refuses
a blank consent and a wrong PIN in place, and issues a complete one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from assistant.consent import list_consents
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database
from tests.checklist_support import answer_everything
from tests.consent_support import PIN, ensure_pin
from tests.sessions_support import Clinic, make_clinic, make_patient
from ui.consent.page import ConsentPage
from ui.consent.signature_pad import SignatureField, SignaturePad
from ui.tasks import TaskRunner

LEFT = Qt.MouseButton.LeftButton


def draw(qtbot: QtBot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """Press, drag through the points, release: one stroke, as with a mouse."""
    qtbot.mousePress(pad, LEFT, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, LEFT, pos=QPoint(*points[-1]))


def ink_pixels(widget: SignaturePad) -> int:
    image: QImage = widget.grab().toImage()
    text = widget.palette().color(widget.foregroundRole()).rgb() & 0xFFFFFF
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) & 0xFFFFFF == text
    )


def test_the_pad_records_strokes_draws_them_and_clears(qtbot: QtBot) -> None:
    field = SignatureField("Patient's signature")
    qtbot.addWidget(field)
    field.resize(560, 220)
    field.show()
    pad = field.pad
    assert field.is_empty() and pad.accessibleName() == "Patient's signature"
    blank = ink_pixels(pad)
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, [(40, 100), (90, 50), (140, 120), (200, 60)])
    draw(qtbot, pad, [(240, 90), (320, 92)])
    strokes = field.strokes()
    assert len(strokes) == 2
    assert strokes[0][0] == (40.0, 100.0) and strokes[0][-1] == (200.0, 60.0)
    assert len(strokes[0]) == 4 and strokes[1] == ((240.0, 90.0), (320.0, 92.0))
    assert ink_pixels(pad) > blank + 50, "the strokes are drawn on the pad"
    qtbot.mouseClick(field.clear_button, LEFT)
    assert field.is_empty() and ink_pixels(pad) == blank
    assert field.clear_button.accessibleName() == "Clear Patient's signature"


@pytest.fixture
def clinic(db: Database) -> Clinic:
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    return c


def open_page(
    qtbot: QtBot, db: Database, runner: TaskRunner, c: Clinic, patient: int
) -> ConsentPage:
    page = ConsentPage(db, runner, patient, c.practitioner, ["cheeks", "forehead"],
                       reasons=["No consent to this treatment is on record."])  # fmt: skip
    qtbot.addWidget(page)
    page.resize(1000, 1400)
    page.show()
    return page


def test_the_consent_step_refuses_blank_and_wrong_pin_then_issues(
    qtbot: QtBot, db: Database, runner: TaskRunner, clinic: Clinic, tmp_path: Path
) -> None:
    patient = make_patient(db)
    page = open_page(qtbot, db, runner, clinic, patient)
    text = page.text_view.toPlainText()
    assert "I, Amara Okafor, agree" in text and "Cheeks, Forehead" in text
    assert "Dermapen 4" in text and not page.guardian_box.isVisible()
    assert "No consent to this treatment" in page.reason_label.text()

    qtbot.keyClicks(page.pin_edit, PIN)
    qtbot.mouseClick(page.issue_button, LEFT)
    assert "signature is empty" in page.message() and list_consents(db, patient) == []

    draw(qtbot, page.patient_signature.pad, [(30, 120), (80, 40), (150, 130), (260, 70)])
    qtbot.keyClicks(page.pin_edit, "9999")
    qtbot.mouseClick(page.issue_button, LEFT)
    assert "PIN is not right" in page.message() and list_consents(db, patient) == []

    page.photo_checks["training"].setChecked(True)
    qtbot.keyClicks(page.pin_edit, PIN)
    with qtbot.waitSignal(page.issued) as issued:
        qtbot.mouseClick(page.issue_button, LEFT)
    (record,) = list_consents(db, patient)
    assert issued.args == [record.id] and record.photo.training and not record.photo.marketing
    assert record.short_fingerprint in page.message()
    page.grab().save(str(tmp_path / "consent-step.png"))


def test_a_minor_needs_the_guardian_fields(
    qtbot: QtBot, db: Database, runner: TaskRunner, clinic: Clinic
) -> None:
    from datetime import date, timedelta

    born = date.today() - timedelta(days=15 * 365)
    minor = create_patient(db, PatientDetails("Léa", "Dubois", date_of_birth=born), None).id
    page = open_page(qtbot, db, runner, clinic, minor)
    assert page.guardian_box.isVisible()
    draw(qtbot, page.patient_signature.pad, [(30, 120), (80, 40), (150, 130)])
    qtbot.keyClicks(page.pin_edit, PIN)
    qtbot.mouseClick(page.issue_button, LEFT)
    assert "guardian" in page.message() and list_consents(db, minor) == []
    page.guardian_name.setText("Chloé Dubois")  # keyClicks types ASCII only
    qtbot.keyClicks(page.guardian_relation, "mother")
    draw(qtbot, page.guardian_signature.pad, [(30, 100), (120, 40), (220, 110)])
    qtbot.keyClicks(page.pin_edit, PIN)
    with qtbot.waitSignal(page.issued):
        qtbot.mouseClick(page.issue_button, LEFT)
    assert list_consents(db, minor)[0].guardian_relation == "mother"


def test_the_visit_asks_for_consent_between_checklist_and_session(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, tmp_path: Path
) -> None:
    from assistant.settings import Settings
    from ui.visit.workflow import SessionWorkflow

    settings = Settings(tmp_path / "settings.json")
    settings.set("autosave_seconds", 0)
    patient = make_patient(demo_db, "Ines", "Garcia")  # new: no consent yet
    ensure_pin(demo_db, 1)
    workflow = SessionWorkflow(demo_db, runner, settings, patient, 1)  # type: ignore[arg-type]
    qtbot.addWidget(workflow)
    workflow.resize(1280, 1000)
    workflow.show()
    qtbot.mouseClick(workflow.zone_checks["cheeks"], LEFT, pos=QPoint(8, 10))
    page = workflow.checklist_page
    assert page is not None
    answer_everything(page)
    with qtbot.waitSignal(workflow.sessionCreated):
        qtbot.mouseClick(page.continue_button, LEFT)
    consent = workflow.consent_page
    assert consent is not None and workflow.stack.currentWidget() is consent
    assert workflow.form is None
    assert "No consent to this treatment is on record" in consent.reason_label.text()
    workflow.grab().save(str(tmp_path / "visit-consent-step.png"))
    draw(qtbot, consent.patient_signature.pad, [(30, 120), (80, 40), (150, 130), (260, 70)])
    qtbot.keyClicks(consent.pin_edit, PIN)
    with qtbot.waitSignal(consent.issued):
        qtbot.mouseClick(consent.issue_button, LEFT)
    assert workflow.form is not None and workflow.stack.currentWidget() is workflow.form_holder
    assert workflow.more_button.isVisible() and workflow.consent_action.isVisible()
    assert list_consents(demo_db, patient)[0].areas == ("cheeks",)


def test_settings_save_the_clinic_copy_as_a_new_version(qtbot: QtBot, db: Database) -> None:
    from assistant.consent import current_template
    from ui.settings.consent_templates import ConsentTemplateSettings

    page = ConsentTemplateSettings(db, None)
    qtbot.addWidget(page)
    page.show()
    assert "version 1" in page.version_label.text()
    page.body_edit.appendPlainText("\nPlease tell us about any new medicine.")
    with qtbot.waitSignal(page.saved) as saved:
        qtbot.mouseClick(page.save_button, LEFT)
    assert saved.args == [2]
    current = current_template(db, "microneedling")
    assert current.version == 2 and current.source == "clinic"
    assert current.body.endswith("Please tell us about any new medicine.")
    page.body_edit.setPlainText("A form without the patient's name.")
    qtbot.mouseClick(page.save_button, LEFT)
    assert "{patient_name}" in page.message.text()
    assert current_template(db, "microneedling").version == 2


def test_the_consents_dialog_saves_prints_and_withdraws(
    qtbot: QtBot, db: Database, clinic: Clinic, tmp_path: Path
) -> None:
    from datetime import date

    from PySide6.QtPrintSupport import QPrinter

    from assistant.consent import consent_pdf
    from assistant.storage.models import AuditEvent
    from tests.consent_support import give_consent
    from ui.consent.list_dialog import ConsentsDialog

    patient = make_patient(db)
    record = give_consent(db, patient, clinic.practitioner, clinic.device)
    dialog = ConsentsDialog(db, patient, clinic.practitioner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1 and record.short_fingerprint in dialog.list.item(0).text()
    assert "form version 1 in English" in dialog.list.item(0).text()

    out = tmp_path / "copy.pdf"
    dialog.ask_save_path = lambda _record: out
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert out.read_bytes() == consent_pdf(db, record.id)

    printed = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    dialog.ask_printer = to_file
    qtbot.mouseClick(dialog.print_button, LEFT)
    assert printed.stat().st_size > 1000
    with db.session() as session:
        actions = {e.action for e in session.query(AuditEvent).filter_by(entity="consent")}
    assert {"export", "print"} <= actions

    dialog.ask_withdrawal_date = lambda _scope: date.today()
    qtbot.mouseClick(dialog.withdraw_photo_button, LEFT)
    assert list_consents(db, patient)[0].withdrawn_on("photo") == date.today()
    assert "photos withdrawn" in dialog.list.item(0).text()
    assert not dialog.withdraw_photo_button.isEnabled() and dialog.withdraw_button.isEnabled()


def test_the_pad_takes_a_finger(qtbot: QtBot) -> None:
    from PySide6.QtTest import QTest

    pad = SignaturePad("Patient's signature")
    qtbot.addWidget(pad)
    pad.resize(400, 200)
    pad.show()
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(20, 50)).commit()
    QTest.touchEvent(pad, finger).move(0, QPoint(80, 120)).commit()
    QTest.touchEvent(pad, finger).move(0, QPoint(150, 60)).commit()
    QTest.touchEvent(pad, finger).release(0, QPoint(150, 60)).commit()
    (stroke,) = pad.strokes()  # one stroke: no second one from synthesised mouse events
    assert len(stroke) == 3
    assert stroke[-1][0] - stroke[0][0] == 130.0 and stroke[1][1] - stroke[0][1] == 70.0


def test_signing_in_the_visit_says_why_a_consent_is_needed(
    qtbot: QtBot, demo_db: Database, runner: TaskRunner, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from PySide6.QtWidgets import QMessageBox

    from assistant.sessions import create_draft, get_session
    from assistant.settings import Settings
    from tests.test_sessions_workflow import fill_and_save
    from ui.visit.workflow import SessionWorkflow

    settings = Settings(tmp_path / "settings.json")
    settings.set("autosave_seconds", 0)
    patient = make_patient(demo_db, "Ines", "Garcia")  # no consent
    session_id = create_draft(demo_db, patient, 1)
    workflow = SessionWorkflow(demo_db, runner, settings, patient, 1, session_id=session_id)  # type: ignore[arg-type]
    qtbot.addWidget(workflow)
    workflow.resize(1280, 900)
    workflow.show()
    form = workflow.form
    assert form is not None
    fill_and_save(qtbot, form)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.sign_button, LEFT)
    assert "cannot be signed without a valid consent" in form.action_error.text()
    assert "No consent to this treatment is on record" in form.action_error.text()
    assert get_session(demo_db, session_id).state == "draft"

    ensure_pin(demo_db, 1)
    assert workflow.consent_action in workflow.more_button.menu().actions()
    workflow.consent_action.trigger()  # More › "Take a new consent…" for the form's zones
    consent = workflow.consent_page
    assert consent is not None and workflow.stack.currentWidget() is consent
    draw(qtbot, consent.patient_signature.pad, [(30, 120), (80, 40), (150, 130), (260, 70)])
    qtbot.keyClicks(consent.pin_edit, PIN)
    with qtbot.waitSignal(consent.issued):
        qtbot.mouseClick(consent.issue_button, LEFT)
    assert workflow.stack.currentWidget() is workflow.form_holder
    zones = {z.zone for z in get_session(demo_db, session_id).draft.zones}
    assert zones and set(list_consents(demo_db, patient)[0].areas) == zones
    with qtbot.waitSignal(form.signed):
        qtbot.mouseClick(form.sign_button, LEFT)
    assert get_session(demo_db, session_id).state == "signed"


def test_the_step_shows_the_patients_language_and_says_it_is_unreviewed(
    qtbot: QtBot, db: Database, runner: TaskRunner, clinic: Clinic
) -> None:
    from datetime import date

    details = PatientDetails("Lucía", "García", date(1980, 5, 6), language="es")
    patient = create_patient(db, details, None).id
    page = open_page(qtbot, db, runner, clinic, patient)
    text = page.text_view.toPlainText()
    assert "Yo, Lucía García, acepto" in text and "Mejillas y Frente" in text
    assert "Consentimiento para fotografías" in text
    assert page.language_box.currentData() == "es" and page.language() == "es"
    assert page.review_label.isVisible() and "not been reviewed" in page.review_label.text()
    assert page.photo_checks["marketing"].text().startswith("Las fotos")

    # another language chosen on the step: its text, and no notice for the reviewed English
    page.language_box.setCurrentIndex(page.language_box.findData("en"))
    assert "I, Lucía García, agree" in page.text_view.toPlainText()
    assert not page.review_label.isVisible()
    page.language_box.setCurrentIndex(page.language_box.findData("ar"))
    assert "أوافق" in page.text_view.toPlainText() and page.review_label.isVisible()
    assert page.text_view.layoutDirection() == Qt.LayoutDirection.RightToLeft

    # the patient signs the Spanish text they read, and the consent records it
    page.language_box.setCurrentIndex(page.language_box.findData("es"))
    draw(qtbot, page.patient_signature.pad, [(30, 120), (80, 40), (150, 130), (260, 70)])
    qtbot.keyClicks(page.pin_edit, PIN)
    with qtbot.waitSignal(page.issued):
        qtbot.mouseClick(page.issue_button, LEFT)
    (record,) = list_consents(db, patient)
    assert record.language == "es"


def test_settings_edit_each_languages_form_on_its_own(qtbot: QtBot, db: Database) -> None:
    from assistant.consent import current_template
    from ui.settings.consent_templates import ConsentTemplateSettings

    page = ConsentTemplateSettings(db, None)
    qtbot.addWidget(page)
    page.show()
    assert page.language_box.currentData() == "en"
    assert "not been reviewed" not in page.version_label.text()
    page.language_box.setCurrentIndex(page.language_box.findData("es"))
    assert page.title_edit.text().startswith("Consentimiento para microneedling")
    assert "version 1" in page.version_label.text()
    assert "not been reviewed" in page.version_label.text()
    page.body_edit.appendPlainText("\nDíganos si toma algún medicamento nuevo.")
    with qtbot.waitSignal(page.saved) as saved:
        qtbot.mouseClick(page.save_button, LEFT)
    assert saved.args == [2]
    spanish = current_template(db, "microneedling", "es")
    assert spanish.version == 2 and spanish.source == "clinic"
    assert spanish.body.endswith("Díganos si toma algún medicamento nuevo.")
    assert current_template(db, "microneedling").version == 1  # English untouched
    page.language_box.setCurrentIndex(page.language_box.findData("en"))
    assert page.title_edit.text().startswith("Consent to microneedling")
