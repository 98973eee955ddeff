"""Settings: the clinic profile (shown on every aftercare sheet) and the clinic's
practitioners, devices, cartridge lots and products with their lots.

Each page saves through ``Operations.perform_here`` and reads again what it shows when an
operation announced there changed it (``operationDidExecute``), whoever made the change; a
page never reloads itself by hand after its own save."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.access import auth
from assistant.clinic import store as clinic
from assistant.clinic.store import ClinicProfile
from assistant.errors import ChairsideError, StaleRecord
from assistant.operations import OpChanges
from assistant.settings import Settings
from assistant.storage.db import Database
from assistant.text.screen_dates import screen_short_date
from ui.patients.form import parse_date_text
from ui.session_form.stale_dialog import StaleRecordDialog
from ui.settings.clinical_rules_page import ClinicalRulesPage
from ui.settings.consent_templates import ConsentTemplateSettings
from ui.settings.interface import InterfaceSettings
from ui.settings.record_editor import FieldSpec, RecordEditor
from ui.settings.templates import AftercareTemplateSettings
from ui.tasks import Operations


class ClinicProfileTab(QWidget):
    saved = Signal()

    def __init__(
        self,
        db: Database,
        actor: int | None,
        parent: QWidget | None = None,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.operations = operations or Operations()
        self.operations.operationDidExecute.connect(self.on_operation_did_execute)
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(90)
        self.phone = QLineEdit()
        self.out_of_hours_phone = QLineEdit()
        self.email = QLineEdit()
        self.logo_path = QLineEdit()
        self.logo_path.setPlaceholderText(self.tr("No logo"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_logo)
        clear = QPushButton(self.tr("Remove"))
        clear.clicked.connect(self.logo_path.clear)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_path, 1)
        logo_row.addWidget(browse)
        logo_row.addWidget(clear)
        self.paper_size = QComboBox()
        self.paper_size.addItem(self.tr("A4"), "A4")
        self.paper_size.addItem(self.tr("US Letter"), "Letter")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save clinic profile"))
        self.save_button.setMinimumHeight(34)
        self.save_button.clicked.connect(self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.message, 1)
        save_row.addWidget(self.save_button)

        form = QFormLayout(self)
        for label, widget in (
            (self.tr("Clinic name"), self.name),
            (self.tr("Address"), self.address),
            (self.tr("Phone"), self.phone),
            (self.tr("Out-of-hours phone"), self.out_of_hours_phone),
            (self.tr("Email"), self.email),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.logo_path.setAccessibleName(self.tr("Logo file"))
        form.addRow(self.tr("Logo"), logo_row)
        self.paper_size.setAccessibleName(self.tr("Paper size"))
        form.addRow(self.tr("Paper size"), self.paper_size)
        form.addRow(save_row)
        self.load()

    def on_operation_did_execute(self, changes: OpChanges, handler: object) -> None:
        """The profile read again when it may have changed: after its own save, or when the
        practitioner has not edited it (their edits stay, and saving them meets the other
        change side by side: ``resolve_stale``)."""
        if changes.touches("settings") and (handler is self or not self.edited()):
            self.load()

    def load(self) -> None:
        profile = clinic.get_clinic(self.db)
        self._show(profile)

    def edited(self) -> bool:
        """Whether the fields differ from the profile last shown."""
        return self.profile() != self.shown

    def _show(self, profile: ClinicProfile) -> None:
        self.shown = profile
        self.version = profile.version
        self.name.setText(profile.name)
        self.address.setPlainText(profile.address)
        self.phone.setText(profile.phone)
        self.out_of_hours_phone.setText(profile.out_of_hours_phone)
        self.email.setText(profile.email)
        self.logo_path.setText(profile.logo_path or "")
        self.paper_size.setCurrentIndex(max(0, self.paper_size.findData(profile.paper_size)))

    def profile(self) -> ClinicProfile:
        return ClinicProfile(
            name=self.name.text().strip(),
            address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(),
            out_of_hours_phone=self.out_of_hours_phone.text().strip(),
            email=self.email.text().strip(),
            logo_path=self.logo_path.text().strip() or None,
            paper_size=str(self.paper_size.currentData()),
            version=self.version,
        )

    def save(self) -> bool:
        mine = self.profile()
        try:
            try:
                self._store(mine)
            except StaleRecord as stale:
                assert isinstance(stale.current, ClinicProfile)
                kept = self.resolve_stale(mine, stale.current)
                if kept is None:
                    return False
                self._store(kept)
        except ChairsideError as exc:
            self.message.setText("⚠ " + str(exc))
            return False
        self.message.setText(self.tr("Clinic profile saved."))
        self.saved.emit()
        return True

    def _store(self, profile: ClinicProfile) -> None:
        """Saved and announced; the tab shows what was stored (``on_operation_did_execute``)."""
        self.operations.perform_here(
            lambda: clinic.save_clinic(self.db, profile, self.actor), handler=self
        )

    def resolve_stale(self, mine: ClinicProfile, theirs: ClinicProfile) -> ClinicProfile | None:
        """Both versions side by side; the kept values, or None when cancelled."""

        labels = [
            ("name", self.tr("Clinic name")),
            ("address", self.tr("Address")),
            ("phone", self.tr("Phone")),
            ("out_of_hours_phone", self.tr("Out-of-hours phone")),
            ("email", self.tr("Email")),
            ("logo_path", self.tr("Logo")),
            ("paper_size", self.tr("Paper size")),
        ]
        dialog = StaleRecordDialog(
            self.tr("Someone else changed the clinic profile"),
            labels,
            asdict(mine),
            asdict(theirs),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        merged = {k: v for k, v in dialog.merged().items() if k != "version"}
        return replace(theirs, **merged)

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the clinic logo"),
            str(Path.home()),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp)"),
        )
        if path:
            self.logo_path.setText(path)


def _yes_no(value: bool) -> str:
    if value:
        return QCoreApplication.translate("SettingsDialog", "yes")
    return QCoreApplication.translate("SettingsDialog", "no")


class SettingsDialog(QDialog):
    """Opened from the main window; ``changed`` tells it to refresh pick lists. The pages
    save and hear of changes through ``operations`` (the window's runner's; by default the
    dialog's own)."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        settings: Settings,
        actor: int | None,
        parent: QWidget | None = None,
        templates: Path | None = None,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(820, 640)
        self.db = db
        self.settings = settings
        self.actor = actor
        self.operations = ops = operations or Operations()
        self.tabs = QTabWidget()
        self.clinic_tab = ClinicProfileTab(db, actor, operations=ops)
        self.tabs.addTab(self.clinic_tab, self.tr("Clinic"))

        self.practitioners = RecordEditor(
            fields=(
                FieldSpec("name", self.tr("Name")),
                FieldSpec("credentials", self.tr("Credentials")),
                FieldSpec("active", self.tr("Active"), "bool", default=True),
            ),
            columns=(
                (self.tr("Name"), lambda r: r.name),
                (self.tr("Credentials"), lambda r: r.credentials),
                (self.tr("Active"), lambda r: _yes_no(r.active)),
                (self.tr("Can sign in"), lambda r: _yes_no(r.has_pin)),
            ),
            load=lambda: clinic.list_practitioners(db, include_inactive=True),
            save=lambda v, rid: clinic.save_practitioner(
                db, v["name"], v["credentials"], actor, rid, v["active"]
            ),
            operations=ops,
        )
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.practitioners, 1)
        pin_row = QHBoxLayout()
        pin_row.setContentsMargins(8, 0, 8, 8)
        self.pin_message = QLabel()
        self.pin_message.setWordWrap(True)
        self.pin_button = QPushButton(self.tr("Set PIN or password for the selected…"))
        self.pin_button.setMinimumHeight(34)
        self.pin_button.clicked.connect(self._set_pin)
        pin_row.addWidget(self.pin_message, 1)
        pin_row.addWidget(self.pin_button)
        people_layout.addLayout(pin_row)
        self.tabs.addTab(people, self.tr("Practitioners"))

        limits = reference.limits()
        self.devices = RecordEditor(
            fields=(
                FieldSpec("make", self.tr("Make")),
                FieldSpec("model", self.tr("Model")),
                FieldSpec("serial", self.tr("Serial number")),
                FieldSpec(
                    "profile",
                    self.tr("Based on profile"),
                    "choice",
                    choices=[(self.tr("No profile"), None)]
                    + [(p.label, p.id) for p in reference.device_profiles().values()],
                ),
                FieldSpec(
                    "min_depth_mm",
                    self.tr("Shallowest depth (mm)"),
                    "float",
                    minimum=limits.depth_min_mm,
                    maximum=limits.depth_max_mm,
                    default=limits.depth_min_mm,
                ),
                FieldSpec(
                    "max_depth_mm",
                    self.tr("Deepest depth (mm)"),
                    "float",
                    minimum=limits.depth_min_mm,
                    maximum=limits.depth_max_mm,
                    default=limits.depth_max_mm,
                ),
                FieldSpec("active", self.tr("In use"), "bool", default=True),
            ),
            columns=(
                (self.tr("Device"), lambda r: f"{r.make} {r.model}"),
                (self.tr("Serial"), lambda r: r.serial),
                (self.tr("Depth range"), lambda r: f"{r.min_depth_mm:g}–{r.max_depth_mm:g} mm"),
                (self.tr("In use"), lambda r: _yes_no(r.active)),
            ),
            load=lambda: clinic.list_devices(db, include_inactive=True),
            save=lambda v, rid: clinic.save_device(
                db,
                v["make"],
                v["model"],
                v["serial"],
                v["min_depth_mm"],
                v["max_depth_mm"],
                actor,
                rid,
                v["active"],
                v["profile"],
            ),
            operations=ops,
        )
        self.tabs.addTab(self.devices, self.tr("Devices"))

        self.cartridges = RecordEditor(
            fields=(
                FieldSpec("name", self.tr("Name")),
                FieldSpec(
                    "needle_count",
                    self.tr("Needles"),
                    "choice",
                    choices=tuple((n, n) for n in reference.needle_counts()),
                ),
                FieldSpec("lot_number", self.tr("Lot number")),
                FieldSpec(
                    "expiry_date",
                    self.tr("Expiry date"),
                    "date",
                    default=date.today() + timedelta(days=365),
                ),
                FieldSpec("active", self.tr("In stock"), "bool", default=True),
            ),
            columns=(
                (self.tr("Cartridge"), lambda r: r.name),
                (self.tr("Needles"), lambda r: r.needle_count),
                (self.tr("Lot"), lambda r: r.lot_number),
                (self.tr("Expires"), lambda r: screen_short_date(r.expiry_date)),
                (self.tr("In stock"), lambda r: _yes_no(r.active)),
            ),
            load=lambda: clinic.list_cartridges(db, include_inactive=True),
            save=lambda v, rid: clinic.save_cartridge(
                db,
                v["name"],
                v["needle_count"],
                v["lot_number"],
                v["expiry_date"],
                actor,
                rid,
                v["active"],
            ),
            shows=("stock",),
            operations=ops,
        )
        self.tabs.addTab(self.cartridges, self.tr("Cartridges"))

        kinds = (
            (self.tr("Serum"), "serum"),
            (self.tr("Glide"), "glide"),
            (self.tr("Topical anaesthetic"), "anaesthetic"),
            (self.tr("Post-care"), "post_care"),
            (self.tr("PRP (medical procedure)"), "prp"),
        )
        self.products = RecordEditor(
            fields=(
                FieldSpec("name", self.tr("Name")),
                FieldSpec("kind", self.tr("Kind"), "choice", choices=kinds),
                FieldSpec("strength", self.tr("Strength")),
                FieldSpec("active", self.tr("In use"), "bool", default=True),
            ),
            columns=(
                (self.tr("Product"), lambda r: r.name),
                (self.tr("Kind"), lambda r: dict((v, k) for k, v in kinds).get(r.kind, r.kind)),
                (self.tr("Lots"), lambda r: ", ".join(lot.lot_number for lot in r.lots)),
            ),
            load=lambda: clinic.list_products(db, include_inactive=True),
            save=lambda v, rid: clinic.save_product(
                db, v["name"], v["kind"], v["strength"], actor, rid, v["active"]
            ),
            shows=("stock",),
            operations=ops,
        )
        products_page = QWidget()
        products_layout = QVBoxLayout(products_page)
        products_layout.setContentsMargins(0, 0, 0, 0)
        products_layout.addWidget(self.products, 1)
        products_layout.addWidget(self._lot_row())
        self.tabs.addTab(products_page, self.tr("Products and lots"))

        self.template_settings = AftercareTemplateSettings(templates)
        self.tabs.addTab(self.template_settings, self.tr("Aftercare sheet"))

        self.clinical_rules = ClinicalRulesPage(db, actor, operations=ops)
        self.tabs.addTab(self.clinical_rules, self.tr("Clinical rules"))

        self.consent_settings = ConsentTemplateSettings(db, actor, operations=ops)
        self.tabs.addTab(self.consent_settings, self.tr("Consent forms"))

        self.interface_settings = InterfaceSettings(settings)
        self.tabs.addTab(self.interface_settings, self.tr("Interface"))

        # the questionnaire settings page only with the settings dialog
        from ui.settings.intake import IntakeSettings

        self.intake_settings = IntakeSettings(settings)
        self.tabs.addTab(self.intake_settings, self.tr("Questionnaire"))

        for editor in (self.practitioners, self.devices, self.cartridges, self.products):
            editor.changed.connect(self.changed)

        self.clinic_tab.saved.connect(self.changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _set_pin(self, ask: Any = None) -> None:
        """Set a practitioner's PIN: typed twice, never shown."""

        practitioner_id = self.practitioners.current_id
        if practitioner_id is None:
            self.pin_message.setText(self.tr("⚠ Select a practitioner first."))
            return
        ask = ask or (
            lambda label: QInputDialog.getText(
                self, self.tr("Set PIN"), label, QLineEdit.EchoMode.Password
            )
        )
        first, ok = ask(self.tr("New PIN (at least 4 digits) or password (at least 8 characters):"))
        if not ok:
            return
        second, ok = ask(self.tr("Type it again:"))
        if not ok:
            return
        if first != second:
            self.pin_message.setText(self.tr("⚠ The two entries differ; nothing was changed."))
            return
        db, actor = self.db, self.actor
        try:
            self.operations.perform_here(
                lambda: auth.set_pin(db, practitioner_id, first, actor), handler=self
            )
        except ChairsideError as exc:
            self.pin_message.setText("⚠ " + str(exc))
            return
        self.pin_message.setText(self.tr("PIN set. They can now sign in."))

    def _lot_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 0, 8, 8)
        self.lot_number = QLineEdit()
        self.lot_number.setPlaceholderText(self.tr("Lot number"))
        self.lot_number.setAccessibleName(self.tr("New lot number"))
        self.lot_expiry = QLineEdit()
        self.lot_expiry.setPlaceholderText(self.tr("Expiry dd/mm/yyyy"))
        self.lot_expiry.setAccessibleName(self.tr("New lot expiry date"))
        add = QPushButton(self.tr("Add lot to the selected product"))
        add.clicked.connect(self._add_lot)
        self.lot_message = QLabel()
        layout.addWidget(self.lot_number)
        layout.addWidget(self.lot_expiry)
        layout.addWidget(add)
        layout.addWidget(self.lot_message, 1)
        return row

    def _add_lot(self) -> None:
        if self.products.current_id is None:
            self.lot_message.setText(self.tr("⚠ Select a product first."))
            return
        db, product_id, lot, actor = (
            self.db, self.products.current_id, self.lot_number.text(), self.actor
        )  # fmt: skip
        try:
            expiry = parse_date_text(self.lot_expiry.text())
            self.operations.perform_here(
                lambda: clinic.add_product_lot(db, product_id, lot, expiry, actor), handler=self
            )
        except ValueError as exc:
            self.lot_message.setText("⚠ " + str(exc))
            return
        except ChairsideError as exc:
            self.lot_message.setText("⚠ " + str(exc))
            return
        self.lot_number.clear()
        self.lot_expiry.clear()
        self.lot_message.setText(self.tr("Lot added."))
        self.changed.emit()

    def extra_tab(self, widget: QWidget, title: str) -> Any:
        """Further pages (backups, aftercare template) added by the main window."""
        return self.tabs.addTab(widget, title)
