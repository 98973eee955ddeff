"""A draft saved elsewhere while it was open here: both versions side by side, to keep one or
merge them field by field (``ui.session_form.stale_dialog``)."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from assistant.sessions import SessionDraft
from assistant.text.labels import data_label
from ui.session_form.stale_dialog import StaleRecordDialog


def choose_between_drafts(
    parent: QWidget, mine: SessionDraft, theirs: SessionDraft
) -> SessionDraft | None:
    """The draft the user keeps, or None when they cancel (the saved one then stays)."""
    labels = [(f.name, data_label("session_fields", f.name)) for f in fields(SessionDraft)]
    dialog = StaleRecordDialog(
        QCoreApplication.translate("SessionForm", "Someone else saved this draft"),
        labels,
        {f.name: getattr(mine, f.name) for f in fields(SessionDraft)},
        {f.name: getattr(theirs, f.name) for f in fields(SessionDraft)},
        parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return replace(theirs, **dialog.merged())
