"""Probes: what a copied data folder or its log would tell about patients, and who the audit
trail says read their records. Output files named after a patient leave no trace in the log;
stored photos (and their backup copies) are not named by the picture's SHA-256, so holding a
known picture cannot be confirmed from the names; every command that reads or writes a
patient's data is audited with the practitioner ``--as`` names. Tests named
``test_refused_*`` count refusals and ``test_detected_*`` detections in the probe suite's
tally."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import paths
from assistant.photos import import_photos
from assistant.storage import backup
from assistant.storage.db import Database
from tests import keyed_sqlite as sqlite3
from tests.cli_support import run_in_process
from tests.photo_support import camera_jpeg
from tests.sessions_support import make_patient

ROOT = Path(__file__).resolve().parents[1]
NAME = "Zebedee-Quist"  # a patient's name as a practitioner would put it in a file name


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("probe-traces") / "clinic"
    child = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(folder), "demo", "--unencrypted",
         "--patients", "3"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert child.returncode == 0, child.stderr
    return folder


def _lot(folder: Path) -> str:
    con = sqlite3.connect(folder / "chairside.sqlite3")
    (lot,) = con.execute("SELECT lot_number FROM product_lot LIMIT 1").fetchone()
    con.close()
    return str(lot)


def _commands(folder: Path, out: Path) -> dict[str, list[str]]:
    return {
        "export": ["export", "--patient", "1", "--json", f"{out}/{NAME}.json"],
        "consent export": ["consent", "export", "--patient", "1", "--out", f"{out}/{NAME}.pdf"],
        "aftercare": ["aftercare", "--session", "1", "--out", f"{out}/{NAME}-aftercare.pdf"],
        "photos export": ["photos", "export", "--patient", "1", "--out", f"{out}/{NAME}"],
        "recall": ["recall", "--lot", _lot(folder)],
        "recall --csv": ["recall", "--lot", _lot(folder), "--csv"],
        "backup": ["backup", "--out", f"{out}/{NAME}.sqlite3"],
    }


def _newest_entry(folder: Path) -> tuple[int, str, int | None]:
    con = sqlite3.connect(folder / "chairside.sqlite3")
    row = con.execute(
        "SELECT id, action, practitioner_id FROM audit_event "
        "WHERE action NOT IN ('login', 'login_failed') ORDER BY id DESC LIMIT 1"
    ).fetchone()
    con.close()
    return row


@pytest.mark.slow
def test_detected_every_patient_data_command_audited_with_its_practitioner(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHAIRSIDE_PIN", "2468")
    (tmp_path / NAME).mkdir()
    for label, argv in _commands(clinic, tmp_path).items():
        before = _newest_entry(clinic)
        result = run_in_process(["--data-dir", str(clinic), *argv, "--as", "2", "--no-key"])
        assert result.returncode == 0, (label, result.stderr)
        after = _newest_entry(clinic)
        assert after[0] > before[0], label  # an entry of its own
        assert after[2] == 2, (label, after)  # the practitioner --as named, not nobody


def _process(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """A command in a process of its own: its log goes to this clinic's ``logs`` (a process
    sets up its log once)."""
    import os

    return subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(folder), *argv, "--as", "2"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "CHAIRSIDE_PIN": "2468"},
    )  # fmt: skip


@pytest.mark.slow
def test_refused_file_names_in_the_log(clinic: Path, tmp_path: Path) -> None:
    (tmp_path / NAME).mkdir(exist_ok=True)
    for argv in _commands(clinic, tmp_path).values():
        done = _process(clinic, [*argv, "--force"] if argv[0] != "recall" else argv)
        assert done.returncode == 0, (argv, done.stderr)
    restored = _process(clinic, ["restore", f"{tmp_path}/{NAME}.sqlite3"])
    assert restored.returncode == 0, restored.stderr
    logs = list((clinic / "logs").glob("*"))
    assert logs
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        assert "aftercare sheet written" in text or "Restored the database" in text
        assert NAME not in text and str(tmp_path) not in text, log


def test_refused_a_known_picture_confirmed_by_its_hash(db: Database, tmp_path: Path) -> None:
    picture = camera_jpeg(tmp_path / "known.jpg")
    (photo,) = import_photos(db, make_patient(db), [picture], "frontal")
    folder = tmp_path / "backups"
    folder.mkdir()
    backup.backup_now(db, folder, keep=3)
    known = {photo.sha256, hashlib.sha256(picture.read_bytes()).hexdigest()}
    names = [p.name for root in (paths.data_dir(), folder) for p in root.rglob("*")]
    assert any(name.startswith("k-") for name in names)  # the photo is there, keyed
    assert not [name for name in names if any(sha in name for sha in known)]
