"""The face and body map: two front-view diagrams (``resources/face_map.svg`` and
``body_map.svg``) whose elements are the treatment zones. A planned zone is coloured, with
its depth once set; clicking a zone asks for it to be planned (or selected). The map is for
the mouse and the finger; the zone list beside it stays for the keyboard, in step with it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from assistant import reference
from assistant.resources import resource_path
from assistant.text.labels import data_label
from ui import look

PLANNED_FILL = "#f5c26b"  # warm amber, with the dark outline it reads in both palettes
MAP_FILES = ("face_map.svg", "body_map.svg")


def zone_of(element_id: str) -> str:
    """``hands__right`` is the second drawing of ``hands``."""
    return element_id.split("__")[0]


class ZoneDiagram(QWidget):
    """One SVG diagram; ``zones`` maps each planned zone to its depth text ("" until set)."""

    zoneClicked = Signal(str)

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = resource_path(file_name).read_text(encoding="utf-8")
        self._renderer = QSvgRenderer(QByteArray(self._source.encode()))
        known = set(reference.zones())
        self.element_ids = [
            element
            for element in _element_ids(self._source)
            if zone_of(element) in known and self._renderer.elementExists(element)
        ]
        self.zones: dict[str, str] = {}
        # Where each zone lies and its free points depend only on the widget's size: worked
        # out once per size, not for every point of every paint.
        self._cached_size: tuple[int, int] | None = None
        self._rects: dict[str, QRectF] = {}
        self._free: dict[str, list[QPointF]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the zone list is the keyboard's way
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        size = self._renderer.defaultSize()
        return QSize(size.width() * 140 // size.height(), 140)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(60, 100)

    def show_zones(self, zones: Mapping[str, str]) -> None:
        self.zones = dict(zones)
        rules = "".join(
            f"#{element} {{ fill: {PLANNED_FILL}; }}"
            for element in self.element_ids
            if zone_of(element) in self.zones
        )
        styled = self._source.replace("</style>", rules + "</style>", 1)
        self._renderer.load(QByteArray(styled.encode()))
        self.update()

    def _target(self) -> QRectF:
        """Where the drawing goes: as large as fits, keeping its proportions."""
        size = QSizeF_from(self._renderer.defaultSize())
        scale = min(self.width() / size.width(), self.height() / size.height())
        width, height = size.width() * scale, size.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def _for_this_size(self) -> None:
        size = (self.width(), self.height())
        if size != self._cached_size:
            self._cached_size = size
            self._rects = {e: self._element_rect(e) for e in self.element_ids}
            self._free = {}

    def element_rect(self, element: str) -> QRectF:
        """The element's bounds on the widget."""
        self._for_this_size()
        rect = self._rects.get(element)
        return QRectF(rect) if rect is not None else self._element_rect(element)

    def _element_rect(self, element: str) -> QRectF:
        view = self._renderer.viewBoxF()
        target = self._target()
        bounds = self._renderer.transformForElement(element).mapRect(
            self._renderer.boundsOnElement(element)
        )
        sx, sy = target.width() / view.width(), target.height() / view.height()
        return QRectF(
            target.x() + (bounds.x() - view.x()) * sx,
            target.y() + (bounds.y() - view.y()) * sy,
            bounds.width() * sx,
            bounds.height() * sy,
        )

    def zone_at(self, point: QPointF) -> str | None:
        """The smallest zone under the point (the full face holds all the others)."""
        hits = [
            (rect.width() * rect.height(), element)
            for element in self.element_ids
            if (rect := self.element_rect(element)).contains(point)
        ]
        return zone_of(min(hits)[1]) if hits else None

    def free_points(self, element: str) -> list[QPointF]:
        """Points of the element no smaller zone covers, the middle first, then outwards
        along its middle line (where a click or a depth tag goes)."""
        self._for_this_size()
        if element not in self._free:
            self._free[element] = self._free_points(element)
        return [QPointF(p) for p in self._free[element]]

    def _free_points(self, element: str) -> list[QPointF]:
        rect = self.element_rect(element)
        zone = zone_of(element)
        near = [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85]
        points = []
        for fy in near + [n / 20 for n in range(1, 20)]:
            for fx in near + [n / 20 for n in range(1, 20)]:
                point = QPointF(rect.x() + rect.width() * fx, rect.y() + rect.height() * fy)
                if self.zone_at(point) == zone:
                    points.append(point)
        return points or [rect.center()]

    def free_point(self, element: str) -> QPointF:
        return self.free_points(element)[0]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, self._target())
        painter.setFont(look.font(look.SMALL - 2, bold=True))
        metrics = painter.fontMetrics()
        drawn: set[str] = set()
        tags: list[QRectF] = []
        # The smallest zones are tagged first; a larger one finds a spot clear of their tags.
        by_size = sorted(
            self.element_ids,
            key=lambda e: self.element_rect(e).width() * self.element_rect(e).height(),
        )
        for element in by_size:
            zone = zone_of(element)
            depth = self.zones.get(zone, "")
            if depth and zone not in drawn and zone != "full_face":
                drawn.add(zone)
                # The depth on a white tag, black on white whatever the palette.
                box = QRectF(metrics.boundingRect(depth)).adjusted(-2, 0, 2, 0)
                for point in self.free_points(element):
                    box.moveCenter(point)
                    if not any(box.intersects(tag) for tag in tags):
                        break
                else:
                    box.moveCenter(self.free_point(element))
                tags.append(QRectF(box))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(255, 255, 255, 230))
                painter.drawRoundedRect(box, 3, 3)
                painter.setPen(QColor("#000000"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, depth)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        zone = self.zone_at(event.position())
        if zone is not None and event.button() == Qt.MouseButton.LeftButton:
            self.zoneClicked.emit(zone)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        zone = self.zone_at(event.position())
        self.setToolTip(data_label("zones", zone) if zone else "")
        self.setCursor(Qt.CursorShape.PointingHandCursor if zone else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)


def QSizeF_from(size: QSize) -> QRectF:  # noqa: N802 - a small converter
    return QRectF(0, 0, max(size.width(), 1), max(size.height(), 1))


def _element_ids(source: str) -> list[str]:
    return re.findall(r'id="([a-z_]+)"', source)


class ZoneMap(QWidget):
    """The face and the body side by side."""

    zoneClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Face and body map"))
        self.setAccessibleDescription(
            self.tr("Planned zones are coloured, with their depth; the zone list does the same.")
        )
        self.diagrams = [ZoneDiagram(name) for name in MAP_FILES]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for diagram in self.diagrams:
            diagram.zoneClicked.connect(self.zoneClicked)
            layout.addWidget(diagram)

    def show_zones(self, zones: Mapping[str, str]) -> None:
        for diagram in self.diagrams:
            diagram.show_zones(zones)

    def planned(self) -> set[str]:
        return set(self.diagrams[0].zones)

    def diagram_of(self, zone: str) -> ZoneDiagram:
        return next(d for d in self.diagrams if any(zone_of(e) == zone for e in d.element_ids))

    def click_zone(self, zone: str) -> QPointF:
        """Where a click on ``zone`` lands (its centre, or a point only it covers)."""
        diagram = self.diagram_of(zone)
        element = next(e for e in diagram.element_ids if zone_of(e) == zone)
        return diagram.free_point(element)
