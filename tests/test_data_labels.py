"""Labels that come from data (zones, concerns, skin types, Fitzpatrick types, endpoints,
product kinds) show in the interface's language; what is stored and exported stays the ids
and the English words."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assistant import reference
from assistant.rules.catalogue import catalogue
from assistant.storage.db import Database
from assistant.text import i18n
from assistant.text.labels import data_label, english_labels, translated_labels, typical_range


def every_english_label() -> dict[str, Mapping[str, str]]:
    """The data's labels and the clinical rules' (which ``assistant.rules.words`` looks up
    with the rule's own English label as the default)."""
    rules = {rule.id: rule.label for rule in catalogue().values()}
    return {**english_labels(), "rules": rules}


def test_every_label_of_the_data_has_a_spanish_entry() -> None:
    spanish_labels = translated_labels("es")
    english_labels = every_english_label
    missing = [
        f"[{kind}] {key} = {english!r}"
        for kind, labels in english_labels().items()
        for key, english in labels.items()
        if not spanish_labels.get(kind, {}).get(key, "").strip()
    ]
    assert missing == [], "not in resources/labels-es.toml: " + "; ".join(missing)
    # nothing left over from an id the data no longer has
    stale = [
        f"[{kind}] {key}"
        for kind, labels in spanish_labels.items()
        for key in labels
        if key not in english_labels().get(kind, {})
    ]
    assert stale == []


def test_a_label_in_each_language_and_the_key_when_unknown(spanish: None) -> None:
    assert data_label("zones", "cheeks") == "Mejillas"
    assert data_label("fitzpatrick", 4).startswith("IV: se quema muy poco")
    assert data_label("zones", "cheeks", "en") == "Cheeks"
    # French has no labels file: English, except the zone names of the French handout
    assert data_label("concerns", "acne_scars", "fr") == "Acne scars (icepick, boxcar, rolling)"
    assert data_label("zones", "cheeks", "fr") == "Joues"
    assert data_label("zones", "elbow") == "elbow"  # unknown to the data: the stored key
    assert typical_range(reference.zones()["full_face"]) == "0.25–0.5 mm"
    assert typical_range(reference.zones()["cheeks"]) == "0.5–1.5 mm"
    i18n.use_language("en")
    assert data_label("zones", "cheeks") == "Cheeks"
    assert data_label("concerns", "acne_scars") == "Acne scars (icepick, boxcar, rolling)"


def test_the_patient_form_offers_spanish_choices_and_stores_the_ids(
    qtbot: QtBot, db: Database, spanish: None
) -> None:
    from ui.patients.form import PatientForm

    form = PatientForm(db)
    qtbot.addWidget(form)
    concerns = [form.concerns.item(i).text() for i in range(form.concerns.count())]
    assert "Cicatrices de acné (en picahielo, en furgón, onduladas)" in concerns
    assert "Acne scars (icepick, boxcar, rolling)" not in concerns
    skin = [form.skin_type.itemText(i) for i in range(form.skin_type.count())]
    assert {"Seca", "Grasa", "Mixta", "Sensible"} <= set(skin)
    fitzpatrick = [form.fitzpatrick.itemText(i) for i in range(form.fitzpatrick.count())]
    assert "VI: nunca se quema, piel muy pigmentada" in fitzpatrick
    # what is kept is the id, whatever the language shown
    form.skin_type.setCurrentIndex(form.skin_type.findText("Seca"))
    assert form.skin_type.currentData() == "dry"
    item = form.concerns.item(concerns.index("Estrías"))
    assert item.data(Qt.ItemDataRole.UserRole) == "stretch_marks"


def test_the_zone_picker_and_map_name_zones_in_spanish(qtbot: QtBot, spanish: None) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent

    from ui.visit.zone_picker import ZonePicker

    picker = ZonePicker()
    qtbot.addWidget(picker)
    picker.resize(1200, 200)
    picker.show()
    assert picker.checks["cheeks"].text() == "Mejillas"
    assert picker.checks["hands"].text() == "Dorso de las manos"
    diagram = picker.map.diagram_of("cheeks")
    point = picker.map.click_zone("cheeks")
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove, QPointF(point), QPointF(point),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    diagram.mouseMoveEvent(move)
    assert diagram.toolTip() == "Mejillas"
    picker.checks["cheeks"].setChecked(True)
    assert picker.planned() == ["cheeks"]  # the id, not the label


def _signed_session(db: Database) -> int:
    from assistant.sessions import list_sessions

    for patient in range(1, 30):
        for summary in list_sessions(db, patient):
            if summary.state == "signed" and summary.zones:
                return summary.id
    raise AssertionError("the demo clinic has no signed session")


def test_a_signed_record_names_zones_endpoints_and_kinds_in_spanish(
    qtbot: QtBot, demo_db: Database, spanish: None
) -> None:
    from assistant.sessions import get_session, session_context
    from ui.session_form.record_view import RecordDocument

    session_id = _signed_session(demo_db)
    record = get_session(demo_db, session_id)
    document = RecordDocument()
    qtbot.addWidget(document)
    document.show_record(record, session_context(demo_db, session_id))
    text = document.text()
    for zone in record.effective.zones:
        spanish_name, english_name = data_label("zones", zone.zone), data_label(
            "zones", zone.zone, "en"
        )
        assert spanish_name in text
        assert spanish_name == english_name or english_name not in text
        assert data_label("endpoints", zone.endpoint) in text
    for product in record.effective.products:
        assert data_label("product_kinds", product.kind) in text
    # the record itself keeps the ids
    assert all(zone.zone in reference.zones() for zone in record.effective.zones)
    # and its headings are the interface's too
    for heading in ("Sesión del", "Firmado por", "Profundidad", "Punto final", "Lote"):
        assert heading in text, heading


def test_exports_keep_the_english_words(spanish: None) -> None:
    from assistant.patients.export_words import KIND_WORDS, in_words

    assert in_words("zone", "cheeks") == "Cheeks"
    assert in_words("skin_type", "dry") == "Dry"
    assert in_words("concerns", ["stretch_marks"]) == ["Stretch marks"]
    assert in_words("endpoint", "pinpoint_bleeding") == "Pinpoint bleeding"
    assert english_labels()["product_kinds"] == KIND_WORDS


def test_the_audit_trail_names_kinds_of_record_in_spanish(db: Database, spanish: None) -> None:
    from PySide6.QtCore import Qt as QtCore

    from assistant.access import auth
    from assistant.patients.store import PatientDetails, create_patient
    from ui.audit.table_model import AuditTableModel

    naomi = auth.create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", "4821")
    create_patient(db, PatientDetails("Ada", "Lovelace"), actor=naomi.id)
    model = AuditTableModel(db)
    headers = [model.headerData(c, QtCore.Orientation.Horizontal) for c in range(6)]
    assert headers[:4] == ["Cuándo", "Quién", "Acción", "Registro"]
    assert model.data(model.index(0, 3)) == "Paciente"
    assert data_label("audit_records", "treatment_session") == "Sesión de tratamiento"
    # a kind the words do not know is still named
    assert data_label("audit_records", "new_thing", default="New thing") == "New thing"


def test_zone_names_on_screen_are_the_handouts() -> None:
    """One list of zone names per language: the aftercare sheet's, also on screen and on
    the consent."""
    from assistant.aftercare.template import load_template
    from assistant.consent.templates import area_names

    for code in ("es", "fr", "zh"):
        handout = load_template(language=code).zones
        assert handout, code
        for zone, name in handout.items():
            assert data_label("zones", zone, code) == name
        assert area_names(tuple(handout), code) == tuple(handout.values())
