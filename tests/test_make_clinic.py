"""The large-clinic builder (benchmarks/make_clinic.py) at a tiny size: the app's own audit
check finds the chain intact and every row it promises is there."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from sqlalchemy import func, select

from assistant.audit import integrity
from assistant.patients.search import sort_key
from assistant.patients.store import search_patients
from assistant.storage.db import init_db
from assistant.storage.models import Amendment, Consent, Patient, TreatmentSession, ZoneTreatment

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
    db = init_db(f"sqlite:///{out / 'chairside.sqlite3'}")
    db.data_dir = out
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
        again = integrity.check(db, full=True)
        assert again.intact, again.problem
        assert (again.sessions, again.amendments) == (200, amendments)
        assert again.line().startswith("Audit chain intact")
    finally:
        db.dispose()
