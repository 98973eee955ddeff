"""``translations sheet`` and ``translations approve``: the review sheet read back from its
PDF, the approval recorded (who, which version) and audited, and the "unreviewed
translation" notice of the aftercare preview and the consent step gone for an approved
version and back once the file changes."""

from __future__ import annotations

import io
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from assistant import paths
from assistant.access.auth import create_first_practitioner
from assistant.aftercare import install_template_copy
from assistant.cli import EXIT_BAD_INPUT, EXIT_OK
from assistant.consent import preview_consent
from assistant.patients.store import PatientDetails, create_patient
from assistant.resources import resource_path
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, TranslationApproval
from assistant.text import translation_review as review
from assistant.text.translation_review import (
    approvals,
    approve_translation,
    approved_translations,
    translation_files,
)
from tests.cli_support import cli_main
from tests.sessions_support import make_clinic
from tests.test_aftercare_pdf import make_sheet
from ui.visit.aftercare_dialog import AftercarePreviewDialog

PIN = "4821"
REVIEWER = "Dr Ana Ruiz, dermatologist"


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def lead(db: Database, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("CHAIRSIDE_PIN", PIN)
    return create_first_practitioner(db, "Dr Naomi Clarke", "GMC 7012345", PIN).id


def approve_cli(code: str = "es", reviewer: str = REVIEWER, *extra: str) -> int:
    return cli_main(["translations", "approve", "--language", code, "--reviewer", reviewer,
                     *extra])  # fmt: skip


# --- the sheet -----------------------------------------------------------------------------


def test_the_sheet_prints_every_string_by_key_beside_the_english(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "es.pdf"
    assert cli_main(["translations", "sheet", "--language", "es", "--out", str(out)]) == EXIT_OK
    stdout = capsys.readouterr().out
    assert str(out) in stdout and "strings" in stdout
    text = text_of(out)
    files = translation_files("es")
    for item in files:  # each file named with the version read
        assert f"{item.name} (shipped) · SHA-256 {item.content_hash[:16]}" in text
    assert "steps[17].text" in text and "labels.role_guardian" in text
    assert "Do not pick or scrub the skin." in text
    assert "No se arranque las pieles sueltas" in text
    assert "zones.back" in text and "Espalda" in text and "Back" in text
    assert "Reviewed by a fluent clinician" in text
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("code", ["ar", "zh", "vi"])
def test_the_sheet_draws_every_script(db: Database, tmp_path: Path, code: str) -> None:
    out = tmp_path / f"{code}.pdf"
    assert cli_main(["translations", "sheet", "--language", code, "--out", str(out)]) == EXIT_OK
    text = text_of(out)
    assert out.read_bytes().startswith(b"%PDF") and "labels.signatures" in text
    assert f"consent-{code}.toml (shipped)" in text


def test_the_sheet_follows_the_output_rules(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "es.pdf"
    out.write_bytes(b"the marked copy")
    argv = ["translations", "sheet", "--language", "es", "--out", str(out)]
    assert cli_main(argv) == EXIT_BAD_INPUT
    assert "already exists; add --force" in capsys.readouterr().err
    assert out.read_bytes() == b"the marked copy"
    assert cli_main([*argv, "--force"]) == EXIT_OK
    assert cli_main(["translations", "sheet", "--language", "es", "--out",
                     str(tmp_path / "no" / "es.pdf")]) == EXIT_BAD_INPUT  # fmt: skip
    assert "does not exist" in capsys.readouterr().err
    for code, message in (("en", "English is the original"), ("xx", "Available: en")):
        assert cli_main(["translations", "sheet", "--language", code, "--out",
                         str(tmp_path / "x.pdf")]) == EXIT_BAD_INPUT  # fmt: skip
        assert message in capsys.readouterr().err


def test_a_clinic_copy_is_the_version_on_the_sheet(db: Database, tmp_path: Path) -> None:
    copy = install_template_copy(language="es")
    copy.write_text(copy.read_text(encoding="utf-8").replace(
        "Cómo cuidar su piel", "Cuidados de la Clínica Riverside:"), encoding="utf-8")  # fmt: skip
    out = tmp_path / "es.pdf"
    assert cli_main(["translations", "sheet", "--language", "es", "--out", str(out)]) == EXIT_OK
    text = text_of(out)
    assert "aftercare-es.toml (clinic)" in text and "Cuidados de la Clínica Riverside" in text


# --- the approval --------------------------------------------------------------------------


def test_approve_records_who_approved_which_version_and_audits_it(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve_cli("es", REVIEWER, "--as", "Dr Naomi Clarke") == EXIT_OK
    out = capsys.readouterr().out
    files = translation_files("es")
    for item in files:
        assert f"{item.name} (shipped) {item.content_hash[:12]}: approved by {REVIEWER}" in out
    recorded = approvals(db, "es")
    assert [(a.file, a.content_hash, a.reviewer, a.practitioner) for a in recorded] == [
        (item.name, item.content_hash, REVIEWER, "Dr Naomi Clarke") for item in files
    ]
    with db.session() as session:
        (event,) = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "translation_approval")
        ).all()
        assert event.action == "sign" and event.practitioner_id == lead
        assert event.content_hash and REVIEWER in event.summary
        changes = event.changes if isinstance(event.changes, dict) else json.loads(event.changes)
        assert changes["files"] == {item.name: item.content_hash for item in files}
    assert cli_main(["audit", "--verify"]) == EXIT_OK


def test_approve_refuses_without_a_role_a_practitioner_or_for_english(
    db: Database, lead: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert approve_cli("es", "Ana Ruiz", "--as", "Dr Naomi Clarke") == EXIT_BAD_INPUT
    assert '"NAME, role"' in capsys.readouterr().err
    assert approve_cli("es", "Ana\u202eRuiz, nurse", "--as", "Dr Naomi Clarke") == EXIT_BAD_INPUT
    assert approve_cli("es", REVIEWER) == EXIT_BAD_INPUT
    assert "--as PRACTITIONER" in capsys.readouterr().err
    assert approve_cli("en", REVIEWER, "--as", "Dr Naomi Clarke") == EXIT_BAD_INPUT
    with db.session() as session:
        assert session.scalars(select(TranslationApproval)).all() == []


def test_the_approval_belongs_to_the_database_not_the_shipped_file(db: Database, lead: int) -> None:
    shipped = [resource_path(name).read_bytes() for name in ("aftercare-es.toml",
                                                              "consent-es.toml")]  # fmt: skip
    approve_translation(db, "es", REVIEWER, lead)
    after = [resource_path(name).read_bytes() for name in ("aftercare-es.toml",
                                                            "consent-es.toml")]  # fmt: skip
    assert after == shipped and b"reviewed = false" in after[0]


# --- the notices ---------------------------------------------------------------------------


def notice_shown(qtbot: QtBot, db: Database) -> bool:
    widget = AftercarePreviewDialog(make_sheet(language="es"), approvals=approved_translations(db))
    qtbot.addWidget(widget)
    return not widget.review_notice.isHidden()


def test_the_preview_notice_goes_for_an_approved_version_and_returns_when_it_changes(
    qtbot: QtBot, db: Database, lead: int
) -> None:
    assert notice_shown(qtbot, db)
    approve_translation(db, "es", REVIEWER, lead)
    assert not notice_shown(qtbot, db)
    copy = install_template_copy(language="es")  # the clinic's own copy: another file
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# our wording\n", encoding="utf-8")
    assert notice_shown(qtbot, db)
    approve_translation(db, "es", REVIEWER, lead, paths.templates_dir())
    assert not notice_shown(qtbot, db)
    copy.write_text(copy.read_text(encoding="utf-8").replace("Paciente", "Cliente"),
                    encoding="utf-8")  # fmt: skip
    assert notice_shown(qtbot, db)


def test_the_consent_notice_goes_for_an_approved_version_and_returns_when_it_changes(
    db: Database, lead: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic = make_clinic(db)
    details = PatientDetails("Lucía", "García", date(1980, 5, 6), language="es")
    patient = create_patient(db, details, None).id

    def reviewed() -> bool:
        preview = preview_consent(db, patient, ["cheeks"], clinic.device, clinic.practitioner)
        assert preview.language == "es"
        return preview.reviewed

    shipped = tmp_path / "consent-es.toml"  # the shipped file, as an update would change it
    shutil.copyfile(resource_path("consent-es.toml"), shipped)
    real = review.resource_path
    monkeypatch.setattr(
        review, "resource_path", lambda name: shipped if name == shipped.name else real(name)
    )
    assert not reviewed()
    approve_translation(db, "es", REVIEWER, lead)
    assert reviewed()
    shipped.write_text(shipped.read_text(encoding="utf-8").replace("Firmas", "Firmas:"),
                       encoding="utf-8")  # fmt: skip
    assert not reviewed()
    assert preview_consent(db, patient, ["cheeks"], clinic.device, clinic.practitioner,
                           language="fr").reviewed is False  # fmt: skip


def test_settings_consent_forms_say_so_only_until_approved(
    qtbot: QtBot, db: Database, lead: int
) -> None:
    from ui.settings.consent_templates import ConsentTemplateSettings

    page = ConsentTemplateSettings(db, lead)
    qtbot.addWidget(page)
    page.language_box.setCurrentIndex(page.language_box.findData("es"))
    assert "not been reviewed" in page.version_label.text()
    approve_translation(db, "es", REVIEWER, lead)
    page.language_box.setCurrentIndex(page.language_box.findData("fr"))
    page.language_box.setCurrentIndex(page.language_box.findData("es"))
    assert "not been reviewed" not in page.version_label.text()
