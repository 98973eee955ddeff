"""How long the actions at the chair take on a large clinic, through the real main window.

Opens the main window offscreen on a clinic built by ``make_clinic.py`` (signed in as its
first practitioner, with the real threaded task runner), times each action until the window
shows its result, and measures in the same run the start-up of a fresh process to a painted
main window against a bare Qt window and that window plus ``import sqlalchemy.orm``.

Start-up is ``python main.py`` itself (``startup_flow.py``). On an encrypted clinic it is
the two waits a practitioner has: from launch until the unlock dialog is on screen, and from
the PIN until the main window is painted. The second of typing between them is theirs, and
the app loads the window's modules in it; the same start with the PIN given the instant the
dialog appears is printed too (launch to window), not judged.
Actions it cannot drive yet are printed as skipped, with the reason. The last line is JSON:
``{"actions": {"search": {"p50_ms": …, "p95_ms": …}, …}, "startup_ms": …,
"bare_window_ms": …, "orm_floor_ms": …}``. Before it, each figure is checked against its
target (every action's p95 under 100 ms; start-up within 1.5× the floor, their medians) and
said to PASS or FAIL, with the machine's load average beside it: other work on the machine
slows every figure, so a FAIL on a busy machine is measured again before it is believed.

    python benchmarks/bench_interactions.py --data-dir DIR [--repeat 20] [--startup-only]
        [--only sign,autosave]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_startup import BARE, ORM_FLOOR, compiled_env  # noqa: E402

# The real start (``python main.py``), as ``startup_flow.py`` times it; the practitioner's
# typing of the PIN is a pause the app does not count (it loads the window meanwhile).
TYPING_MS = 1000

SEARCH_TEXT = "nguy"
TIMEOUT_S = 30.0
# The targets (issue 23): every action's p95, and start-up against the ORM floor (medians).
P95_TARGET_MS = 100.0
STARTUP_TARGET_RATIO = 1.5


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


PAINTED = "PAINTED"


def real_start(env: dict[str, str], typing_ms: int) -> dict[str, float]:
    """``main.py`` in a fresh process: ms since launch at ``dialog``, ``submit`` and
    ``window`` (``startup_flow.py``)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "startup_flow.py"), repr(time.time()),
         str(typing_ms)],
        cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    marks = json.loads(lines[-1]) if lines else {}
    if done.returncode != 0 or "window" not in marks:
        raise SystemExit(f"the window did not start: {done.stderr.strip()[-2000:]}")
    return {name: float(value) for name, value in marks.items()}


def waited(marks: dict[str, float]) -> float:
    """What the practitioner waited: launch to the unlock dialog, then PIN to window (or,
    with no unlock dialog, launch to window)."""
    if "dialog" in marks:
        return marks["dialog"] + marks["window"] - marks["submit"]
    return marks["window"]


def fresh_process(code: str, env: dict[str, str]) -> float:
    """How long a fresh process running ``code`` takes from its launch until its window is
    painted (ms; closing the window and ending the process are not start-up)."""
    code = code.replace(
        "window.grab()\n", f"window.grab()\nprint('{PAINTED}', __import__('time').time())\n", 1
    )
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    painted = next(float(line.split()[1]) for line in lines if line.startswith(PAINTED))
    return (painted - start) * 1000


