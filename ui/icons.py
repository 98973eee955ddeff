"""Chairside's icons: the Lucide SVGs shipped in ``resources/icons/lucide`` (ISC licence, the
source and version beside them), coloured by role and drawn at the screen's pixel ratio, so
they stay sharp at 200 % scaling.

Every icon on a screen comes from here (``icon``, ``pixmap``, ``icon_label``): the verdict
states, warnings, the steps of a visit and the primary actions. An icon always sits beside
words that say the same; its colour is never the message alone (docs/design.md)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QIcon,
    QIconEngine,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# What the interface draws, by meaning, and the Lucide icon that draws it.
NAMES = {
    "suitable": "circle-check",
    "caution": "info",
    "defer": "clock",
    "unsuitable": "circle-x",
    "unknown": "circle-help",
    "warning": "triangle-alert",
    "error": "circle-x",
    "ok": "circle-check",
    "info": "info",
    "done": "check",
    "current": "circle-dot",
    "todo": "circle",
    "sign": "pen-line",
    "save": "save",
    "print": "printer",
    "back": "arrow-left",
    "next": "arrow-right",
    "document": "file-text",
}

# The colour roles of the style sheet (resources/style.qss); "text" follows the palette.
COLOURS = {
    "good": "#1e7b34",
    "caution": "#9a6700",
    "danger": "#b3261e",
    "accent": "#0b6e75",
    "info": "#1a6fb0",
    "on-accent": "#ffffff",
}
# The colour each meaning takes unless told otherwise.
_DEFAULT_ROLE = {
    "suitable": "good",
    "ok": "good",
    "caution": "caution",
    "defer": "caution",
    "warning": "caution",
    "unsuitable": "danger",
    "error": "danger",
    "info": "info",
}

SIZE = 20  # beside a line of body text
SMALL = 16  # inside a step of the step bar
LARGE = 32  # the verdict


@cache
def _svg(file: str) -> bytes:
    ref = resources.files("resources").joinpath("icons", "lucide", f"{file}.svg")
    return ref.read_bytes()


def _colour(role: str) -> str:
    if role in COLOURS:
        return COLOURS[role]
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    group = QPalette.ColorGroup.Disabled if role == "disabled" else QPalette.ColorGroup.Active
    return str(palette.color(group, QPalette.ColorRole.WindowText).name())


class _Engine(QIconEngine):
    """Draws the SVG at whatever size and pixel ratio is asked, in its colour (a muted one
    when the widget is disabled)."""

    def __init__(self, file: str, role: str) -> None:
        super().__init__()
        self._file = file
        self._role = role

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        role = "disabled" if mode == QIcon.Mode.Disabled else self._role
        data = _svg(self._file).replace(b"currentColor", _colour(role).encode())
        return QSvgRenderer(QByteArray(data))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        drawn = QPixmap(size * scale)
        drawn.fill(Qt.GlobalColor.transparent)
        painter = QPainter(drawn)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(drawn.rect()))
        painter.end()
        drawn.setDevicePixelRatio(scale)
        return drawn

    def clone(self) -> QIconEngine:
        return _Engine(self._file, self._role)


def icon(meaning: str, role: str | None = None) -> QIcon:
    """The icon for ``meaning`` (a key of NAMES), in the colour of ``role`` (a key of COLOURS,
    or "text" for the palette's text colour; by default the meaning's own colour)."""
    return QIcon(_Engine(NAMES[meaning], role or _DEFAULT_ROLE.get(meaning, "text")))


def pixmap(
    meaning: str, size: int, widget: QWidget | None = None, role: str | None = None
) -> QPixmap:
    """The icon as a pixmap for a label, at the widget's screen pixel ratio (2 at 200 %).
    Drawn once per size, ratio and colour, then kept in Qt's pixmap cache (starting a visit
    shows some 14 icons: drawing their SVGs each time took a few per cent of it)."""
    ratio = widget.devicePixelRatioF() if widget is not None else _app_ratio()
    role = role or _DEFAULT_ROLE.get(meaning, "text")
    key = f"chairside-icon/{meaning}/{size}/{ratio}/{role}/{_colour(role)}"
    drawn = QPixmap()
    if not QPixmapCache.find(key, drawn):
        drawn = icon(meaning, role).pixmap(QSize(size, size), ratio)
        QPixmapCache.insert(key, drawn)
    return drawn


def _app_ratio() -> float:
    app = QApplication.instance()
    return float(app.devicePixelRatio()) if isinstance(app, QApplication) else 1.0


def icon_label(meaning: str, size: int = SIZE, role: str | None = None) -> QLabel:
    """A fixed-size label showing the icon, for a row of icon and words."""
    label = QLabel()
    label.setFixedSize(size, size)
    set_icon(label, meaning, size, role)
    return label


def set_icon(label: QLabel, meaning: str, size: int = SIZE, role: str | None = None) -> None:
    label.setPixmap(pixmap(meaning, size, label, role))
    label.setProperty("icon", meaning)


class IconLabel(QLabel):
    """A label with its icon drawn at its left, inside its own frame (a banner's border
    and padding): one widget, so showing, hiding and reading its text work as for any
    label. The icon is drawn as a vector at paint time, sharp at any scaling."""

    def __init__(self, meaning: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.meaning = meaning
        self.setProperty("icon", meaning)
        self.setContentsMargins(SIZE + 8, 0, 0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        top = max(0, min(9, (self.height() - SIZE) // 2))
        icon(self.meaning).paint(painter, QRect(9, top, SIZE, SIZE))
        painter.end()
