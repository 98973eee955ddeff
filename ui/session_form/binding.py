"""Between a session record and the form's controls: filling them from a record, reading
the draft back as the form shows it, and locking them once the record is signed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, QTime

from assistant.errors import InvalidInput
from assistant.sessions import (
    SessionDraft,
    SessionRecord,
    check_cartridge_expiry,
    recommended_interval_weeks,
    recommended_next_date,
)
from assistant.text.screen_dates import screen_long_date, screen_mm
from ui.session_form.common import qdate, select_data

if TYPE_CHECKING:
    from ui.session_form import SessionForm

# lupdate reads translate("SessionForm", "…") calls: the form's own context, not "form"
translate = QCoreApplication.translate


def fill_form(form: SessionForm, record: SessionRecord) -> None:
    """Show ``record`` in the form's sections (without marking anything changed)."""
    draft = record.draft
    form.treatment.loading = True
    form.treated_edit.setDateTime(
        QDateTime(
            qdate(draft.treated_at.date()),
            QTime(draft.treated_at.hour, draft.treated_at.minute),
        )
    )
    form.course_number_spin.setValue(draft.course_number or 0)
    form.course_total_spin.setValue(draft.course_total or 0)
    select_data(form.practitioner_box, draft.practitioner_id)
    select_data(form.device_box, draft.device_id)
    select_data(form.cartridge_box, draft.cartridge_id)
    form.anaesthetic_box.setEditText(draft.anaesthetic_product)
    form.strength_edit.setText(draft.anaesthetic_strength)
    form.minutes_spin.setValue(
        draft.anaesthetic_minutes if draft.anaesthetic_minutes is not None else -1
    )
    form.treatment.consent_on_file = draft.consent_on_file  # until the records are read
    form.treatment.consent_date = draft.consent_date
    form.photos_check.setChecked(draft.photos_taken)
    form.tolerance_spin.setValue(draft.tolerance if draft.tolerance is not None else -1)
    form.reactions_edit.setPlainText(draft.reactions)
    form.adverse_edit.setPlainText(draft.adverse_events)
    form.post_care_edit.setPlainText(draft.post_care)
    form.notes_edit.setPlainText(draft.notes)
    form.ended_check.setChecked(draft.ended_at is not None)
    form.ended_edit.setEnabled(draft.ended_at is not None)
    ended = draft.ended_at or datetime.now()
    form.ended_edit.setTime(QTime(ended.hour, ended.minute))
    form.zone_model.set_context(
        form._limits(), form._context.patient.fitzpatrick, form._context.treatment
    )
    form.zone_model.set_entries(draft.zones)
    form.product_model.set_entries(draft.products)
    form._set_next_minimum()
    if draft.next_session_date is not None:
        form.next_date_edit.setDate(qdate(draft.next_session_date))
        deepest = draft.deepest_depth
        form._next_follows = deepest is not None and draft.next_session_date == (
            recommended_next_date(draft.treated_at, deepest, form._context.treatment)
        )
    else:
        form.next_date_edit.setDate(form.next_date_edit.minimumDate())
        form._next_follows = True
    if draft.zones:
        form.zone_table.selectRow(0)
    form.zones.zone_selected(form.zone_model.index(0, 0) if draft.zones else QModelIndex())
    form.treatment.loading = False


def read_draft(form: SessionForm) -> SessionDraft:
    """The draft exactly as the form shows it (an expired cartridge left out)."""
    treated_at = form._treated_at()
    cartridge_id, needles, lot, expiry = form.treatment.cartridge(form._record.draft)
    candidate = SessionDraft(treated_at=treated_at, cartridge_lot=lot, cartridge_expiry=expiry)
    try:
        check_cartridge_expiry(candidate)
    except InvalidInput:
        cartridge_id, needles, lot, expiry = None, "", "", None
    zones = form.zone_model.entries()
    deepest = max((z.depth_mm for z in zones), default=None)
    minutes = form.minutes_spin.value()
    tolerance = form.tolerance_spin.value()
    ended = None
    if form.ended_check.isChecked():
        clock = form.ended_edit.time()
        ended = datetime.combine(treated_at.date(), time(clock.hour(), clock.minute()))
    return replace(
        form._record.draft,
        treated_at=treated_at,
        ended_at=ended,
        practitioner_id=form.practitioner_box.currentData(),
        device_id=form.device_box.currentData(),
        cartridge_id=cartridge_id,
        cartridge_needles=needles,
        cartridge_lot=lot,
        cartridge_expiry=expiry,
        anaesthetic_product=form.anaesthetic_box.currentText().strip(),
        anaesthetic_strength=form.strength_edit.text().strip(),
        anaesthetic_minutes=minutes if minutes >= 0 else None,
        consent_on_file=form.treatment.consent_on_file,
        consent_date=form.treatment.consent_date,
        photos_taken=form.photos_check.isChecked(),
        tolerance=tolerance if tolerance >= 0 else None,
        reactions=form.reactions_edit.toPlainText(),
        adverse_events=form.adverse_edit.toPlainText(),
        post_care=form.post_care_edit.toPlainText(),
        notes=form.notes_edit.toPlainText(),
        zones=zones,
        products=form.product_model.entries(),
        next_session_date=form._next_date(),
        interval_weeks=recommended_interval_weeks(deepest, form._context.treatment)
        if deepest is not None
        else None,
        course_number=form.course_number_spin.value() or None,
        course_total=form.course_total_spin.value() or None,
    )


def set_read_only(form: SessionForm, read_only: bool) -> None:
    """Lock or unlock every control (a signed record is read-only)."""
    form.zones.set_read_only(read_only)
    form.products.set_read_only(read_only)
    for edit in (form.strength_edit,):
        edit.setReadOnly(read_only)
    for text_edit in (
        form.reactions_edit,
        form.adverse_edit,
        form.post_care_edit,
        form.notes_edit,
    ):
        text_edit.setReadOnly(read_only)
    for widget in (
        form.treated_edit, form.course_number_spin, form.course_total_spin,
        form.practitioner_box, form.device_box, form.cartridge_box, form.anaesthetic_box,
        form.treatment.scan_field,
        form.minutes_spin, form.photos_check,
        form.tolerance_spin, form.ended_check, form.ended_edit, form.next_date_edit,
        form.use_recommended_button,
    ):  # fmt: skip
        widget.setEnabled(not read_only)
    form.sign_button.setVisible(not read_only)
    form.save_button.setVisible(not read_only)
    form.amend_button.setVisible(read_only)


def refresh_next_date(form: SessionForm) -> None:
    """Show the recommended next date; the date field follows it until edited by hand."""
    form._set_next_minimum()
    zones = form.zone_model.entries()
    deepest = max((z.depth_mm for z in zones), default=None)
    if deepest is None:
        form.next_section.recommended_label.setText(
            translate("SessionForm", "Add a zone to see the recommended date.")
        )
        form.use_recommended_button.setEnabled(False)
        return
    recommended = recommended_next_date(form._treated_at(), deepest, form._context.treatment)
    weeks = recommended_interval_weeks(deepest, form._context.treatment)
    form.next_section.recommended_label.setText(
        translate(
            "SessionForm", "Recommended: {date} ({weeks} weeks after a session at {depth} mm)"
        ).format(
            date=screen_long_date(recommended),
            weeks=weeks,
            depth=screen_mm(deepest),
        )
    )
    form.use_recommended_button.setEnabled(not form._read_only)
    if form._next_follows and form._next_date() != recommended and not form._read_only:
        form._setting_next = True
        form.next_date_edit.setDate(qdate(recommended))
        form._setting_next = False