class Driver:
    """The window, its application, and a way to wait until something is on screen."""

    def __init__(self, data_dir: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        from assistant.context import AppContext
        from assistant.paths import Locations
        from assistant.settings import Settings
        from ui.app import ChairsideApplication
        from ui.app_context import GuiContext
        from ui.main_window import MainWindow
        from ui.tasks import TaskRunner

        self.app = ChairsideApplication.instance() or ChairsideApplication(sys.argv[:1])
        # Leaving a page with typing in it asks; the benchmark always answers "discard".
        QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        locations = Locations.resolve(data_dir)
        settings = Settings(locations.settings_file)
        settings.set("autosave_seconds", 0)
        settings.set("demo_offered", True)
        core = AppContext(locations, settings=settings, practitioner_id=1)
        if core.needs_unlock():  # an encrypted clinic: signed in as its first practitioner
            from make_clinic import PIN

            core.unlock_with_pin(1, PIN)
        self.context = GuiContext(core, TaskRunner())
        self.window = MainWindow(self.context)
        self.window.resize(1280, 800)
        self.window.show()
        self.app.processEvents()

    @property
    def db(self) -> Any:
        return self.context.db

    def wait(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while not done():
            self.app.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"timed out waiting for {what}")
            time.sleep(0.0005)
        self.app.processEvents()

    def timed(self, action: Callable[[], None], done: Callable[[], bool], what: str) -> float:
        start = time.perf_counter()
        action()
        self.wait(done, what)
        return (time.perf_counter() - start) * 1000


def regular_patient(db: Any) -> tuple[int, int]:
    """The patient with the number of sessions nearest 30 (and that number)."""
    from sqlalchemy import func, select

    from assistant.storage.models import TreatmentSession

    with db.session() as session:
        rows = session.execute(
            select(TreatmentSession.patient_id, func.count())
            .group_by(TreatmentSession.patient_id)
            .order_by(func.abs(func.count() - 30), TreatmentSession.patient_id)
            .limit(1)
        ).all()
    return (rows[0][0], rows[0][1]) if rows else (1, 0)


def form_actions(driver: Driver, patient_id: int, repeat: int, times: dict[str, Any]) -> None:
    """On a draft of the patient: add a zone and change its depth, then an autosave."""
    from assistant.sessions import create_draft

    window = driver.window
    session_id = create_draft(driver.db, patient_id, 1)
    window.open_session(session_id)
    driver.wait(lambda: window.workflow is not None and window.workflow.form is not None
                and window.workflow.form.isVisible(), "the session form")  # fmt: skip
    assert window.workflow is not None and window.workflow.form is not None
    form = window.workflow.form
    zones: list[float] = []
    saves: list[float] = []
    for index in range(repeat):
        rows = form.zone_model.rowCount()

        def add_zone(index: int = index) -> None:
            form.zones.zone_choice.setCurrentIndex(index % form.zones.zone_choice.count())
            form.zones.add_zone_button.click()
            form.zones.depth_spin.setValue(0.5 + 0.25 * (index % 4))

        # The warnings panel is refreshed in the same slot as the change; wait for the row.
        zones.append(driver.timed(add_zone, lambda r=rows: form.zone_model.rowCount() > r,
                                  "the new zone"))  # fmt: skip
        saves.append(driver.timed(
            lambda: form.flush() and None,
            lambda: not form.autosaver.dirty and not form.autosaver.saving
            and form.status_text().startswith("Saved"),
            "the saved status",
        ))  # fmt: skip
    times["zone_depth"] = zones
    times["autosave"] = saves
    window.show_patient(patient_id)


def signable_draft(db: Any, patient_id: int) -> Any:
    """A complete draft for today with the clinic's first device, cartridge and glide, and
    a consent issued today (through the app) that covers it."""
    from datetime import date, datetime

    from sqlalchemy import select

    from assistant import reference
    from assistant.consent import ConsentRequest, issue_in
    from assistant.demo.clinic import demo_signature
    from assistant.sessions import ProductEntry, SessionDraft, ZoneEntry
    from assistant.storage.models import Cartridge, Device, Product, ProductLot

    now = datetime.now().replace(second=0, microsecond=0)
    with db.session() as session:
        device = session.scalars(select(Device).order_by(Device.id)).first()
        today = date.today()
        cartridge = session.scalars(
            select(Cartridge).where(Cartridge.expiry_date > today).order_by(Cartridge.id)
        ).first()
        found = session.execute(
            select(Product, ProductLot)
            .join(ProductLot, ProductLot.product_id == Product.id)
            .where(Product.kind == "glide", ProductLot.expiry_date > today)
            .order_by(Product.id)
        ).first()
        assert device is not None and cartridge is not None and found is not None
        glide, lot = found
        request = ConsentRequest(
            patient_id=patient_id, practitioner_id=1, areas=tuple(reference.zones()),
            device_id=device.id, patient_strokes=demo_signature(1),
        )  # fmt: skip
        issue_in(session, request, now, today)
        draft = SessionDraft(
            treated_at=now, practitioner_id=1, device_id=device.id,
            cartridge_id=cartridge.id, cartridge_needles=cartridge.needle_count,
            cartridge_lot=cartridge.lot_number, cartridge_expiry=cartridge.expiry_date,
            anaesthetic_product="LMX4 lidocaine cream", anaesthetic_strength="4%",
            anaesthetic_minutes=30, consent_on_file=True, consent_date=today,
            photos_taken=True, tolerance=3,
            zones=(ZoneEntry("forehead", 0.5, 2, "8", "erythema"),
                   ZoneEntry("cheeks", 1.0, 3, "8", "pinpoint_bleeding")),
            products=(ProductEntry(glide.id, glide.name, "glide", lot.lot_number,
                                   lot.expiry_date),),
        )  # fmt: skip
    return draft


def sign_actions(driver: Driver, patient_id: int, repeat: int, times: dict[str, Any]) -> None:
    """Signing a complete draft: the confirmation answered yes, until the form is read-only."""
    from PySide6.QtWidgets import QMessageBox

    from assistant.sessions import create_draft, save_draft

    window = driver.window
    draft = signable_draft(driver.db, patient_id)
    signs: list[float] = []
    discard = QMessageBox.question
    for _ in range(repeat):
        session_id = create_draft(driver.db, patient_id, 1)
        save_draft(driver.db, session_id, draft, 1)
        window.open_session(session_id)
        driver.wait(lambda: window.workflow is not None and window.workflow.form is not None
                    and window.workflow.form.isVisible(), "the session form")  # fmt: skip
        assert window.workflow is not None and window.workflow.form is not None
        form = window.workflow.form
        # The form saves the next date it fills in as it opens; a practitioner signs a
        # form that has finished opening, so that save is not counted as the signing's.
        driver.wait(lambda form=form: not form.autosaver.saving and not form.autosaver.dirty,
                    "the form's own save")  # fmt: skip
        signed: list[int] = []
        form.signed.connect(signed.append)
        QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]

        def done(form: Any = form, signed: list[int] = signed) -> bool:
            return bool(signed) or bool(form.action_error.text())

        try:
            signs.append(driver.timed(form.sign_button.click, done, "the signed record"))
        finally:
            QMessageBox.question = discard  # type: ignore[method-assign]
        if not signed:
            raise RuntimeError(form.action_error.text())
        window.show_patient(patient_id)
    times["sign"] = signs


