"""The rest of the record: the patient's response, the end of the session, the next date."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime, Signal
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

from assistant.sessions import DerivedValues, SessionDraft
from assistant.text.screen_dates import screen_long_date, screen_mm
from ui.session_form.common import big, qdate
from ui.session_form.parts import AfterPart, NextPart, ResponsePart
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

    def fill(self, draft: SessionDraft) -> None:
        self.tolerance_spin.setValue(draft.tolerance if draft.tolerance is not None else -1)
        self.reactions_edit.setPlainText(draft.reactions)
        self.adverse_edit.setPlainText(draft.adverse_events)

    def read(self) -> ResponsePart:
        tolerance = self.tolerance_spin.value()
        return ResponsePart(
            tolerance if tolerance >= 0 else None,
            self.reactions_edit.toPlainText(),
            self.adverse_edit.toPlainText(),
        )

    def set_read_only(self, read_only: bool) -> None:
        self.tolerance_spin.setEnabled(not read_only)
        for edit in (self.reactions_edit, self.adverse_edit):
            edit.setReadOnly(read_only)


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

    def fill(self, draft: SessionDraft) -> None:
        self.post_care_edit.setPlainText(draft.post_care)
        self.notes_edit.setPlainText(draft.notes)
        self.ended_check.setChecked(draft.ended_at is not None)
        self.ended_edit.setEnabled(draft.ended_at is not None)
        ended = draft.ended_at or datetime.now()
        self.ended_edit.setTime(QTime(ended.hour, ended.minute))

    def read(self, treated_on: date) -> AfterPart:
        """The end (on the day the session started), the post-care and the notes."""
        ended = None
        if self.ended_check.isChecked():
            clock = self.ended_edit.time()
            ended = datetime.combine(treated_on, time(clock.hour(), clock.minute()))
        return AfterPart(ended, self.post_care_edit.toPlainText(), self.notes_edit.toPlainText())

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.post_care_edit, self.notes_edit):
            edit.setReadOnly(read_only)
        for widget in (self.ended_check, self.ended_edit):
            widget.setEnabled(not read_only)


class NextSection(QGroupBox):
    """The next session's date. It follows the date the core recommends (shown beside it)
    until the practitioner picks another; "Use recommended" makes it follow again."""

    dateEdited = Signal()
    useRecommended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Next session"))
        self.follows = True  # the date follows the recommended one
        self.read_only = False
        self.setting = False  # the date is being set by the form, not typed
        form = QVBoxLayout(self)
        self.next_date_edit = QDateEdit()
        self.next_date_edit.setCalendarPopup(True)
        self.next_date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.next_date_edit.setLocale(screen_locale())
        self.next_date_edit.setSpecialValueText("—")
        big(self.next_date_edit, self.tr("Next session date"))
        self.next_date_edit.dateChanged.connect(self._date_changed)
        self.use_recommended_button = QPushButton(self.tr("Use recommended"))
        big(self.use_recommended_button, self.tr("Use the recommended next date"))
        self.use_recommended_button.clicked.connect(self._use_recommended)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_date_edit, 1)
        next_row.addWidget(self.use_recommended_button)
        self.recommended_label = QLabel()
        self.recommended_label.setWordWrap(True)
        self.recommended_label.setAccessibleName(self.tr("Recommended next session"))
        form.addLayout(next_row)
        form.addWidget(self.recommended_label)
        self.tab_order: list[QWidget] = [self.next_date_edit, self.use_recommended_button]

    def _date_changed(self, _date: QDate) -> None:
        if not self.setting:
            self.follows = False
        self.dateEdited.emit()

    def _use_recommended(self) -> None:
        self.follows = True
        self.useRecommended.emit()

    def _set_date(self, day: QDate) -> None:
        self.setting = True
        try:
            self.next_date_edit.setDate(day)
        finally:
            self.setting = False

    def set_minimum(self, treated_on: date) -> None:
        """No next session before this one (the minimum shows as "—": none chosen)."""
        self.setting = True
        try:
            self.next_date_edit.setMinimumDate(qdate(treated_on))
        finally:
            self.setting = False

    def fill(self, draft: SessionDraft, recommended: date | None) -> None:
        """The draft's next date; it follows ``recommended`` when it is that date or unset."""
        self.set_minimum(draft.treated_at.date())
        if draft.next_session_date is not None:
            self._set_date(qdate(draft.next_session_date))
            self.follows = draft.next_session_date == recommended
        else:
            self._set_date(self.next_date_edit.minimumDate())
            self.follows = True

    def read(self) -> NextPart:
        chosen = self.next_date_edit.date()
        if chosen == self.next_date_edit.minimumDate():
            return NextPart(None)
        return NextPart(chosen.toPython())  # type: ignore[arg-type]

    def show_recommended(self, derived: DerivedValues) -> None:
        """The core's recommendation beside the date, which follows it unless picked."""
        if derived.recommended_next_date is None or derived.deepest_depth_mm is None:
            self.recommended_label.setText(self.tr("Add a zone to see the recommended date."))
            self.use_recommended_button.setEnabled(False)
            return
        recommended = derived.recommended_next_date
        self.recommended_label.setText(
            self.tr(
                "Recommended: {date} ({weeks} weeks after a session at {depth} mm)"
            ).format(
                date=screen_long_date(recommended),
                weeks=derived.interval_weeks,
                depth=screen_mm(derived.deepest_depth_mm),
            )
        )
        self.use_recommended_button.setEnabled(not self.read_only)
        if self.follows and self.read().next_session_date != recommended and not self.read_only:
            self._set_date(qdate(recommended))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in (self.next_date_edit, self.use_recommended_button):
            widget.setEnabled(not read_only)
