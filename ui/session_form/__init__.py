"""The session form: everything recorded at the chair, saved as it is typed, then signed.

The form composes its sections (``header``, ``treatment``, ``zones``, ``products``,
``warnings``, ``outcome``; ``amend_dialog`` for corrections) and keeps what joins them: loading
a record into the sections, reading the draft back, the live warnings and next date, signing
and amending. Autosave is the ``Autosaver`` state machine in ``autosave``: every change
restarts a short timer (setting ``autosave_seconds``); when it fires the draft is written on
the runner's database thread. The status line says "Saving…", "Saved 10:41:03", or why it
was not saved — the draft then stays on screen and is saved again with the next change.
``flush()`` saves at once (before signing, on close).

Signed sessions are shown read-only; "Amend…" records a correction beside the original.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assistant.day.followups import FollowupRule
from assistant.errors import ChairsideError, InvalidInput
from assistant.sessions import (
    DeviceLimits,
    SessionContext,
    SessionDraft,
    SessionRecord,
    SessionWarning,
    amend_session,
    compute_warnings,
    previous_session,
    save_draft,
    sign_session,
)
from assistant.settings import DEFAULTS
from assistant.storage.db import Database
from ui import icons
from ui.session_form.amend_dialog import AmendDialog, AmendmentsBox
from ui.session_form.autosave import Autosaver, SaveState
from ui.session_form.binding import FormSections
from ui.session_form.carried import CarriedSection
from ui.session_form.common import big, one_layout_pass
from ui.session_form.consent_watch import ConsentWatch
from ui.session_form.header import HeaderSection
from ui.session_form.outcome import AfterSection, NextSection, ResponseSection
from ui.session_form.products import ProductsSection
from ui.session_form.record_view import RecordDocument
from ui.session_form.scanning import connect_box_scan
from ui.session_form.signing import confirm_sign
from ui.session_form.stale import choose_between_drafts as _choose_between_drafts
from ui.session_form.treatment import TreatmentSection
from ui.session_form.warnings import WarningsSection
from ui.session_form.zone_table_model import ProductTableModel, ZoneTableModel
from ui.session_form.zones import ZonesSection
from ui.tasks import TaskRunner, show_error

__all__ = ["AmendDialog", "SessionForm"]

log = logging.getLogger(__name__)

_STATUS_ICONS = {
    SaveState.SAVED: "ok",
    SaveState.FAILED: "error",
}


def _save(
    db: Database,
    session_id: int,
    actor: int | None,
    version: Callable[[], int | None],
    draft: SessionDraft,
) -> SessionRecord:
    # ``save_draft`` is looked up here at call time, so a test may replace it. ``version`` is
    # that of the copy on screen: a draft saved elsewhere since is refused, not overwritten.
    return save_draft(db, session_id, draft, actor, version())


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
        self._settings = settings
        self._loading = True
        self._read_only = False
        self.setAccessibleName(self.tr("Session record"))
        self._followup = FollowupRule.of(settings)  # the follow-up call signing adds
        seconds = (
            settings.autosave_seconds if settings is not None else DEFAULTS["autosave_seconds"]
        )
        self.autosaver = Autosaver(
            runner,
            partial(_save, db, self._record.id, actor, lambda: self._record.version),
            self.current_draft,
            int(float(seconds) * 1000),
            self,
        )
        self.autosaver.statusChanged.connect(
            lambda text, state: self._set_status(text, _STATUS_ICONS.get(state))
        )
        self.autosaver.saved.connect(self._saved)
        self.autosaver.stale.connect(self._resolve_stale)

        self.zone_model = ZoneTableModel(self)
        self.product_model = ProductTableModel(self)
        self.header = HeaderSection(context)
        self.treatment = TreatmentSection(context)
        self.zones = ZonesSection(self.zone_model)
        self.warnings = WarningsSection()
        self.next_section = NextSection()
        self.products = ProductsSection(context, self.product_model)
        self.response = ResponseSection()
        self.after = AfterSection()
        self.amendments_box = AmendmentsBox()
        self.carried = CarriedSection(context)
        for changed in (
            self.header.changed,
            self.treatment.changed,
            self.zones.changed,
            self.products.changed,
            self.response.changed,
            self.after.changed,
        ):
            changed.connect(self._changed)
        self.treatment.deviceChanged.connect(self._device_changed)
        connect_box_scan(self, db, runner, settings)
        self.next_section.dateEdited.connect(self._changed)
        self.next_section.useRecommended.connect(self._changed)
        self.sections = FormSections(
            self.header, self.treatment, self.zones, self.next_section, self.products,
            self.response, self.after,
        )  # fmt: skip

        outer = QVBoxLayout(self)
        outer.addWidget(self.header)
        self.signed_banner = QLabel()
        self.signed_banner.setProperty("role", "banner")
        self.signed_banner.setWordWrap(True)
        self.signed_banner.setAccessibleName(self.tr("Record state"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self.tr("The session's details"))
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it scrolls to the focused control
        body = QWidget()
        columns = QHBoxLayout(body)
        left = QVBoxLayout()
        left.addWidget(self.treatment)
        left.addWidget(self.zones)
        left.addStretch(1)
        right = QVBoxLayout()
        right_sections: tuple[QWidget, ...] = (
            self.zones.map,
            self.carried,
            self.warnings,
            self.next_section,
            self.products,
            self.response,
            self.after,
            self.amendments_box,
        )
        for widget in right_sections:
            right.addWidget(widget)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.body_scroll = scroll
        self.document = RecordDocument()  # a signed record reads as a document
        # The banner above the document, shown together: one layout pass when signed.
        self.record_page = QWidget()
        page = QVBoxLayout(self.record_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.signed_banner)
        page.addWidget(self.document, 1)
        self.record_page.setVisible(False)
        outer.addWidget(self.record_page, 1)
        outer.addWidget(self._build_actions())

        chain: list[QWidget] = [
            *self.header.tab_order,
            *self.treatment.tab_order,
            *self.zones.tab_order,
            *self.next_section.tab_order,
            *self.products.tab_order,
            *self.response.tab_order,
            *self.after.tab_order,
        ]
        chain += [self.save_button, self.sign_button]
        self._tab_chain = chain
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._load(self._record)
        self._loading = False
        self.consent_watch = ConsentWatch(self, db, runner, context.patient.id)
        self._refresh_live()
        self._show_saved_status()

    def tab_chain(self) -> list[QWidget]:
        """The form's controls in their tab order (a host links them to its own)."""
        return list(self._tab_chain)

    def select_zone(self, row: int) -> None:
        self.zones.select_zone(row)

    def _build_actions(self) -> QWidget:
        """Save, sign, amend and why they failed: one row (a visit shows it in its own)."""
        self.actions_bar = QWidget()
        actions = QHBoxLayout(self.actions_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        self.action_error = QLabel()
        self.action_error.setProperty("role", "error")
        self.action_error.setWordWrap(True)
        self.action_error.setAccessibleName(self.tr("Problem"))
        actions.addWidget(self.action_error, 1)
        self.save_button = QPushButton(self.tr("Save now"))
        big(self.save_button, self.tr("Save now"))
        self.save_button.setToolTip(self.tr("Saved automatically as you type (Ctrl+S)"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.flush)
        self.sign_button = QPushButton(self.tr("Sign the record…"))
        big(self.sign_button, self.tr("Sign the record"))
        self.sign_button.setToolTip(self.tr("Sign; the record becomes read-only (Ctrl+Shift+S)"))
        self.sign_button.setProperty("role", "primary")  # the step's one main action
        self.sign_button.setIcon(icons.icon("sign", "on-accent"))
        self.sign_button.clicked.connect(self.sign)
        self._sign_shortcut = QShortcut(QKeySequence(self.tr("Ctrl+Shift+S")), self)
        self._sign_shortcut.activated.connect(self.sign)
        self.amend_button = QPushButton(self.tr("Amend…"))
        big(self.amend_button, self.tr("Amend the signed record"))
        self.amend_button.clicked.connect(self.amend)
        self.amend_button.setVisible(False)
        actions.addWidget(self.save_button)
        actions.addWidget(self.amend_button)
        actions.addWidget(self.sign_button)
        return self.actions_bar

    # --- loading and reading back --------------------------------------------------------------

    def _load(self, record: SessionRecord) -> None:
        self.sections.fill(record.draft, self._context)
        self._set_read_only(record.is_signed)
        self._show_record_state(record)

    def _limits(self) -> DeviceLimits:
        return self.treatment.limits()

    def _treated_at(self) -> datetime:
        return self.header.treated_at()

    def current_draft(self) -> SessionDraft:
        """The draft exactly as the form shows it (an expired cartridge left out)."""
        return self.sections.read(self._record.draft)

    # --- live feedback ---------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading or self._read_only:
            return
        self._refresh_live()
        self.autosaver.mark_changed()

    def _device_changed(self) -> None:
        self.zones.set_limits(
            self._limits(), self._context.patient.fitzpatrick, self._context.treatment
        )
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
                self._context.patient.date_of_birth,
            ), ""
        except InvalidInput as exc:
            return [], str(exc)

    def _refresh_live(self) -> None:
        if not self._read_only:
            self.carried.show_draft(self.current_draft())
        warnings, refused = self.current_warnings()
        self.warnings.show_warnings(warnings, refused)
        self.treatment.show_cartridge_problem(self._treated_at())
        self.sections.show_next_date(self._context)
        self.header.show_course_word()

    def warning_texts(self) -> list[str]:
        """The lines of the warnings panel as shown (for tests and screen readers)."""
        return list(self.warnings.texts)

    # --- saving ---------------------------------------------------------------------------------

    @property
    def session_id(self) -> int:
        return self._record.id

    @property
    def record(self) -> SessionRecord:
        return self._record

    def is_dirty(self) -> bool:
        return self.autosaver.dirty

    def is_read_only(self) -> bool:
        return self._read_only

    def status_text(self) -> str:
        return self.header.status_label.text()

    def _set_status(self, text: str, pixmap: str | None) -> None:
        self.header.set_status(text, pixmap)
        self.statusChanged.emit(text)

    def _show_saved_status(self) -> None:
        if self._record.is_signed:
            self._set_status(self.tr("Signed"), "ok")
        elif self._record.updated_at is not None:
            self._set_status(
                self.tr("Draft saved {time}").format(
                    time=self._local_time(self._record.updated_at)
                ),
                "ok",
            )

    @staticmethod
    def _local_time(utc: datetime) -> str:
        return utc.replace(tzinfo=UTC).astimezone().strftime("%H:%M:%S")

    def _saved(self, record: SessionRecord) -> None:
        self._record = replace(self._record, draft=record.draft, warnings=record.warnings,
                               updated_at=record.updated_at, version=record.version)  # fmt: skip
        self.saved.emit(self._record)

    def _resolve_stale(self, saved: SessionRecord) -> None:
        """Saved elsewhere since it was opened: what the user keeps is saved over it."""
        kept = self.choose_between_drafts(self.current_draft(), saved.draft)
        if kept is None:
            kept = saved.draft  # cancelled: the saved version stays, nothing is overwritten
        self._record = replace(self._record, draft=kept, version=saved.version)
        self._load(self._record)
        if kept != saved.draft:
            self.autosaver.mark_changed()

    # Both versions side by side, to keep one or merge (tests replace this method).
    choose_between_drafts = _choose_between_drafts

    def flush(self) -> bool:
        """Save now if anything is unsaved (before signing, when the screen closes).
        Returns False when the save failed (the draft stays on screen)."""
        return self.autosaver.flush()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self.autosaver.dirty:
            self.flush()
        super().hideEvent(event)

    # --- signing and amending -------------------------------------------------------------------

    def _confirm_sign(self, draft: SessionDraft) -> bool:
        return confirm_sign(self, draft, len(self.current_warnings()[0]))

    def sign(self) -> None:
        if self._read_only:
            return
        self.action_error.clear()
        if refusal := self.consent_watch.refusal():  # no consent on record covers it
            self.action_error.setText(refusal)
            return
        if not self.flush():
            self.action_error.setText(
                "\N{WARNING SIGN} " + self.tr("Save the record before signing.")
            )
            return
        if not self._confirm_sign(self.current_draft()):
            return
        self._runner.run(
            partial(sign_session, self._db, self._record.id, self._actor, self._followup),
            self._signed,
            self._sign_failed,
            parent=self,
        )

    def _signed(self, record: SessionRecord) -> None:
        self._record = record
        # The form, its buttons and what the visit shows on signing (``signed``): laid out
        # once, not once per widget shown.
        with one_layout_pass(self):
            self._set_read_only(True)
            self._show_record_state(record)
            self._set_status(self.tr("Signed"), "ok")
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
        self.autosaver.enabled = not read_only
        self.sections.set_read_only(read_only)
        self.sign_button.setVisible(not read_only)
        self.save_button.setVisible(not read_only)
        self.amend_button.setVisible(read_only)

    def _show_record_state(self, record: SessionRecord) -> None:
        # What leaves the screen goes first and what comes shows last, filled: each widget
        # shown lays out the window again.
        signed = record.is_signed
        if not signed:
            self.record_page.setVisible(False)
            self.amendments_box.setVisible(False)
            self.header.setVisible(True)
            self.body_scroll.setVisible(True)
            return
        self.body_scroll.setVisible(False)
        self.header.setVisible(False)
        self.zone_model.set_amended(self.amendments_box.show_record(record))
        # The document names who signed and when; the banner says what signing means.
        self.signed_banner.setText(
            self.tr("Read-only: corrections are recorded as amendments, beside the original.")
        )
        self.document.show_record(record, self._context)
        self.record_page.setVisible(True)
