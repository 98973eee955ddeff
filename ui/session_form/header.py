"""The form's header: who the patient is, when the session started, where it sits in the
course, and the save status."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from assistant.reference import fitzpatrick_numeral
from assistant.sessions import SessionContext, SessionDraft
from ui import icons, look
from ui.session_form.common import ICON_SIZE, big, qdate
from ui.session_form.parts import HeaderPart
from ui.translations import screen_locale


class HeaderSection(QWidget):
    changed = Signal()

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        patient = context.patient
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        parts = [patient.name]
        if patient.fitzpatrick:
            numeral = fitzpatrick_numeral(patient.fitzpatrick)
            parts.append(self.tr("Fitzpatrick {type}").format(type=numeral))
        title = QLabel(" · ".join(parts))
        title.setFont(look.font(look.TITLE, bold=True))
        title.setAccessibleName(self.tr("Patient"))
        self.title_label = title  # hidden where a patient bar already names the patient
        layout.addWidget(title)
        layout.addSpacing(16)
        self.treated_edit = QDateTimeEdit()
        self.treated_edit.setCalendarPopup(True)
        self.treated_edit.setDisplayFormat("d MMM yyyy  HH:mm")
        self.treated_edit.setLocale(screen_locale())
        big(self.treated_edit, self.tr("Date and start time"))
        self.treated_edit.dateTimeChanged.connect(self.changed)
        layout.addWidget(QLabel(self.tr("Started")))
        layout.addWidget(self.treated_edit)
        self.course_label = QLabel(self.tr("Session"))
        layout.addWidget(self.course_label)
        self.course_number_spin = QSpinBox()
        self.course_number_spin.setRange(0, 20)
        self.course_number_spin.setSpecialValueText("—")
        big(self.course_number_spin, self.tr("Session number in the course"))
        self.course_total_spin = QSpinBox()
        self.course_total_spin.setRange(0, 20)
        self.course_total_spin.setSpecialValueText("—")
        big(self.course_total_spin, self.tr("Sessions in the course"))
        for spin in (self.course_number_spin, self.course_total_spin):
            spin.valueChanged.connect(self.changed)
        layout.addWidget(self.course_number_spin)
        layout.addWidget(QLabel(self.tr("of")))
        layout.addWidget(self.course_total_spin)
        layout.addStretch(1)
        self.status_icon = QLabel()
        self.status_icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        layout.addWidget(self.status_icon)
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Save status"))
        self.status_label.setWordWrap(True)
        self.status_label.setMaximumWidth(460)
        layout.addWidget(self.status_label)
        self.tab_order: list[QWidget] = [
            self.treated_edit,
            self.course_number_spin,
            self.course_total_spin,
        ]

    def fill(self, draft: SessionDraft) -> None:
        """Show the draft's start and its place in the course."""
        started = draft.treated_at
        self.treated_edit.setDateTime(
            QDateTime(qdate(started.date()), QTime(started.hour, started.minute))
        )
        self.course_number_spin.setValue(draft.course_number or 0)
        self.course_total_spin.setValue(draft.course_total or 0)

    def treated_at(self) -> datetime:
        """The start as shown, to the minute (local wall time)."""
        value = self.treated_edit.dateTime()
        day = value.date().toPython()
        clock = value.time()
        return datetime.combine(day, time(clock.hour(), clock.minute()))  # type: ignore[arg-type]

    def read(self) -> HeaderPart:
        return HeaderPart(
            self.treated_at(),
            self.course_number_spin.value() or None,
            self.course_total_spin.value() or None,
        )

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.treated_edit, self.course_number_spin, self.course_total_spin):
            widget.setEnabled(not read_only)

    def set_status(self, text: str, pixmap: str | None) -> None:
        self.status_label.setText(text)
        if pixmap is None:
            self.status_icon.clear()
        else:
            icons.set_icon(self.status_icon, pixmap, ICON_SIZE)

    def show_course_word(self) -> None:
        self.course_label.setText(
            self.tr("Session") if self.course_total_spin.value() else self.tr("Course")
        )
