"""The session form: everything recorded at the chair, saved as it is typed, then signed.

Autosave: every change restarts a short timer (setting ``autosave_seconds``); when it fires,
the draft is written off the UI thread through the task runner. The status line says
"Saving…", "Saved 10:41:03", or why it was not saved — the draft then stays on screen and
is saved again with the next change. ``flush()`` saves at once (before signing, on close).

Signed sessions are shown read-only; "Amend…" records a correction beside the original.
"""

from __future__ import annotations

import html
import logging
from dataclasses import replace
from datetime import UTC, date, datetime, time
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.checklist import format_long_date
from assistant.db import Database
from assistant.devices import snap_depth
from assistant.errors import ChairsideError, InvalidInput, StaleRecord
from assistant.sessions import (
    AMENDABLE_FIELDS,
    DeviceLimits,
    ProductEntry,
    SessionContext,
    SessionDraft,
    SessionRecord,
    SessionWarning,
    amend_session,
    check_cartridge_expiry,
    compute_warnings,
    field_label,
    get_field,
    previous_session,
    recommended_interval_weeks,
    recommended_next_date,
    roman,
    save_draft,
    sign_session,
    value_text,
)
from ui.tasks import TaskRunner, show_error
from ui.zone_table_model import ProductTableModel, ZoneTableModel

log = logging.getLogger(__name__)

TARGET_HEIGHT = 36  # large enough for gloved hands
ICON_SIZE = 24
RETRY_AFTER_ERROR_MS = 10_000
_NO_DATE = QDate(2000, 1, 1)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _big(widget: QWidget, name: str) -> QWidget:
    widget.setMinimumHeight(TARGET_HEIGHT)
    widget.setAccessibleName(name)
    return widget


