"""A QR code on screen: ReportLab's encoder makes the matrix, QPainter draws it (black on
white whatever the palette, with the quiet zone scanners need)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from reportlab.graphics.barcode import qrencoder

QUIET_MODULES = 4


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of ``text``'s QR code, error correction M."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    size = code.getModuleCount()
    return [[bool(code.isDark(row, column)) for column in range(size)] for row in range(size)]


class QrCode(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(280, 280)

    def set_text(self, text: str) -> None:
        self._matrix = qr_matrix(text) if text else []
        self.update()

    def matrix(self) -> list[list[bool]]:
        return [list(row) for row in self._matrix]

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 280)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if not self._matrix:
            return
        modules = len(self._matrix) + 2 * QUIET_MODULES
        side = min(self.width(), self.height())
        step = side / modules
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for row, cells in enumerate(self._matrix):
            for column, dark in enumerate(cells):
                if dark:
                    painter.drawRect(
                        QRectF(
                            (column + QUIET_MODULES) * step,
                            (row + QUIET_MODULES) * step,
                            step + 0.5,
                            step + 0.5,
                        )
                    )
        painter.end()
