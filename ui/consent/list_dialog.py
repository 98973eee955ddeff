"""A patient's consents: each one's date, form version, fingerprint and state; the PDF saved
or printed exactly as issued (both audited); a withdrawal recorded with its date."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.consent import (
    PHOTO_SCOPE,
    TREATMENT_SCOPE,
    ConsentRecord,
    consent_pdf,
    list_consents,
    record_output,
    withdraw_consent,
)
from assistant.errors import ChairsideError
from assistant.files import write_file_atomically
from assistant.storage.db import Database
from assistant.text.labels import data_label
from assistant.text.languages import LANGUAGES
from assistant.text.screen_dates import screen_short_date
from ui.plain_export import plain_export_caption
from ui.visit.aftercare_dialog import MAX_PRINT_DPI, page_images

log = logging.getLogger(__name__)


class ConsentsDialog(QDialog):
    changed = Signal()

    def __init__(
        self, db: Database, patient_id: int, actor: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._patient_id = patient_id
        self._actor = actor
        self._records: list[ConsentRecord] = []
        self.ask_save_path: Callable[[ConsentRecord], Path | None] = self._exec_save_dialog
        self.ask_printer: Callable[[QPrinter], bool] = self._exec_print_dialog
        self.ask_withdrawal_date: Callable[[str], date | None] = self._exec_date_dialog
        self.setWindowTitle(self.tr("Consents"))
        self.resize(760, 420)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("The patient's consents"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.withdraw_button = QPushButton(self.tr("Withdraw treatment consent…"))
        self.withdraw_photo_button = QPushButton(self.tr("Withdraw photo consent…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        self.withdraw_button.clicked.connect(lambda: self.withdraw(TREATMENT_SCOPE))
        self.withdraw_photo_button.clicked.connect(lambda: self.withdraw(PHOTO_SCOPE))
        buttons = QHBoxLayout()
        for button in (
            self.save_button,
            self.print_button,
            self.withdraw_button,
            self.withdraw_photo_button,
        ):
            button.setMinimumHeight(40)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._selection_changed)
        self.reload()

    def reload(self) -> None:
        self._records = list_consents(self._db, self._patient_id)
        self.list.clear()
        for record in self._records:
            QListWidgetItem(self._describe(record), self.list)
        if self._records:
            self.list.setCurrentRow(0)
        else:
            self.message.setText(self.tr("No consent has been signed yet."))
        self._selection_changed()

    def _describe(self, record: ConsentRecord) -> str:
        states = []
        for scope, label in (
            (TREATMENT_SCOPE, self.tr("treatment")),
            (PHOTO_SCOPE, self.tr("photos")),
        ):
            day = record.withdrawn_on(scope)
            if day is not None:
                states.append(
                    self.tr("{what} withdrawn {day}").format(what=label, day=screen_short_date(day))
                )
        return self.tr(
            "Consent {id} · signed {day} · form version {version} in {language} · "
            "fingerprint {fp}\n{areas} · {device}{states}"
        ).format(
            id=record.id,
            day=screen_short_date(record.signed_on),
            version=record.template_version,
            language=LANGUAGES[record.language].native if record.language in LANGUAGES
            else record.language,
            fp=record.short_fingerprint,
            areas=", ".join(data_label("zones", area) for area in record.areas),
            device=record.device_label,
            states=(" · " + "; ".join(states)) if states else "",
        )  # fmt: skip

    def current(self) -> ConsentRecord | None:
        row = self.list.currentRow()
        return self._records[row] if 0 <= row < len(self._records) else None

    def _selection_changed(self) -> None:
        record = self.current()
        usable = record is not None and not record.erased
        for button in (self.save_button, self.print_button):
            button.setEnabled(usable)
        self.withdraw_button.setEnabled(
            usable and record is not None and record.withdrawn_on(TREATMENT_SCOPE) is None
        )
        self.withdraw_photo_button.setEnabled(
            usable and record is not None and record.withdrawn_on(PHOTO_SCOPE) is None
        )

    # --- the PDF as issued -----------------------------------------------------------------

    def _exec_save_dialog(self, record: ConsentRecord) -> Path | None:
        name = f"consent-{record.id}-{record.signed_on.isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Save consent")),
            str(Path.home() / name),
            self.tr("PDF files (*.pdf)"),
        )
        return Path(path) if path else None

    def save_pdf(self) -> Path | None:
        record = self.current()
        if record is None:
            return None
        path = self.ask_save_path(record)
        if path is None:
            return None
        try:
            write_file_atomically(path, consent_pdf(self._db, record.id))
            record_output(self._db, record.id, "export", self._actor, str(path))
        except ChairsideError as exc:
            self.message.setText("\N{WARNING SIGN} " + str(exc))
            return None
        self.message.setText(self.tr("Saved to {0}").format(path))
        return path

    def _exec_print_dialog(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print consent"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_pdf(self) -> bool:
        record = self.current()
        if record is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)
        printer.setDocName(self.tr("Consent {0}").format(record.id))
        if not self.ask_printer(printer):
            return False
        try:
            data = consent_pdf(self._db, record.id)
        except ChairsideError as exc:
            self.message.setText("\N{WARNING SIGN} " + str(exc))
            return False
        images = page_images(data, min(float(printer.resolution()), MAX_PRINT_DPI))
        painter = QPainter()
        if not painter.begin(printer):
            self.message.setText(self.tr("\N{WARNING SIGN} The printer could not be started."))
            return False
        try:
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            for index, image in enumerate(images):
                if index:
                    printer.newPage()
                scale = min(target.width() / image.width(), target.height() / image.height())
                painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale),
                                  image)  # fmt: skip
        finally:
            painter.end()
        record_output(self._db, record.id, "print", self._actor)
        self.message.setText(self.tr("Printed consent {0}.").format(record.id))
        return True

    # --- withdrawal ------------------------------------------------------------------------

    def _exec_date_dialog(self, what: str) -> date | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Withdraw consent"),
            self.tr("Date the patient withdrew the {0} consent (YYYY-MM-DD):").format(what),
            text=date.today().isoformat(),
        )
        if not ok:
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            self.message.setText(self.tr("\N{WARNING SIGN} Enter the date as YYYY-MM-DD."))
            return None

    def withdraw(self, scope: str) -> bool:
        record = self.current()
        if record is None:
            return False
        day = self.ask_withdrawal_date(scope)
        if day is None:
            return False
        try:
            withdraw_consent(self._db, record.id, scope, day, self._actor)
        except ChairsideError as exc:
            self.message.setText("\N{WARNING SIGN} " + str(exc))
            return False
        row = self.list.currentRow()
        self.reload()
        self.list.setCurrentRow(row)
        self.message.setText(
            self.tr("Withdrawal recorded from {0}.").format(screen_short_date(day))
        )
        self.changed.emit()
        return True
