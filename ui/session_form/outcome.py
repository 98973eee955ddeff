"""The rest of the record: the patient's response, the end of the session, the next date."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ui.session_form.common import big
from ui.translations import screen_locale


class _Section(QGroupBox):
    changed = Signal()

    def _text_edit(self, name: str, height: int = 56) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        edit.setAccessibleName(name)
        edit.textChanged.connect(self.changed)
        return edit


class ResponseSection(_Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Patient response"))
        form = QFormLayout(self)
        self.tolerance_spin = QSpinBox()
        self.tolerance_spin.setRange(-1, 10)
        self.tolerance_spin.setSpecialValueText(self.tr("not recorded"))
        big(self.tolerance_spin, self.tr("Tolerance, pain 0 to 10"))
        self.tolerance_spin.valueChanged.connect(self.changed)
        self.reactions_edit = self._text_edit(self.tr("Immediate reactions"), 44)
        self.adverse_edit = self._text_edit(self.tr("Adverse events"), 44)
        form.addRow(self.tr("Tolerance (0–10)"), self.tolerance_spin)
        form.addRow(self.tr("Reactions"), self.reactions_edit)
        form.addRow(self.tr("Adverse events"), self.adverse_edit)
        self.tab_order: list[QWidget] = [
            self.tolerance_spin,
            self.reactions_edit,
            self.adverse_edit,
        ]


class AfterSection(_Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("After the session"))
        form = QFormLayout(self)
        self.ended_check = QCheckBox(self.tr("Finished at"))
        big(self.ended_check, self.tr("Session finished"))
        self.ended_edit = QTimeEdit()
        self.ended_edit.setDisplayFormat("HH:mm")
        big(self.ended_edit, self.tr("Finish time"))
        self.ended_check.toggled.connect(self.ended_edit.setEnabled)
        self.ended_check.toggled.connect(self.changed)
        self.ended_edit.timeChanged.connect(self.changed)
        ended = QHBoxLayout()
        ended.addWidget(self.ended_check)
        ended.addWidget(self.ended_edit)
        ended.addStretch(1)
        self.post_care_edit = self._text_edit(self.tr("Post-care products given"), 44)
        self.notes_edit = self._text_edit(self.tr("Notes"), 56)
        form.addRow(self.tr("End"), ended)
        form.addRow(self.tr("Post-care"), self.post_care_edit)
        form.addRow(self.tr("Notes"), self.notes_edit)
        self.tab_order: list[QWidget] = [
            self.ended_check,
            self.ended_edit,
            self.post_care_edit,
            self.notes_edit,
        ]


class NextSection(QGroupBox):
    """The next session's date; the form decides what is recommended."""

    dateEdited = Signal()
    useRecommended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Next session"))
        form = QVBoxLayout(self)
        self.next_date_edit = QDateEdit()
        self.next_date_edit.setCalendarPopup(True)
        self.next_date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.next_date_edit.setLocale(screen_locale())
        self.next_date_edit.setSpecialValueText("—")
        big(self.next_date_edit, self.tr("Next session date"))
        self.next_date_edit.dateChanged.connect(self.dateEdited)
        self.use_recommended_button = QPushButton(self.tr("Use recommended"))
        big(self.use_recommended_button, self.tr("Use the recommended next date"))
        self.use_recommended_button.clicked.connect(self.useRecommended)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_date_edit, 1)
        next_row.addWidget(self.use_recommended_button)
        self.recommended_label = QLabel()
        self.recommended_label.setWordWrap(True)
        self.recommended_label.setAccessibleName(self.tr("Recommended next session"))
        form.addLayout(next_row)
        form.addWidget(self.recommended_label)
        self.tab_order: list[QWidget] = [self.next_date_edit, self.use_recommended_button]
