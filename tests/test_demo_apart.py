"""Demo data stays apart from real records: it loads only into an empty or demo database,
marks that database as a demo, and its practitioners sign in with the printed PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.access.auth import verify_login
from assistant.clinic import store as clinic
from assistant.clinic.devices import device_limits_of
from assistant.demo.clinic import (
    DEMO_PIN,
    demo_folder,
    is_demo_database,
    load_demo_data,
)
from assistant.errors import InvalidInput
from assistant.patients.store import PatientDetails, create_patient
from assistant.storage.db import Database, init_db
from assistant.storage.models import Device, ZoneTreatment
from tests import keyed_sqlite as sqlite3
from tests.test_cli import run_here


def test_an_empty_database_becomes_a_marked_demo(db: Database) -> None:
    assert not is_demo_database(db)
    load_demo_data(db, patients=4, seed=3)
    assert is_demo_database(db)
    load_demo_data(db, patients=2, seed=4)  # a demo database takes more demo data
    assert is_demo_database(db)


def test_a_database_with_real_patients_or_practitioners_is_refused(db: Database) -> None:
    create_patient(db, PatientDetails("Ana", "Real"), actor=None)
    with pytest.raises(InvalidInput, match="holds real records"):
        load_demo_data(db, patients=2)
    assert not is_demo_database(db)


def test_a_database_with_only_a_practitioner_is_refused(db: Database) -> None:
    clinic.save_practitioner(db, "Dr Real Person", "GMC 1")
    with pytest.raises(InvalidInput, match="holds real records"):
        load_demo_data(db, patients=2)


def test_the_demo_practitioners_sign_in_with_the_demo_pin(demo_db: Database) -> None:
    practitioners = clinic.list_practitioners(demo_db)
    assert len(practitioners) == 3
    for practitioner in practitioners:
        assert verify_login(demo_db, practitioner.id, DEMO_PIN).id == practitioner.id


def test_the_demo_devices_have_profiles_and_every_depth_is_a_setting(demo_db: Database) -> None:
    with demo_db.session() as session:
        devices = {d.id: d for d in session.scalars(select(Device))}
        assert {d.profile for d in devices.values()} == {"dermapen_4", "skinpen_precision"}
        zones = list(session.scalars(select(ZoneTreatment)))
        assert zones
        for zone in zones:
            limits = device_limits_of(devices[zone.session.device_id])
            assert limits.min_depth_mm <= zone.depth_mm <= limits.max_depth_mm
            steps = zone.depth_mm / limits.step_mm
            assert abs(steps - round(steps)) < 1e-6, (limits.label, zone.depth_mm)


def test_the_demo_folder_lies_beside_the_data_folder(tmp_path: Path) -> None:
    folder = demo_folder(tmp_path / "Chairside")
    assert folder == tmp_path / "Chairside demo"


def test_the_command_prints_the_pin_and_refuses_real_records(tmp_path: Path) -> None:
    result = run_here("demo", "--patients", "2", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "PIN 2468" in result.stdout
    again = run_here("demo", "--patients", "1", data_dir=tmp_path)
    assert again.returncode == 0, again.stderr  # a demo database takes more

    real = tmp_path / "real"
    real.mkdir()
    clinic_db = init_db(f"sqlite:///{real / 'chairside.sqlite3'}")
    create_patient(clinic_db, PatientDetails("Ana", "Real"), actor=None)
    clinic_db.dispose()
    refused = run_here("demo", "--patients", "2", data_dir=real)
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "holds real records" in lines[0]
    assert "Traceback" not in refused.stderr
    con = sqlite3.connect(real / "chairside.sqlite3")
    assert con.execute("select count(*) from patient").fetchone() == (1,)
    con.close()


def test_the_demo_pin_unlocks_an_encrypted_demo_database(tmp_path: Path) -> None:
    from assistant.access.cipher import is_plain

    made = run_here("demo", "--patients", "2", data_dir=tmp_path)
    assert made.returncode == 0, made.stderr
    assert not is_plain(tmp_path / "chairside.sqlite3")  # encrypted, as every new database
    opened = run_here(
        "--no-key", "audit", "--verify", "--as", "Ewa Kowalczyk", data_dir=tmp_path,
        env={"CHAIRSIDE_PIN": "2468"},
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    wrong = run_here(
        "--no-key", "audit", "--verify", "--as", "Ewa Kowalczyk", data_dir=tmp_path,
        env={"CHAIRSIDE_PIN": "1111"},
    )  # fmt: skip
    assert wrong.returncode == 2
