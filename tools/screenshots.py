"""Pictures of every visit step and main screen, at a laptop's screen size.

    python tools/screenshots.py --out DIR [--size 1366x768] [--language es] [--scale 2]

Builds a demo clinic in a temporary folder (your own records are never touched), shows the
window offscreen at that size and saves one PNG per screen in DIR, the first-start dialogs
too. The demo is dated for the longest words of the language (the sessions in September, a
Wednesday) and its first patient carries a long name, so what fits here fits on any day.
Exits 1 when a screen scrolls sideways, cuts a table's heading or cell with an ellipsis, cuts
the text of a button or label, or needs more room than the size (each problem on one line),
and 2 for bad arguments. The README's pictures come from it. With ``--scale 2`` the window is
drawn as on a 200 % screen (QT_SCALE_FACTOR): ``--size 2048x1536 --scale 2`` lays out a
1024x768 window and saves its pictures at 2048x1536 pixels, to check that nothing is blurry.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PATIENT_ZONES = ("forehead", "cheeks", "hands")  # the hands are outside the demo consents
LONG_NAME = ("Maximiliana Alejandra", "Fernández-Castellanos")


def long_day(today: date | None = None) -> date:
    """The demo's "today": the last Wednesday of the latest September gone, when the months
    and weekdays of English and Spanish ("September", "Wednesday", "septiembre",
    "miércoles") are at their longest."""
    today = today or date.today()
    year = today.year if today >= date(today.year, 9, 30) else today.year - 1
    day = date(year, 9, 30)
    return day - timedelta(days=(day.weekday() - 2) % 7)


@dataclass
class Shots:
    out: Path
    width: int
    height: int
    saved: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def take(self, name: str, widget: Any, shown: Any = None) -> None:
        """A picture of ``widget``; ``shown``: the part a person sees, when something covers
        the rest (the patient mode covers the window): only its text is checked."""
        from PySide6.QtCore import QCoreApplication, QEvent

        from tools.screen_checks import problems_on

        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
        if (widget.width(), widget.height()) != (self.width, self.height):
            self.problems.append(
                f"{name}: needs {widget.width()}x{widget.height()}, more than "
                f"{self.width}x{self.height}"
            )
        checked = shown if shown is not None else widget
        self.problems.extend(f"{name}: {problem}" for problem in problems_on(checked))
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def take_dialog(self, name: str, dialog: Any) -> None:
        """A dialog at its own size (no more than the screen's)."""
        dialog.adjustSize()
        dialog.resize(min(dialog.width(), self.width), min(dialog.height(), self.height))
        dialog.show()
        saved_size = (self.width, self.height)
        self.width, self.height = dialog.width(), dialog.height()
        try:
            self.take(name, dialog)
        finally:
            self.width, self.height = saved_size
            dialog.close()


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1366x768") from None
    if width < 800 or height < 600:
        raise argparse.ArgumentTypeError(f"{text} is smaller than 800x600")
    return width, height


def all_no(checklist: Any) -> dict[str, Any]:
    """Every question answered no (or never, or the first choice)."""
    from assistant.checklist import QuestionKind

    answers: dict[str, Any] = {}
    for question in checklist.questions.values():
        if question.kind == QuestionKind.BOOL:
            answers[question.id] = False
        elif question.kind == QuestionKind.DATE:
            answers[question.id] = None
        else:
            answers[question.id] = question.options[0].id
    return answers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="screenshots.py", description=__doc__.split("\n")[1])
    parser.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    parser.add_argument("--size", default="1366x768", type=parse_size, help="WIDTHxHEIGHT")
    parser.add_argument(
        "--language", default="en", choices=("en", "es"), help="the interface's language"
    )
    parser.add_argument(
        "--scale", default=1, type=int, choices=(1, 2), help="the screen's scaling (2: 200 %%)"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:  # the scale is fixed when Qt starts
            print("screenshots: --scale needs a process of its own", file=sys.stderr)
            return 2
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = args.size
    shots = Shots(args.out, width // args.scale, height // args.scale)
    with tempfile.TemporaryDirectory(prefix="chairside-shots-", ignore_cleanup_errors=True) as tmp:
        _take_all(Path(tmp), shots, args.language)
    for problem in shots.problems:
        print(f"screenshots: {problem}", file=sys.stderr)
    print(f"Saved {len(shots.saved)} pictures at {width}x{height} in {args.out}")
    return 1 if shots.problems else 0


def _take_all(folder: Path, shots: Shots, language: str = "en") -> None:
    from PySide6.QtWidgets import QApplication

    from assistant.demo.clinic import load_demo_data
    from assistant.paths import Locations
    from assistant.settings import Settings
    from assistant.storage.db import init_db
    from assistant.text.i18n import current_language, use_language
    from ui.app import ChairsideApplication
    from ui.app_context import GuiContext
    from ui.look import apply_look
    from ui.main_window import MainWindow
    from ui.tasks import SynchronousRunner
    from ui.translations import install_translators

    app = QApplication.instance() or ChairsideApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    restore_look = apply_look(app)  # inside another application (the tests) too
    earlier_language = current_language()
    use_language(language)
    translators = install_translators(app, language)
    data = folder / "data"
    data.mkdir()
    db = init_db(f"sqlite:///{data / 'chairside.sqlite3'}", create=True)
    try:
        load_demo_data(db, patients=12, seed=2026, today=long_day())
        settings = Settings(data / "settings.json")
        settings.set("demo_offered", True)
        settings.set("autosave_seconds", 0)
        context = GuiContext.for_database(
            db, settings, SynchronousRunner(), 1, locations=Locations(data)
        )
        _first_start(db, shots)
        window = MainWindow(context)
        window.resize(shots.width, shots.height)
        window.show()
        try:
            _screens(window, db, shots)
        finally:
            window.runner.wait()
            window.close()
            window.deleteLater()
            app.processEvents()
    finally:
        db.dispose()
        restore_look()
        for translator in translators:
            app.removeTranslator(translator)
        use_language(earlier_language)


def _first_start(db: Any, shots: Shots) -> None:
    from ui.start.encryption_setup import EncryptionChoiceDialog, RecoveryKeyDialog
    from ui.start.first_practitioner_dialog import FirstPractitionerDialog
    from ui.start.first_start import FirstStartDialog

    shots.take_dialog("first-start-0-demo-or-my-clinic", FirstStartDialog())
    shots.take_dialog("first-start-1-encryption", EncryptionChoiceDialog())
    shots.take_dialog("first-start-2-first-practitioner", FirstPractitionerDialog(db))
    shots.take_dialog(
        "first-start-3-recovery-key",
        RecoveryKeyDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789", "Demo Clinic"),
    )


def _give_long_name(db: Any, patient_id: int) -> None:
    from dataclasses import replace

    from assistant.patients.store import get_patient, update_patient

    details = get_patient(db, patient_id).details
    first, last = LONG_NAME
    update_patient(db, patient_id, replace(details, first_name=first, last_name=last), None)


def _screens(window: Any, db: Any, shots: Shots) -> None:
    from assistant.sessions import list_sessions

    patient = next(
        p for p in range(1, 13) if any(s.state == "signed" for s in list_sessions(db, p))
    )
    signed = next(s.id for s in list_sessions(db, patient) if s.state == "signed")
    _give_long_name(db, patient)
    window.patient_list.refresh()
    window.patient_list.select_patient(patient)
    window.show_patient(patient)
    shots.take("main-window", window)
    window.new_patient()
    shots.take("patient-form", window)
    window.patient_form.cancelled.emit()

    window.start_session(patient)
    workflow = window.workflow
    for zone in PATIENT_ZONES:
        workflow.zone_checks[zone].setChecked(True)
    _answer_checklist(workflow)
    shots.take("visit-1-checklist", window)
    workflow.go_next()  # the hands are not covered: the consent step
    shots.take("visit-2-consent", window)
    workflow.go_next()
    if workflow.form is not None:
        workflow.form.select_zone(0)
    shots.take("visit-3-session", window)
    window.back_to_list()
    shots.take("main-window-visit-open", window)

    window.open_session(signed)
    shots.take("visit-3-signed-record", window)
    window.workflow.go_next()
    shots.take("visit-4-aftercare", window)
    _aftercare_preview(window, db, signed, shots)
    window.workflow.finish()
    _stock(window, db, shots)
    _day(window, db, shots)
    window.show_audit()
    shots.take("audit-trail", window)
    _questionnaire(window, db, next(p for p in range(1, 13) if p != patient), shots)


def _questionnaire(window: Any, db: Any, patient: int, shots: Shots) -> None:
    """The patient's own answers waiting at the chair, and the window in patient mode."""
    from assistant.intake.answers import Received
    from assistant.intake.store import save_received
    from assistant.intake.wording import wording

    said = {"keloid_history": "no", "bleeding_disorder": "no", "smoker": "yes",
            "autoimmune_disease": "not_sure", "pregnant_or_breastfeeding": "no",
            "isotretinoin_last_dose": "2025-03", "chemotherapy_last": "never"}  # fmt: skip
    save_received(db, patient, Received("en", wording("en").version, "phone", said, None), 1)
    window.show_patient(patient)
    window.start_session(patient)
    workflow = window.workflow
    workflow.zone_checks["cheeks"].setChecked(True)
    page = workflow.checklist_page
    page.patient_said.confirm_buttons["permanent"].click()
    page.yes_button("keloid_history").click()  # the patient remembers a raised scar
    shots.take("visit-1-checklist-patient-said", window)
    window.workflow.finish()
    window.show_patient(patient)
    window.intake.patient_mode(patient)
    window.intake.mode.next_button.click()  # past the introduction: the first questions
    shots.take("patient-mode", window, shown=window.intake.mode)
    window.intake.mode.end()


def _stock(window: Any, db: Any, shots: Shots) -> None:
    """Stock after two deliveries: a cartridge lot, one running low and expiring soon, and a
    serum."""
    from datetime import date, timedelta

    from assistant.stock import NewItem, receive_box
    from ui.stock.window import StockWindow

    today = date.today()

    def code(gtin: str, lot: str, days: int) -> str:
        return f"]d201{gtin}17{today + timedelta(days=days):%y%m%d}10{lot}\x1d21{lot}-1"

    cartridge = NewItem("Nano cartridge 16", "cartridge", "16", "10 per box", 10, 15)
    receive_box(db, code("09506000134352", "NC16-2711", 400), 1, quantity=2, details=cartridge)
    receive_box(db, code("09506000134352", "NC16-2606", 20), 1)
    serum = NewItem("Growth-factor serum", "product", size="5 ml", units_per_box=5, reorder_level=2)
    receive_box(db, code("09506000134376", "GF-2709", 300), 1, details=serum)
    dialog = StockWindow(db, window.runner, window.settings, 1, window)
    dialog.resize(min(shots.width, 1000), shots.height - 60)
    dialog.show()
    saved_size = (shots.width, shots.height)
    shots.width, shots.height = dialog.width(), dialog.height()
    shots.take("stock", dialog)
    shots.width, shots.height = saved_size
    dialog.close()


def _day(window: Any, db: Any, shots: Shots) -> None:
    """The day screen with a few visits booked today and tomorrow, and the summary."""
    from datetime import date, datetime, time, timedelta

    from assistant.day.appointments import BookingRequest, book_appointment, patient_appointments

    today = date.today()
    for patient, day, hour in ((2, 0, 9), (3, 0, 11), (4, 0, 14), (5, 1, 10), (6, 1, 15)):
        if patient_appointments(db, patient):  # booked by the demo already
            continue
        at = datetime.combine(today + timedelta(days=day), time(hour, 30))
        request = BookingRequest(patient, at, override_reason="Demo: booked before its time")
        book_appointment(db, request, None)
    window.show_day()
    shots.take("day", window)
    _booking(window, shots)
    dialog = window.day.open_summary()
    dialog.resize(min(shots.width, 1000), shots.height - 60)
    saved_size = (shots.width, shots.height)
    shots.width, shots.height = dialog.width(), dialog.height()
    shots.take("summary", dialog)
    shots.width, shots.height = saved_size
    dialog.close()


def _booking(window: Any, shots: Shots) -> None:
    """The booking dialog once booked: the calendar file and its QR code."""
    from PySide6.QtCore import QCoreApplication

    booking = window.day.book(7)
    booking.book_button.click()
    QCoreApplication.processEvents()  # the layout takes in the code before the dialog is sized
    if not booking.qr_code.isVisible():
        shots.problems.append("booking: no QR code of the calendar event after booking")
    booking.adjustSize()
    saved_size = (shots.width, shots.height)
    shots.width, shots.height = booking.width(), booking.height()
    if booking.height() > saved_size[1] - 60:
        shots.problems.append(f"booking: {booking.height()} px high, taller than the screen")
    shots.take("booking", booking)
    shots.width, shots.height = saved_size
    booking.close()


def _answer_checklist(workflow: Any) -> None:
    from assistant.checklist import parse_answers

    page = workflow.checklist_page
    page.set_answers(parse_answers(workflow.checklist, all_no(workflow.checklist)))


def _aftercare_preview(window: Any, db: Any, session_id: int, shots: Shots) -> None:
    from assistant.sessions import aftercare_sheet_for_session
    from ui.visit.aftercare_dialog import AftercarePreviewDialog

    dialog = AftercarePreviewDialog(aftercare_sheet_for_session(db, session_id), None, window)
    dialog.resize(min(shots.width, 1000), shots.height - 60)
    dialog.show()
    saved_size = (shots.width, shots.height)
    shots.width, shots.height = dialog.width(), dialog.height()
    shots.take("aftercare-preview", dialog)
    shots.width, shots.height = saved_size
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
