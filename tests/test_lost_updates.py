"""No lost updates: patients, session drafts and the clinic profile carry a version, and a
save from a stale copy is refused with ``StaleRecord`` holding the version saved now. Each
case runs with two connections (two workstations) on SQLite and, when a server is given
(``CHAIRSIDE_TEST_POSTGRES_URL``, ``.ci/postgres.sh``), on PostgreSQL."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from assistant import paths, sessions
from assistant.clinic import store as clinic
from assistant.errors import StaleRecord
from assistant.patients.store import PatientDetails, create_patient, get_patient, update_patient
from assistant.storage.db import Database, init_db
from tests.consent_support import record_consent
from tests.postgres_support import migrated_database
from tests.sessions_support import complete_draft, make_clinic

PG_URL = os.environ.get("CHAIRSIDE_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="CHAIRSIDE_TEST_POSTGRES_URL is not set"))]  # fmt: skip


@pytest.fixture(params=BACKENDS)
def two(
    request: pytest.FixtureRequest, isolated_data_dir: object
) -> Iterator[tuple[Database, Database]]:
    """Two workstations on one database."""
    url = migrated_database() if request.param == "postgresql" else paths.database_url()
    first = init_db(url)
    second = init_db(url)
    yield first, second
    first.dispose()
    second.dispose()


def test_a_patient_saved_from_a_stale_copy_is_refused(two: tuple[Database, Database]) -> None:
    desk, chair = two
    patient = create_patient(desk, PatientDetails("Zoë", "Adams", phone="07700 900123"), None)
    at_desk = get_patient(desk, patient.id)
    at_chair = get_patient(chair, patient.id)
    assert at_desk.version == at_chair.version == 1

    saved = update_patient(
        chair, patient.id, replace(at_chair.details, phone="07700 900999"), None, at_chair.version
    )
    assert saved.version == 2
    with pytest.raises(StaleRecord) as caught:
        update_patient(
            desk, patient.id, replace(at_desk.details, email="zoe@example.com"), None,
            at_desk.version,
        )  # fmt: skip
    current = caught.value.current
    assert current is not None and current.version == 2
    assert current.details.phone == "07700 900999"
    assert get_patient(desk, patient.id).details.email == ""  # nothing of the stale save
    # Merging both and saving over the version shown succeeds.
    merged = replace(saved.details, email="zoe@example.com")
    assert update_patient(desk, patient.id, merged, None, 2).version == 3
    final = get_patient(chair, patient.id).details
    assert (final.phone, final.email) == ("07700 900999", "zoe@example.com")


def test_parallel_saves_of_one_version_keep_exactly_one(
    two: tuple[Database, Database],
) -> None:
    desk, chair = two
    patient = create_patient(desk, PatientDetails("Zoë", "Adams"), None)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(db: Database, notes: str) -> None:
        barrier.wait()
        try:
            update_patient(db, patient.id, PatientDetails("Zoë", "Adams", notes=notes), None, 1)
            outcomes.append("saved")
        except StaleRecord:
            outcomes.append("stale")
        except Exception as exc:  # a lock timeout would also be a refusal, never a loss
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=save, args=(db, n)) for db, n in ((desk, "a"), (chair, "b"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes)[-1] == "stale" and outcomes.count("saved") == 1, outcomes
    assert get_patient(desk, patient.id).version == 2


def test_a_draft_saved_from_a_stale_copy_is_refused(two: tuple[Database, Database]) -> None:
    desk, chair = two
    c = make_clinic(desk)
    patient = create_patient(desk, PatientDetails("Zoë", "Adams", date(1990, 5, 1)), None).id
    record_consent(desk, patient, c.practitioner, c.device)
    session_id = sessions.create_draft(desk, patient, c.practitioner)
    opened = sessions.get_session(desk, session_id)
    other = sessions.get_session(chair, session_id)
    saved = sessions.save_draft(
        chair, session_id, replace(complete_draft(c), notes="from the chair"), None, other.version
    )
    assert saved.version == other.version + 1
    with pytest.raises(StaleRecord) as caught:
        sessions.save_draft(
            desk, session_id, replace(complete_draft(c), notes="from the desk"), None,
            opened.version,
        )  # fmt: skip
    current = caught.value.current
    assert current.draft.notes == "from the chair"
    assert sessions.get_session(chair, session_id).draft.notes == "from the chair"
    # Signing moves the version on too, so a stale draft cannot be saved over a signature.
    signed = sessions.sign_session(chair, session_id, c.practitioner)
    with pytest.raises(StaleRecord):
        sessions.save_draft(desk, session_id, complete_draft(c), None, saved.version)
    assert sessions.get_session(desk, session_id).version == signed.version


def test_clinic_settings_saved_from_a_stale_copy_are_refused(
    two: tuple[Database, Database],
) -> None:
    desk, chair = two
    clinic.save_clinic(desk, clinic.ClinicProfile(name="Riverside", phone="020 7946 0321"), None)
    at_desk = clinic.get_clinic(desk)
    at_chair = clinic.get_clinic(chair)
    assert at_desk.version == at_chair.version == 1
    saved = clinic.save_clinic(chair, replace(at_chair, phone="020 7946 0000"), None)
    assert saved.version == 2
    with pytest.raises(StaleRecord) as caught:
        clinic.save_clinic(desk, replace(at_desk, name="Riverside Skin Clinic"), None)
    assert caught.value.current.phone == "020 7946 0000"
    assert clinic.get_clinic(desk).name == "Riverside"


def test_the_window_shows_both_versions_and_saves_the_merge(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.patients.form import PatientForm
    from ui.session_form.stale_dialog import StaleRecordDialog

    patient = create_patient(db, PatientDetails("Zoë", "Adams", phone="07700 900123"), None)
    form = PatientForm(db)
    qtbot.addWidget(form)
    form.load(get_patient(db, patient.id))
    # Meanwhile, at another workstation:
    update_patient(db, patient.id, PatientDetails("Zoë", "Adams", phone="07700 900999"), None, 1)
    form.email.setText("zoe@example.com")
    shown: list[StaleRecordDialog] = []

    def answer(dialog: StaleRecordDialog) -> int:
        shown.append(dialog)
        assert [key for key, _ in dialog.differing] == ["phone", "email"]
        dialog.choose("phone", mine=False)  # keep the other workstation's phone
        return 1

    monkeypatch.setattr(StaleRecordDialog, "exec", answer)
    form.save()
    assert len(shown) == 1
    saved = get_patient(db, patient.id)
    assert (saved.details.phone, saved.details.email) == ("07700 900999", "zoe@example.com")
    assert saved.version == 3 and form.version == 3
    assert form.phone.text() == "07700 900999"


def test_the_comparison_keeps_one_side_or_merges(qtbot: QtBot) -> None:
    from ui.session_form.stale_dialog import StaleRecordDialog

    mine = {"name": "A", "phone": "1", "email": "x"}
    theirs = {"name": "A", "phone": "2", "email": "y"}
    labels = [("name", "Name"), ("phone", "Phone"), ("email", "Email")]
    dialog = StaleRecordDialog("Compare", labels, mine, theirs)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.merged() == mine
    dialog.choose_all(mine=False)
    assert dialog.merged() == theirs
    dialog.choose("email", mine=True)
    assert dialog.merged() == {"name": "A", "phone": "2", "email": "x"}


def test_the_clinic_profile_screen_compares_before_saving_over_a_newer_one(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.session_form.stale_dialog import StaleRecordDialog
    from ui.settings.dialog import ClinicProfileTab

    clinic.save_clinic(db, clinic.ClinicProfile(name="Riverside", phone="020 7946 0321"), None)
    tab = ClinicProfileTab(db, None)
    qtbot.addWidget(tab)
    # Another workstation saves first.
    clinic.save_clinic(db, replace(clinic.get_clinic(db), phone="020 7946 0000"), None)
    tab.name.setText("Riverside Skin Clinic")
    monkeypatch.setattr(StaleRecordDialog, "exec", lambda dialog: 0)  # cancelled
    assert not tab.save()
    assert clinic.get_clinic(db).name == "Riverside"

    def keep_mine(dialog: StaleRecordDialog) -> int:
        assert [key for key, _ in dialog.differing] == ["name", "phone"]
        dialog.choose("phone", mine=False)
        return 1

    monkeypatch.setattr(StaleRecordDialog, "exec", keep_mine)
    assert tab.save()
    saved = clinic.get_clinic(db)
    assert (saved.name, saved.phone, saved.version) == (
        "Riverside Skin Clinic",
        "020 7946 0000",
        3,
    )
    assert tab.phone.text() == "020 7946 0000"
