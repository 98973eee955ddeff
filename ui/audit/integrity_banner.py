"""A red banner across the top of the window when the audit chain is broken: an icon, the
words and where the break is, and a button to the audit trail. It has no close button: it goes
only when a check finds the chain intact again (after a restore, say)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from assistant.audit.chain import Verification
from ui.banner import Banner


class IntegrityBanner(Banner):
    auditRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Records integrity alert"),
            "error",
            self.tr("Alert"),
            self.tr("Show in the &audit trail"),
            icon_size=28,
            parent=parent,
        )
        self.setObjectName("integrityBanner")
        # Red (resources/style.qss), but never red alone: the stop icon and the words say it.
        self.button.clicked.connect(self.auditRequested)

    def update_from(self, result: Verification) -> None:
        if result.intact:
            self.hide()
            return
        self.text.setText(
            self.tr(
                "<b>The records may have been changed outside Chairside.</b> The audit chain "
                "does not match: {0} Keep this computer as it is and restore a backup you trust "
                "only after checking it (python main.py audit --verify --against BACKUP)."
            ).format(result.problem)
        )
        self.show()
