"""What an operation changed (``assistant.operations``): computed from the tables its
committed transactions wrote, every table of the schema belonging to one kind."""

from __future__ import annotations

import pytest

from assistant.audit import trail as audit
from assistant.operations import TABLE_FLAGS, OpChanges
from assistant.operations.watch import changes_made, perform
from assistant.patients.store import PatientDetails, create_patient, find_patients
from assistant.sessions import create_draft, save_draft, sign_session
from assistant.storage.db import Database
from assistant.storage.model_base import Base
from tests.consent_support import give_consent
from tests.sessions_support import complete_draft, make_clinic, make_patient


def test_every_table_of_the_schema_is_one_kind_of_change() -> None:
    import assistant.storage.models  # noqa: F401  (the whole schema on the metadata)

    assert set(TABLE_FLAGS) == set(Base.metadata.tables)
    assert set(TABLE_FLAGS.values()) == set(OpChanges.flag_names())


def test_kinds_are_named_and_combined() -> None:
    assert OpChanges.of("stock").names() == ("stock",)
    assert (OpChanges.of("stock") | OpChanges.of("audit")).names() == ("stock", "audit")
    assert not OpChanges() and OpChanges.of("photos")
    assert OpChanges.of("sessions").touches("patients", "sessions")
    assert not OpChanges.of("sessions").touches("stock")
    with pytest.raises(ValueError, match="Unknown kinds of change: patient"):
        OpChanges.of("patient")
    # a table not yet placed in the map counts as every kind: no screen misses it
    assert OpChanges.from_tables(["a_new_table"]).names() == OpChanges.flag_names()


def test_an_operation_reports_the_kinds_it_wrote_and_a_read_reports_none(db: Database) -> None:
    made = perform(lambda: create_patient(db, PatientDetails("Ada", "Lovelace"), actor=None))
    assert made.value.details.last_name == "Lovelace"
    assert made.changes.names() == ("patients", "audit")
    read = perform(lambda: find_patients(db, "Ada", 10))
    assert read.value.count == 1 and not read.changes


def test_signing_reports_sessions_not_appointments(db: Database) -> None:
    c = make_clinic(db)
    patient = make_patient(db)
    give_consent(db, patient, c.practitioner, c.device)
    draft = create_draft(db, patient, c.practitioner)
    save_draft(db, draft, complete_draft(c), c.practitioner)
    signed = perform(lambda: sign_session(db, draft, c.practitioner)).changes
    assert signed.sessions and signed.audit
    assert not signed.touches("appointments", "patients", "settings")


def test_a_rolled_back_transaction_reports_nothing_and_an_earlier_commit_stays(
    db: Database,
) -> None:
    def write_then_fail() -> None:
        with db.session() as session:
            audit.record(session, "print", "treatment_session", 1, actor=None, summary="x")
            session.flush()
            raise RuntimeError("after the flush")

    with changes_made() as changes, pytest.raises(RuntimeError):
        write_then_fail()
    assert not changes()

    with changes_made() as changes, pytest.raises(RuntimeError):
        create_patient(db, PatientDetails("Ada", "Lovelace"), actor=None)
        write_then_fail()
    assert changes().names() == ("patients", "audit")


def test_nothing_is_gathered_outside_an_operation(db: Database) -> None:
    create_patient(db, PatientDetails("Ada", "Lovelace"), actor=None)
    with changes_made() as changes:
        pass
    assert not changes()
