"""``chairside consent list|export|verify``: the command-line contracts, through main.py."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from assistant.access.keyfile import key_file_path
from assistant.consent import consent_pdf, list_consents
from assistant.storage.db import init_db
from assistant.storage.models import AuditEvent, Consent
from tests.cli_support import run_in_process, run_process
from tests.consent_support import give_consent
from tests.sessions_support import make_clinic, make_patient


def chairside(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``chairside consent ARGS`` through the command line's ``main`` in this process."""
    return run_in_process(["--data-dir", str(data_dir), "--recovery-key", "consent", *args])


@pytest.fixture
def data_dir(tmp_path: Path, migrated_template: Path) -> Path:
    """Patient 1 signed a consent ten days ago; patient 2 has none."""
    folder = tmp_path / "clinic"
    folder.mkdir()
    shutil.copyfile(migrated_template, folder / "chairside.sqlite3")
    shutil.copyfile(key_file_path(migrated_template), key_file_path(folder / "chairside.sqlite3"))
    db = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}")
    c = make_clinic(db)
    patient = make_patient(db, "Zoë", "Łukasiewicz")
    give_consent(db, patient, c.practitioner, c.device, signed_on=date.today() - timedelta(10))
    make_patient(db, "Yuki", "Tanaka")
    db.dispose()
    return folder


def issued_bytes(data_dir: Path) -> bytes:
    db = init_db(f"sqlite:///{data_dir / 'chairside.sqlite3'}")
    try:
        return consent_pdf(db, list_consents(db, 1)[0].id)
    finally:
        db.dispose()