ACTIONS = ("search", "open_patient", "start_visit", "answer_question", "zone_depth",
           "autosave", "sign", "aftercare_preview", "audit_trail", "chain_check")  # fmt: skip


def run_actions(
    driver: Driver, repeat: int, only: frozenset[str] = frozenset(ACTIONS)
) -> tuple[dict[str, list[float]], dict[str, str]]:
    times: dict[str, list[float]] = {}
    skipped: dict[str, str] = {}
    patient_id, count = regular_patient(driver.db)
    print(f"patient {patient_id} has {count} sessions")
    if "search" in only:
        search_actions(driver, repeat, times)
    if "open_patient" in only:
        open_actions(driver, patient_id, count, repeat, times)
    if "start_visit" in only:
        visit_actions(driver, patient_id, repeat, times)
    if "answer_question" in only:
        answer_actions(driver, patient_id, repeat, times)
    if only & {"zone_depth", "autosave"}:
        try:
            form_actions(driver, patient_id, repeat, times)
        except Exception as exc:  # reported as skipped, never as a number
            for name in ("zone_depth", "autosave"):
                if name not in times:
                    skipped[name] = f"could not be driven: {exc}"
    if "sign" in only:
        try:
            sign_actions(driver, patient_id, repeat, times)
        except Exception as exc:  # reported as skipped, never as a number
            skipped["sign"] = f"could not be driven: {exc}"
    if "aftercare_preview" in only:
        aftercare_actions(driver, patient_id, repeat, times, skipped)
    if "audit_trail" in only:
        audit_actions(driver, patient_id, repeat, times)
    if "chain_check" in only:
        chain_actions(driver, repeat, times, skipped)
    return {name: times[name] for name in ACTIONS if name in times and name in only}, skipped


def search_actions(driver: Driver, repeat: int, times: dict[str, Any]) -> None:
    """Typing a search, one keystroke at a time, until the list model shows its results."""
    window = driver.window
    search = window.patient_list
    keystrokes: list[float] = []
    for _ in range(repeat):
        search.search.clear()
        search.apply_search()
        for index in range(1, len(SEARCH_TEXT) + 1):
            text = SEARCH_TEXT[:index]

            def type_key(text: str = text) -> None:
                search.search.setText(text)
                search.apply_search()

            keystrokes.append(driver.timed(
                type_key, lambda text=text: search.model.filter_text == text, "search results"
            ))  # fmt: skip
    times["search"] = keystrokes


def open_actions(driver: Driver, patient_id: int, count: int, repeat: int,
                 times: dict[str, Any]) -> None:  # fmt: skip
    """Opening the patient from another one, until the timeline shows their latest page of
    sessions (older ones are read as the table scrolls)."""
    window = driver.window
    other = 1 if patient_id != 1 else 2
    first_page = min(count, window.timeline.PAGE)
    opened: list[float] = []
    for _ in range(repeat):
        window.show_patient(other)
        driver.wait(lambda: window.timeline.model.rowCount() != first_page, "the other patient")
        opened.append(driver.timed(lambda: window.show_patient(patient_id),
                                   lambda: window.timeline.model.rowCount() == first_page,
                                   "the patient's sessions"))  # fmt: skip
    times["open_patient"] = opened


