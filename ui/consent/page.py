"""The consent step of a visit: the patient reads the filled-in consent in large text, signs in
the pad (a parent or guardian too for a patient under 18), chooses what photos may be used for,
and the practitioner countersigns with their PIN. ``issued`` carries the new consent's id.

The text is shown in the language chosen on the step, the patient's own language at first; the
patient reads and signs that text, and the consent is issued in it. A translation no fluent
clinician has reviewed yet is pointed out to the practitioner here, never on the PDF.

Self-contained: the visit shows it when no consent covers the planned areas, or when the
practitioner asks for a new one."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.clinic import store as clinic
from assistant.clinic.store import DeviceInfo, PractitionerInfo
from assistant.consent import (
    ConsentPreview,
    ConsentRecord,
    ConsentRequest,
    GuardianSignature,
    PhotoChoices,
    issue_consent,
    preview_consent,
)
from assistant.errors import ChairsideError
from assistant.storage.db import Database
from assistant.text.languages import LANGUAGES
from ui import icons, look
from ui.consent.signature_pad import SignatureField
from ui.tasks import TaskRunner
from ui.translations import language_name

log = logging.getLogger(__name__)

TARGET_HEIGHT = 44


class ConsentPage(QWidget):
    issued = Signal(int)  # consent id
    cancelled = Signal()

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        patient_id: int,
        practitioner_id: int | None,
        areas: Sequence[str],
        reasons: Sequence[str] = (),
        device_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._patient_id = patient_id
        self._areas = tuple(areas)
        self._preview: ConsentPreview | None = None
        self._language: str | None = None  # None until the patient's language is known
        self.setAccessibleName(self.tr("Consent"))

        self.reason_label = icons.IconLabel("warning")
        self.reason_label.setWordWrap(True)
        self.reason_label.setProperty("role", "banner")
        self.reason_label.setAccessibleName(self.tr("Why a consent is needed"))
        if reasons:
            self.reason_label.setText(
                self.tr("A new consent is needed: ") + " ".join(reasons)
            )
        self.reason_label.setVisible(bool(reasons))

        self.device_box = QComboBox()
        self.device_box.setAccessibleName(self.tr("Device named in the consent"))
        self.practitioner_box = QComboBox()
        self.practitioner_box.setAccessibleName(self.tr("Practitioner who countersigns"))
        self.language_box = QComboBox()
        self.language_box.setAccessibleName(self.tr("Language the patient reads and signs"))
        for code, language in LANGUAGES.items():
            self.language_box.addItem(f"{language.native} — {language_name(language.name)}", code)
        # The practitioner's choices: three compact fields on one row above the text.
        choices = QGridLayout()
        choices.setHorizontalSpacing(8)
        choices.setVerticalSpacing(4)
        for column, (label, box) in enumerate(
            (
                (self.tr("Device"), self.device_box),
                (self.tr("Practitioner"), self.practitioner_box),
                (self.tr("Language"), self.language_box),
            )
        ):
            caption = QLabel(label)
            caption.setProperty("role", "caption")
            caption.setBuddy(box)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(8)
            choices.addWidget(caption, 0, column)
            choices.addWidget(box, 1, column)
            choices.setColumnStretch(column, 1)

        self.review_label = icons.IconLabel(
            "warning",
            self.tr(
                "This translation has not been reviewed by a fluent clinician yet. Check the "
                "text with the patient, or choose another language."
            ),
        )
        self.review_label.setWordWrap(True)
        self.review_label.setProperty("role", "banner")
        self.review_label.setAccessibleName(self.tr("Translation not reviewed"))
        self.review_label.setVisible(False)

        self.text_view = QTextBrowser()
        self.text_view.setOpenLinks(False)
        self.text_view.setAccessibleName(self.tr("Consent text"))
        self.text_view.setFont(look.font(look.BODY))
        self.text_view.setMinimumHeight(200)
        self.text_view.document().setDocumentMargin(12)

        self.photo_box = QGroupBox(self.tr("Photographs: the patient's own choices"))
        photo_layout = QVBoxLayout(self.photo_box)
        self.photo_checks: dict[str, QCheckBox] = {}
        for key in ("own_record", "training", "marketing"):
            check = QCheckBox()
            check.setMinimumHeight(TARGET_HEIGHT - 8)
            check.setChecked(key == "own_record")
            photo_layout.addWidget(check)
            self.photo_checks[key] = check

        self.patient_signature = SignatureField(self.tr("Patient's signature"))

        self.guardian_box = QGroupBox(self.tr("Parent or guardian (the patient is under 18)"))
        self.guardian_name = QLineEdit()
        self.guardian_name.setAccessibleName(self.tr("Guardian's name"))
        self.guardian_relation = QLineEdit()
        self.guardian_relation.setPlaceholderText(self.tr("mother, father, legal guardian…"))
        self.guardian_relation.setAccessibleName(self.tr("Guardian's relation to the patient"))
        self.guardian_signature = SignatureField(self.tr("Guardian's signature"))
        guardian_form = QFormLayout(self.guardian_box)
        guardian_form.addRow(self.tr("Name"), self.guardian_name)
        guardian_form.addRow(self.tr("Relation"), self.guardian_relation)
        guardian_form.addRow(self.guardian_signature)
        self.guardian_box.setVisible(False)

        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMinimumHeight(TARGET_HEIGHT)
        self.pin_edit.setAccessibleName(self.tr("Practitioner's PIN to countersign"))
        self.pin_edit.returnPressed.connect(self.issue)
        countersign = QFormLayout()
        countersign.addRow(self.tr("Countersign with your PIN"), self.pin_edit)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setProperty("role", "error")
        self.message_label.setAccessibleName(self.tr("Problem"))
        self.issue_button = QPushButton(self.tr("Issue the signed consent"))
        self.issue_button.setMinimumHeight(TARGET_HEIGHT)
        self.issue_button.setDefault(True)
        self.issue_button.setProperty("role", "primary")  # the step's one main action
        self.issue_button.setIcon(icons.icon("sign", "on-accent"))
        self.issue_button.clicked.connect(self.issue)
        self.cancel_button = QPushButton(self.tr("Back"))
        self.cancel_button.setMinimumHeight(TARGET_HEIGHT)
        self.cancel_button.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.issue_button)

        # Two columns, each scrolling on its own, never one inside the other: the text to
        # read at body size on the left, what the patient ticks and signs on the right, so
        # the signature pad is in view beside the text.
        reading = QVBoxLayout()
        reading.addWidget(self.reason_label)
        reading.addLayout(choices)
        reading.addWidget(self.review_label)
        reading.addWidget(self.text_view, 1)
        body = QWidget()
        signing = QVBoxLayout(body)
        signing.setContentsMargins(0, 0, 0, 0)
        signing.addWidget(self.patient_signature)
        signing.addWidget(self.photo_box)
        signing.addWidget(self.guardian_box)
        signing.addLayout(countersign)
        signing.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("The consent to read and sign"))
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(reading, 1)
        columns.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

        self._fill_choices(clinic.list_devices(db), clinic.list_practitioners(db), practitioner_id,
                           device_id)  # fmt: skip
        self.device_box.currentIndexChanged.connect(self.refresh)
        self.practitioner_box.currentIndexChanged.connect(self.refresh)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.refresh()

    def _fill_choices(
        self,
        devices: list[DeviceInfo],
        practitioners: list[PractitionerInfo],
        practitioner_id: int | None,
        device_id: int | None,
    ) -> None:
        for device in devices:
            worded = f"{device.make} {device.model}"
            if device.serial:
                worded = self.tr("{device} (serial {serial})").format(
                    device=worded, serial=device.serial
                )
            self.device_box.addItem(worded, device.id)
        for person in practitioners:
            self.practitioner_box.addItem(person.name, person.id)
        for box, wanted in ((self.device_box, device_id), (self.practitioner_box, practitioner_id)):
            index = box.findData(wanted) if wanted is not None else -1
            box.setCurrentIndex(max(index, 0))

    # --- the text -------------------------------------------------------------------------

    def _chosen(self, box: QComboBox) -> int | None:
        value = box.currentData()
        return int(value) if value is not None else None

    def language(self) -> str | None:
        """The code of the language shown (None before the first text arrives: the
        patient's)."""
        return self._language

    def _language_chosen(self) -> None:
        self._language = str(self.language_box.currentData())
        self.refresh()

    def refresh(self) -> None:
        """Fill the consent in again (device, practitioner or language changed)."""
        practitioner = self._chosen(self.practitioner_box)
        if practitioner is None:
            self._show_problem(self.tr("Add a practitioner in Settings first."))
            return
        device = self._chosen(self.device_box)
        language = self._language
        self._runner.run(
            lambda: preview_consent(
                self._db, self._patient_id, self._areas, device, practitioner, language=language
            ),
            self._show_preview,
            self._failed,
            parent=self,
        )

    def _show_preview(self, preview: ConsentPreview) -> None:
        self._preview = preview
        self._language = preview.language
        if self.language_box.currentData() != preview.language:
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(max(0, self.language_box.findData(preview.language)))
            self.language_box.blockSignals(False)
        self.review_label.setVisible(not preview.reviewed)
        self.message_label.clear()
        rtl = LANGUAGES[preview.language].rtl
        self.text_view.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        # each paragraph takes its direction from its text; the view's scroll bar and the
        # alignment of mixed lines follow the language
        self.text_view.setMarkdown(_as_markdown(preview))
        for key, check in self.photo_checks.items():
            check.setText(preview.photo_questions.get(key, key))
            check.setAccessibleName(check.text())
        self.guardian_box.setVisible(preview.needs_guardian)

    # --- issuing --------------------------------------------------------------------------

    def request(self) -> ConsentRequest:
        guardian = None
        if self.guardian_box.isVisibleTo(self):
            guardian = GuardianSignature(
                self.guardian_name.text(),
                self.guardian_relation.text(),
                self.guardian_signature.strokes(),
            )
        return ConsentRequest(
            patient_id=self._patient_id,
            practitioner_id=self._chosen(self.practitioner_box) or 0,
            areas=self._areas,
            device_id=self._chosen(self.device_box),
            patient_strokes=self.patient_signature.strokes(),
            guardian=guardian,
            photo=PhotoChoices(**{k: c.isChecked() for k, c in self.photo_checks.items()}),
            # the language of the text the patient read (theirs until one is chosen)
            language=self._preview.language if self._preview is not None else self._language,
        )

    def issue(self) -> None:
        request = self.request()
        pin = self.pin_edit.text()
        self.message_label.clear()
        self.issue_button.setEnabled(False)
        self._runner.run(
            lambda: issue_consent(self._db, request, pin), self._issued, self._failed, parent=self
        )

    def _issued(self, record: ConsentRecord) -> None:
        self.pin_edit.clear()
        self.issue_button.setEnabled(True)
        self._set_role("")
        self.message_label.setText(
            self.tr("Consent {id} issued (fingerprint {fp}).").format(
                id=record.id, fp=record.short_fingerprint
            )
        )
        self.issued.emit(record.id)

    def _failed(self, error: BaseException) -> None:
        self.issue_button.setEnabled(True)
        self.pin_edit.clear()
        if not isinstance(error, ChairsideError):
            log.exception("consent step failed", exc_info=error)
        self._show_problem(str(error))

    def _show_problem(self, text: str) -> None:
        self._set_role("error")
        self.message_label.setText("\N{WARNING SIGN} " + text)

    def _set_role(self, role: str) -> None:
        self.message_label.setProperty("role", role)
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)

    def message(self) -> str:
        return self.message_label.text()


def _as_markdown(preview: ConsentPreview) -> str:
    def block(text: str) -> str:
        return "\n\n".join(
            part.replace("\n- ", "\n\n- ") if "\n- " in part else part
            for part in text.split("\n\n")
        )

    def escaped(text: str) -> str:
        return "".join("\\" + ch if ch in "\\`*_[]#<>" else ch for ch in text)

    return (
        f"## {escaped(preview.title)}\n\n{block(escaped(preview.text))}\n\n"
        f"### {escaped(preview.photo_title)}\n\n{block(escaped(preview.photo_text))}\n"
    )
