"""Settings page for the aftercare sheet's wording, per language: which template is in use,
an editable copy for the clinic, and a way back to the shipped default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant import aftercare
from ui.translations import language_name


class AftercareTemplateSettings(QWidget):
    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        """``folder``: the templates folder of the data folder in use."""
        super().__init__(parent)
        self.folder = folder
        self.language = QComboBox()
        for code, language in aftercare.LANGUAGES.items():
            self.language.addItem(f"{language.native} — {language_name(language.name)}", code)
        self.language.setAccessibleName(self.tr("Language of the template"))
        self.language.setMinimumHeight(32)
        self.language.currentIndexChanged.connect(self.refresh)
        language_row = QHBoxLayout()
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        language_row.addWidget(language_label)
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Aftercare template in use"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "error")
        self.copy_button = QPushButton(self.tr("Make an editable copy"))
        self.open_button = QPushButton(self.tr("Open the templates folder"))
        self.reset_button = QPushButton(self.tr("Reset to the default wording"))
        for button in (self.copy_button, self.open_button, self.reset_button):
            button.setMinimumHeight(34)
        self.copy_button.clicked.connect(self.make_copy)
        self.open_button.clicked.connect(self.open_folder)
        self.reset_button.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        help_text = QLabel(
            self.tr(
                "The aftercare sheet's texts come from a template. Make an editable copy, "
                "change its wording in any text editor, and every sheet printed from then on "
                "uses it. If the copy cannot be read, Chairside says which line is wrong and "
                "prints with the default wording."
            )
        )
        help_text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(language_row)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh()

    @property
    def code(self) -> str:
        """The language whose template the page shows."""
        return str(self.language.currentData() or "en")

    def refresh(self) -> None:
        path, is_clinic_copy = aftercare.active_template_path(self.folder, self.code)
        if is_clinic_copy:
            self.status.setText(self.tr("In use: the clinic's own copy, {0}").format(path))
        else:
            self.status.setText(self.tr("In use: the default wording shipped with Chairside."))
        template, warning = aftercare.load_active_template(self.folder, self.code)
        if not template.reviewed:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr("This translation has not been reviewed by a fluent clinician yet.")
            )
        self.problem.setText("⚠ " + warning if warning else "")
        self.problem.setVisible(bool(warning))
        self.copy_button.setEnabled(not is_clinic_copy)
        self.reset_button.setEnabled(is_clinic_copy)

    def make_copy(self) -> None:
        aftercare.install_template_copy(self.folder, self.code)
        self.refresh()

    def open_folder(self) -> None:
        folder = aftercare.clinic_template_path(self.folder).parent
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reset(self) -> None:
        kept = aftercare.reset_template(self.folder, self.code)
        self.refresh()
        if kept is not None:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr("The clinic's copy was kept as {0}.").format(kept)
            )
