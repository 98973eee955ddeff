"""Create or edit a patient. Problems are shown beside the field concerned; nothing typed is
lost when the details are refused."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.errors import ChairsideError, StaleRecord
from assistant.patients.store import (
    NAME_ORDER_FAMILY_FIRST,
    NAME_ORDER_GIVEN_FIRST,
    PatientDetails,
    PatientRecord,
    create_patient,
    update_patient,
    validate,
    validation_errors,
)
from assistant.storage.db import Database
from assistant.text.dates import age_on, parse_typed_date
from assistant.text.labels import data_label
from assistant.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from assistant.text.screen_dates import screen_day
from ui import look
from ui.tasks import show_error
from ui.translations import language_name

parse_date_text = parse_typed_date
date_in_words = screen_day


class PatientForm(QWidget):
    saved = Signal(int)
    cancelled = Signal()

    FIELDS = (
        "first_name",
        "last_name",
        "name_order",
        "preferred_name",
        "date_of_birth",
        "phone",
        "email",
        "fitzpatrick",
        "skin_type",
        "concerns",
        "language",
        "large_print",
        "notes",
    )

    def __init__(self, db: Database, actor: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.patient_id: int | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setFont(look.font(look.HEADING, bold=True))

        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.name_order = QComboBox()
        self.name_order.addItem(self.tr("Given name first (Ana Silva)"), NAME_ORDER_GIVEN_FIRST)
        self.name_order.addItem(
            self.tr("Family name first (Nguyễn Lan, Kovács Péter)"), NAME_ORDER_FAMILY_FIRST
        )
        self.preferred_name = QLineEdit()
        self.preferred_name.setPlaceholderText(self.tr("if not the names in this order"))
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.dob_hint = QLabel()
        self.dob_hint.hide()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.fitzpatrick = QComboBox()
        self.fitzpatrick.addItem(self.tr("Not assessed"), None)
        for choice in reference.fitzpatrick_types():
            self.fitzpatrick.addItem(data_label("fitzpatrick", choice.id), int(choice.id))
        self.skin_type = QComboBox()
        self.skin_type.addItem(self.tr("Not assessed"), None)
        for choice in reference.skin_types():
            self.skin_type.addItem(data_label("skin_type", choice.id), choice.id)
        self.concerns = QListWidget()
        for choice in reference.concerns():
            item = QListWidgetItem(data_label("concerns", choice.id))
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.concerns.addItem(item)
        self.concerns.setMaximumHeight(230)
        self.concerns.setSpacing(2)
        # handouts (the aftercare sheet) are printed in this language, in large print if asked
        self.language = QComboBox()
        for code, language in LANGUAGES.items():
            self.language.addItem(f"{language.native} — {language_name(language.name)}", code)
        self.large_print = QCheckBox(self.tr("Body text of 16 points or more"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.notes.setTabChangesFocus(True)

        labels = {
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "name_order": self.tr("Name order"),
            "preferred_name": self.tr("Preferred name"),
            "date_of_birth": self.tr("Date of birth"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "fitzpatrick": self.tr("Fitzpatrick type"),
            "skin_type": self.tr("Skin type"),
            "concerns": self.tr("Concerns"),
            "language": self.tr("Handout language"),
            "large_print": self.tr("Large print"),
            "notes": self.tr("Notes"),
        }
        self.error_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name in self.FIELDS:
            widget = self.field_widget(name)
            widget.setAccessibleName(labels[name])
            widget.setMinimumHeight(32 if name not in ("concerns", "notes") else 0)
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setWordWrap(True)
            error.setProperty("role", "error")
            error.hide()
            self.error_labels[name] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            if name == "date_of_birth":
                column.addWidget(self.dob_hint)
            column.addWidget(error)
            label = QLabel(labels[name] + ("*" if name in ("first_name", "last_name") else ""))
            label.setBuddy(widget)
            form.addRow(label, column)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.setMinimumHeight(40)
        self.save_button.setToolTip(self.tr("Save the patient (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setMinimumHeight(40)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancelled)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancelled.emit)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        # The fields scroll on a short screen; the title and the buttons stay in view.
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName(self.tr("Patient details"))
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.date_of_birth.textChanged.connect(self._update_dob_hint)
        previous: QWidget | None = None
        for name in self.FIELDS:
            widget = self.field_widget(name)
            if previous is not None:
                self.setTabOrder(previous, widget)
            previous = widget
        self.setTabOrder(self.notes, self.save_button)
        self.setTabOrder(self.save_button, self.cancel_button)
        self.start_new()

    def field_widget(self, name: str) -> QWidget:
        widget = getattr(self, name)
        assert isinstance(widget, QWidget)
        return widget

    # -- loading -----------------------------------------------------------------------------

    def start_new(self) -> None:
        self.patient_id = None
        self.version: int | None = None
        self.title.setText(self.tr("New patient"))
        for line in (
            self.first_name,
            self.last_name,
            self.preferred_name,
            self.date_of_birth,
            self.phone,
            self.email,
        ):
            line.clear()
        self.name_order.setCurrentIndex(0)
        self.fitzpatrick.setCurrentIndex(0)
        self.skin_type.setCurrentIndex(0)
        self.language.setCurrentIndex(max(0, self.language.findData(DEFAULT_LANGUAGE)))
        self.large_print.setChecked(False)
        for row in range(self.concerns.count()):
            self.concerns.item(row).setCheckState(Qt.CheckState.Unchecked)
        self.notes.clear()
        self.clear_errors()
        self._snapshot = self.details()[0]
        self.first_name.setFocus()

    def load(self, record: PatientRecord) -> None:
        self.start_new()
        self.patient_id = record.id
        self.version = record.version
        self.title.setText(self.tr("Edit {0}").format(record.display_name))
        d = record.details
        self.first_name.setText(d.first_name)
        self.last_name.setText(d.last_name)
        self.name_order.setCurrentIndex(max(0, self.name_order.findData(d.name_order)))
        self.preferred_name.setText(d.preferred_name)
        self.date_of_birth.setText(d.date_of_birth.strftime("%d/%m/%Y") if d.date_of_birth else "")
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.fitzpatrick.setCurrentIndex(max(0, self.fitzpatrick.findData(d.fitzpatrick)))
        self.skin_type.setCurrentIndex(max(0, self.skin_type.findData(d.skin_type)))
        self.language.setCurrentIndex(max(0, self.language.findData(d.language)))
        self.large_print.setChecked(d.large_print)
        for row in range(self.concerns.count()):
            item = self.concerns.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in d.concerns
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.notes.setPlainText(d.notes)
        self._snapshot = self.details()[0]

    def is_dirty(self) -> bool:
        """True when the form holds typing that has not been saved."""
        return self.details()[0] != self._snapshot

    # -- validation and saving ---------------------------------------------------------------

    def _update_dob_hint(self) -> None:
        try:
            value = parse_date_text(self.date_of_birth.text())
        except ValueError:
            self.dob_hint.clear()
            self.dob_hint.hide()
            return
        if value is None or value > date.today():
            self.dob_hint.clear()
            self.dob_hint.hide()
            return
        self.dob_hint.show()
        self.dob_hint.setText(
            self.tr("{0}, age {1}").format(date_in_words(value), age_on(value, date.today()))
        )

    def details(self) -> tuple[PatientDetails, dict[str, str]]:
        """What the form holds, and the problems found while reading it."""
        problems: dict[str, str] = {}
        try:
            dob = parse_date_text(self.date_of_birth.text())
        except ValueError as exc:
            dob = None
            problems["date_of_birth"] = str(exc)
        concerns = tuple(
            str(self.concerns.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.concerns.count())
            if self.concerns.item(row).checkState() == Qt.CheckState.Checked
        )
        details = PatientDetails(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            date_of_birth=dob,
            phone=self.phone.text(),
            email=self.email.text(),
            fitzpatrick=self.fitzpatrick.currentData(),
            skin_type=self.skin_type.currentData(),
            concerns=concerns,
            notes=self.notes.toPlainText(),
            name_order=str(self.name_order.currentData()),
            preferred_name=self.preferred_name.text(),
            language=str(self.language.currentData()),
            large_print=self.large_print.isChecked(),
        )
        for field, message in validation_errors(details).items():
            problems.setdefault(field, message)
        return details, problems

    def clear_errors(self) -> None:
        for name, label in self.error_labels.items():
            label.clear()
            label.hide()
            self.field_widget(name).setAccessibleDescription("")

    def show_errors(self, problems: dict[str, str]) -> None:
        self.clear_errors()
        first: QWidget | None = None
        for name in self.FIELDS:
            if name not in problems:
                continue
            label = self.error_labels[name]
            label.setText("⚠ " + problems[name])
            label.setToolTip(problems[name])
            label.show()
            widget = self.field_widget(name)
            widget.setAccessibleDescription(problems[name])
            first = first or widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        details, problems = self.details()
        if problems:
            self.show_errors(problems)
            return
        try:
            if self.patient_id is None:
                record = create_patient(self.db, details, self.actor)
            else:
                updated = self._update(details)
                if updated is None:
                    return
                record = updated
        except ChairsideError as exc:
            field = getattr(exc, "field", None)
            if field in self.error_labels:
                self.show_errors({field: str(exc)})
            else:
                show_error(self, exc)
            return
        self.clear_errors()
        if self.patient_id is not None and record.details != validate(details):
            self.load(record)  # a merge: show what is saved now
        self.patient_id = record.id
        self.version = record.version
        self._snapshot = self.details()[0]
        self.saved.emit(record.id)

    def _update(self, details: PatientDetails) -> PatientRecord | None:
        """Save over the version loaded; if someone saved the patient since, show both
        versions and save what the user keeps (None when they cancel)."""
        assert self.patient_id is not None
        try:
            return update_patient(self.db, self.patient_id, details, self.actor, self.version)
        except StaleRecord as stale:
            current = stale.current
            assert isinstance(current, PatientRecord)
            kept = self.resolve_stale(details, current.details)
            if kept is None:
                return None
            return update_patient(self.db, self.patient_id, kept, self.actor, current.version)

    def resolve_stale(self, mine: PatientDetails, theirs: PatientDetails) -> PatientDetails | None:
        """Ask which values to keep (the dialog; tests replace this method)."""
        # loaded on first use, off the first screen's start (11 ms)
        from ui.session_form.stale_dialog import StaleRecordDialog

        labels = [
            ("first_name", self.tr("First name")),
            ("last_name", self.tr("Last name")),
            ("date_of_birth", self.tr("Date of birth")),
            ("phone", self.tr("Phone")),
            ("email", self.tr("Email")),
            ("fitzpatrick", self.tr("Fitzpatrick type")),
            ("skin_type", self.tr("Skin type")),
            ("concerns", self.tr("Concerns")),
            ("language", self.tr("Handout language")),
            ("large_print", self.tr("Large print")),
            ("notes", self.tr("Notes")),
        ]
        dialog = StaleRecordDialog(
            self.tr("Someone else changed this patient"), labels, asdict(mine), asdict(theirs), self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return PatientDetails(**dialog.merged())
