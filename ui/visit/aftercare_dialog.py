"""Preview of the patient's aftercare sheet, with Print and Save PDF.

The sheet is rendered once (it is one or two pages) and its pages are shown as images, so
what the practitioner sees is exactly the PDF that is printed or saved. Warnings (a
character the font cannot print, a clinic template that could not be read) are shown in a
banner above the pages before anything is printed. The sheet's language and large print
can be switched here (the patient's own choice is the default); a translation no fluent
clinician has reviewed yet is pointed out to the practitioner, never on the sheet.

A switch renders the sheet again on the task runner's render pool, never on the UI thread:
the pages say it is being prepared and Print and Save wait for it. One render runs at a
time; a choice made while one runs is rendered after it, and a result that no longer
matches the choices shown is dropped, so the last choice wins.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assistant.aftercare import (
    LANGUAGES,
    AftercareSheet,
    AftercareTemplate,
    RenderedSheet,
    render_sheet,
    template_for,
    write_file_atomically,
)
from assistant.errors import ChairsideError
from assistant.output_files import suggested_file_name
from assistant.text.translation_review import ApprovedTranslations
from ui.plain_export import plain_export_caption
from ui.tasks import SynchronousRunner, TaskRunner, show_error
from ui.translations import language_name

log = logging.getLogger(__name__)


PREVIEW_DPI = 96.0
MAX_PRINT_DPI = 300.0  # sharp on paper; a 1200 dpi page image would need over 500 MB

_FORMATS = {
    "RGBX": QImage.Format.Format_RGBX8888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGB": QImage.Format.Format_RGB888,
    "L": QImage.Format.Format_Grayscale8,
}


# PDFium is not thread-safe: pages are drawn on the render pool and for the printer.
_PDFIUM = threading.Lock()


def page_images(data: bytes, dpi: float) -> list[QImage]:
    """Each page of a PDF as an image at ``dpi`` (any thread: ``QImage``, not ``QPixmap``)."""
    with _PDFIUM:
        return _page_images(data, dpi)


def _page_images(data: bytes, dpi: float) -> list[QImage]:
    pdf = pypdfium2.PdfDocument(data)
    images: list[QImage] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                _FORMATS[bitmap.mode],
            )
            images.append(image.copy())  # own the pixels: the buffer goes away with the page
            bitmap.close()
            page.close()
    finally:
        pdf.close()
    return images


def default_file_name(sheet: Any) -> str:
    """What the save dialog offers: the patient's name and the treatment date."""
    return suggested_file_name("aftercare", sheet.patient_name, sheet.treated_at.date())


def installed_printers() -> list[str]:
    """The printers this computer knows (CUPS on Linux and macOS)."""
    return list(QPrinterInfo.availablePrinterNames())