class AmendDialog(QDialog):
    """Which field, the new value, and why: a correction to a signed session."""

    def __init__(self, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Amend the signed record"))
        self._record = record
        effective = record.effective
        self.field_box = QComboBox()
        for path in AMENDABLE_FIELDS:
            self.field_box.addItem(field_label(path), path)
        for index, zone in enumerate(effective.zones):
            name = (
                reference.zones()[zone.zone].name if zone.zone in reference.zones() else zone.zone
            )
            for attr, label in (
                ("depth_mm", self.tr("depth (mm)")),
                ("passes", self.tr("passes")),
                ("speed", self.tr("speed")),
                ("endpoint", self.tr("endpoint")),
                ("notes", self.tr("notes")),
            ):
                self.field_box.addItem(f"{name}: {label}", f"zones[{index}].{attr}")
        for index, product in enumerate(effective.products):
            for attr, label in (("lot_number", self.tr("lot")), ("expiry_date", self.tr("expiry"))):
                self.field_box.addItem(
                    f"{product.product_name}: {label}", f"products[{index}].{attr}"
                )
        _big(self.field_box, self.tr("Field to amend"))
        self.current_label = QLabel()
        self.current_label.setAccessibleName(self.tr("Current value"))
        self.value_edit = QLineEdit()
        _big(self.value_edit, self.tr("New value"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        self.reason_edit.setAccessibleName(self.tr("Reason for the amendment"))
        form = QFormLayout()
        form.addRow(self.tr("Field"), self.field_box)
        form.addRow(self.tr("Current value"), self.current_label)
        form.addRow(self.tr("New value"), self.value_edit)
        form.addRow(self.tr("Why"), self.reason_edit)
        hint = QLabel(self.tr("Dates as 2026-11-17, times as 2026-11-17 10:30, yes/no for ticks."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record amendment"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.field_box.currentIndexChanged.connect(self._show_current)
        self.reason_edit.textChanged.connect(self._update_ok)
        self.value_edit.textChanged.connect(self._update_ok)
        self._show_current()

    def _show_current(self) -> None:
        path = self.field_box.currentData()
        self.current_label.setText(value_text(get_field(self._record.effective, path)) or "—")
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(len(self.reason_edit.toPlainText().strip()) >= 5)

    def values(self) -> tuple[str, str, str]:
        return (
            str(self.field_box.currentData()),
            self.value_edit.text(),
            self.reason_edit.toPlainText().strip(),
        )


class SessionForm(QWidget):
    """One session's record. Build it from ``assistant.sessions.session_context``."""

    saved = Signal(object)  # SessionRecord after each save
    signed = Signal(int)  # session id
    amended = Signal(int)
    statusChanged = Signal(str)

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        settings: Any,
        context: SessionContext,
        actor: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._context = context
        self._record = context.record
        self._actor = actor
        self._loading = True
        self._dirty = False
        self._saving = False
        self._read_only = False
        self._next_follows = True
        self._tab_chain: list[QWidget] = []
        self.setAccessibleName(self.tr("Session record"))

        seconds = settings.get("autosave_seconds", 2) if settings is not None else 2
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, int(float(seconds) * 1000)))
        self._timer.timeout.connect(self._autosave)

        self.zone_model = ZoneTableModel(self)
        self.product_model = ProductTableModel(self)

        outer = QVBoxLayout(self)
        outer.addWidget(self._build_header())
        self.signed_banner = self._banner()
        outer.addWidget(self.signed_banner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        left.addWidget(self._build_treatment())
        left.addWidget(self._build_zones())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_warnings())
        right.addWidget(self._build_next())
        right.addWidget(self._build_products())
        right.addWidget(self._build_response())
        right.addWidget(self._build_after())
        self.amendments_box = self._build_amendments()
        right.addWidget(self.amendments_box)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addLayout(self._build_actions())

        for first, second in zip(self._tab_chain, self._tab_chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._load(self._record)
        self._loading = False
        self._refresh_live()
        self._show_saved_status()

    # --- building ----------------------------------------------------------------------------

    def _chain(self, *widgets: QWidget) -> None:
        self._tab_chain.extend(widgets)

    def _icon(self, pixmap: QStyle.StandardPixmap) -> QLabel:
        label = QLabel()
        label.setPixmap(self.style().standardIcon(pixmap).pixmap(ICON_SIZE, ICON_SIZE))
        label.setFixedSize(ICON_SIZE, ICON_SIZE)
        return label

    def _banner(self) -> QLabel:
        banner = QLabel()
        banner.setProperty("role", "banner")
        banner.setWordWrap(True)
        banner.setAccessibleName(self.tr("Record state"))
        banner.setVisible(False)
        return banner

    def _build_header(self) -> QWidget:
        patient = self._context.patient
        header = QWidget()
        layout = QHBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        parts = [patient.name]
        if patient.fitzpatrick:
            parts.append(self.tr("Fitzpatrick {type}").format(type=roman(patient.fitzpatrick)))
        title = QLabel(" · ".join(parts))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        title.setAccessibleName(self.tr("Patient"))
        layout.addWidget(title)
        layout.addSpacing(16)
        self.treated_edit = QDateTimeEdit()
        self.treated_edit.setCalendarPopup(True)
        self.treated_edit.setDisplayFormat("d MMM yyyy  HH:mm")
        _big(self.treated_edit, self.tr("Date and start time"))
        self.treated_edit.dateTimeChanged.connect(self._changed)
        layout.addWidget(QLabel(self.tr("Started")))
        layout.addWidget(self.treated_edit)
        self.course_label = QLabel(self.tr("Session"))
        layout.addWidget(self.course_label)
        self.course_number_spin = QSpinBox()
        self.course_number_spin.setRange(0, 20)
        self.course_number_spin.setSpecialValueText("—")
        _big(self.course_number_spin, self.tr("Session number in the course"))
        self.course_total_spin = QSpinBox()
        self.course_total_spin.setRange(0, 20)
        self.course_total_spin.setSpecialValueText("—")
        _big(self.course_total_spin, self.tr("Sessions in the course"))
        for spin in (self.course_number_spin, self.course_total_spin):
            spin.valueChanged.connect(self._changed)
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
        self._chain(self.treated_edit, self.course_number_spin, self.course_total_spin)
        return header

    def _build_treatment(self) -> QGroupBox:
        box = QGroupBox(self.tr("Treatment"))
        form = QFormLayout(box)
        self.practitioner_box = QComboBox()
        self.practitioner_box.addItem(self.tr("— choose —"), None)
        for choice in self._context.practitioners:
            self.practitioner_box.addItem(choice.label, choice.id)
        _big(self.practitioner_box, self.tr("Practitioner"))
        self.device_box = QComboBox()
        self.device_box.addItem(self.tr("— choose —"), None)
        for device in self._context.devices:
            self.device_box.addItem(
                self.tr("{device}, {low}–{high} mm").format(
                    device=device.label,
                    low=reference.format_mm(device.limits.min_depth_mm),
                    high=reference.format_mm(device.limits.max_depth_mm),
                ),
                device.id,
            )
        _big(self.device_box, self.tr("Device"))
        self.cartridge_box = QComboBox()
        self.cartridge_box.addItem(self.tr("— choose —"), None)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for cartridge in self._context.cartridges:
            text = self.tr("{name}: {needles} needles, lot {lot}, expires {expiry}").format(
                name=cartridge.label,
                needles=cartridge.needle_count,
                lot=cartridge.lot_number,
                expiry=cartridge.expiry_date.strftime("%d %b %Y").lstrip("0"),
            )
            if cartridge.expiry_date < date.today():
                self.cartridge_box.addItem(warning_icon, text + self.tr(" — EXPIRED"), cartridge.id)
            else:
                self.cartridge_box.addItem(text, cartridge.id)
        _big(self.cartridge_box, self.tr("Cartridge"))
        self.cartridge_error = QLabel()
        self.cartridge_error.setProperty("role", "error")
        self.cartridge_error.setWordWrap(True)
        self.cartridge_error.setAccessibleName(self.tr("Cartridge problem"))
        self.cartridge_error.setVisible(False)
        self.anaesthetic_box = QComboBox()
        self.anaesthetic_box.setEditable(True)
        self.anaesthetic_box.addItem("", "")
        for product in self._context.products:
            if product.kind == "anaesthetic":
                self.anaesthetic_box.addItem(product.name, product.strength)
        _big(self.anaesthetic_box, self.tr("Topical anaesthetic"))
        self.strength_edit = QLineEdit()
        self.strength_edit.setPlaceholderText(self.tr("e.g. 4%"))
        _big(self.strength_edit, self.tr("Anaesthetic strength"))
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(-1, 240)
        self.minutes_spin.setSpecialValueText("—")
        self.minutes_spin.setSuffix(self.tr(" min"))
        _big(self.minutes_spin, self.tr("Anaesthetic minutes applied"))
        anaesthetic = QHBoxLayout()
        anaesthetic.addWidget(self.anaesthetic_box, 3)
        anaesthetic.addWidget(self.strength_edit, 1)
        anaesthetic.addWidget(self.minutes_spin, 1)
        self.consent_check = QCheckBox(self.tr("Signed consent on file"))
        _big(self.consent_check, self.tr("Signed consent on file"))
        self.consent_date_edit = QDateEdit()
        self.consent_date_edit.setCalendarPopup(True)
        self.consent_date_edit.setDisplayFormat("d MMM yyyy")
        _big(self.consent_date_edit, self.tr("Consent date"))
        self.photos_check = QCheckBox(self.tr("Photos taken"))
        _big(self.photos_check, self.tr("Photos taken"))
        consent = QHBoxLayout()
        consent.addWidget(self.consent_check)
        consent.addWidget(self.consent_date_edit)
        consent.addSpacing(16)
        consent.addWidget(self.photos_check)
        consent.addStretch(1)
        form.addRow(self.tr("Practitioner"), self.practitioner_box)
        form.addRow(self.tr("Device"), self.device_box)
        form.addRow(self.tr("Cartridge"), self.cartridge_box)
        form.addRow("", self.cartridge_error)
        form.addRow(self.tr("Anaesthetic"), anaesthetic)
        form.addRow(self.tr("Consent"), consent)
        self.practitioner_box.currentIndexChanged.connect(self._changed)
        self.device_box.currentIndexChanged.connect(self._device_changed)
        self.cartridge_box.currentIndexChanged.connect(self._changed)
        self.anaesthetic_box.currentTextChanged.connect(self._anaesthetic_changed)
        self.strength_edit.textChanged.connect(self._changed)
        self.minutes_spin.valueChanged.connect(self._changed)
        self.consent_check.toggled.connect(self._changed)
        self.consent_check.toggled.connect(self.consent_date_edit.setEnabled)
        self.consent_date_edit.dateChanged.connect(self._changed)
        self.photos_check.toggled.connect(self._changed)
        self._chain(
            self.practitioner_box,
            self.device_box,
            self.cartridge_box,
            self.anaesthetic_box,
            self.strength_edit,
            self.minutes_spin,
            self.consent_check,
            self.consent_date_edit,
            self.photos_check,
        )
        return box

    def _build_zones(self) -> QGroupBox:
        box = QGroupBox(self.tr("Zones"))
        layout = QVBoxLayout(box)
        adder = QHBoxLayout()
        self.zone_choice = QComboBox()
        for zone in reference.zones().values():
            self.zone_choice.addItem(f"{zone.name} ({zone.typical_range})", zone.id)
        _big(self.zone_choice, self.tr("Zone to add"))
        self.add_zone_button = QPushButton(self.tr("Add zone"))
        _big(self.add_zone_button, self.tr("Add zone"))
        self.add_zone_button.clicked.connect(self._add_zone)
        self.remove_zone_button = QPushButton(self.tr("Remove zone"))
        _big(self.remove_zone_button, self.tr("Remove the selected zone"))
        self.remove_zone_button.clicked.connect(self._remove_zone)
        adder.addWidget(self.zone_choice, 1)
        adder.addWidget(self.add_zone_button)
        adder.addWidget(self.remove_zone_button)
        layout.addLayout(adder)

        self.zone_table = QTableView()
        self.zone_table.setModel(self.zone_model)
        self.zone_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.zone_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.zone_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.zone_table.verticalHeader().setDefaultSectionSize(TARGET_HEIGHT)
        self.zone_table.setAccessibleName(self.tr("Treated zones"))
        header = self.zone_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ZoneTableModel.WARNINGS, QHeaderView.ResizeMode.Stretch)
        self.zone_table.setMinimumHeight(150)
        self.zone_table.setMaximumHeight(8 * TARGET_HEIGHT)
        self.zone_table.selectionModel().currentRowChanged.connect(self._zone_selected)
        layout.addWidget(self.zone_table)

        editor = QGridLayout()
        self.zone_editor_title = QLabel()
        self.zone_editor_title.setAccessibleName(self.tr("Selected zone"))
        editor.addWidget(self.zone_editor_title, 0, 0, 1, 6)
        self.depth_spin = QDoubleSpinBox()
        self.depth_spin.setDecimals(2)
        self.depth_spin.setSingleStep(0.25)
        self.depth_spin.setSuffix(self.tr(" mm"))
        _big(self.depth_spin, self.tr("Depth in millimetres"))
        self.typical_label = QLabel()
        self.typical_label.setAccessibleName(self.tr("Typical depth for the zone"))
        self.passes_spin = QSpinBox()
        hard = reference.limits()
        self.passes_spin.setRange(hard.passes_min, hard.passes_max)
        _big(self.passes_spin, self.tr("Passes"))
        self.speed_edit = QLineEdit()
        self.speed_edit.setPlaceholderText(self.tr("e.g. 8"))
        self.speed_edit.setMaxLength(20)
        _big(self.speed_edit, self.tr("Speed setting"))
        self.endpoint_box = QComboBox()
        for endpoint in reference.endpoints():
            self.endpoint_box.addItem(endpoint.label, endpoint.id)
        _big(self.endpoint_box, self.tr("Clinical endpoint"))
        self.zone_notes_edit = QLineEdit()
        _big(self.zone_notes_edit, self.tr("Zone notes"))
        editor.addWidget(QLabel(self.tr("Depth")), 1, 0)
        editor.addWidget(self.depth_spin, 1, 1)
        editor.addWidget(self.typical_label, 1, 2, 1, 2)
        editor.addWidget(QLabel(self.tr("Passes")), 1, 4)
        editor.addWidget(self.passes_spin, 1, 5)
        editor.addWidget(QLabel(self.tr("Speed")), 2, 0)
        editor.addWidget(self.speed_edit, 2, 1)
        editor.addWidget(QLabel(self.tr("Endpoint")), 2, 2)
        editor.addWidget(self.endpoint_box, 2, 3)
        editor.addWidget(QLabel(self.tr("Notes")), 2, 4)
        editor.addWidget(self.zone_notes_edit, 2, 5)
        layout.addLayout(editor)
        self.depth_spin.valueChanged.connect(self._zone_edited)
        self.passes_spin.valueChanged.connect(self._zone_edited)
        self.speed_edit.textChanged.connect(self._zone_edited)
        self.endpoint_box.currentIndexChanged.connect(self._zone_edited)
        self.zone_notes_edit.textChanged.connect(self._zone_edited)
        self._chain(
            self.zone_choice,
            self.add_zone_button,
            self.remove_zone_button,
            self.zone_table,
            self.depth_spin,
            self.passes_spin,
            self.speed_edit,
            self.endpoint_box,
            self.zone_notes_edit,
        )
        return box

    def _build_warnings(self) -> QGroupBox:
        box = QGroupBox(self.tr("Warnings"))
        self.warnings_layout = QVBoxLayout(box)
        self._warnings_content: QWidget | None = None
        box.setAccessibleName(self.tr("Warnings"))
        return box

    def _build_products(self) -> QGroupBox:
        box = QGroupBox(self.tr("Serums and glide products"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.product_box = QComboBox()
        for product in self._context.products:
            if product.kind in ("serum", "glide", "prp"):
                self.product_box.addItem(product.name, product.id)
        _big(self.product_box, self.tr("Product"))
        self.lot_box = QComboBox()
        self.lot_box.setEditable(True)
        lot_line = self.lot_box.lineEdit()
        if lot_line is not None:
            lot_line.setPlaceholderText(self.tr("lot number"))
        _big(self.lot_box, self.tr("Product lot number"))
        self.add_product_button = QPushButton(self.tr("Add"))
        _big(self.add_product_button, self.tr("Add product"))
        row.addWidget(self.product_box, 2)
        row.addWidget(self.lot_box, 1)
        row.addWidget(self.add_product_button)
        layout.addLayout(row)
        self.product_table = QTableView()
        self.product_table.setModel(self.product_model)
        self.product_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.product_table.horizontalHeader().setStretchLastSection(True)
        self.product_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.product_table.setAccessibleName(self.tr("Products used"))
        self.product_table.setMaximumHeight(84)
        layout.addWidget(self.product_table)
        self.remove_product_button = QPushButton(self.tr("Remove product"))
        _big(self.remove_product_button, self.tr("Remove the selected product"))
        layout.addWidget(self.remove_product_button, 0, Qt.AlignmentFlag.AlignRight)
        self.product_box.currentIndexChanged.connect(self._product_chosen)
        self.add_product_button.clicked.connect(self._add_product)
        self.remove_product_button.clicked.connect(self._remove_product)
        self._product_chosen()
        self._chain(
            self.product_box,
            self.lot_box,
            self.add_product_button,
            self.product_table,
            self.remove_product_button,
        )
        return box

    def _text_edit(self, name: str, height: int = 56) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        edit.setAccessibleName(name)
        edit.textChanged.connect(self._changed)
        return edit

    def _build_response(self) -> QGroupBox:
        box = QGroupBox(self.tr("Patient response"))
        form = QFormLayout(box)
        self.tolerance_spin = QSpinBox()
        self.tolerance_spin.setRange(-1, 10)
        self.tolerance_spin.setSpecialValueText(self.tr("not recorded"))
        _big(self.tolerance_spin, self.tr("Tolerance, pain 0 to 10"))
        self.tolerance_spin.valueChanged.connect(self._changed)
        self.reactions_edit = self._text_edit(self.tr("Immediate reactions"), 44)
        self.adverse_edit = self._text_edit(self.tr("Adverse events"), 44)
        form.addRow(self.tr("Tolerance (0–10)"), self.tolerance_spin)
        form.addRow(self.tr("Reactions"), self.reactions_edit)
        form.addRow(self.tr("Adverse events"), self.adverse_edit)
        self._chain(self.tolerance_spin, self.reactions_edit, self.adverse_edit)
        return box

    def _build_after(self) -> QGroupBox:
        box = QGroupBox(self.tr("After the session"))
        form = QFormLayout(box)
        self.ended_check = QCheckBox(self.tr("Finished at"))
        _big(self.ended_check, self.tr("Session finished"))
        self.ended_edit = QTimeEdit()
        self.ended_edit.setDisplayFormat("HH:mm")
        _big(self.ended_edit, self.tr("Finish time"))
        self.ended_check.toggled.connect(self.ended_edit.setEnabled)
        self.ended_check.toggled.connect(self._changed)
        self.ended_edit.timeChanged.connect(self._changed)
        ended = QHBoxLayout()
        ended.addWidget(self.ended_check)
        ended.addWidget(self.ended_edit)
        ended.addStretch(1)
        self.post_care_edit = self._text_edit(self.tr("Post-care products given"), 44)
        self.notes_edit = self._text_edit(self.tr("Notes"), 56)
        form.addRow(self.tr("End"), ended)
        form.addRow(self.tr("Post-care"), self.post_care_edit)
        form.addRow(self.tr("Notes"), self.notes_edit)
        self._chain(self.ended_check, self.ended_edit, self.post_care_edit, self.notes_edit)
        return box

    def _build_next(self) -> QGroupBox:
        box = QGroupBox(self.tr("Next session"))
        form = QVBoxLayout(box)
        self.next_date_edit = QDateEdit()
        self.next_date_edit.setCalendarPopup(True)
        self.next_date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.next_date_edit.setSpecialValueText("—")
        _big(self.next_date_edit, self.tr("Next session date"))
        self.next_date_edit.dateChanged.connect(self._next_date_edited)
        self.use_recommended_button = QPushButton(self.tr("Use recommended"))
        _big(self.use_recommended_button, self.tr("Use the recommended next date"))
        self.use_recommended_button.clicked.connect(self._use_recommended)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_date_edit, 1)
        next_row.addWidget(self.use_recommended_button)
        self.recommended_label = QLabel()
        self.recommended_label.setWordWrap(True)
        self.recommended_label.setAccessibleName(self.tr("Recommended next session"))
        form.addLayout(next_row)
        form.addWidget(self.recommended_label)
        self._chain(self.next_date_edit, self.use_recommended_button)
        return box

    def _build_amendments(self) -> QGroupBox:
        box = QGroupBox(self.tr("Amendments"))
        layout = QVBoxLayout(box)
        self.amendments_label = QLabel()
        self.amendments_label.setWordWrap(True)
        self.amendments_label.setTextFormat(Qt.TextFormat.RichText)
        self.amendments_label.setAccessibleName(self.tr("Amendments"))
        layout.addWidget(self.amendments_label)
        box.setVisible(False)
        return box

    def _build_actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        self.action_error = QLabel()
        self.action_error.setProperty("role", "error")
        self.action_error.setWordWrap(True)
        self.action_error.setAccessibleName(self.tr("Problem"))
        actions.addWidget(self.action_error, 1)
        self.save_button = QPushButton(self.tr("Save now"))
        _big(self.save_button, self.tr("Save now"))
        self.save_button.setToolTip(self.tr("Saved automatically as you type (Ctrl+S)"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.flush)
        self.sign_button = QPushButton(self.tr("Sign the record…"))
        _big(self.sign_button, self.tr("Sign the record"))
        self.sign_button.setToolTip(self.tr("Sign; the record becomes read-only (Ctrl+Shift+S)"))
        self.sign_button.setMinimumHeight(TARGET_HEIGHT + 8)
        self.sign_button.clicked.connect(self.sign)
        self._sign_shortcut = QShortcut(QKeySequence(self.tr("Ctrl+Shift+S")), self)
        self._sign_shortcut.activated.connect(self.sign)
        self.amend_button = QPushButton(self.tr("Amend…"))
        _big(self.amend_button, self.tr("Amend the signed record"))
        self.amend_button.clicked.connect(self.amend)
        self.amend_button.setVisible(False)
        actions.addWidget(self.save_button)
        actions.addWidget(self.amend_button)
        actions.addWidget(self.sign_button)
        self._chain(self.save_button, self.sign_button)
        return actions

    # --- loading and reading back --------------------------------------------------------------

    def _select_data(self, combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _load(self, record: SessionRecord) -> None:
        draft = record.draft
        self.treated_edit.setDateTime(
            QDateTime(
                qdate(draft.treated_at.date()),
                QTime(draft.treated_at.hour, draft.treated_at.minute),
            )
        )
        self.course_number_spin.setValue(draft.course_number or 0)
        self.course_total_spin.setValue(draft.course_total or 0)
        self._select_data(self.practitioner_box, draft.practitioner_id)
        self._select_data(self.device_box, draft.device_id)
        self._select_data(self.cartridge_box, draft.cartridge_id)
        self.anaesthetic_box.setEditText(draft.anaesthetic_product)
        self.strength_edit.setText(draft.anaesthetic_strength)
        self.minutes_spin.setValue(
            draft.anaesthetic_minutes if draft.anaesthetic_minutes is not None else -1
        )
        self.consent_check.setChecked(draft.consent_on_file)
        self.consent_date_edit.setDate(qdate(draft.consent_date or draft.treated_at.date()))
        self.consent_date_edit.setEnabled(draft.consent_on_file)
        self.photos_check.setChecked(draft.photos_taken)
        self.tolerance_spin.setValue(draft.tolerance if draft.tolerance is not None else -1)
        self.reactions_edit.setPlainText(draft.reactions)
        self.adverse_edit.setPlainText(draft.adverse_events)
        self.post_care_edit.setPlainText(draft.post_care)
        self.notes_edit.setPlainText(draft.notes)
        self.ended_check.setChecked(draft.ended_at is not None)
        self.ended_edit.setEnabled(draft.ended_at is not None)
        ended = draft.ended_at or datetime.now()
        self.ended_edit.setTime(QTime(ended.hour, ended.minute))
        self.zone_model.set_context(
            self._limits(), self._context.patient.fitzpatrick, self._context.treatment
        )
        self.zone_model.set_entries(draft.zones)
        self.product_model.set_entries(draft.products)
        self._set_next_minimum()
        if draft.next_session_date is not None:
            self.next_date_edit.setDate(qdate(draft.next_session_date))
            deepest = draft.deepest_depth
            self._next_follows = deepest is not None and draft.next_session_date == (
                recommended_next_date(draft.treated_at, deepest, self._context.treatment)
            )
        else:
            self.next_date_edit.setDate(self.next_date_edit.minimumDate())
            self._next_follows = True
        if draft.zones:
            self.zone_table.selectRow(0)
        self._zone_selected(self.zone_model.index(0, 0) if draft.zones else QModelIndex())
        self._set_read_only(record.is_signed)
        self._show_record_state(record)

    def _limits(self) -> DeviceLimits:
        device_id = self.device_box.currentData()
        for device in self._context.devices:
            if device.id == device_id:
                return device.limits
        return DeviceLimits.default()

    def _treated_at(self) -> datetime:
        value = self.treated_edit.dateTime()
        day = value.date().toPython()
        clock = value.time()
        return datetime.combine(day, time(clock.hour(), clock.minute()))  # type: ignore[arg-type]

    def _cartridge(self) -> tuple[int | None, str, str, date | None]:
        cartridge_id = self.cartridge_box.currentData()
        for cartridge in self._context.cartridges:
            if cartridge.id == cartridge_id:
                return (
                    cartridge.id,
                    cartridge.needle_count,
                    cartridge.lot_number,
                    cartridge.expiry_date,
                )
        draft = self._record.draft
        if cartridge_id is None and draft.cartridge_id is None and draft.cartridge_lot:
            return None, draft.cartridge_needles, draft.cartridge_lot, draft.cartridge_expiry
        return None, "", "", None

    def _next_date(self) -> date | None:
        chosen = self.next_date_edit.date()
        if chosen == self.next_date_edit.minimumDate():
            return None
        return chosen.toPython()  # type: ignore[return-value]

    def current_draft(self) -> SessionDraft:
        """The draft exactly as the form shows it (an expired cartridge left out)."""
        treated_at = self._treated_at()
        cartridge_id, needles, lot, expiry = self._cartridge()
        candidate = SessionDraft(treated_at=treated_at, cartridge_lot=lot, cartridge_expiry=expiry)
        try:
            check_cartridge_expiry(candidate)
        except InvalidInput:
            cartridge_id, needles, lot, expiry = None, "", "", None
        zones = self.zone_model.entries()
        deepest = max((z.depth_mm for z in zones), default=None)
        minutes = self.minutes_spin.value()
        tolerance = self.tolerance_spin.value()
        ended = None
        if self.ended_check.isChecked():
            clock = self.ended_edit.time()
            ended = datetime.combine(treated_at.date(), time(clock.hour(), clock.minute()))
        return replace(
            self._record.draft,
            treated_at=treated_at,
            ended_at=ended,
            practitioner_id=self.practitioner_box.currentData(),
            device_id=self.device_box.currentData(),
            cartridge_id=cartridge_id,
            cartridge_needles=needles,
            cartridge_lot=lot,
            cartridge_expiry=expiry,
            anaesthetic_product=self.anaesthetic_box.currentText().strip(),
            anaesthetic_strength=self.strength_edit.text().strip(),
            anaesthetic_minutes=minutes if minutes >= 0 else None,
            consent_on_file=self.consent_check.isChecked(),
            consent_date=self.consent_date_edit.date().toPython()  # type: ignore[arg-type]
            if self.consent_check.isChecked()
            else None,
            photos_taken=self.photos_check.isChecked(),
            tolerance=tolerance if tolerance >= 0 else None,
            reactions=self.reactions_edit.toPlainText(),
            adverse_events=self.adverse_edit.toPlainText(),
            post_care=self.post_care_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
            zones=zones,
            products=self.product_model.entries(),
            next_session_date=self._next_date(),
            interval_weeks=recommended_interval_weeks(deepest, self._context.treatment)
            if deepest is not None
            else None,
            course_number=self.course_number_spin.value() or None,
            course_total=self.course_total_spin.value() or None,
        )

    # --- live feedback ---------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading or self._read_only:
            return
        self._dirty = True
        self._refresh_live()
        self._set_status(self.tr("Changes not saved yet"), None)
        self._timer.start()

    def _device_changed(self) -> None:
        limits = self._limits()
        self.zone_model.set_context(
            limits, self._context.patient.fitzpatrick, self._context.treatment
        )
        narrowed = limits.narrowed()
        self.depth_spin.setRange(narrowed.min_depth_mm, narrowed.max_depth_mm)
        self.depth_spin.setSingleStep(narrowed.step_mm or 0.25)
        self._changed()

    def _anaesthetic_changed(self, text: str) -> None:
        index = self.anaesthetic_box.findText(text)
        if index > 0 and not self._loading and not self.strength_edit.text():
            self.strength_edit.setText(str(self.anaesthetic_box.itemData(index) or ""))
        self._changed()

    def current_warnings(self) -> tuple[list[SessionWarning], str]:
        """The warnings the form shows now, and why the draft would be refused ('' if not)."""
        draft = self.current_draft()
        history = previous_session(self._context.history, draft.treated_at, self._record.id)
        try:
            return compute_warnings(
                draft,
                self._context.patient.fitzpatrick,
                self._limits(),
                history,
                self._context.treatment,
            ), ""
        except InvalidInput as exc:
            return [], str(exc)

    def _refresh_live(self) -> None:
        warnings, refused = self.current_warnings()
        if self._warnings_content is not None:
            self.warnings_layout.removeWidget(self._warnings_content)
            self._warnings_content.deleteLater()
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        lines: list[tuple[QStyle.StandardPixmap, str]] = []
        if refused:
            lines.append((QStyle.StandardPixmap.SP_MessageBoxCritical, refused))
        lines += [(QStyle.StandardPixmap.SP_MessageBoxWarning, w.message) for w in warnings]
        if not lines:
            lines.append((QStyle.StandardPixmap.SP_DialogApplyButton, self.tr("No warnings.")))
        for pixmap, text in lines:
            row = QHBoxLayout()
            row.addWidget(self._icon(pixmap), 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setAccessibleName(
                self.tr("Warning")
                if pixmap != QStyle.StandardPixmap.SP_DialogApplyButton
                else self.tr("No warnings")
            )
            row.addWidget(label, 1)
            content_layout.addLayout(row)
        self.warnings_layout.addWidget(content)
        self._warnings_content = content
        self._warning_texts = [text for _, text in lines]
        self._refresh_cartridge()
        self._refresh_next_date()
        self.course_label.setText(
            self.tr("Session") if self.course_total_spin.value() else self.tr("Course")
        )

    def warning_texts(self) -> list[str]:
        """The lines of the warnings panel as shown (for tests and screen readers)."""
        return list(self._warning_texts)

    def _refresh_cartridge(self) -> None:
        cartridge_id = self.cartridge_box.currentData()
        message = ""
        for cartridge in self._context.cartridges:
            if cartridge.id == cartridge_id:
                try:
                    check_cartridge_expiry(
                        SessionDraft(
                            treated_at=self._treated_at(),
                            cartridge_lot=cartridge.lot_number,
                            cartridge_expiry=cartridge.expiry_date,
                        )
                    )
                except InvalidInput as exc:
                    message = "\N{WARNING SIGN} " + str(exc)
        self.cartridge_error.setText(message)
        self.cartridge_error.setVisible(bool(message))

    def _set_next_minimum(self) -> None:
        treated = self._treated_at().date()
        self.next_date_edit.setMinimumDate(qdate(treated))

    def _refresh_next_date(self) -> None:
        self._set_next_minimum()
        zones = self.zone_model.entries()
        deepest = max((z.depth_mm for z in zones), default=None)
        if deepest is None:
            self.recommended_label.setText(self.tr("Add a zone to see the recommended date."))
            self.use_recommended_button.setEnabled(False)
            return
        recommended = recommended_next_date(self._treated_at(), deepest, self._context.treatment)
        weeks = recommended_interval_weeks(deepest, self._context.treatment)
        self.recommended_label.setText(
            self.tr("Recommended: {date} ({weeks} weeks after a session at {depth} mm)").format(
                date=format_long_date(recommended),
                weeks=weeks,
                depth=reference.format_mm(deepest),
            )
        )
        self.use_recommended_button.setEnabled(not self._read_only)
        if self._next_follows and self._next_date() != recommended and not self._read_only:
            self._setting_next = True
            self.next_date_edit.setDate(qdate(recommended))
            self._setting_next = False

    _setting_next = False

    def _next_date_edited(self) -> None:
        if not self._loading and not self._setting_next:
            self._next_follows = False
        self._changed()

    def _use_recommended(self) -> None:
        self._next_follows = True
        self._changed()

    # --- zones and products ------------------------------------------------------------------

    def _add_zone(self) -> None:
        row = self.zone_model.add_zone(self.zone_choice.currentData())
        self.zone_table.selectRow(row)
        self._zone_selected(self.zone_model.index(row, 0))
        self._changed()
        self.depth_spin.setFocus()
        self.depth_spin.selectAll()

    def _remove_zone(self) -> None:
        row = self.zone_table.currentIndex().row()
        if row < 0:
            return
        self.zone_model.remove_zone(row)
        remaining = self.zone_model.rowCount()
        self._zone_selected(
            self.zone_model.index(min(row, remaining - 1), 0) if remaining else QModelIndex()
        )
        self._changed()

    def _zone_selected(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = current.row() if current.isValid() else -1
        self._editing_row = row
        editors = (
            self.depth_spin,
            self.passes_spin,
            self.speed_edit,
            self.endpoint_box,
            self.zone_notes_edit,
        )
        for widget in editors:
            widget.setEnabled(row >= 0 and not self._read_only)
        if row < 0:
            self.zone_editor_title.setText(self.tr("Add a zone, then set its depth and passes."))
            self.typical_label.setText("")
            return
        entry = self.zone_model.entry(row)
        zone = reference.zones()[entry.zone]
        self._filling_editor = True
        narrowed = self.zone_model.limits().narrowed()
        self.depth_spin.setRange(narrowed.min_depth_mm, narrowed.max_depth_mm)
        self.depth_spin.setSingleStep(narrowed.step_mm or 0.25)
        self.depth_spin.setValue(entry.depth_mm)
        self.passes_spin.setValue(entry.passes)
        self.speed_edit.setText(entry.speed)
        self._select_data(self.endpoint_box, entry.endpoint)
        self.zone_notes_edit.setText(entry.notes)
        self._filling_editor = False
        self.zone_editor_title.setText(self.tr("<b>{zone}</b>").format(zone=html.escape(zone.name)))
        self.typical_label.setText(
            self.tr("typical {range}; warning above {bound} mm").format(
                range=zone.typical_range, bound=reference.format_mm(zone.warn_above_mm)
            )
        )

    _editing_row = -1
    _filling_editor = False

    def _zone_edited(self, *_args: object) -> None:
        row = self._editing_row
        if self._filling_editor or row < 0 or row >= self.zone_model.rowCount():
            return
        entry = replace(
            self.zone_model.entry(row),
            depth_mm=snap_depth(self.depth_spin.value(), self.zone_model.limits()),
            passes=self.passes_spin.value(),
            speed=self.speed_edit.text().strip(),
            endpoint=self.endpoint_box.currentData(),
            notes=self.zone_notes_edit.text(),
        )
        self.zone_model.set_entry(row, entry)
        self._changed()

    def select_zone(self, row: int) -> None:
        self.zone_table.selectRow(row)
        self._zone_selected(self.zone_model.index(row, 0))

    def _product_chosen(self) -> None:
        product_id = self.product_box.currentData()
        self.lot_box.clear()
        for product in self._context.products:
            if product.id == product_id:
                for lot, _expiry in product.lots:
                    self.lot_box.addItem(lot)

    def _add_product(self) -> None:
        product_id = self.product_box.currentData()
        product = next((p for p in self._context.products if p.id == product_id), None)
        if product is None:
            return
        lot = self.lot_box.currentText().strip()
        expiry = next((e for number, e in product.lots if number == lot), None)
        self.product_model.add(ProductEntry(product.id, product.name, product.kind, lot, expiry))
        self._changed()

    def _remove_product(self) -> None:
        row = self.product_table.currentIndex().row()
        if row >= 0:
            self.product_model.remove(row)
            self._changed()

    # --- saving ---------------------------------------------------------------------------------

    @property
    def session_id(self) -> int:
        return self._record.id

    @property
    def record(self) -> SessionRecord:
        return self._record

    def is_dirty(self) -> bool:
        return self._dirty

    def is_read_only(self) -> bool:
        return self._read_only

    def status_text(self) -> str:
        return self.status_label.text()

    def _set_status(self, text: str, pixmap: QStyle.StandardPixmap | None) -> None:
        self.status_label.setText(text)
        if pixmap is None:
            self.status_icon.clear()
        else:
            self.status_icon.setPixmap(
                self.style().standardIcon(pixmap).pixmap(ICON_SIZE, ICON_SIZE)
            )
        self.statusChanged.emit(text)

    def _show_saved_status(self) -> None:
        if self._record.is_signed:
            self._set_status(self.tr("Signed"), QStyle.StandardPixmap.SP_DialogApplyButton)
        elif self._record.updated_at is not None:
            self._set_status(
                self.tr("Draft saved {time}").format(
                    time=self._local_time(self._record.updated_at)
                ),
                QStyle.StandardPixmap.SP_DialogApplyButton,
            )

    @staticmethod
    def _local_time(utc: datetime) -> str:
        return utc.replace(tzinfo=UTC).astimezone().strftime("%H:%M:%S")

    def _autosave(self) -> None:
        if not self._dirty or self._read_only:
            return
        if self._saving:
            self._timer.start()  # the save under way finishes first
            return
        draft = self.current_draft()
        self._saving = True
        self._dirty = False
        self._set_status(self.tr("Saving…"), None)
        self._runner.run(
            partial(
                save_draft, self._db, self._record.id, draft, self._actor, self._record.version
            ),
            self._saved,
            self._save_failed,
            parent=self,
        )

    def _saved(self, record: SessionRecord) -> None:
        self._saving = False
        self._record = replace(self._record, draft=record.draft, warnings=record.warnings,
                               updated_at=record.updated_at, version=record.version)  # fmt: skip
        self._set_status(
            self.tr("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")),
            QStyle.StandardPixmap.SP_DialogApplyButton,
        )
        self.saved.emit(self._record)
        if self._dirty:
            self._timer.start()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, StaleRecord) and isinstance(error.current, SessionRecord):
            self._resolve_stale(error.current)
            return
        self._dirty = True  # what was typed is still on screen and will be saved again
        if isinstance(error, ChairsideError):
            reason = str(error)
        else:
            log.error("Saving a draft failed", exc_info=error)
            reason = self.tr("Unexpected error: {0}").format(error)
        self._set_status(
            self.tr("Not saved: {reason} What you typed is kept on screen.").format(reason=reason),
            QStyle.StandardPixmap.SP_MessageBoxCritical,
        )
        if not isinstance(error, InvalidInput):
            self._timer.start(RETRY_AFTER_ERROR_MS)  # a locked or full disk may clear

    def flush(self) -> bool:
        """Save now if anything is unsaved (before signing, when the screen closes).
        Returns False when the save failed (the draft stays on screen)."""
        self._timer.stop()
        if self._saving:
            self._runner.wait()
        if not self._dirty or self._read_only:
            return not self._dirty
        draft = self.current_draft()
        self._saving = True
        self._dirty = False
        try:
            record = save_draft(self._db, self._record.id, draft, self._actor, self._record.version)
        except Exception as exc:  # reported in place, never lost
            self._save_failed(exc)
            return False
        self._saved(record)
        return True

    def _resolve_stale(self, saved: SessionRecord) -> None:
        """The draft was saved elsewhere since it was opened here: show both versions; what
        the user keeps is saved over the newer one."""
        mine = self.current_draft()
        kept = self.choose_between_drafts(mine, saved.draft)
        if kept is None:
            kept = saved.draft  # cancelled: the saved version stays, nothing is overwritten
        self._record = replace(self._record, draft=kept, version=saved.version)
        self._load(self._record)
        self._dirty = kept != saved.draft
        if self._dirty:
            self._timer.start()

    def choose_between_drafts(
        self, mine: SessionDraft, theirs: SessionDraft
    ) -> SessionDraft | None:
        """The dialog with both versions side by side (tests replace this method)."""
        from dataclasses import fields

        from ui.stale_record_dialog import StaleRecordDialog

        labels = [(f.name, f.name.replace("_", " ").capitalize()) for f in fields(SessionDraft)]
        dialog = StaleRecordDialog(
            self.tr("Someone else saved this draft"),
            labels,
            {f.name: getattr(mine, f.name) for f in fields(SessionDraft)},
            {f.name: getattr(theirs, f.name) for f in fields(SessionDraft)},
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return replace(theirs, **dialog.merged())

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._dirty:
            self.flush()
        super().hideEvent(event)

    # --- signing and amending -------------------------------------------------------------------

    def _confirm_sign(self, draft: SessionDraft) -> bool:
        zones = ", ".join(
            f"{reference.zones()[z.zone].name} {reference.format_mm(z.depth_mm)} mm × {z.passes}"
            for z in draft.zones
        )
        warnings, _ = self.current_warnings()
        text = self.tr(
            "Sign this record? It becomes read-only; later changes are recorded as amendments."
            "\n\nZones: {zones}\nWarnings shown: {count}"
        ).format(zones=zones or "—", count=len(warnings))
        answer = QMessageBox.question(
            self,
            self.tr("Sign the session record"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def sign(self) -> None:
        if self._read_only:
            return
        self.action_error.clear()
        if not self.flush():
            self.action_error.setText(
                "\N{WARNING SIGN} " + self.tr("Save the record before signing.")
            )
            return
        if not self._confirm_sign(self.current_draft()):
            return
        self._runner.run(
            partial(sign_session, self._db, self._record.id, self._actor),
            self._signed,
            self._sign_failed,
            parent=self,
        )

    def _signed(self, record: SessionRecord) -> None:
        self._record = record
        self._set_read_only(True)
        self._show_record_state(record)
        self._set_status(self.tr("Signed"), QStyle.StandardPixmap.SP_DialogApplyButton)
        self.signed.emit(record.id)

    def _sign_failed(self, error: BaseException) -> None:
        if isinstance(error, ChairsideError):
            self.action_error.setText("\N{WARNING SIGN} " + str(error))
        else:
            show_error(self, error)

    def amend(self) -> None:
        if not self._record.is_signed:
            return
        dialog = AmendDialog(self._record, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        field, value, reason = dialog.values()
        self.amend_field(field, value, reason)

    def amend_field(self, field: str, value: str, reason: str) -> None:
        self._runner.run(
            partial(amend_session, self._db, self._record.id, field, value, reason, self._actor),
            self._amended,
            self._sign_failed,
            parent=self,
        )

    def _amended(self, record: SessionRecord) -> None:
        self._record = record
        self.action_error.clear()
        self._show_record_state(record)
        self.amended.emit(record.id)

    def _set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.zone_model.set_read_only(read_only)
        for edit in (self.strength_edit, self.speed_edit, self.zone_notes_edit):
            edit.setReadOnly(read_only)
        for text_edit in (
            self.reactions_edit,
            self.adverse_edit,
            self.post_care_edit,
            self.notes_edit,
        ):
            text_edit.setReadOnly(read_only)
        for widget in (
            self.treated_edit, self.course_number_spin, self.course_total_spin,
            self.practitioner_box, self.device_box, self.cartridge_box, self.anaesthetic_box,
            self.minutes_spin, self.consent_check, self.consent_date_edit, self.photos_check,
            self.depth_spin, self.passes_spin, self.endpoint_box, self.tolerance_spin,
            self.ended_check, self.ended_edit, self.next_date_edit, self.use_recommended_button,
            self.zone_choice, self.add_zone_button, self.remove_zone_button, self.product_box,
            self.lot_box, self.add_product_button, self.remove_product_button,
        ):  # fmt: skip
            widget.setEnabled(not read_only)
        self.sign_button.setVisible(not read_only)
        self.save_button.setVisible(not read_only)
        self.amend_button.setVisible(read_only)

    def _show_record_state(self, record: SessionRecord) -> None:
        if not record.is_signed:
            self.signed_banner.setVisible(False)
            self.amendments_box.setVisible(False)
            return
        signed_at = self._local_time(record.signed_at) if record.signed_at else ""
        day = record.signed_at.date() if record.signed_at else None
        self.signed_banner.setText(
            "\N{LOCK} "
            + self.tr(
                "Signed by {name} on {date} at {time}. Read-only: corrections are recorded "
                "as amendments, beside the original."
            ).format(
                name=record.signed_by_name or "—",
                date=format_long_date(day) if day else "",
                time=signed_at[:5],
            )
        )
        self.signed_banner.setVisible(True)
        amended: dict[tuple[int, str], str] = {}
        items = []
        for amendment in record.amendments:
            label = self._amendment_label(amendment.field)
            items.append(
                "<li><b>{label}</b>: {old} → {new}<br>{who}, {when}: <i>{why}</i></li>".format(
                    label=html.escape(label),
                    old=html.escape(amendment.old_value or "—"),
                    new=html.escape(amendment.new_value or "—"),
                    who=html.escape(amendment.practitioner_name or self.tr("unknown")),
                    when=html.escape(amendment.created_at.strftime("%d %b %Y %H:%M")),
                    why=html.escape(amendment.reason),
                )
            )
            if amendment.field.startswith("zones["):
                index = int(amendment.field[6 : amendment.field.index("]")])
                amended[(index, amendment.field.split(".")[-1])] = amendment.new_value
        self.zone_model.set_amended(amended)
        self.amendments_label.setText(
            "<ul>" + "".join(items) + "</ul>" if items else self.tr("No amendments.")
        )
        self.amendments_box.setVisible(True)

    def _amendment_label(self, path: str) -> str:
        if path.startswith("zones["):
            index = int(path[6 : path.index("]")])
            zones = self._record.draft.zones
            if index < len(zones):
                zone = reference.zones().get(zones[index].zone)
                attribute = path.split(".")[-1].replace("_", " ")
                return f"{zone.name if zone else zones[index].zone}: {attribute}"
        return field_label(path)
