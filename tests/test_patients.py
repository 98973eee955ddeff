"""Patient validation, audited create and edit, and search as you type."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from assistant.errors import InvalidInput, NotFound
from assistant.patients.store import (
    PatientDetails,
    count_patients,
    create_patient,
    fold,
    get_patient,
    search_patients,
    update_patient,
    validation_errors,
)
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, PatientHistory

ZOE = PatientDetails(
    first_name="Zoë",
    last_name="Łukasiewicz",
    date_of_birth=date(1990, 5, 1),
    phone="+44 7700 900123",
    email="zoe@example.com",
    fitzpatrick=3,
    skin_type="combination",
    concerns=("acne_scars", "pores"),
)


def test_valid_details_have_no_errors() -> None:
    assert validation_errors(ZOE, today=date(2026, 11, 25)) == {}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"first_name": "  "}, "first_name", "first name"),
        ({"last_name": ""}, "last_name", "last name"),
        ({"date_of_birth": date(2026, 11, 26)}, "date_of_birth", "future"),
        ({"date_of_birth": date(1850, 1, 1)}, "date_of_birth", "before 1900"),
        ({"email": "zoe@"}, "email", "not valid"),
        ({"email": "zoe example.com"}, "email", "not valid"),
        ({"phone": "12ab"}, "phone", "6 digits"),
        ({"fitzpatrick": 7}, "fitzpatrick", "I and VI"),
        ({"skin_type": "shiny"}, "skin_type", "Unknown skin type"),
        ({"concerns": ("freckles",)}, "concerns", "Unknown concern"),
    ],
)
def test_each_bad_field_is_named(change: dict[str, object], field: str, words: str) -> None:
    details = PatientDetails(**{**ZOE.__dict__, **change})  # type: ignore[arg-type]
    errors = validation_errors(details, today=date(2026, 11, 25))
    assert list(errors) == [field]
    assert words in errors[field]


def test_birth_date_today_is_accepted() -> None:
    today = date(2026, 11, 25)
    details = PatientDetails(first_name="New", last_name="Born", date_of_birth=today)
    assert validation_errors(details, today=today) == {}
    assert "date_of_birth" in validation_errors(
        PatientDetails("New", "Born", date_of_birth=today + timedelta(days=1)), today=today
    )


def test_create_refuses_bad_input_and_saves_nothing(db: Database) -> None:
    with pytest.raises(InvalidInput) as info:
        create_patient(db, PatientDetails(first_name="", last_name="X"), actor=None)
    assert info.value.field == "first_name"
    assert count_patients(db) == 0


def test_create_and_update_are_audited_with_old_and_new_values(db: Database) -> None:
    record = create_patient(db, ZOE, actor=None)
    assert get_patient(db, record.id).details == ZOE
    changed = PatientDetails(**{**ZOE.__dict__, "phone": "+44 7700 900999"})
    update_patient(db, record.id, changed, actor=None)
    assert get_patient(db, record.id).details.phone == "+44 7700 900999"
    with db.session() as session:
        everything = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    events = [e for e in everything if e.action != "seal"]  # each save also seals the row
    assert [e.action for e in everything].count("seal") == 2
    actions = [(e.action, e.entity, e.entity_id) for e in events]
    assert actions == [("create", "patient", record.id), ("change", "patient", record.id)]
    # The permanent audit row names the field; the old and new values sit beside it in
    # patient_history, which an erasure can scrub.
    assert events[1].changes == {"fields": ["phone"]}
    with db.session() as session:
        history = list(session.scalars(select(PatientHistory)))
    assert [(h.field, h.old_value, h.new_value, h.audit_event_id) for h in history] == [
        ("phone", "+44 7700 900123", "+44 7700 900999", events[1].id)
    ]


def test_unchanged_save_writes_no_audit_row(db: Database) -> None:
    record = create_patient(db, ZOE, actor=None)
    with db.session() as session:
        written = list(session.scalars(select(AuditEvent.action)))
    assert written == ["create", "seal"]
    update_patient(db, record.id, ZOE, actor=None)
    with db.session() as session:
        assert len(list(session.scalars(select(AuditEvent)))) == len(written)


def test_missing_patient_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        get_patient(db, 4242)


@pytest.mark.parametrize(
    "query", ["zoe", "ZOË", "lukas", "Zoe Luk", "7700900123", "01/05/1990", "1990-05-01"]
)
def test_search_finds_by_folded_name_phone_and_birth_date(db: Database, query: str) -> None:
    create_patient(db, ZOE, actor=None)
    create_patient(db, PatientDetails("Adam", "Smith", date(1980, 1, 2), "0117 496 0000"), None)
    rows = search_patients(db, query)
    assert [r.last_name for r in rows] == ["Łukasiewicz"]
    assert count_patients(db, query) == 1


def test_search_treats_wildcards_literally(db: Database) -> None:
    create_patient(db, ZOE, actor=None)
    assert search_patients(db, "%") == []
    assert search_patients(db, "_") == []


def test_search_pages_in_name_order(db: Database) -> None:
    for number in range(25):
        create_patient(db, PatientDetails(f"P{number:02d}", f"Name{number:02d}"), None)
    first = search_patients(db, "", limit=10)
    second = search_patients(db, "", limit=10, offset=10)
    assert [r.last_name for r in first] == [f"Name{n:02d}" for n in range(10)]
    assert [r.last_name for r in second] == [f"Name{n:02d}" for n in range(10, 20)]
    assert count_patients(db) == 25


names = st.text(
    alphabet=st.characters(categories=("Lu", "Ll"), max_codepoint=0x2FF), min_size=1, max_size=20
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=names, last=names)
def test_any_saved_patient_is_found_by_their_last_name(db: Database, first: str, last: str) -> None:
    record = create_patient(db, PatientDetails(first, last), actor=None)
    assert record.id in {r.id for r in search_patients(db, last, limit=1000)}
    assert fold(last) in fold(f"{first} {last}")