def refuses_jobs(printer: QPrinter) -> bool:
    """True when the chosen printer is a queue that is stopped (CUPS: disabled) or in error."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return False  # printing to a file
    info = QPrinterInfo.printerInfo(printer.printerName())
    return not info.isNull() and info.state() == QPrinter.PrinterState.Error


def print_pdf(printer: QPrinter, data: bytes) -> int | None:
    """Print every page of a PDF on ``printer``, each page image scaled to the whole paper
    (the PDF carries its own margins, so the printer must be in full-page mode). The number
    of pages printed, or None when the printer could not be started. This is the Print
    button's routine, usable without the dialog."""
    dpi = min(float(printer.resolution()), MAX_PRINT_DPI)
    images = page_images(data, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        return None
    try:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            left = (target.width() - width) / 2
            top = (target.height() - height) / 2
            painter.drawImage(QRectF(left, top, width, height), image)
    finally:
        painter.end()
    return len(images)


class AftercarePreviewDialog(QDialog):
    """Shows the sheet's pages; Print… (Ctrl+P) and Save PDF… (Ctrl+S)."""

    printed = Signal()  # the sheet went to the printer: the caller records when
    saved = Signal(str)  # path of the saved PDF
    pagesShown = Signal()  # new page images are on screen (after a language or size change)

    def __init__(
        self,
        sheet: AftercareSheet,
        template: AftercareTemplate | None = None,
        parent: QWidget | None = None,
        rendered: RenderedSheet | None = None,
        runner: TaskRunner | None = None,
        approvals: ApprovedTranslations | None = None,
        images: list[QImage] | None = None,
    ) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.template = template
        # the translation versions the clinic approved: their notice is not shown
        self.approvals = approvals if approvals is not None else ApprovedTranslations()
        # Renders after a switch of language or size (inline without a runner).
        self.runner = runner if runner is not None else SynchronousRunner()
        self._wanted = sheet  # the choices on screen; ``sheet`` is what the pages show
        self._rendering = False
        # Replaceable so tests (and a future "print again" button) can skip the modal dialogs.
        self.ask_printer: Callable[[QPrinter], bool] = self._exec_print_dialog
        self.ask_save_path: Callable[[], Path | None] = self._exec_save_dialog

        self.setWindowTitle(self.tr("Aftercare sheet for {0}").format(sheet.patient_name))
        self.setModal(True)
        self.resize(QSize(860, 960))

        layout = QVBoxLayout(self)
        layout.addLayout(self._make_choices())
        self.review_notice = self._make_review_notice()
        layout.addWidget(self.review_notice)
        self.banner = self._make_banner()
        layout.addWidget(self.banner)
        self.rendering_label = QLabel(self.tr("Preparing the sheet…"))
        self.rendering_label.setObjectName("renderingNotice")
        self.rendering_label.setAccessibleName(self.tr("The sheet is being prepared"))
        self.rendering_label.setVisible(False)
        layout.addWidget(self.rendering_label)

        self.pages_area = QScrollArea()
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setAccessibleName(self.tr("Pages of the aftercare sheet"))
        layout.addWidget(self.pages_area, 1)

        buttons = QHBoxLayout()
        self.page_count_label = QLabel()
        buttons.addWidget(self.page_count_label)
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setToolTip(self.tr("Save the sheet as a PDF file (Ctrl+S)"))
        self.save_button.setMinimumHeight(40)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.setToolTip(self.tr("Print the sheet for the patient (Ctrl+P)"))
        self.print_button.setMinimumHeight(40)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_sheet)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setMinimumHeight(40)
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_button, self.print_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._show(rendered if rendered is not None else render_sheet(sheet, template), images)
        self.print_button.setFocus()

    # ------------------------------------------------------------------ language and size

    def _make_choices(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.language_box = QComboBox()
        for code, language in LANGUAGES.items():
            # the patient's own name for the language, and the practitioner's
            self.language_box.addItem(f"{language.native} — {language_name(language.name)}", code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.sheet.language)))
        self.language_box.setAccessibleName(self.tr("Language of the sheet"))
        self.language_box.setMinimumHeight(36)
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.language_box)
        self.large_print_box = QCheckBox(self.tr("Lar&ge print"))
        self.large_print_box.setChecked(self.sheet.large_print)
        self.large_print_box.setToolTip(self.tr("Body text of 16 points or more"))
        row.addWidget(label)
        row.addWidget(self.language_box)
        row.addSpacing(16)
        row.addWidget(self.large_print_box)
        row.addStretch(1)
        self.language_box.currentIndexChanged.connect(self._choice_changed)
        self.large_print_box.toggled.connect(self._choice_changed)
        return row

    def _make_review_notice(self) -> QLabel:
        notice = QLabel()
        notice.setObjectName("reviewNotice")
        notice.setWordWrap(True)
        notice.setFrameShape(QFrame.Shape.StyledPanel)
        notice.setAccessibleName(self.tr("Translation not reviewed"))
        return notice

    @property
    def rendering(self) -> bool:
        """True while the pages shown are not yet those of the choices on screen."""
        return self._rendering

    def _choice_changed(self) -> None:
        self._wanted = replace(
            self.sheet,
            language=str(self.language_box.currentData()),
            large_print=self.large_print_box.isChecked(),
        )
        if not self._rendering:  # else the render in flight starts the next when it ends
            self._render_next()

    def _render_next(self) -> None:
        """Render the choices on screen unless the pages already show them."""
        sheet, template = self._wanted, self.template
        if sheet == self.sheet:
            self._set_busy(False)
            return
        self._set_busy(True)

        def render() -> tuple[RenderedSheet, list[QImage]]:  # on the render pool
            rendered = render_sheet(sheet, template)
            return rendered, page_images(rendered.data, PREVIEW_DPI)

        self.runner.run(
            render,
            lambda result: self._rendered(sheet, *result),
            lambda error: self._render_failed(sheet, error),
            owner=self,
            render=True,
        )

    def _rendered(
        self, sheet: AftercareSheet, rendered: RenderedSheet, images: list[QImage]
    ) -> None:
        if sheet != self._wanted:  # chosen again meanwhile: this result is stale
            log.debug("aftercare preview: a stale render dropped (%s)", sheet.language)
            self._render_next()
            return
        self.sheet = sheet
        self._show(rendered, images)
        self._set_busy(False)

    def _render_failed(self, sheet: AftercareSheet, error: BaseException) -> None:
        if sheet != self._wanted:
            self._render_next()
            return
        self._set_busy(False)
        self._wanted = self.sheet  # the choices go back to the pages shown
        for box in (self.language_box, self.large_print_box):
            box.blockSignals(True)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.sheet.language)))
        self.large_print_box.setChecked(self.sheet.large_print)
        for box in (self.language_box, self.large_print_box):
            box.blockSignals(False)
        if isinstance(error, ChairsideError):
            QMessageBox.warning(self, self.tr("Aftercare sheet"), str(error))
        else:
            show_error(self, error, self.tr("Aftercare sheet"))

    def _set_busy(self, busy: bool) -> None:
        """While rendering, the pages shown are the previous choice's: say so, and print or
        save nothing until the sheet chosen is ready."""
        self._rendering = busy
        self.rendering_label.setVisible(busy)
        self.pages_area.setEnabled(not busy)
        self.print_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def _show(self, rendered: RenderedSheet, images: list[QImage] | None = None) -> None:
        """Show ``rendered``: its pages, its warnings, and whether its text was reviewed."""
        self.rendered = rendered
        self.images = images if images is not None else page_images(rendered.data, PREVIEW_DPI)
        template, _ = template_for(self.sheet, self.template)
        language = LANGUAGES.get(template.language)
        self.review_notice.setVisible(
            not template.reviewed and not self.approvals.covers(template.source)
        )
        if language is not None:
            self.review_notice.setText(
                self.tr("The {0} text of this sheet has not been reviewed by a fluent clinician "
                        "yet. Check it with the patient before they rely on it; this note is "
                        "not printed.").format(language_name(language.name))
            )  # fmt: skip
        self._set_warnings(rendered.warnings)
        pages = QWidget()
        pages_layout = QVBoxLayout(pages)
        pages_layout.setSpacing(16)
        self.page_labels: list[QLabel] = []
        for number, image in enumerate(self.images, 1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setFrameShape(QFrame.Shape.Box)
            label.setAccessibleName(self.tr("Page {0} of {1}").format(number, len(self.images)))
            pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        pages_layout.addStretch(1)
        self.pages_area.setWidget(pages)
        count = len(self.images)
        self.page_count_label.setText(
            self.tr("1 page") if count == 1 else self.tr("{0} pages").format(count)
        )
        self.pagesShown.emit()

    # ------------------------------------------------------------------ widgets

    def _set_warnings(self, warnings: Sequence[str]) -> None:
        heading = self.tr("Check before printing:")
        self.banner_text.setText("\n".join([heading, *(f"• {warning}" for warning in warnings)]))
        self.banner.setVisible(bool(warnings))

    def _make_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("warningBanner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(banner)
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32)
        )
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.banner_text, 1)
        banner.setAccessibleName(self.tr("Warnings about the aftercare sheet"))
        return banner

    # ------------------------------------------------------------------ printing

    def _exec_print_dialog(self, printer: QPrinter) -> bool:
        if not installed_printers():
            self._print_problem(
                self.tr("No printer is installed on this computer. Save the sheet as a PDF "
                        "(Save PDF…) to print it elsewhere, or add a printer in the system "
                        "settings and try again.")
            )  # fmt: skip
            return False
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print aftercare sheet"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        paper = (
            QPageSize.PageSizeId.Letter
            if self.sheet.clinic.paper_size == "Letter"
            else QPageSize.PageSizeId.A4
        )
        printer.setPageSize(QPageSize(paper))
        printer.setFullPage(True)  # the PDF pages carry their own margins
        printer.setDocName(self.windowTitle())
        return printer

    def print_sheet(self) -> bool:
        """Ask for a printer, print every page, emit ``printed``. False when cancelled."""
        if self._rendering:  # the pages are not yet those of the choices shown
            return False
        printer = self._new_printer()
        if not self.ask_printer(printer):
            return False
        if refuses_jobs(printer):
            self._print_problem(
                self.tr("The printer {0} is stopped and does not accept the sheet. Restart it "
                        "in the system's printer settings, choose another printer, or save the "
                        "sheet as a PDF.").format(printer.printerName())
            )  # fmt: skip
            return False
        pages = print_pdf(printer, self.rendered.data)
        if pages is None:
            self._print_problem(
                self.tr("The printer could not be started. Check that it is switched on and "
                        "try again, or save the sheet as a PDF.")
            )  # fmt: skip
            return False
        log.info("aftercare sheet printed (%d pages)", pages)
        self.printed.emit()
        return True

    def _print_problem(self, message: str) -> None:
        """Say why nothing was printed; the sheet stays open for Save PDF…."""
        log.warning("aftercare sheet not printed: %s", message)
        QMessageBox.warning(self, self.tr("Print aftercare sheet"), message)

    # ------------------------------------------------------------------ saving

    def _exec_save_dialog(self) -> Path | None:
        name = default_file_name(self.sheet)
        path, _ = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Save aftercare sheet")),
            str(Path.home() / name),
            self.tr("PDF files (*.pdf)"),
        )
        return Path(path) if path else None

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            plain_export_caption(self.tr("Save aftercare sheet")),
            self.tr("{0} already exists. Replace it?").format(path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_pdf(self) -> Path | None:
        """Ask where, write the PDF atomically, emit ``saved``. None when cancelled."""
        if self._rendering:
            return None
        path = self.ask_save_path()
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
            # The save dialog asked about the name without ".pdf"; ask about this one.
            if path.exists() and not self.confirm_replace(path):
                return None
        try:
            write_file_atomically(path, self.rendered.data, force=True)
        except ChairsideError as exc:
            QMessageBox.warning(self, self.tr("Save aftercare sheet"), str(exc))
            return None
        self.saved.emit(str(path))
        return path
