"""Chairside's look: the fonts it ships, its type scale, its style sheet (docs/design.md).

The interface is drawn in the shipped DejaVu Sans (with the shipped fallbacks for Chinese
and Arabic), sized in pixels and laid out by the Fusion style, so a screen measures the same
on every machine whatever fonts and theme the system has; colours come from the system
palette (light or dark) through ``resources/style.qss``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget

from assistant.resources import resource_path

FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DroidSansFallbackFull.ttf",
    "NotoSansWithArabic-Regular.ttf",
    "NotoSansWithArabic-Bold.ttf",
)
FAMILIES = ["DejaVu Sans", "Droid Sans Fallback", "Chairside Noto Sans Arabic"]

# The type scale, in pixels (the style sheet uses the same numbers).
BODY = 13  # what the practitioner reads and types; the consent's reading text too
SMALL = 12  # captions, table headings, hints
TITLE = 15  # a section's heading, the verdict
HEADING = 18  # a page's heading: the patient's name on their page
DISPLAY = 22  # once per screen at most

_registered = False


def register_fonts() -> None:
    """Add the shipped fonts to the application's font database (once)."""
    global _registered
    if _registered:
        return
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if path.exists():
            QFontDatabase.addApplicationFont(str(path))
    _registered = True


def font(size: int = BODY, bold: bool = False, base: QFont | None = None) -> QFont:
    """The interface's font at a size of the scale."""
    chosen = QFont(base) if base is not None else QFont()
    chosen.setFamilies(FAMILIES)
    chosen.setPixelSize(size)
    chosen.setBold(bold)
    return chosen


def style_sheet() -> str:
    return resource_path("style.qss").read_text(encoding="utf-8")


def apply_look(app: QApplication) -> Callable[[], None]:
    """Give the application Chairside's fonts, style and style sheet; the returned function
    puts back what it had (the screenshot tool runs inside other applications)."""
    register_fonts()
    earlier = (app.font(), app.style().name(), app.styleSheet())
    app.setStyle("Fusion")
    app.setFont(font())
    app.setStyleSheet(style_sheet())

    def restore() -> None:
        app.setStyleSheet(earlier[2])
        app.setStyle(earlier[1])
        app.setFont(earlier[0])

    return restore


def set_role(widget: QWidget, role: str) -> None:
    """Style a widget by its role in the style sheet ("primary", "heading", "caption"…)."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def centre_labels(form: QFormLayout) -> None:
    """Each label of the form in the middle of its field's height, level with the text
    inside the field (a form's labels sit at the top of their row otherwise)."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        text = label.widget() if label is not None else None
        if field is None or not isinstance(text, QLabel):
            continue
        widget = field.widget()
        if widget is not None:  # asked of the widget: a hidden one's layout item measures 0
            widget.ensurePolished()  # its height from the style sheet
            height = max(widget.sizeHint().height(), widget.minimumHeight())
        else:
            height = max(field.sizeHint().height(), field.minimumSize().height())
        if height > text.sizeHint().height():
            text.setMinimumHeight(height)
            text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
