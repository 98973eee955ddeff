"""The large-clinic builder (benchmarks/make_clinic.py) at a tiny size: the app's own audit
check finds the chain intact and every row it promises is there."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from assistant.audit import integrity
from assistant.context import AppContext
from assistant.paths import Locations
from assistant.patients.search import sort_key
from assistant.patients.store import search_patients
from assistant.sessions import derived_values, get_session
from assistant.storage.models import Amendment, Consent, Patient, TreatmentSession, ZoneTreatment
from tests.encryption_support import TEST_RECOVERY

ROOT = Path(__file__).resolve().parent.parent


def load_builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_clinic", ROOT / "benchmarks" / "make_clinic.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_clinic"] = module
    spec.loader.exec_module(module)
    return module


def test_tiny_clinic_is_complete_and_its_chain_intact(tmp_path: Path) -> None:
    builder = load_builder()
    out = tmp_path / "clinic"
    result = builder.build(out, patients=50, sessions=200, quiet=True)
    assert result.intact, result.problem
    context = AppContext(Locations.resolve(out))
    context.unlock_with_recovery(TEST_RECOVERY)  # every database a test makes has this one
    db = context.database()
    try:
        with db.session() as session:
            assert session.scalar(select(func.count(Patient.id))) == 50
            assert session.scalar(select(func.count(Consent.id))) == 50
            states = dict(
                session.execute(
                    select(TreatmentSession.state, func.count()).group_by(TreatmentSession.state)
                ).all()
            )
            assert states == {"signed": 200}
            # Every visit before today, so a session added by the benchmark comes last.
            latest = session.scalar(select(func.max(TreatmentSession.treated_at)))
            assert latest is not None and latest.date() < date.today()
            assert session.scalar(select(func.count(ZoneTreatment.id))) >= 200
            amendments = session.scalar(select(func.count(Amendment.id)))
            anyone = session.scalars(select(Patient).order_by(Patient.id)).first()
        assert anyone is not None and anyone.sort_key == sort_key(
            anyone.first_name, anyone.last_name
        )
        # Found by search, and listed in order, as a patient added through the app would be.
        found = search_patients(db, f"{anyone.last_name} {anyone.first_name}", limit=1000)
        assert anyone.id in {r.id for r in found}
        listed = search_patients(db, "", limit=100)
        assert [r.sort_key for r in listed] == sorted(r.sort_key for r in listed)
        # Each session's interval and next date are the ones the core derives from its zones.
        for session_id in range(1, 21):
            draft = get_session(db, session_id).draft
            derived = derived_values(draft)
            assert draft.interval_weeks == derived.interval_weeks is not None
            assert draft.next_session_date == derived.recommended_next_date
        again = integrity.check(db, full=True)
        assert again.intact, again.problem
        assert (again.sessions, again.amendments) == (200, amendments)
        assert again.line().startswith("Audit chain intact")
    finally:
        context.close()


def test_a_clinic_of_long_courses_keeps_every_visit_before_today(tmp_path: Path) -> None:
    """Thirty visits each: at two weeks apart the late patients' courses ran into the future,
    so an entry the benchmark added counted as older than them and the chain check broke."""
    builder = load_builder()
    out = tmp_path / "clinic"
    result = builder.build(out, patients=20, sessions=600, quiet=True)
    assert result.intact, result.problem
    context = AppContext(Locations.resolve(out))
    context.unlock_with_recovery(TEST_RECOVERY)
    db = context.database()
    try:
        with db.session() as session:
            latest = session.scalar(select(func.max(TreatmentSession.treated_at)))
            assert latest is not None and latest.date() < date.today()
            per_patient = session.execute(
                select(TreatmentSession.patient_id, TreatmentSession.treated_at).order_by(
                    TreatmentSession.patient_id, TreatmentSession.id
                )
            ).all()
        for (patient, at), (next_patient, next_at) in itertools.pairwise(per_patient):
            assert patient != next_patient or at < next_at  # each course in its own order
    finally:
        context.close()