def visit_actions(driver: Driver, patient_id: int, repeat: int, times: dict[str, Any]) -> None:
    """Starting a visit from the patient's page, once that page has shown the sessions (as
    when a practitioner presses Start visit: never in the same millisecond as the page
    opened, so the page's own loading is not counted as the visit's)."""
    window = driver.window
    loads: list[int] = []
    window.timeline.loaded.connect(loads.append)
    visits: list[float] = []
    for _ in range(repeat):
        visits.append(driver.timed(
            lambda: window.start_session(patient_id),
            lambda: window.workflow is not None and window.workflow.checklist_page is not None
            and window.workflow.checklist_page.isVisible(),
            "the checklist",
        ))  # fmt: skip
        before = len(loads)
        window.show_patient(patient_id)
        driver.wait(lambda before=before: len(loads) > before, "the patient's page")
    window.timeline.loaded.disconnect(loads.append)
    times["start_visit"] = visits


def answer_actions(driver: Driver, patient_id: int, repeat: int, times: dict[str, Any]) -> None:
    """Answering a question: ticking a yes/no box re-evaluates the verdict and shows it."""
    window = driver.window
    window.start_session(patient_id)
    driver.wait(lambda: window.workflow is not None and window.workflow.checklist_page
                is not None, "the checklist")  # fmt: skip
    assert window.workflow is not None and window.workflow.checklist_page is not None
    page = window.workflow.checklist_page
    first = next(q.id for q in page._checklist.questions.values() if q.kind.value == "bool")
    buttons = [page.yes_button(first), page.no_button(first)]
    verdicts: list[object] = []
    page.verdictChanged.connect(verdicts.append)
    answers: list[float] = []
    for number in range(repeat):
        before = len(verdicts)
        button = buttons[number % 2]
        answers.append(driver.timed(lambda button=button: button.click(),
                                    lambda b=before: len(verdicts) > b, "the verdict"))  # fmt: skip
    times["answer_question"] = answers
    window.show_patient(patient_id)


def aftercare_actions(driver: Driver, patient_id: int, repeat: int, times: dict[str, Any],
                      skipped: dict[str, str]) -> None:  # fmt: skip
    """The aftercare preview of the patient's latest signed session, its first page shown."""
    window = driver.window
    from ui.visit.aftercare_dialog import AftercarePreviewDialog

    shown: list[int] = []

    def fake_exec(dialog: Any) -> int:
        shown.append(len(dialog.images))
        return 0

    AftercarePreviewDialog.exec = fake_exec  # type: ignore[method-assign]
    from assistant.sessions import list_sessions

    sessions = list_sessions(driver.db, patient_id)
    if sessions:
        session_id = sessions[0].id
        aftercare: list[float] = []
        for _ in range(repeat):
            before = len(shown)
            aftercare.append(
                driver.timed(
                    lambda: window.show_aftercare(session_id),
                    lambda b=before: len(shown) > b,
                    "aftercare preview",
                )
            )
        times["aftercare_preview"] = aftercare
    else:
        skipped["aftercare_preview"] = "the patient has no signed session"


def audit_actions(driver: Driver, patient_id: int, repeat: int, times: dict[str, Any]) -> None:
    """The audit trail filtered to the patient, its first page read off the UI thread."""
    window = driver.window
    audit: list[float] = []
    for _ in range(repeat):
        window.stack.setCurrentWidget(window.patient_page)
        audit.append(driver.timed(
            lambda: window.show_audit(patient_id),
            lambda: window.audit_view is not None
            and window.stack.currentWidget() is window.audit_view
            and window.audit_view.isVisible()
            and not window.audit_view.model.busy,  # its first page read off the UI thread
            "the audit trail",
        ))  # fmt: skip
    times["audit_trail"] = audit


