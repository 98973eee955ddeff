"""Asking before a record is signed: what will be signed, in a few words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from assistant.sessions import SessionDraft
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_mm

# lupdate reads the strings of translate("SessionForm", "…") calls (not of a wrapper)
translate = QCoreApplication.translate


def confirm_sign(parent: QWidget, draft: SessionDraft, warnings: int) -> bool:
    zones = ", ".join(
        f"{data_label('zones', z.zone)} {screen_mm(z.depth_mm)} mm × {z.passes}"
        for z in draft.zones
    )
    text = translate(
        "SessionForm",
        "Sign this record? It becomes read-only; later changes are recorded as amendments."
        "\n\nZones: {zones}\nWarnings shown: {count}",
    ).format(zones=zones or "—", count=warnings)
    answer = QMessageBox.question(
        parent,
        translate("SessionForm", "Sign the session record"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
