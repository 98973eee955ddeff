"""Printing for real: an aftercare sheet goes through the Print button's code to a CUPS queue.

CI (``.ci/cups.sh``) starts CUPS with two cups-pdf queues: one that prints to PDF files and
one that is stopped. Elsewhere these tests skip, saying why, unless CHAIRSIDE_REQUIRE_PRINTER
is set, when they fail instead (CI must not skip them silently). What no printer at all does
is tested everywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox

import ui.visit.aftercare_dialog
from assistant.aftercare import render_sheet
from tests.test_aftercare_pdf import long_sheet, make_clinic, make_sheet
from ui.visit.aftercare_dialog import AftercarePreviewDialog

PRINTER = os.environ.get("CHAIRSIDE_TEST_PRINTER", "")
STOPPED_PRINTER = os.environ.get("CHAIRSIDE_TEST_STOPPED_PRINTER", "")
OUTPUT = os.environ.get("CHAIRSIDE_TEST_PRINT_OUTPUT", "")
PRINT_WAIT_SECONDS = 120  # cups-pdf runs Ghostscript; a busy machine takes a while


def cups_printer(name: str) -> str:
    """``name`` when CUPS runs and knows that queue; otherwise skip (or fail on CI)."""
    if not name:
        reason = "no CUPS test printer: run `. .ci/cups.sh` (as root) to print for real"
    elif name not in QPrinterInfo.availablePrinterNames():
        reason = f"no CUPS server running with the printer {name}"
    else:
        return name
    if os.environ.get("CHAIRSIDE_REQUIRE_PRINTER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(parent: object, title: str, text: str, *args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


def choose(name: str):  # type: ignore[no-untyped-def]
    """Stands in for the print dialog: the user picked printer ``name`` and pressed Print."""

    def ask(printer: QPrinter) -> bool:
        printer.setPrinterName(name)
        return True

    return ask


def wait_for_pdf(folder: Path, before: set[Path]) -> Path:
    """The new PDF cups-pdf writes, once it is complete."""
    deadline = time.monotonic() + PRINT_WAIT_SECONDS
    while time.monotonic() < deadline:
        for path in folder.glob("*.pdf"):
            if path not in before and path.read_bytes().rstrip().endswith(b"%%EOF"):
                return path
        time.sleep(0.25)
    raise AssertionError(f"nothing printed into {folder} within {PRINT_WAIT_SECONDS} s")


def grey_pixels(data: bytes, index: int) -> list[int]:
    """A page drawn at 72 dpi, then averaged over squares of 4 by 4 pixels (so vector text
    and the printed page image compare alike), as grey levels."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        image = pdf[index].render(scale=1, grayscale=True).to_pil()
        small = image.resize((image.width // 4, image.height // 4), Image.Resampling.BOX)
        return [small.getpixel((x, y)) for y in range(small.height) for x in range(small.width)]
    finally:
        pdf.close()


def ocr_text(data: bytes, index: int) -> str:
    """The words on a page as Tesseract reads them (the printed PDF holds page images, so
    its text can only be read back this way), with runs of white space as one space."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        image = pdf[index].render(scale=200 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    with tempfile.TemporaryDirectory() as tmp:
        picture = Path(tmp) / "page.png"
        image.save(picture)
        result = subprocess.run(
            ["tesseract", str(picture), "stdout"], capture_output=True, text=True, check=True
        )
    return " ".join(result.stdout.split())


def test_a_sheet_prints_on_a_cups_printer_with_the_clinics_paper(
    qtbot: object, warnings: list[str]
) -> None:
    name = cups_printer(PRINTER)
    folder = Path(OUTPUT)
    sheet = long_sheet(clinic=make_clinic(paper_size="Letter"))  # not the A4 default
    dialog = AftercarePreviewDialog(sheet)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.ask_printer = choose(name)
    before = set(folder.glob("*.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=30_000):  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert warnings == []

    printed = wait_for_pdf(folder, before)
    reader = PdfReader(str(printed))
    assert len(reader.pages) == 2 == len(dialog.images)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter
    # The printed pages are the previewed pages, margins included, compared picture to
    # picture: the print path sends page images, so the printed PDF has no text to extract.
    # (Measured: the same sheet differs by about 5 grey levels, another sheet by over 20.)
    data = printed.read_bytes()
    for index in range(2):
        want, got = grey_pixels(dialog.rendered.data, index), grey_pixels(data, index)
        assert len(want) == len(got)
        difference = sum(abs(a - b) for a, b in zip(want, got, strict=True)) / len(want)
        assert difference < 10, f"page {index + 1} differs from the sheet by {difference:.1f}"
        assert sum(1 for level in got if level < 160) > 100  # not a blank page
    # And the printed text read back: the patient, the practitioner, the clinic's phone.
    if shutil.which("tesseract") or os.environ.get("CHAIRSIDE_REQUIRE_PRINTER"):
        first, second = ocr_text(data, 0), ocr_text(data, 1)
        for expected in ("Caring for your skin after microneedling", "Amelia Hart", "Amira Haddad"):
            assert expected in first, (expected, first[:400])
        assert "020 7946 0321" in first + " " + second, (first + second)[:600]


def test_a_stopped_printer_is_explained_and_the_sheet_kept(
    qtbot: object, warnings: list[str], tmp_path: Path
) -> None:
    name = cups_printer(STOPPED_PRINTER)
    dialog = AftercarePreviewDialog(make_sheet())
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.ask_printer = choose(name)
    with qtbot.assertNotEmitted(dialog.printed):  # type: ignore[attr-defined]
        assert dialog.print_sheet() is False
    assert len(warnings) == 1 and name in warnings[0] and "stopped" in warnings[0]
    assert "save the sheet as a PDF" in warnings[0]
    dialog.ask_save_path = lambda: tmp_path / "sheet.pdf"
    assert dialog.save_pdf() == tmp_path / "sheet.pdf"
    assert (tmp_path / "sheet.pdf").read_bytes() == dialog.rendered.data


def test_no_printer_installed_is_explained_and_the_sheet_kept(
    qtbot: object, warnings: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Print button's own dialog path, on a computer where Qt finds no printer."""
    monkeypatch.setattr(ui.visit.aftercare_dialog, "installed_printers", lambda: [])
    opened: list[object] = []
    dialog_class = ui.visit.aftercare_dialog.QPrintDialog
    monkeypatch.setattr(dialog_class, "exec", lambda self: opened.append(1))
    dialog = AftercarePreviewDialog(make_sheet())
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    with qtbot.assertNotEmitted(dialog.printed):  # type: ignore[attr-defined]
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert opened == []  # no print dialog with nothing to choose
    assert len(warnings) == 1 and "No printer is installed" in warnings[0]
    assert "Save PDF" in warnings[0]
    dialog.ask_save_path = lambda: tmp_path / "kept.pdf"
    assert dialog.save_pdf() == tmp_path / "kept.pdf"


def test_installed_printers_are_what_qt_finds() -> None:
    assert ui.visit.aftercare_dialog.installed_printers() == QPrinterInfo.availablePrinterNames()


def test_printing_to_a_file_is_never_refused() -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    assert not ui.visit.aftercare_dialog.refuses_jobs(printer)


def test_the_print_routine_works_without_the_dialog(qapp: object, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    rendered = render_sheet(long_sheet(language="es"))
    assert rendered.pages == 2  # every zone, the depth table and long notes: a second page
    assert ui.visit.aftercare_dialog.print_pdf(printer, rendered.data) == 2
    assert len(PdfReader(str(tmp_path / "out.pdf")).pages) == 2
