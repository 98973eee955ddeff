"""Setting up encryption: the choice for a new database (encrypted, recommended; or plain for
a clinic whose disks are already encrypted) and the recovery key shown once, with its
printable sheet."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import InvalidInput
from ui import look

log = logging.getLogger(__name__)


class EncryptionChoiceDialog(QDialog):
    """``encrypt`` holds the choice once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Chairside"))
        intro = QLabel(
            self.tr(
                "Chairside keeps health records on this computer. Encrypting them means a lost "
                "or stolen laptop gives nothing away: the records open only after a "
                "practitioner signs in."
            )
        )
        intro.setWordWrap(True)
        self.encrypted = QRadioButton(self.tr("&Encrypt the database (recommended)"))
        self.plain = QRadioButton(
            self.tr("Keep it &plain: only if this computer's disk is already encrypted")
        )
        self.encrypted.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.encrypted)
        layout.addWidget(self.plain)
        layout.addWidget(buttons)

    @property
    def encrypt(self) -> bool:
        return self.encrypted.isChecked()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: print the sheet (PDF) and keep it in the safe."""

    def __init__(self, code: str, clinic: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The clinic's recovery key"))
        self.code = code
        self.clinic = clinic
        self.saved_to: Path | None = None
        intro = QLabel(
            self.tr(
                "If every practitioner's PIN is lost, this recovery key is the only way to open "
                "the encrypted records. Save the sheet, print it and keep it in the safe. It is "
                "shown only now (a signed-in practitioner can make a new one later)."
            )
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(code)
        key_font = QFont("DejaVu Sans Mono")
        key_font.setStyleHint(QFont.StyleHint.Monospace)
        key_font.setPixelSize(look.HEADING)
        self.key_label.setFont(key_font)
        self.key_label.setTextInteractionFlags(
            self.key_label.textInteractionFlags().TextSelectableByMouse
        )
        self.save_button = QPushButton(self.tr("&Save the printable sheet (PDF)…"))
        self.save_button.clicked.connect(self.save_sheet)
        self.message = QLabel()
        self.message.setWordWrap(True)
        done = QPushButton(self.tr("I have &kept the recovery key"))
        done.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        layout.addWidget(done)

    def save_sheet(self, path: str = "") -> None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the recovery key sheet"),
                "chairside-recovery-key.pdf",
                self.tr("PDF (*.pdf)"),
            )
        if not path:
            return
        # the PDF toolkit only to save the sheet (400 ms off the start)
        from assistant.access.recovery_sheet import write_recovery_sheet

        try:
            write_recovery_sheet(self.code, Path(path), clinic=self.clinic, force=True)
        except InvalidInput as exc:
            self.message.setText(str(exc))
            return
        self.saved_to = Path(path)
        self.message.setText(self.tr("Saved to {0}. Print it, then delete the file.").format(path))
