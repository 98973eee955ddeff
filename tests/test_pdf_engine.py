"""One PDF engine: ReportLab's internals used in one module only, and only on a ReportLab
the tests ran on; on any other, every document still prints, on the public path."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest
import reportlab
from packaging.requirements import Requirement
from pypdf import PdfReader
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph

from assistant.access.recovery_sheet import render_recovery_sheet
from assistant.aftercare import render_pdf_bytes, template_for
from assistant.consent.document import render_pdf as consent_pdf
from assistant.day.report import complication_report_pdf
from assistant.day.summary import summary_pdf
from assistant.patients.export_pdf import export_patient_pdf
from assistant.pdf import reportlab_internals as internals
from assistant.pdf.fonts import missing_in_every_font, printable, printable_any
from assistant.rules import shipped_rules
from assistant.rules.sheet import rule_sheet_pdf
from assistant.storage.db import Database
from assistant.text.translation_sheet import translation_sheet_pdf
from tests import pdf_geometry as geometry
from tests.day_support import TODAY, treated_patient
from tests.test_aftercare_pdf import make_sheet
from tests.test_print_consent import document as consent_document

ROOT = Path(__file__).resolve().parents[1]
INTERNALS = ROOT / "assistant" / "pdf" / "reportlab_internals.py"
# ReportLab names that are not its documented API, used in Chairside (beside its private,
# underscore names): a paragraph's layout, a font's face, shaping
UNDOCUMENTED = frozenset({
    "blPara", "extraSpace", "cbDefn", "breakLinesCJK", "drawPara", "shapeFragWord",
    "makeShapedFragWord", "ShapedFragWord", "charToGlyph", "charWidths", "makeSubset",
})  # fmt: skip


def _product_files(root: Path) -> list[Path]:
    files = [*root.joinpath("assistant").rglob("*.py"), *root.joinpath("ui").rglob("*.py")]
    internals_module = root / INTERNALS.relative_to(ROOT)
    return [path for path in files if path != internals_module]


@cache
def reportlab_private_names() -> frozenset[str]:
    """Every underscore name (not a dunder) ReportLab's own source uses."""
    names: set[str] = set()
    for path in Path(reportlab.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8", errors="ignore")
        names |= set(re.findall(r"\b(_[A-Za-z]\w*)", text))
    return frozenset(name for name in names if not name.endswith("__"))


def _own_private_names(files: list[Path]) -> frozenset[str]:
    """The underscore names Chairside defines itself (its functions, attributes, classes)."""
    names: set[str] = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return frozenset(name for name in names if name.startswith("_"))


def internals_used(root: Path) -> list[str]:
    """Where a ReportLab private or undocumented name is used outside the one module."""
    files = _product_files(root)
    own, private = _own_private_names(files), reportlab_private_names()
    found = []
    for path in files:
        with path.open("rb") as file:
            tokens = list(tokenize.tokenize(file.readline))
        for before, token in zip(tokens, tokens[1:], strict=False):
            if token.type == tokenize.NAME:
                name, attribute = token.string, before.string == "."
            elif token.type == tokenize.STRING and re.fullmatch(r"[\"']\w+[\"']", token.string):
                name, attribute = token.string[1:-1], True  # getattr(x, "name")
            else:
                continue
            hidden = attribute and name in private and name not in own
            if hidden or name in UNDOCUMENTED:
                found.append(f"{path.relative_to(root)}:{token.start[0]} {name}")
    return found


def reportlab_changed(root: Path) -> list[str]:
    """Assignments to an attribute of anything imported from ReportLab (a monkeypatch) and
    imports of a private ReportLab name, outside the one module."""
    found = []
    for path in _product_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                imported |= {alias.asname or alias.name for alias in node.names}
                found += [f"{path.name} imports {a.name}" for a in node.names
                          if a.name.startswith("_")]  # fmt: skip
            elif isinstance(node, ast.Import):
                imported |= {(a.asname or a.name).split(".")[0] for a in node.names
                             if a.name.startswith("reportlab")}  # fmt: skip
        for node in ast.walk(tree):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else ([node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else [])
            )
            for target in targets:
                root_name = target
                while isinstance(root_name, ast.Attribute):
                    root_name = root_name.value
                if (target is not root_name and isinstance(root_name, ast.Name)
                        and root_name.id in imported):  # fmt: skip
                    found.append(f"{path.name}:{node.lineno} assigns to {root_name.id}")
    return found


def test_reportlab_internals_are_used_in_one_module_only() -> None:
    assert not internals_used(ROOT), "\n".join(internals_used(ROOT))
    assert not reportlab_changed(ROOT), reportlab_changed(ROOT)


def test_the_checks_find_internals_and_patches(tmp_path: Path) -> None:
    (tmp_path / "assistant").mkdir()
    (tmp_path / "assistant" / "sheet.py").write_text(
        "from reportlab.platypus import paragraph\n"
        "from reportlab.pdfgen.textobject import PDFTextObject\n"
        "def f(canvas, para):\n"
        "    paragraph.shapeFragWord = len\n"
        "    PDFTextObject.setRise = len\n"
        "    return canvas._pageNumber, para.blPara, getattr(para, '_cellvalues')\n",
        encoding="utf-8",
    )
    used = internals_used(tmp_path)
    assert [entry.split()[-1] for entry in used] == [
        "shapeFragWord",
        "_pageNumber",
        "blPara",
        "_cellvalues",
    ]
    assert len(reportlab_changed(tmp_path)) == 2


def test_the_tested_versions_are_the_ones_pyproject_allows() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (spec,) = [Requirement(r) for r in project["project"]["dependencies"]
               if Requirement(r).name == "reportlab"]  # fmt: skip
    assert internals.TESTED_VERSIONS
    assert all(spec.specifier.contains(version) for version in internals.TESTED_VERSIONS)
    # the suite itself runs on a tested version: a newer ReportLab is added here once it passes
    assert reportlab.Version in internals.TESTED_VERSIONS
    assert internals.enabled()


def test_reportlab_is_itself_again_after_every_build() -> None:
    original_shape, original_rise = ttfonts.shapeFragWord, PDFTextObject.setRise
    assert paragraph.shapeFragWord is original_shape
    seen = []
    real = internals.shape_word

    def spy(word: list[object], *args: object, **kwargs: object) -> object:
        seen.append(paragraph.shapeFragWord)
        return real(word, *args, **kwargs)

    internals.shape_word = spy  # type: ignore[assignment]
    try:
        render_pdf_bytes(make_sheet(language="ar"))
        translation_sheet_pdf("ar", "Harbour Skin Clinic")
    finally:
        internals.shape_word = real
    assert seen and all(shaped is spy for shaped in seen)  # kept while laying out
    assert paragraph.shapeFragWord is original_shape
    assert PDFTextObject.setRise is original_rise


def test_one_coverage_check_answers_for_every_family() -> None:
    assert printable("Zoë 王") == "Zoë \N{REPLACEMENT CHARACTER}"  # DejaVu has no Chinese
    assert printable_any("Zoë 王 نور") == "Zoë 王 نور"
    assert missing_in_every_font("a\U0001f9ec") == {"\U0001f9ec"}


# --------------------------------------------------------------------------- the public path


@pytest.fixture
def untested_reportlab(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A ReportLab the tests never ran on: nothing is kept between builds (no shaped word,
    no font subset), no page is held to be drawn on again."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("a ReportLab internal was used on an untested version")

    monkeypatch.setattr(reportlab, "Version", "99.0.0")
    monkeypatch.setattr(internals, "shape_word", refuse)
    monkeypatch.setattr(internals, "_held_pages_canvas", refuse)
    assert not internals.enabled()
    yield
    assert paragraph.shapeFragWord is ttfonts.shapeFragWord


def pdftotext(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True, text=True)  # fmt: skip
    return unicodedata.normalize("NFKC", done.stdout)


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def both_ways(build: Callable[[], bytes], monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """The document on the tested path, then on the public path."""
    usual = build()
    monkeypatch.setattr(reportlab, "Version", "99.0.0")
    return usual, build()


@pytest.mark.parametrize("code", ["en", "ar", "zh", "vi"])
def test_aftercare_sheets_print_on_an_untested_reportlab(
    code: str, untested_reportlab: None, tmp_path: Path
) -> None:
    sheet = make_sheet(language=code, patient_name="Zoë Łukasiewicz-Nguyễn")
    for large in (False, True):
        data = render_pdf_bytes(sheet if not large else make_sheet(
            language=code, patient_name=sheet.patient_name, large_print=True))  # fmt: skip
        text = pdftotext(data, tmp_path)
        assert "Zoë Łukasiewicz-Nguyễn" in text and "Riverside Skin Clinic" in text
        assert "020 7946 0321" in text
        if code == "ar":  # and it reads right to left: the title's first word on the right
            assert sum(unicodedata.bidirectional(c) == "AL" for c in text) > 500
            title = template_for(sheet)[0].title
            seen = geometry.line_holding(data, title)
            assert seen is not None and seen.logical_words() == title.split()[::-1]
        if code in ("en", "zh", "vi"):  # the title, as typed (Arabic comes back shaped)
            title = unicodedata.normalize("NFKC", template_for(sheet)[0].title)
            assert "".join(title.split()) in "".join(text.split())
        assert 1 <= pages_of(data) <= (3 if large else 2)
        if not large:
            assert pages_of(data) == 1  # a short visit still fits one page


def test_the_footer_is_the_same_on_both_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    usual, public = both_ways(lambda: render_pdf_bytes(make_sheet(language="en")), monkeypatch)
    assert pdftotext(usual, tmp_path) == pdftotext(public, tmp_path)
    assert "Page 1 of 1" in pdftotext(public, tmp_path)


def test_every_document_prints_on_an_untested_reportlab(
    db: Database, untested_reportlab: None, tmp_path: Path
) -> None:
    from assistant.day.complications import ComplicationDetails, add_complication

    t = treated_patient(db, "Marguerite", "Oyelaran")
    info = add_complication(db, t.session, ComplicationDetails(
        "granuloma", date(2026, 11, 19), "severe", "Nodules at the jaw"),
        t.clinic.practitioner, TODAY)  # fmt: skip
    export = tmp_path / "record.pdf"
    export_patient_pdf(db, t.patient, export)
    documents = {
        "record export": (export.read_bytes(), "Oyelaran"),
        "complication report": (complication_report_pdf(db, info.id, TODAY), "MHRA Yellow Card"),
        "governance summary": (summary_pdf(db, date(2026, 11, 1), date(2026, 12, 31)),
                               "Complications per 100 sessions"),
        "recovery sheet": (render_recovery_sheet("ABCD-EFGH-IJKL", "Harbour Skin Clinic",
                                                 datetime(2026, 12, 7, 9, 0)), "ABCD EFGH IJKL"),
        "rule sheet": (rule_sheet_pdf("Harbour Skin Clinic", shipped_rules(),
                                      today=date(2026, 12, 7))[0], "Harbour Skin Clinic"),
        "translation sheet": (translation_sheet_pdf("ar", "Harbour Skin Clinic")[0],
                              "Translation review"),
        "consent (Arabic)": (consent_pdf(consent_document("ar"))[0], "Harbour Skin Clinic"),
        "consent (Chinese)": (consent_pdf(consent_document("zh"))[0], "Harbour Skin Clinic"),
    }  # fmt: skip
    numbered = set()
    for kind, (data, expected) in documents.items():
        text = pdftotext(data, tmp_path)
        assert expected in text, kind
        pages = pages_of(data)
        assert 1 <= pages <= 40, kind
        if "Page 1 of" in text:  # the count filled in at the end, on every page
            numbered.add(kind)
            assert all(f"Page {n} of {pages}" in text for n in range(1, pages + 1)), kind
    assert {"record export", "complication report", "rule sheet", "translation sheet"} <= numbered
