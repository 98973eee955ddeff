"""Photos as part of the record: the subject-access export, erasure, backups and restore,
the side-by-side comparison and its PDF, and the ``photos`` command's contracts."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from assistant import paths
from assistant.cli import EXIT_BAD_INPUT, EXIT_OK, build_parser, run_command
from assistant.errors import InvalidInput
from assistant.patients.erasure import erase_patient, erasure_confirmation
from assistant.patients.export import photos_folder_for, write_patient_json
from assistant.patients.export_pdf import export_patient_pdf
from assistant.photos import import_photos, list_photos, photo_bytes
from assistant.photos.compare import compare_photos, comparison_pdf, sessions_with_view
from assistant.sessions import create_draft, save_draft, sign_session
from assistant.storage import backup
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Photo
from tests.cli_support import with_key
from tests.consent_support import give_consent
from tests.photo_support import assert_clean, assert_upright, camera_jpeg, camera_png, on_disk
from tests.sessions_support import complete_draft, make_clinic, make_patient

ROOT = Path(__file__).resolve().parents[1]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run_command(build_parser().parse_args(with_key(argv)))
    out, err = capsys.readouterr()
    return status, out, err


def stored_files() -> list[Path]:
    folder = paths.photos_dir()
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def three_sessions(db: Database, tmp_path: Path) -> tuple[int, list[int]]:
    c = make_clinic(db)
    patient = make_patient(db)
    give_consent(db, patient, c.practitioner, c.device)
    sessions = []
    for month, depth in ((9, 0.5), (10, 1.0), (11, 1.5)):
        when = datetime(2026, month, 3, 10, 0)
        sid = create_draft(db, patient, c.practitioner, treated_at=when)
        draft = complete_draft(c, treated_at=when)
        zones = tuple(
            z.__class__(z.zone, depth, z.passes, z.speed, z.endpoint) for z in draft.zones
        )
        save_draft(db, sid, complete_draft(c, treated_at=when, zones=zones), c.practitioner)
        sign_session(db, sid, c.practitioner)
        file = camera_jpeg(tmp_path / f"s{month}.jpg", orientation=6, tint=month)
        import_photos(db, patient, [file], "frontal", session_id=sid, zone="cheeks")
        sessions.append(sid)
    return patient, sessions


# -- subject access, erasure -------------------------------------------------------------------


def test_subject_access_export_includes_the_photo_files(db: Database, tmp_path: Path) -> None:
    patient = make_patient(db)
    import_photos(
        db,
        patient,
        [camera_jpeg(tmp_path / "a.jpg"), camera_png(tmp_path / "b.png")],
        "left_oblique",
    )
    out = tmp_path / "sar" / "record.json"
    out.parent.mkdir()
    write_patient_json(db, patient, out)
    data = json.loads(out.read_text())
    assert [p["view"] for p in data["photos"]] == ["left_oblique", "left_oblique"]
    folder = photos_folder_for(out)
    for entry in data["photos"]:
        exported = (folder / entry["file_name"]).read_bytes()
        assert_clean(exported)
        assert len(exported) == entry["size"]
    assert_upright(Image.open(folder / data["photos"][0]["file_name"]))
    pdf = tmp_path / "sar" / "record.pdf"
    export_patient_pdf(db, patient, pdf)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Photos (2)" in text and data["photos"][0]["sha256"][:16] in text


def test_erasure_removes_photo_rows_and_files(db: Database, tmp_path: Path) -> None:
    patient = make_patient(db)
    keep = make_patient(db, "Lena", "Fischer")
    import_photos(
        db, patient, [camera_jpeg(tmp_path / "a.jpg"), camera_png(tmp_path / "b.png")], "frontal"
    )
    (kept,) = import_photos(db, keep, [camera_jpeg(tmp_path / "c.jpg", orientation=3)], "frontal")
    erase_patient(db, patient, None, erasure_confirmation(db, patient))
    assert list_photos(db, patient) == []
    names = {p.name for p in stored_files()}
    # the other patient's photo and thumbnail only
    assert names == {on_disk(db, f"{kept.sha256}.jpg"), on_disk(db, f"thumbs/{kept.sha256}.jpg")}
    with db.session() as session:
        assert session.scalars(select(Photo.patient_id)).all() == [keep]
        erased = session.scalars(select(AuditEvent).where(AuditEvent.action == "erase")).one()
        assert erased.changes["photos_removed"] == 2


def test_erasure_removes_the_patient_s_photos_from_the_backup_folders(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from assistant.settings import Settings

    patient = make_patient(db)
    keep = make_patient(db, "Lena", "Fischer")
    practitioner = make_clinic(db).practitioner
    (gone,) = import_photos(db, patient, [camera_jpeg(tmp_path / "a.jpg")], "frontal")
    (kept,) = import_photos(db, keep, [camera_png(tmp_path / "c.png")], "frontal")
    chosen = tmp_path / "usb-backups"
    Settings(paths.settings_file()).set("backup_folder", str(chosen))
    for folder in (chosen, paths.backup_dir()):
        folder.mkdir(parents=True, exist_ok=True)
        backup.backup_now(db, folder, keep=5)
        assert {on_disk(db, gone.name), on_disk(db, kept.name)} <= {
            p.name for p in (folder / "photos").iterdir()
        }
    from assistant.access.auth import set_pin

    set_pin(db, practitioner, "2468", None)
    monkeypatch.setenv("CHAIRSIDE_PIN", "2468")
    status, out, err = cli(
        capsys, "erase", "--patient", str(patient), "--as", str(practitioner),
        "--confirm", erasure_confirmation(db, patient),
    )  # fmt: skip
    assert status == EXIT_OK, err
    for folder in (chosen, paths.backup_dir()):
        assert {p.name for p in (folder / "photos").iterdir()} == {on_disk(db, kept.name)}
    # The core function names its folders; the backup databases keep only the rows.
    other = make_patient(db, "Omar", "Haddad")
    (third,) = import_photos(db, other, [camera_jpeg(tmp_path / "d.jpg")], "frontal")
    backup.backup_now(db, chosen, keep=5, now=datetime(2030, 1, 1))
    result = erase_patient(db, other, None, erasure_confirmation(db, other), [chosen])
    assert result.backup_photo_copies_removed == 1
    assert not (chosen / "photos" / on_disk(db, third.name)).exists()


# -- backup and restore ------------------------------------------------------------------------


def test_backups_copy_new_photos_and_restore_checks_their_hashes(
    db: Database, tmp_path: Path
) -> None:
    patient = make_patient(db)
    folder = tmp_path / "backups"
    folder.mkdir()
    (first,) = import_photos(db, patient, [camera_jpeg(tmp_path / "a.jpg")], "frontal")
    info = backup.backup_now(db, folder, keep=5)
    assert info.photos_copied == 1
    (second,) = import_photos(db, patient, [camera_png(tmp_path / "b.png")], "frontal")
    again = backup.backup_now(db, folder, keep=5, now=datetime(2030, 1, 1))
    assert again.photos_copied == 1  # incremental: only the new one
    assert sorted(p.name for p in (folder / "photos").iterdir()) == sorted(
        [on_disk(db, first.name), on_disk(db, second.name)]
    )
    # The data folder loses its photos; one backup copy is damaged.
    for file in stored_files():
        file.unlink()
    damaged = folder / "photos" / on_disk(db, second.name)
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")
    db.dispose()
    result = backup.restore(paths.database_url(), again.path)
    assert result.photos is not None
    assert (result.photos.restored, result.photos.damaged) == (1, (second.name,))
    assert photo_bytes(db, first) and not (paths.photos_dir() / on_disk(db, second.name)).exists()
    assert_clean(photo_bytes(db, first))


def test_restore_from_the_command_line_reports_photos(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.access.auth import set_pin
    from assistant.clinic.store import save_practitioner

    naomi = save_practitioner(db, "Naomi Clarke", "GMC 7012345")
    set_pin(db, naomi.id, "2468", None)
    monkeypatch.setenv("CHAIRSIDE_PIN", "2468")
    patient = make_patient(db)
    import_photos(db, patient, [camera_jpeg(tmp_path / "a.jpg")], "frontal")
    out = tmp_path / "usb" / "clinic.sqlite3"
    out.parent.mkdir()
    status, stdout, _ = cli(capsys, "backup", "--out", str(out))
    assert status == EXIT_OK and "Copied 1 new photo(s)" in stdout
    for file in stored_files():
        file.unlink()
    db.dispose()
    status, stdout, _ = cli(capsys, "restore", str(out), "--as", "Naomi Clarke")
    assert status == EXIT_OK
    assert "Brought back 1 photo(s), each checked against its SHA-256" in stdout
    assert len(list_photos(db, patient)) == 1 and stored_files()


# -- side by side ------------------------------------------------------------------------------


def test_comparison_defaults_to_first_and_latest_and_exports_a_pdf(
    db: Database, tmp_path: Path
) -> None:
    patient, sessions = three_sessions(db, tmp_path)
    assert [sid for sid, _ in sessions_with_view(db, patient, "frontal")] == sessions
    comparison = compare_photos(db, patient, "frontal")
    assert (comparison.before.session_id, comparison.after.session_id) == (sessions[0], sessions[2])
    assert "0.5 mm" in comparison.before.depths and "1.5 mm" in comparison.after.depths
    chosen = compare_photos(db, patient, "frontal", before_session=sessions[1])
    assert chosen.before.session_id == sessions[1]
    with pytest.raises(InvalidInput):
        compare_photos(db, patient, "left_lateral")
    pdf = comparison_pdf(db, comparison, tmp_path / "progress.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "3 September 2026" in text and "3 November 2026" in text and "1.5 mm" in text
    images = list(reader.pages[0].images)
    assert len(images) == 2
    sizes = {Image.open(io.BytesIO(i.data)).size for i in images}
    assert sizes == {(200, 400)}
    with db.session() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "photo").order_by(AuditEvent.id)
        ).all()
    assert actions[-3:] == ["view", "view", "export"]


# -- the command line --------------------------------------------------------------------------


def test_import_list_and_export_contracts(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patient = make_patient(db)
    c = make_clinic(db)
    sid = create_draft(db, patient, c.practitioner)
    files = [camera_jpeg(tmp_path / "a.jpg"), camera_png(tmp_path / "b.png")]
    status, out, err = cli(
        capsys,
        "photos",
        "import",
        "--patient",
        str(patient),
        "--session",
        str(sid),
        "--view",
        "right_lateral",
        *map(str, files),
    )
    assert status == EXIT_OK and err == ""
    lines = out.splitlines()
    ids = [p.id for p in list_photos(db, patient)]
    assert len(lines) == 2 and [line.split(":")[0] for line in lines] == [f"photo {i}" for i in ids]

    status, out, _ = cli(capsys, "photos", "list", "--patient", str(patient), "--json")
    listed = json.loads(out)
    assert [p["id"] for p in listed] == ids
    for entry in listed:
        assert {"id", "session", "view", "taken_at", "added_at", "sha256", "file"} <= set(entry)
        assert entry["session"] == sid and entry["view"] == "right_lateral"
        assert Path(entry["file"]).is_file()
    status, out, _ = cli(capsys, "photos", "list", "--patient", str(patient))
    assert len(out.splitlines()) == 2 and listed[0]["sha256"] in out

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    status, out, _ = cli(
        capsys, "photos", "export", "--patient", str(patient), "--out", str(out_dir)
    )
    assert status == EXIT_OK
    exported = sorted(out_dir.iterdir())
    assert len(exported) == 2
    for file in exported:
        assert_clean(file.read_bytes())
    assert_upright(Image.open(next(f for f in exported if f.suffix == ".jpg")))


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "--patient", "999", "--view", "frontal", "{good}"],
        ["import", "--patient", "{patient}", "--view", "profile", "{good}"],
        ["import", "--patient", "{patient}", "--view", "frontal", "{good}", "{bad}"],
        ["import", "--patient", "{patient}", "--view", "frontal", "{good}", "{missing}"],
        ["import", "--patient", "x", "--view", "frontal", "{good}"],
        ["list", "--patient", "999"],
        ["export", "--patient", "{patient}", "--out", "{missing}"],
        ["export", "--patient", "{patient}", "--out", "{good}"],
    ],
)
def test_bad_input_exits_2_with_one_line_and_stores_nothing(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    patient = make_patient(db)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(camera_jpeg(tmp_path / "x.jpg").read_bytes()[:300])
    values = {
        "patient": str(patient),
        "good": str(camera_jpeg(tmp_path / "good.jpg")),
        "bad": str(bad),
        "missing": str(tmp_path / "missing.jpg"),
    }
    status, out, err = cli(capsys, "photos", *[a.format(**values) for a in argv])
    assert status == EXIT_BAD_INPUT
    assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("chairside: ")
    assert list_photos(db, patient) == [] and stored_files() == []


def test_photos_import_through_main_py(db: Database, tmp_path: Path) -> None:
    patient = make_patient(db)
    db.dispose()
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--recovery-key",  # the test database is encrypted
            "photos",
            "import",
            "--patient",
            str(patient),
            "--view",
            "frontal",
            str(camera_jpeg(tmp_path / "a.jpg")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("photo 1: ")


def test_pruning_old_backups_drops_photos_no_backup_needs(db: Database, tmp_path: Path) -> None:
    from assistant.photos import remove_photo

    patient = make_patient(db)
    folder = tmp_path / "backups"
    folder.mkdir()
    (gone,) = import_photos(db, patient, [camera_jpeg(tmp_path / "a.jpg")], "frontal")
    (kept,) = import_photos(db, patient, [camera_png(tmp_path / "b.png")], "frontal")
    backup.backup_now(db, folder, keep=1, now=datetime(2030, 1, 1))
    remove_photo(db, gone.id, reason="taken of the wrong patient")
    backup.backup_now(db, folder, keep=1, now=datetime(2030, 1, 2))  # the first is pruned
    assert sorted(p.name for p in (folder / "photos").iterdir()) == [on_disk(db, kept.name)]