def test_list_as_json_and_text(data_dir: Path) -> None:
    # The one run in a real process, as a user's shell runs it.
    result = run_process(
        ["--data-dir", str(data_dir), "consent", "list", "--patient", "1", "--json"]
    )
    assert result.returncode == 0, result.stderr
    (consent,) = json.loads(result.stdout)
    assert consent["patient_name"] == "Zoë Łukasiewicz"
    assert consent["template"] == "microneedling" and consent["template_version"] == 1
    assert len(consent["pdf_sha256"]) == 64 and consent["withdrawn"]["treatment"] is None
    text = chairside(data_dir, "list", "--patient", "1")
    assert text.returncode == 0 and "microneedling form v1" in text.stdout
    empty = chairside(data_dir, "list", "--patient", "2", "--json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == []
    unknown = chairside(data_dir, "list", "--patient", "99")
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1


def test_export_gives_the_issued_bytes_and_verify_checks_them(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "consent.pdf"
    result = chairside(data_dir, "export", "--patient", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == issued_bytes(data_dir)
    db = init_db(f"sqlite:///{data_dir / 'chairside.sqlite3'}")
    with db.session() as session:
        exported = session.query(AuditEvent).filter_by(entity="consent", action="export").one()
    db.dispose()
    assert str(out) in exported.summary

    again = chairside(data_dir, "export", "--patient", "1", "--out", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    forced = chairside(data_dir, "export", "--patient", "1", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr

    verified = chairside(data_dir, "verify", str(out))
    assert verified.returncode == 0, verified.stderr
    lines = verified.stdout.strip().splitlines()
    assert len(lines) == 1 and "Zoë Łukasiewicz" in lines[0]
    assert (date.today() - timedelta(10)).isoformat() in lines[0]

    changed = bytearray(out.read_bytes())
    changed[len(changed) // 2] ^= 0x01
    copy = tmp_path / "changed.pdf"
    copy.write_bytes(bytes(changed))
    refused = chairside(data_dir, "verify", str(copy))
    assert refused.returncode == 1 and len(refused.stdout.strip().splitlines()) == 1
    assert "Changed" in refused.stdout
    assert hashlib.sha256(bytes(changed)).hexdigest() not in refused.stdout


def test_export_without_a_valid_consent_exits_2(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    result = chairside(data_dir, "export", "--patient", "2", "--out", str(out))
    assert result.returncode == 2 and "no valid consent" in result.stderr
    assert not out.exists()


def test_verify_unknown_and_unreadable_files(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4\n%%EOF\n")
    unknown = chairside(data_dir, "verify", str(other))
    assert unknown.returncode == 1 and "did not issue" in unknown.stdout
    text = tmp_path / "notes.txt"
    text.write_text("not a pdf", encoding="utf-8")
    not_pdf = chairside(data_dir, "verify", str(text))
    assert not_pdf.returncode == 2 and "not a PDF" in not_pdf.stderr
    missing = chairside(data_dir, "verify", str(tmp_path / "missing.pdf"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1


@pytest.fixture
def two_languages(tmp_path: Path, migrated_template: Path) -> Path:
    """Patient 1 (Spanish-speaking) signed a consent in English, then one in Spanish; patient
    2 (Spanish-speaking) signed only in English."""
    from assistant.consent import ConsentRequest, issue_consent
    from assistant.patients.store import PatientDetails, create_patient
    from tests.consent_support import PIN, SIGNATURE, ensure_pin

    folder = tmp_path / "clinic"
    folder.mkdir()
    shutil.copyfile(migrated_template, folder / "chairside.sqlite3")
    shutil.copyfile(key_file_path(migrated_template), key_file_path(folder / "chairside.sqlite3"))
    db = init_db(f"sqlite:///{folder / 'chairside.sqlite3'}")
    c = make_clinic(db)
    ensure_pin(db, c.practitioner)
    today = date.today()
    for first, codes in (("Lucía", ("en", "es")), ("Pilar", ("en",))):
        details = PatientDetails(first, "García", date(1980, 5, 6), language="es")
        patient = create_patient(db, details, None).id
        for day, code in enumerate(codes):
            moment = datetime.combine(today - timedelta(10 - day), datetime.min.time())
            request = ConsentRequest(patient, c.practitioner, ("cheeks",), c.device, SIGNATURE,
                                     language=code)  # fmt: skip
            clock = lambda m=moment: m  # noqa: E731
            issue_consent(db, request, PIN, clock=clock, local_clock=clock)
    db.dispose()
    return folder


def consent_language_of(data_dir: Path, pdf: bytes) -> str:
    db = init_db(f"sqlite:///{data_dir / 'chairside.sqlite3'}")
    try:
        with db.session() as session:
            digest = hashlib.sha256(pdf).hexdigest()
            return session.query(Consent).filter_by(pdf_sha256=digest).one().language
    finally:
        db.dispose()


def test_export_picks_the_consent_in_the_language_asked(
    two_languages: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c.pdf"
    # by default the patient's language
    result = chairside(two_languages, "export", "--patient", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert consent_language_of(two_languages, out.read_bytes()) == "es"
    english = chairside(two_languages, "export", "--patient", "1", "--out", str(out),
                        "--force", "--language", "en")  # fmt: skip
    assert english.returncode == 0, english.stderr
    assert consent_language_of(two_languages, out.read_bytes()) == "en"
    # none in the patient's language: the one valid in another is still exported
    fallback = chairside(two_languages, "export", "--patient", "2", "--out", str(out), "--force")
    assert fallback.returncode == 0, fallback.stderr
    assert consent_language_of(two_languages, out.read_bytes()) == "en"
    # asked for by name, it must be in that language
    missing = chairside(two_languages, "export", "--patient", "2", "--out", str(out),
                        "--force", "--language", "es")  # fmt: skip
    assert missing.returncode == 2 and "no valid consent in Spanish" in missing.stderr
    listing = chairside(two_languages, "list", "--patient", "1")
    assert "(Spanish)" in listing.stdout


def test_an_unknown_language_exits_2_and_lists_the_codes(
    two_languages: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c.pdf"
    result = chairside(two_languages, "export", "--patient", "1", "--out", str(out),
                       "--language", "xx")  # fmt: skip
    assert result.returncode == 2 and not out.exists()
    assert "'xx'" in result.stderr
    for code in ("en (English)", "es (Spanish)", "ar (Arabic)", "zh (Chinese"):
        assert code in result.stderr
