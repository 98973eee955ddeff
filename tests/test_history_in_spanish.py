"""What was stored in English (a session's warnings, the audit trail's summaries) reads in
the interface's language on a Spanish screen, worded again from the values kept with it;
the stored words themselves never change."""

from __future__ import annotations

import ast
import itertools
from datetime import date, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from assistant.audit.phrases import match_phrase, screen_summary
from assistant.audit.trail import query_events
from assistant.sessions import (
    DeviceLimits,
    PreviousSession,
    SessionWarning,
    ZoneEntry,
    check_zone,
    interval_warning,
    screen_warning,
)
from assistant.sessions.limits import device_age_warning
from assistant.storage.db import Database


def _english_warnings() -> list[SessionWarning]:
    dermapen = DeviceLimits(0.1, 3.0, "Dermapen 4", warn_above_mm=1.0, notes="its own advice")
    warnings = check_zone(ZoneEntry("forehead", 2.0, 6), dermapen, 5)
    warnings += check_zone(ZoneEntry("full_face", 1.5, 2), dermapen, 2)
    previous = PreviousSession(1, datetime(2026, 11, 3, 10, 0), 1.5)
    late = interval_warning(previous, datetime(2026, 11, 17, 9, 0))
    young = device_age_warning(
        DeviceLimits(0.1, 3.0, "Dermapen 4", cleared_age=22), date(2008, 1, 1), date(2026, 11, 17)
    )
    assert late is not None and young is not None
    return [*warnings, late, young]


def test_warnings_stored_in_english_read_in_spanish(spanish: None) -> None:
    from assistant.text import i18n

    i18n.use_language("en")
    stored = [SessionWarning.from_json(w.to_json()) for w in _english_warnings()]
    i18n.use_language("es")
    codes = {w.code for w in stored}
    assert codes == {
        "device_depth", "zone_depth", "pigmented_depth", "pigmented_passes", "interval",
        "device_age",
    }  # fmt: skip
    shown = [screen_warning(w) for w in stored]
    for warning, text in zip(stored, shown, strict=True):
        assert text != warning.message
        english = warning.message.split(":")[-1].split("(")[0].strip()
        assert english not in text, (english, text)
        assert "mm" not in text or "," in text or "1 mm" in text
    assert "1,5 mm" in " ".join(shown)
    assert "martes, 3 de noviembre de 2026" in shown[-2]
    assert all(" is " not in text and " on " not in text for text in shown), shown
    # the stored words are untouched
    assert all(" is " in w.message for w in stored)


def test_a_warning_kept_without_its_values_shows_as_stored(spanish: None) -> None:
    old = SessionWarning.from_json(
        {"code": "zone_depth", "zone": "upper_lip", "message": "Upper lip: 0.8 mm is above."}
    )
    assert old.values == {}
    assert screen_warning(old) == "Upper lip: 0,8 mm is above."


def test_the_values_are_stored_with_the_warning() -> None:
    (warning,) = check_zone(ZoneEntry("forehead", 1.5, 2), None, 2)
    data = warning.to_json()
    assert data["values"]["depth"] == 1.5
    assert SessionWarning.from_json(data).values == data["values"]
    assert screen_warning(SessionWarning.from_json(data)) == warning.message


# ------------------------------------------------------------------ the audit trail

ROOT = Path(__file__).resolve().parents[1]
# A word chosen before the summary is written (assistant/consent/issue.py).
VERBS = {"{verb}": ["Printed", "Saved"]}


