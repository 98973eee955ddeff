"""The save dialog of every export a user asks for says that the file is not encrypted: the
database, its backups and the photos are, but a PDF, JSON or CSV export is meant to be read
elsewhere, so it is written as it is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def plain_export_caption(title: str) -> str:
    """``title`` for a save dialog, with the notice that the file will not be encrypted."""
    notice = QCoreApplication.translate(
        "PlainExport", "not encrypted: keep the file where only the clinic can read it"
    )
    return f"{title} ({notice})"
