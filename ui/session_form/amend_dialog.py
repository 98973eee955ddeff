"""Amendments: the dialog asking which field of a signed session, the new value and why,
and the box listing the amendments recorded beside the original."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.sessions import AMENDABLE_FIELDS, SessionRecord, field_label, get_field, value_text
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_moment
from ui.session_form.common import big


class AmendDialog(QDialog):
    """Which field, the new value, and why: a correction to a signed session."""

    def __init__(self, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Amend the signed record"))
        self._record = record
        effective = record.effective
        self.field_box = QComboBox()
        for path in AMENDABLE_FIELDS:
            label = data_label("session_fields", path, default=field_label(path))
            self.field_box.addItem(label, path)
        for index, zone in enumerate(effective.zones):
            name = data_label("zones", zone.zone)
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
        big(self.field_box, self.tr("Field to amend"))
        self.current_label = QLabel()
        self.current_label.setAccessibleName(self.tr("Current value"))
        self.value_edit = QLineEdit()
        big(self.value_edit, self.tr("New value"))
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


class AmendmentsBox(QGroupBox):
    """The amendments of a signed record, each with who, when and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Amendments"))
        layout = QVBoxLayout(self)
        self.amendments_label = QLabel()
        self.amendments_label.setWordWrap(True)
        self.amendments_label.setTextFormat(Qt.TextFormat.RichText)
        self.amendments_label.setAccessibleName(self.tr("Amendments"))
        layout.addWidget(self.amendments_label)
        self.setVisible(False)

    def show_record(self, record: SessionRecord) -> dict[tuple[int, str], str]:
        """List the amendments; returns the amended zone cells (row, attribute) → value."""
        amended: dict[tuple[int, str], str] = {}
        items = []
        for amendment in record.amendments:
            label = amendment_label(record, amendment.field)
            items.append(
                "<li><b>{label}</b>: {old} → {new}<br>{who}, {when}: <i>{why}</i></li>".format(
                    label=html.escape(label),
                    old=html.escape(amendment.old_value or "—"),
                    new=html.escape(amendment.new_value or "—"),
                    who=html.escape(amendment.practitioner_name or self.tr("unknown")),
                    when=html.escape(screen_short_moment(amendment.created_at)),
                    why=html.escape(amendment.reason),
                )
            )
            if amendment.field.startswith("zones["):
                index = int(amendment.field[6 : amendment.field.index("]")])
                amended[(index, amendment.field.split(".")[-1])] = amendment.new_value
        self.amendments_label.setText(
            "<ul>" + "".join(items) + "</ul>" if items else self.tr("No amendments.")
        )
        self.setVisible(True)
        return amended


def amendment_label(record: SessionRecord, path: str) -> str:
    if path.startswith("zones["):
        index = int(path[6 : path.index("]")])
        zones = record.draft.zones
        if index < len(zones):
            attribute = path.split(".")[-1].replace("_", " ")
            return f"{data_label('zones', zones[index].zone)}: {attribute}"
    return data_label("session_fields", path, default=field_label(path))