def _samples(node: ast.expr) -> list[str] | None:
    """Every summary a ``summary=`` expression can write, with sample values (None when it is
    built elsewhere)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _samples(node.body), _samples(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _samples(node.left), _samples(node.right)
        if left is None or right is None:
            return None
        return [a + b for a, b in itertools.product(left, right)]
    if isinstance(node, ast.JoinedStr):
        parts: list[list[str]] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append([str(value.value)])
                continue
            assert isinstance(value, ast.FormattedValue)
            inner = _samples(value.value) if isinstance(value.value, ast.IfExp) else None
            source = ast.unparse(value)
            if inner is not None:
                parts.append(inner)
            elif source in VERBS:
                parts.append(VERBS[source])
            elif "%Y" in source:
                parts.append(["2026-11-03 10:00"])
            elif "isoformat" in source or source.endswith(".on}"):
                parts.append(["2026-11-03"])
            elif ":+d" in source:
                parts.append(["+7"])
            else:
                parts.append(["7"])
        return ["".join(p) for p in itertools.product(*parts)]
    return None


def _written_summaries() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            name = name or (node.func.id if isinstance(node.func, ast.Name) else "")
            if name != "record":
                continue
            for keyword in node.keywords:
                if keyword.arg == "summary":
                    where = f"{path.relative_to(ROOT)}:{keyword.lineno}"
                    found += [(where, s) for s in _samples(keyword.value) or ()]
    return found


def test_every_summary_the_core_writes_has_a_phrase() -> None:
    written = _written_summaries()
    assert len(written) > 70
    missing = [(where, text) for where, text in written if match_phrase(text) is None]
    assert missing == [], "add these to assistant/audit/phrases.py PHRASES"


def test_a_spanish_audit_trail_shows_no_english_sentence(demo_db: Database, spanish: None) -> None:
    from ui.audit.table_model import AuditTableModel

    with demo_db.session() as session:
        entries = list(query_events(session, limit=2000))
    assert len(entries) > 40
    english = {e.summary for e in entries}
    model = AuditTableModel(demo_db)
    while model.canFetchMore():
        model.fetchMore()
    what = model.COLUMNS.index("summary")
    shown = [str(model.data(model.index(row, what))) for row in range(model.rowCount())]
    assert len(shown) == len(entries)
    leftover = [text for text in shown if text in english]
    assert leftover == []
    for stored in english:  # no English sentence, whole or as its start
        phrase = match_phrase(stored)
        assert phrase is not None, stored
        start = phrase[0].split("{")[0].strip()
        if len(start) > 6:
            assert all(not text.startswith(start) for text in shown), start
    # states and numbers in the words of the interface
    assert any("Sesión" in text and "firmada" in text for text in shown)


def test_a_summary_in_spanish_names_the_patient_and_its_dates(spanish: None) -> None:
    assert (
        screen_summary("Follow-up call 3 due 2026-11-05 after session 9 (treated at 1.5 mm)", 4, "")
        == "Llamada de seguimiento 3 para el 5 nov 2026 tras la sesión 9 (tratada a 1,5 mm)"
    )
    assert screen_summary("Changed first_name, notes of patient 4", 4, "Ana Ruiz") == (
        "Cambiado en Ana Ruiz: nombre, notas"
    )
    assert screen_summary("Appointment 2: booked to no_show", None, "") == (
        "Cita 2: de reservada a no vino"
    )
    assert screen_summary("Something new for patient 4", 4, "Ana Ruiz") == (
        "Something new for Ana Ruiz"
    )  # a summary without a phrase is shown as stored, with names


def test_in_english_the_summary_is_as_stored() -> None:
    assert screen_summary("Changed first_name of patient 4", 4, "Ana Ruiz") == (
        "Changed first name of Ana Ruiz"
    )


def test_a_record_signed_in_english_reads_in_spanish(
    qtbot: QtBot, db: Database, spanish: None
) -> None:
    from assistant.sessions import get_session, session_context
    from assistant.text import i18n
    from tests.consent_support import give_consent
    from tests.day_support import sign
    from tests.sessions_support import make_clinic, make_patient
    from ui.session_form.record_view import RecordDocument

    i18n.use_language("en")  # signed with the interface in English
    clinic = make_clinic(db)
    patient = make_patient(db, fitzpatrick=5)
    give_consent(db, patient, clinic.practitioner, clinic.device)
    deep = (ZoneEntry("forehead", 1.5, 6, "8", "erythema"),)
    session_id = sign(db, clinic, patient, zones=deep)
    i18n.use_language("es")
    record = get_session(db, session_id)
    assert len(record.warnings) >= 2 and all(w.values for w in record.warnings)
    assert all(" is " in w.message for w in record.warnings)  # stored in English
    document = RecordDocument()
    qtbot.addWidget(document)
    document.show_record(record, session_context(db, record.id))
    text = " ".join(document.text().split())
    for warning in record.warnings:
        assert " ".join(warning.message.split()) not in text
        assert " ".join(screen_warning(warning).split()) in text
    assert " is above " not in text and " passes on " not in text
    assert "1,5 mm" in text
