"""A signature pad: the patient signs with a finger, a stylus or the mouse.

The pad records strokes (lists of points in its own pixels) from mouse, tablet and touch
events and draws them as they are made; ``SignatureField`` adds a caption and a Clear button.
The strokes go to ``assistant.consent``, which checks them and renders the stored image."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

Point = tuple[float, float]
Strokes = tuple[tuple[Point, ...], ...]


class SignaturePad(QWidget):
    """The surface the signature is drawn on."""

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._drawing = False
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(self.tr("Sign here with a finger, a stylus or the mouse"))
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(320, 150)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(560, 180)

    # --- what was signed ------------------------------------------------------------------

    def strokes(self) -> Strokes:
        return tuple(tuple(stroke) for stroke in self._strokes if stroke)

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    # --- input ----------------------------------------------------------------------------

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([(round(point.x(), 1), round(point.y(), 1))])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if not self._drawing:
            return
        position = (round(point.x(), 1), round(point.y(), 1))
        if self._strokes[-1][-1] != position:
            self._strokes[-1].append(position)
            self.update()

    def _end(self, point: QPointF | None = None) -> None:
        if not self._drawing:
            return
        if point is not None:
            self._extend(point)
        self._drawing = False
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()  # no mouse event is synthesised from an accepted tablet event

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                position = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(position)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._end(position)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end()
            event.accept()
            return True
        return super().event(event)

    # --- drawing --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        guide = QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        baseline = int(self.height() * 0.75)
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        ink = QPen(palette.color(QPalette.ColorRole.Text), 3)
        ink.setCapStyle(Qt.PenCapStyle.RoundCap)
        ink.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(ink)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(QPointF(*stroke[0]))
                continue
            path = QPainterPath(QPointF(*stroke[0]))
            for x, y in stroke[1:]:
                path.lineTo(x, y)
            painter.drawPath(path)
        painter.end()


class SignatureField(QWidget):
    """A caption, the pad, and a Clear button."""

    changed = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.pad = SignaturePad(caption)
        self.caption.setBuddy(self.pad)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear {caption}").format(caption=caption))
        self.clear_button.setMinimumHeight(44)
        self.clear_button.clicked.connect(self.pad.clear)
        self.pad.changed.connect(self.changed)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pad)

    def strokes(self) -> Strokes:
        return self.pad.strokes()

    def is_empty(self) -> bool:
        return self.pad.is_empty()

    def clear(self) -> None:
        self.pad.clear()