def chain_actions(driver: Driver, repeat: int, times: dict[str, Any],
                  skipped: dict[str, str]) -> None:  # fmt: skip
    """The start-up check of the audit chain, since its verified point."""
    from assistant.audit import integrity

    checks: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = integrity.startup_check(driver.db)
        checks.append((time.perf_counter() - start) * 1000)
        if not result.intact:  # a check that stops at a break is no figure; the rest stand
            skipped["chain_check"] = f"the audit chain does not verify: {result.problem}"
            return
    times["chain_check"] = checks


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--startup-only", action="store_true",
                        help="measure start-up and its floors only, no actions")  # fmt: skip
    parser.add_argument("--only", metavar="ACTION[,ACTION]",
                        help="time only these actions: " + ", ".join(ACTIONS))  # fmt: skip
    args = parser.parse_args()
    only = frozenset(ACTIONS)
    if args.only:
        only = frozenset(name.strip() for name in args.only.split(",") if name.strip())
        if unknown := sorted(only - set(ACTIONS)):
            parser.error(f"unknown {', '.join(unknown)}; choose from {', '.join(ACTIONS)}")
    database = args.data_dir / "chairside.sqlite3"
    if not database.exists():
        print(f"No clinic database in {args.data_dir}; build one with make_clinic.py.",
              file=sys.stderr)  # fmt: skip
        raise SystemExit(2)

    # The chain's first full check is part of building the clinic; the window checks at start.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHAIRSIDE_DATA_DIR": str(args.data_dir)}
    env.pop("CHAIRSIDE_DATABASE_URL", None)
    env = compiled_env(env)  # as installed: from bytecode
    runs = max(1, args.startup_runs if args.repeat > 1 else 1)
    startup_load = load_average()
    fresh_process(BARE, env)  # warm caches
    real_start(env, TYPING_MS)
    # In rounds, so that a burst of other work on the machine slows the three alike.
    bare: list[float] = []
    floor: list[float] = []
    started: list[dict[str, float]] = []
    at_once: list[float] = []
    for _ in range(runs):
        bare.append(fresh_process(BARE, env))
        floor.append(fresh_process(ORM_FLOOR, env))
        started.append(real_start(env, TYPING_MS))
        at_once.append(real_start(env, 0)["window"])
    startup = [waited(marks) for marks in started]
    dialog = [marks.get("dialog", 0.0) for marks in started]
    after_pin = [marks["window"] - marks.get("submit", 0.0) for marks in started]
    ahead = [marks["loaded"] - marks["dialog"] for marks in started if "loaded" in marks]

    times: dict[str, list[float]] = {}
    skipped: dict[str, str] = {}
    if not args.startup_only:
        driver = Driver(args.data_dir)
        times, skipped = run_actions(driver, args.repeat, only)
        driver.window.close()
        driver.context.db.dispose()

    result: dict[str, Any] = {"actions": {}}
    print(load_average())  # other work on the machine slows every figure
    print(f"{'action':<20} {'median ms':>10} {'p95 ms':>10} {'n':>5}  p95 < {P95_TARGET_MS:.0f} ms")
    for name, values in times.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        result["actions"][name] = {"p50_ms": round(p50, 2), "p95_ms": round(p95, 2)}
        print(f"{name:<20} {p50:>10.1f} {p95:>10.1f} {len(values):>5}  "
              f"{verdict(p95 < P95_TARGET_MS)}")  # fmt: skip
    for name, reason in skipped.items():
        print(f"{name:<20} {'skipped':>10}  {reason}  FAIL")
    result["startup_ms"] = round(statistics.median(startup), 1)
    result["bare_window_ms"] = round(statistics.median(bare), 1)
    result["orm_floor_ms"] = round(statistics.median(floor), 1)
    # printed, not in the JSON, whose keys are the contract
    print(
        f"start-up {result['startup_ms']} ms: unlock dialog on screen "
        f"{statistics.median(dialog):.0f} ms + PIN to painted window "
        f"{statistics.median(after_pin):.0f} ms, the PIN's key derivation included (runs "
        f"{min(startup):.0f}–{max(startup):.0f} ms; {TYPING_MS} ms of typing between them "
        f"not counted); bare window {result['bare_window_ms']} ms; bare window + "
        f"sqlalchemy.orm {result['orm_floor_ms']} ms (medians of {runs})"
    )
    if ahead:
        print(
            f"loading ahead done {statistics.median(ahead):.0f} ms after the dialog is on "
            f"screen (runs {min(ahead):.0f}–{max(ahead):.0f} ms): a PIN given sooner waits "
            "for the rest"
        )
    print(
        f"the PIN given the instant the dialog appears: launch to painted window "
        f"{statistics.median(at_once):.0f} ms (runs {min(at_once):.0f}–{max(at_once):.0f} ms)"
    )
    ratio = result["startup_ms"] / result["orm_floor_ms"]
    print(
        f"start-up / floor {ratio:.2f}x (target <= {STARTUP_TARGET_RATIO}x): "
        f"{verdict(ratio <= STARTUP_TARGET_RATIO)}; measured at {startup_load}"
    )
    if times:
        slow = [n for n, v in times.items() if percentile(v, 0.95) >= P95_TARGET_MS]
        every = not slow and not skipped
        print(f"every p95 under {P95_TARGET_MS:.0f} ms: {verdict(every)}"
              + (f" ({', '.join([*slow, *skipped])})" if not every else ""))  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
