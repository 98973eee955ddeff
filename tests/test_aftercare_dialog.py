"""The aftercare preview: page images, the warning banner, printing and saving."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPageSize
from PySide6.QtPrintSupport import QPrinter

from assistant.aftercare import render_sheet
from tests.test_aftercare_pdf import long_sheet, make_clinic, make_sheet
from ui.visit.aftercare_dialog import AftercarePreviewDialog, page_images


def print_to_pdf(path: Path, calls: list[QPrinter] | None = None):
    """Stands in for the print dialog: the user picked "Print to PDF" and pressed Print."""

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if calls is not None:
            calls.append(printer)
        return True

    return choose


@pytest.fixture
def dialog(qtbot):
    def make(sheet=None):
        widget = AftercarePreviewDialog(sheet or make_sheet())
        qtbot.addWidget(widget)
        return widget

    return make


# the long sheet treats every zone (face, body and scalp, each with its own steps), with
# the depth table and long notes: two pages
@pytest.mark.parametrize(("sheet", "pages"), [(make_sheet(), 1), (long_sheet(), 2)])
def test_opens_with_one_image_per_page(dialog, sheet, pages):
    widget = dialog(sheet)
    assert len(widget.images) == pages
    assert len(widget.page_labels) == pages
    assert all(not label.pixmap().isNull() for label in widget.page_labels)
    # pages are portrait, at the preview resolution (96 dpi A4 is about 794 x 1123 pixels)
    image = widget.images[0]
    assert 780 < image.width() < 810 and 1100 < image.height() < 1140
    assert widget.page_labels[-1].accessibleName() == f"Page {pages} of {pages}"


def test_page_images_show_the_sheet_not_a_blank_page():
    image = page_images(render_sheet(make_sheet()).data, 40)[0]
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200


def test_no_banner_when_there_is_nothing_to_check(dialog, qtbot):
    widget = dialog()
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.banner.isVisible()


def test_banner_names_a_character_the_font_cannot_print(dialog, qtbot):
    widget = dialog(make_sheet(patient_name="Li 🦷"))
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.banner.isVisible()
    assert "🦷" in widget.banner_text.text()
    assert "patient name" in widget.banner_text.text()


def test_printing_emits_printed_and_prints_every_page(dialog, qtbot, tmp_path):
    widget = dialog(long_sheet(clinic=make_clinic(paper_size="Letter")))
    out = tmp_path / "printed.pdf"
    printers: list[QPrinter] = []
    widget.ask_printer = print_to_pdf(out, printers)
    with qtbot.waitSignal(widget.printed, timeout=10_000):
        qtbot.mouseClick(widget.print_button, Qt.MouseButton.LeftButton)
    assert printers and printers[0].pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert len(reader.pages[0].images) == 1  # the page, drawn at printer resolution


def test_cancelling_the_print_dialog_prints_nothing(dialog, qtbot):
    widget = dialog()
    widget.ask_printer = lambda printer: False
    with qtbot.assertNotEmitted(widget.printed):
        assert widget.print_sheet() is False


def test_ctrl_p_prints_and_ctrl_s_saves(dialog, qtbot, tmp_path):
    widget = dialog()
    assert widget.print_button.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert widget.save_button.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    widget.ask_printer = print_to_pdf(tmp_path / "printed.pdf")
    widget.ask_save_path = lambda: tmp_path / "saved.pdf"
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    with qtbot.waitSignal(widget.printed, timeout=10_000):
        qtbot.keyClick(widget, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(widget.saved, timeout=10_000):
        qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "saved.pdf").exists()


def test_save_writes_exactly_the_previewed_pdf(dialog, qtbot, tmp_path):
    widget = dialog()
    widget.ask_save_path = lambda: tmp_path / "for patient"  # the suffix is added
    with qtbot.waitSignal(widget.saved) as signal:
        qtbot.mouseClick(widget.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "for patient.pdf"
    assert signal.args == [str(saved)]
    assert saved.read_bytes() == widget.rendered.data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["for patient.pdf"]


def test_cancelling_save_writes_nothing(dialog, qtbot, tmp_path):
    widget = dialog()
    widget.ask_save_path = lambda: None
    with qtbot.assertNotEmitted(widget.saved):
        assert widget.save_pdf() is None


# -- language and large print -----------------------------------------------------------------


def printed_text(widget: AftercarePreviewDialog) -> str:
    import io

    reader = PdfReader(io.BytesIO(widget.rendered.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_opens_in_the_patients_language_and_says_the_translation_is_unreviewed(dialog, qtbot):
    widget = dialog(make_sheet(language="es"))
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.language_box.currentData() == "es"
    assert "Cómo cuidar su piel después del microneedling" in printed_text(widget)
    assert widget.review_notice.isVisible()
    assert "Spanish" in widget.review_notice.text()
    # the notice is for the practitioner: it is never on the patient's sheet
    assert "reviewed" not in printed_text(widget)


def test_switching_language_and_large_print_renders_the_sheet_again(dialog, qtbot):
    widget = dialog()
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.review_notice.isVisible()  # the English original is the reviewed source
    pages_before = len(widget.page_labels)
    widget.language_box.setCurrentIndex(widget.language_box.findData("de"))
    assert widget.sheet.language == "de"
    assert "Hautpflege nach dem Microneedling" in printed_text(widget)
    assert widget.review_notice.isVisible()
    qtbot.mouseClick(widget.large_print_box, Qt.MouseButton.LeftButton)
    assert widget.sheet.large_print
    assert len(widget.page_labels) > pages_before
    assert widget.page_count_label.text() == f"{len(widget.page_labels)} pages"
    widget.language_box.setCurrentIndex(widget.language_box.findData("en"))
    assert not widget.review_notice.isVisible()
    assert "Caring for your skin after microneedling" in printed_text(widget)


def test_the_save_dialog_says_the_file_is_not_encrypted(dialog, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    captions: list[str] = []

    def ask(_parent, caption, *_args, **_kwargs):
        captions.append(caption)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    assert dialog()._exec_save_dialog() is None
    assert captions == ["Save aftercare sheet (not encrypted: keep the file where only the "
                        "clinic can read it)"]  # fmt: skip


def test_every_export_dialog_of_patient_data_says_it_is_not_encrypted():
    """Every save dialog in the window names the file's lack of encryption, except the
    recovery key sheet's (it holds no patient data)."""
    import re

    root = Path(__file__).resolve().parent.parent / "ui"
    for source in sorted(root.rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        for call in re.finditer(r"getSaveFileName\((.*?)\n\s*\)", text, re.S):
            if source.name == "encryption_setup.py":
                continue
            assert "plain_export_caption(" in call.group(1), f"{source.name}: {call.group(1)}"
