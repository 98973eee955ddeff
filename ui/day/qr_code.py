"""A QR code on screen: ReportLab's encoder makes the matrix, QPainter draws it (black on
white whatever the palette, with the quiet zone scanners need)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from reportlab.graphics.barcode import qrencoder

QUIET_MODULES = 4
UTF8_ECI = 26  # the ECI assignment number of UTF-8


class _Utf8Designator(qrencoder.QR):
    """The ECI segment saying that the bytes which follow are UTF-8: without it a reader
    guesses the encoding of "Clínica" (and some guess wrong)."""

    mode = 0x7
    bits = (8,)
    group = 1
    lengthbits = (0, 0, 0)

    def __init__(self) -> None:
        super().__init__([UTF8_ECI])

    def write(self, buffer: object, version: int) -> None:
        self.write_header(buffer, version)
        buffer.put(UTF8_ECI, 8)  # type: ignore[attr-defined]


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of ``text``'s QR code, error correction M; text
    beyond ASCII is said to be UTF-8."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    if not text.isascii():
        code.addData(_Utf8Designator())
        code.addData(qrencoder.QR8bitByte(text))
        code.make()
        return _modules(code)
    code.addData(text)
    code.make()
    return _modules(code)


def _modules(code: qrencoder.QRCode) -> list[list[bool]]:
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
