"""Settings page for the consent forms: the clinic edits its own copy of a form in each
language, and every save becomes a new version of that language's form (a version used for a
consent is never changed). Also the clinic's rule for how many months a signed consent covers
a course."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.consent import (
    PHOTO,
    TREATMENT,
    current_template,
    save_clinic_template,
    set_valid_months,
    template_versions,
    valid_months,
)
from assistant.consent.templates import reviewed
from assistant.consent.validity import MAX_VALID_MONTHS
from assistant.errors import ChairsideError
from assistant.operations import OpChanges
from assistant.storage.db import Database
from assistant.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from assistant.text.translation_review import consent_approved
from ui import look
from ui.tasks import Operations
from ui.translations import language_name


class ConsentTemplateSettings(QWidget):
    """The form's wording and how long a consent stays valid, read again when an operation
    announced on ``operations`` changes them (a text or number being edited stays)."""

    saved = Signal(int)  # the new version's number

    def __init__(
        self,
        db: Database,
        actor: int | None,
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.operations = operations or Operations()
        self.operations.operationDidExecute.connect(self.on_operation_did_execute)
        self.form_box = QComboBox()
        self.form_box.addItem(self.tr("Treatment consent (microneedling)"), TREATMENT)
        self.form_box.addItem(self.tr("Photo consent"), PHOTO)
        self.form_box.setAccessibleName(self.tr("Consent form to edit"))
        self.language_box = QComboBox()
        for code, language in LANGUAGES.items():
            self.language_box.addItem(f"{language.native} — {language_name(language.name)}", code)
        self.language_box.setAccessibleName(self.tr("Language of the form to edit"))
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.version_label.setAccessibleName(self.tr("Version in use"))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Form title"))
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(self.tr("Form text"))
        self.body_edit.setFont(look.font(look.BODY))
        self.save_button = QPushButton(self.tr("Save as a new version"))
        self.save_button.setMinimumHeight(34)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, MAX_VALID_MONTHS)
        self.months_spin.setSuffix(self.tr(" months"))
        self.months_spin.setAccessibleName(self.tr("How long a signed consent stays valid"))
        self.months_button = QPushButton(self.tr("Save"))
        self.months_button.clicked.connect(self.save_months)
        help_text = QLabel(
            self.tr(
                "Edit the clinic's copy of a consent form. Each save becomes a new version; "
                "consents already signed keep the version the patient read, and a session can "
                "only be signed once the patient has signed the version now in use. Fields "
                "filled in when the consent is issued: {patient_name}, {areas}, {device}, "
                "{practitioner}. A blank line starts a paragraph; a line starting with "
                '"- " is a list item.'
            )
        )
        help_text.setWordWrap(True)
        months = QHBoxLayout()
        months.addWidget(self.months_spin)
        months.addWidget(self.months_button)
        months.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Form"), self.form_box)
        form.addRow(self.tr("Language"), self.language_box)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("A consent is valid for"), months)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(form)
        layout.addWidget(self.version_label)
        layout.addWidget(self.body_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.form_box.currentIndexChanged.connect(self.load)
        self.language_box.currentIndexChanged.connect(self.load)
        self._months = valid_months(db)
        self.months_spin.setValue(self._months)
        self.load()

    def key(self) -> str:
        return str(self.form_box.currentData())

    def language(self) -> str:
        return str(self.language_box.currentData() or DEFAULT_LANGUAGE)

    def on_operation_did_execute(self, changes: OpChanges, handler: object) -> None:
        if changes.touches("consents") and (handler is self or not self.edited()):
            self.load()
        if changes.touches("settings") and (
            handler is self or self.months_spin.value() == self._months
        ):
            self._months = valid_months(self._db)
            self.months_spin.setValue(self._months)

    def edited(self) -> bool:
        """Whether the title or text differ from the version last shown."""
        return (self.title_edit.text(), self.body_edit.toPlainText()) != self._shown

    def load(self) -> None:
        code = self.language()
        template = current_template(self._db, self.key(), code)
        count = len(template_versions(self._db, self.key(), code))
        source = (
            self.tr("the clinic's copy")
            if template.source == "clinic"
            else self.tr("the wording shipped with Chairside")
        )
        self.version_label.setText(
            self.tr("In use: version {version} ({source}); {count} version(s) kept.").format(
                version=template.version, source=source, count=count
            )
            + (
                " \N{WARNING SIGN} "
                + self.tr("This translation has not been reviewed by a fluent clinician yet.")
                if template.source == "shipped"
                and not reviewed(code)
                and not consent_approved(self._db, code)
                else ""
            )
        )
        self.title_edit.setText(template.title)
        self.body_edit.setPlainText(template.body)
        self._shown = (self.title_edit.text(), self.body_edit.toPlainText())

    def save(self) -> None:
        """A new version; the page shows it as any change is shown (``operationDidExecute``)."""
        db, key, title, body, actor, code = (
            self._db, self.key(), self.title_edit.text(), self.body_edit.toPlainText(),
            self._actor, self.language(),
        )  # fmt: skip
        try:
            saved = self.operations.perform_here(
                lambda: save_clinic_template(db, key, title, body, actor, code), handler=self
            )
        except ChairsideError as exc:
            self.message.setText("\N{WARNING SIGN} " + str(exc))
            return
        self.message.setText(self.tr("Saved as version {0}.").format(saved.version))
        self.saved.emit(saved.version)

    def save_months(self) -> None:
        db, months, actor = self._db, self.months_spin.value(), self._actor
        try:
            self.operations.perform_here(lambda: set_valid_months(db, months, actor), handler=self)
        except ChairsideError as exc:
            self.message.setText("\N{WARNING SIGN} " + str(exc))
            return
        self.message.setText(
            self.tr("A consent now stays valid for {0} months.").format(self.months_spin.value())
        )
