"""The interface translated: the Spanish Qt catalog covers every string in ``ui/``, its
compiled ``.qm`` is the one shipped, and the window speaks Spanish when the setting says so."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from assistant.settings import DEFAULTS, Settings
from ui.translations import install_translators, language_name, qm_path, ts_path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(TOOLS))
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6)")
    return found


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def test_the_spanish_catalog_covers_every_string_in_the_interface(tmp_path: Path) -> None:
    current = tmp_path / "current.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(current)], check=True,
                   capture_output=True, cwd=ROOT)  # fmt: skip
    wanted = messages(current)
    assert len(wanted) > 600
    spanish = messages(ts_path("es"))
    missing = sorted(set(wanted) - set(spanish))
    assert missing == [], f"not in resources/i18n/chairside_es.ts (run pyside6-lupdate): {missing}"
    unfinished = sorted(
        key for key in wanted if spanish[key].get("type") or not (spanish[key].text or "").strip()
    )
    assert unfinished == [], f"untranslated: {unfinished}"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "es.qm"
    subprocess.run([tool("pyside6-lrelease"), str(ts_path("es")), "-qm", str(compiled)],
                   check=True, capture_output=True)  # fmt: skip
    assert compiled.read_bytes() == qm_path("es").read_bytes()


def test_placeholders_and_shortcuts_survive_translation() -> None:
    import re

    for (_, source), translation in messages(ts_path("es")).items():
        text = translation.text or ""
        assert sorted(re.findall(r"\{[^}]*\}", source)) == sorted(re.findall(r"\{[^}]*\}", text))
        if re.fullmatch(r"Ctrl\+[\w+]+", source):  # key sequences stay as Qt parses them
            assert text == source


@pytest.fixture
def spanish(qapp):
    translators = install_translators(qapp, "es")
    assert translators, "the Spanish translation did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_interface_in_spanish(spanish, qtbot, tmp_path: Path) -> None:
    from tests.test_aftercare_pdf import make_sheet
    from ui.settings.interface import InterfaceSettings
    from ui.visit.aftercare_dialog import AftercarePreviewDialog

    dialog = AftercarePreviewDialog(make_sheet(language="es"))
    qtbot.addWidget(dialog)
    assert dialog.print_button.text() == "Imprimir…"
    assert dialog.save_button.text() == "Guardar PDF…"
    assert dialog.windowTitle() == "Hoja de cuidados para Amelia Hart"
    assert "Español — Español" in [
        dialog.language_box.itemText(i) for i in range(dialog.language_box.count())
    ]
    assert "no lo ha revisado un profesional clínico" in dialog.review_notice.text()
    assert "Español" in dialog.review_notice.text()
    assert language_name("Arabic") == "Árabe"
    assert QCoreApplication.translate("PatientForm", "Handout language") == "Idioma de las hojas"
    page = InterfaceSettings(Settings(tmp_path / "settings.json"))
    qtbot.addWidget(page)
    assert page.note.text().startswith("Chairside muestra su ventana en este idioma")


def test_english_needs_no_translator(qapp) -> None:
    assert install_translators(qapp, "en") == []
    assert install_translators(qapp, "xx") == []
    assert DEFAULTS["interface_language"] == "en"


def test_the_setting_is_saved_when_chosen(qtbot, tmp_path: Path) -> None:
    from ui.settings.interface import InterfaceSettings

    settings = Settings(tmp_path / "settings.json")
    page = InterfaceSettings(settings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.changed) as signal:
        page.language.setCurrentIndex(page.language.findData("es"))
    assert signal.args == ["es"]
    assert Settings(tmp_path / "settings.json").interface_language == "es"


def test_no_string_hides_from_lupdate_behind_a_wrapper() -> None:
    """lupdate reads ``self.tr("…")`` and ``translate("Context", "…")``; a literal passed to
    a helper (``_tr("…")``) is never extracted, so it would stay English on a Spanish screen
    while the catalog test above still passes."""
    import re

    hidden = [
        f"{source.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
        for source in sorted((ROOT / "ui").rglob("*.py"))
        for text in [source.read_text(encoding="utf-8")]
        for match in re.finditer(r"(?<![\w.])_\w*tr\(\s*[\"']", text)
    ]
    assert hidden == []
