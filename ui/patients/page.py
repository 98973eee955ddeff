"""A patient's page: their details at a glance, the actions of a visit, their history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.patients.store import PatientRecord
from assistant.text.dates import age_on
from assistant.text.labels import data_label
from ui import look
from ui.patients.form import date_in_words


class PatientPage(QWidget):
    editRequested = Signal(int)
    newSessionRequested = Signal(int)
    exportRequested = Signal(int)
    eraseRequested = Signal(int)
    auditRequested = Signal(int)
    photosRequested = Signal(int)
    intakeRequested = Signal(int)  # the questionnaire on a phone (a QR code)
    patientModeRequested = Signal(int)  # the patient answers on this computer
    bookRequested = Signal(int)
    complicationRequested = Signal(int)
    complicationsRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: PatientRecord | None = None

        self.name_label = QLabel()
        self.name_label.setObjectName("pageTitle")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setFont(look.font(look.DISPLAY, bold=True))

        self.values: dict[str, QLabel] = {}
        details = QFormLayout()
        for key, label in (
            ("date_of_birth", self.tr("Date of birth")),
            ("contact", self.tr("Contact")),
            ("fitzpatrick", self.tr("Fitzpatrick type")),
            ("skin_type", self.tr("Skin type")),
            ("concerns", self.tr("Concerns")),
            ("notes", self.tr("Notes")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            self.values[key] = value
            details.addRow(QLabel(f"<b>{label}</b>"), value)

        self.new_session_button = QPushButton(self.tr("Start a &session"))
        self.new_session_button.setMinimumHeight(44)
        self.new_session_button.setToolTip(
            self.tr("Walk the suitability checklist, then record the treatment (Ctrl+T)")
        )
        self.new_session_button.setShortcut("Ctrl+T")
        self.edit_button = QPushButton(self.tr("&Edit details"))
        self.edit_button.setMinimumHeight(44)
        self.edit_button.setShortcut("Ctrl+E")
        self.new_session_button.clicked.connect(self._new_session)
        self.edit_button.clicked.connect(self._edit)

        self.more_button = QPushButton(self.tr("Record…"))
        self.more_button.setMinimumHeight(44)
        self.more_button.setAccessibleName(self.tr("Export, audit trail or erasure"))
        menu = QMenu(self.more_button)
        self.export_action = menu.addAction(self.tr("Export the complete record…"))
        self.audit_action = menu.addAction(self.tr("Show the audit trail"))
        self.complications_action = menu.addAction(self.tr("Complications…"))
        self.complications_action.triggered.connect(
            lambda: self._emit(self.complicationsRequested)
        )
        self.complication_action = menu.addAction(self.tr("Record a complication…"))
        self.complication_action.triggered.connect(
            lambda: self._emit(self.complicationRequested)
        )
        menu.addSeparator()
        self.erase_action = menu.addAction(self.tr("Erase personal details…"))
        self.export_action.triggered.connect(lambda: self._emit(self.exportRequested))
        self.audit_action.triggered.connect(lambda: self._emit(self.auditRequested))
        self.erase_action.triggered.connect(lambda: self._emit(self.eraseRequested))
        self.more_button.setMenu(menu)
        self.more_button.setProperty("menu", True)  # room for the arrow (style.qss)

        actions = QHBoxLayout()
        actions.addWidget(self.new_session_button)
        actions.addWidget(self.edit_button)
        self.photos_button = QPushButton(self.tr("&Photos"))
        self.photos_button.setMinimumHeight(44)
        self.photos_button.setToolTip(
            self.tr("Before-and-after photos: add, compare (Ctrl+Shift+P)")
        )
        self.photos_button.setShortcut("Ctrl+Shift+P")
        self.photos_button.clicked.connect(lambda: self._emit(self.photosRequested))
        actions.addWidget(self.photos_button)
        self.questionnaire_button = QPushButton(self.tr("&Questionnaire"))
        self.questionnaire_button.setMinimumHeight(44)
        self.questionnaire_button.setAccessibleName(
            self.tr("The patient answers the health questions")
        )
        questionnaire = QMenu(self.questionnaire_button)
        self.phone_action = questionnaire.addAction(self.tr("Questionnaire on a phone…"))
        self.here_action = questionnaire.addAction(self.tr("Let the patient answer here"))
        self.phone_action.triggered.connect(lambda: self._emit(self.intakeRequested))
        self.here_action.triggered.connect(lambda: self._emit(self.patientModeRequested))
        self.questionnaire_button.setMenu(questionnaire)
        actions.addWidget(self.questionnaire_button)
        self.book_button = QPushButton(self.tr("&Book a visit…"))
        self.book_button.setToolTip(self.tr("Book the next visit at a safe date"))
        self.book_button.clicked.connect(lambda: self._emit(self.bookRequested))
        actions.addWidget(self.more_button)
        actions.addStretch(1)

        history_title = QLabel(self.tr("<b>Sessions</b>"))
        self.history = QWidget()
        self.history.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.history_layout = QVBoxLayout(self.history)
        self.history_layout.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addLayout(details)
        layout.addLayout(actions)
        history_bar = QHBoxLayout()
        history_bar.addWidget(history_title, 1)
        history_bar.addWidget(self.book_button)
        layout.addLayout(history_bar)
        layout.addWidget(self.history, 1)

    def set_history_widget(self, widget: QWidget) -> None:
        """The session history shown under the details (replacing the previous one)."""
        while self.history_layout.count():
            item = self.history_layout.takeAt(0)
            old = item.widget() if item else None
            if old is not None:
                old.deleteLater()
        self.history_layout.addWidget(widget)

    def show_patient(self, record: PatientRecord, today: date | None = None) -> None:
        today = today or date.today()
        self.record = record
        d = record.details
        self.name_label.setText(record.display_name)
        if d.date_of_birth:
            self.values["date_of_birth"].setText(
                self.tr("{0} (age {1})").format(
                    date_in_words(d.date_of_birth), age_on(d.date_of_birth, today)
                )
            )
        else:
            self.values["date_of_birth"].setText(self.tr("not recorded"))
        contact = " · ".join(part for part in (d.phone, d.email) if part)
        self.values["contact"].setText(contact or self.tr("not recorded"))
        labels = {int(c.id): data_label("fitzpatrick", c.id) for c in reference.fitzpatrick_types()}
        self.values["fitzpatrick"].setText(labels.get(d.fitzpatrick or 0, self.tr("not assessed")))
        skin = {c.id: data_label("skin_type", c.id) for c in reference.skin_types()}
        self.values["skin_type"].setText(skin.get(d.skin_type or "", self.tr("not assessed")))
        concern_labels = {c.id: data_label("concerns", c.id) for c in reference.concerns()}
        self.values["concerns"].setText(
            ", ".join(concern_labels.get(c, c) for c in d.concerns) or self.tr("none recorded")
        )
        self.values["notes"].setText(d.notes or "—")

    def _emit(self, signal: SignalInstance) -> None:
        if self.record is not None:
            signal.emit(self.record.id)

    def _new_session(self) -> None:
        if self.record is not None:
            self.newSessionRequested.emit(self.record.id)

    def _edit(self) -> None:
        if self.record is not None:
            self.editRequested.emit(self.record.id)
