"""Each section of the session form fills and reads its own part of the draft: the form
joins the parts (``binding.FormSections``) without reaching into a section's controls or
private state, and computes no clinical value itself."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

from assistant.sessions import (
    DerivedValues,
    PatientSummary,
    ProductEntry,
    SessionContext,
    SessionDraft,
    SessionRecord,
    ZoneEntry,
)
from ui.session_form.header import HeaderSection
from ui.session_form.outcome import AfterSection, NextSection, ResponseSection
from ui.session_form.parts import AfterPart, HeaderPart, ResponsePart, ZonesPart, merge
from ui.session_form.zone_table_model import ZoneTableModel
from ui.session_form.zones import ZonesSection

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / "ui" / "session_form"
STARTED = datetime(2026, 11, 17, 10, 30)


def private_attributes(path: Path) -> list[str]:
    """Every ``x._name`` read or written in the module (dunders aside)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not (node.attr.startswith("__") and node.attr.endswith("__"))
        ):
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_binding_uses_only_the_sections_public_faces() -> None:
    assert private_attributes(FORM / "binding.py") == []


def test_binding_derives_no_clinical_value_itself() -> None:
    tree = ast.parse((FORM / "binding.py").read_text(encoding="utf-8"))
    calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call)]
    called = {f.id for f in calls if isinstance(f, ast.Name)}
    called |= {f.attr for f in calls if isinstance(f, ast.Attribute)}
    assert "derived_values" in called  # the core's function, the one saving uses
    for own in ("max", "recommended_interval_weeks", "recommended_next_date", "interval_weeks"):
        assert own not in called, own
    written = {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords}
    assert "interval_weeks" not in written


def test_the_form_exposes_no_copies_of_its_sections_controls() -> None:
    source = (FORM / "__init__.py").read_text(encoding="utf-8")
    assert "_expose_controls" not in source
    for control in ("self.notes_edit =", "self.depth_spin =", "self.treated_edit ="):
        assert control not in source
    assert len(source.splitlines()) < 550


def test_parts_fill_the_draft_fields_of_their_names() -> None:
    draft = SessionDraft(STARTED, notes="old", interval_weeks=4)
    merged = merge(
        draft,
        HeaderPart(STARTED, 2, 4),
        ZonesPart((ZoneEntry("cheeks", 1.0, 2),)),
        ResponsePart(3, "redness", ""),
        AfterPart(None, "balm", "new"),
    )
    assert (merged.course_number, merged.course_total, merged.tolerance) == (2, 4, 3)
    assert (merged.notes, merged.post_care, merged.reactions) == ("new", "balm", "redness")
    assert merged.zones == (ZoneEntry("cheeks", 1.0, 2),)
    assert merged.interval_weeks == 4  # no section reads it: the core derives it


def context() -> SessionContext:
    patient = PatientSummary(1, "Amara Okafor", None, None)
    record = SessionRecord(1, 1, "draft", SessionDraft(STARTED))
    return SessionContext(record, patient, (), (), (), ())


def test_each_section_reads_back_what_it_filled(qtbot) -> None:  # type: ignore[no-untyped-def]
    draft = SessionDraft(
        STARTED,
        ended_at=datetime(2026, 11, 17, 11, 15),
        course_number=2,
        course_total=4,
        tolerance=3,
        reactions="mild erythema",
        adverse_events="none",
        post_care="balm",
        notes="tolerated well",
        zones=(ZoneEntry("forehead", 0.5, 2), ZoneEntry("cheeks", 1.5, 3)),
        products=(ProductEntry(None, "HA", "glide", "HA-1"),),
        next_session_date=date(2026, 12, 15),
    )
    header, response, after = HeaderSection(context()), ResponseSection(), AfterSection()
    zones, following = ZonesSection(ZoneTableModel()), NextSection()
    for widget in (header, response, after, zones, following):
        qtbot.addWidget(widget)
    header.fill(draft)
    response.fill(draft)
    after.fill(draft)
    zones.fill(draft)
    following.fill(draft, date(2026, 12, 15))
    assert header.read() == HeaderPart(STARTED, 2, 4)
    assert response.read() == ResponsePart(3, "mild erythema", "none")
    assert after.read(STARTED.date()) == AfterPart(draft.ended_at, "balm", "tolerated well")
    assert zones.read().zones == draft.zones
    assert following.read().next_session_date == date(2026, 12, 15) and following.follows


def test_the_next_date_follows_the_cores_recommendation_until_picked(qtbot) -> None:  # type: ignore[no-untyped-def]
    following = NextSection()
    qtbot.addWidget(following)
    following.fill(SessionDraft(STARTED), None)
    assert following.read().next_session_date is None and following.follows
    following.show_recommended(DerivedValues(1.5, 4, date(2026, 12, 15)))
    assert following.read().next_session_date == date(2026, 12, 15)
    assert "4 weeks after a session at 1.5 mm" in following.recommended_label.text()
    following.next_date_edit.setDate(date(2026, 12, 22))  # picked by hand
    assert not following.follows
    following.show_recommended(DerivedValues(2.0, 6, date(2026, 12, 29)))
    assert following.read().next_session_date == date(2026, 12, 22)
    following.use_recommended_button.click()
    following.show_recommended(DerivedValues(2.0, 6, date(2026, 12, 29)))
    assert following.read().next_session_date == date(2026, 12, 29)
    following.show_recommended(DerivedValues(None, None, None))
    assert not following.use_recommended_button.isEnabled()
