"""Treatment: practitioner, device, cartridge, anaesthetic and consent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QWidget,
)

from assistant.errors import InvalidInput
from assistant.sessions import (
    CartridgeChoice,
    DeviceLimits,
    SessionContext,
    SessionDraft,
    check_cartridge_expiry,
)
from assistant.settings import DEFAULTS
from assistant.stock import ChairScan, expiry_warning
from assistant.text.screen_dates import screen_mm, screen_short_date
from ui import icons
from ui.session_form.common import big, select_data
from ui.stock.scan_field import ScanField


class TreatmentSection(QGroupBox):
    changed = Signal()
    deviceChanged = Signal()

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Treatment"))
        self._context = context
        self.loading = False
        # A cartridge expiring within this many days of the session warns (set from Settings).
        self.expiry_warning_days = int(DEFAULTS["stock_expiry_warning_days"])
        form = QFormLayout(self)
        self.practitioner_box = QComboBox()
        self.practitioner_box.addItem(self.tr("— choose —"), None)
        for choice in context.practitioners:
            self.practitioner_box.addItem(choice.label, choice.id)
        big(self.practitioner_box, self.tr("Practitioner"))
        self.device_box = QComboBox()
        self.device_box.addItem(self.tr("— choose —"), None)
        for device in context.devices:
            self.device_box.addItem(
                self.tr("{device}, {low}–{high} mm").format(
                    device=device.label,
                    low=screen_mm(device.limits.min_depth_mm),
                    high=screen_mm(device.limits.max_depth_mm),
                ),
                device.id,
            )
        big(self.device_box, self.tr("Device"))
        self.cartridge_box = QComboBox()
        self.cartridge_box.addItem(self.tr("— choose —"), None)
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for cartridge in context.cartridges:
            text = self.tr("{name}: {needles} needles, lot {lot}, expires {expiry}").format(
                name=cartridge.label,
                needles=cartridge.needle_count,
                lot=cartridge.lot_number,
                expiry=screen_short_date(cartridge.expiry_date),
            )
            if cartridge.expiry_date < date.today():
                self.cartridge_box.addItem(warning_icon, text + self.tr(" — EXPIRED"), cartridge.id)
            else:
                self.cartridge_box.addItem(text, cartridge.id)
        big(self.cartridge_box, self.tr("Cartridge"))
        self.cartridge_error = QLabel()
        self.cartridge_error.setProperty("role", "error")
        self.cartridge_error.setWordWrap(True)
        self.cartridge_error.setAccessibleName(self.tr("Cartridge problem"))
        self.cartridge_error.setVisible(False)
        # A box scanned here fills the cartridge (or, for a serum, adds the product and lot).
        self.scan_field = ScanField()
        self.scan_field.setPlaceholderText(self.tr("Scan the cartridge or serum box"))
        self.scan_field.setAccessibleName(self.tr("Code on the box"))
        self.scan_message = QLabel()
        self.scan_message.setWordWrap(True)
        self.scan_message.setAccessibleName(self.tr("What the scan filled in"))
        self.scan_message.setVisible(False)
        self.anaesthetic_box = QComboBox()
        self.anaesthetic_box.setEditable(True)
        self.anaesthetic_box.addItem("", "")
        for product in context.products:
            if product.kind == "anaesthetic":
                self.anaesthetic_box.addItem(product.name, product.strength)
        big(self.anaesthetic_box, self.tr("Topical anaesthetic"))
        self.strength_edit = QLineEdit()
        self.strength_edit.setPlaceholderText(self.tr("e.g. 4%"))
        big(self.strength_edit, self.tr("Anaesthetic strength"))
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(-1, 240)
        self.minutes_spin.setSpecialValueText("—")
        self.minutes_spin.setSuffix(self.tr(" min"))
        big(self.minutes_spin, self.tr("Anaesthetic minutes applied"))
        anaesthetic = QHBoxLayout()
        anaesthetic.addWidget(self.anaesthetic_box, 3)
        anaesthetic.addWidget(self.strength_edit, 1)
        anaesthetic.addWidget(self.minutes_spin, 1)
        # Whether a signed consent covers the session comes from the consent records
        # (``consent_watch``), shown here in words; nothing to tick.
        self.consent_on_file = False
        self.consent_date: date | None = None
        self.consent_state = QLabel(self.tr("Looking for a consent that covers this session…"))
        self.consent_state.setWordWrap(True)
        self.consent_state.setAccessibleName(self.tr("Consent"))
        self.photos_check = QCheckBox(self.tr("Photos taken"))
        big(self.photos_check, self.tr("Photos taken"))
        form.addRow(self.tr("Practitioner"), self.practitioner_box)
        form.addRow(self.tr("Device"), self.device_box)
        form.addRow(self.tr("Scan a box"), self.scan_field)
        form.addRow("", self.scan_message)
        form.addRow(self.tr("Cartridge"), self.cartridge_box)
        form.addRow("", self.cartridge_error)
        form.addRow(self.tr("Anaesthetic"), anaesthetic)
        self.consent_icon = icons.icon_label("unknown", role="text")
        consent = QHBoxLayout()
        consent.addWidget(self.consent_icon, 0, Qt.AlignmentFlag.AlignTop)
        consent.addWidget(self.consent_state, 1)
        form.addRow(self.tr("Consent"), consent)
        form.addRow("", self.photos_check)
        self.practitioner_box.currentIndexChanged.connect(self.changed)
        self.device_box.currentIndexChanged.connect(self.deviceChanged)
        self.cartridge_box.currentIndexChanged.connect(self.changed)
        self.anaesthetic_box.currentTextChanged.connect(self._anaesthetic_changed)
        self.strength_edit.textChanged.connect(self.changed)
        self.minutes_spin.valueChanged.connect(self.changed)
        self.photos_check.toggled.connect(self.changed)
        self.tab_order: list[QWidget] = [
            self.practitioner_box,
            self.device_box,
            self.scan_field,
            self.cartridge_box,
            self.anaesthetic_box,
            self.strength_edit,
            self.minutes_spin,
            self.photos_check,
        ]

    def show_consent(self, covered: bool, signed_on: date | None, why: str) -> None:
        """What the consent records say: a consent covers the session (signed on that day),
        or why none does; the draft records it as it is saved."""
        if covered and signed_on is not None:
            icons.set_icon(self.consent_icon, "ok")
            self.consent_state.setText(
                self.tr("A signed consent covers this session (signed {0}).").format(
                    screen_short_date(signed_on)
                )
            )
        else:
            icons.set_icon(self.consent_icon, "warning")
            self.consent_state.setText(why or self.tr("No signed consent covers this session."))
        changed = (covered, signed_on) != (self.consent_on_file, self.consent_date)
        self.consent_on_file, self.consent_date = covered, signed_on if covered else None
        if changed and not self.loading:
            self.changed.emit()

    def _anaesthetic_changed(self, text: str) -> None:
        index = self.anaesthetic_box.findText(text)
        if index > 0 and not self.loading and not self.strength_edit.text():
            self.strength_edit.setText(str(self.anaesthetic_box.itemData(index) or ""))
        self.changed.emit()

    def limits(self) -> DeviceLimits:
        device_id = self.device_box.currentData()
        for device in self._context.devices:
            if device.id == device_id:
                return device.limits
        return DeviceLimits.default()

    def cartridge(self, draft: SessionDraft) -> tuple[int | None, str, str, date | None]:
        """The chosen cartridge; a cartridge typed on an older draft is kept as it was."""
        cartridge_id = self.cartridge_box.currentData()
        for cartridge in self._context.cartridges:
            if cartridge.id == cartridge_id:
                return (
                    cartridge.id,
                    cartridge.needle_count,
                    cartridge.lot_number,
                    cartridge.expiry_date,
                )
        if cartridge_id is None and draft.cartridge_id is None and draft.cartridge_lot:
            return None, draft.cartridge_needles, draft.cartridge_lot, draft.cartridge_expiry
        return None, "", "", None

    def show_cartridge_problem(self, treated_at: datetime) -> None:
        cartridge_id = self.cartridge_box.currentData()
        message = ""
        for cartridge in self._context.cartridges:
            if cartridge.id == cartridge_id:
                try:
                    check_cartridge_expiry(
                        SessionDraft(
                            treated_at=treated_at,
                            cartridge_lot=cartridge.lot_number,
                            cartridge_expiry=cartridge.expiry_date,
                        )
                    )
                except InvalidInput as exc:
                    message = "\N{WARNING SIGN} " + str(exc)
                else:
                    soon = expiry_warning(
                        cartridge.lot_number,
                        cartridge.expiry_date,
                        treated_at.date(),
                        self.expiry_warning_days,
                    )
                    message = "\N{WARNING SIGN} " + soon if soon else ""
        self.cartridge_error.setText(message)
        self.cartridge_error.setVisible(bool(message))

    def use_cartridge(self, scan: ChairScan) -> None:
        """Choose the scanned cartridge lot (offered now even when it was received after the
        form opened)."""
        if scan.cartridge_id is None:
            return
        if self.cartridge_box.findData(scan.cartridge_id) < 0:
            choice = CartridgeChoice(
                scan.cartridge_id, scan.name, scan.needle_count, scan.lot, scan.expiry
            )
            self._context = replace(self._context, cartridges=(*self._context.cartridges, choice))
            self.cartridge_box.addItem(
                self.tr("{name}: {needles} needles, lot {lot}, expires {expiry}").format(
                    name=scan.name,
                    needles=scan.needle_count,
                    lot=scan.lot,
                    expiry=screen_short_date(scan.expiry),
                ),
                scan.cartridge_id,
            )
        select_data(self.cartridge_box, scan.cartridge_id)

    def show_scanned(self, scan: ChairScan, warning: str = "") -> None:
        if scan.kind == "cartridge":
            text = self.tr("Cartridge {name}, lot {lot}, filled in from the box.")
        else:
            text = self.tr("{name}, lot {lot}, added to the products used.")
        text = text.format(name=scan.name, lot=scan.lot)
        if warning:
            text += "\n\N{WARNING SIGN} " + warning
        self.show_scan_message(text, problem=False)

    def show_scan_message(self, text: str, problem: bool) -> None:
        self.scan_message.setText(("\N{WARNING SIGN} " if problem else "") + text)
        self.scan_message.setProperty("role", "error" if problem else "")
        self.scan_message.style().unpolish(self.scan_message)
        self.scan_message.style().polish(self.scan_message)
        self.scan_message.setVisible(bool(text))
