"""Asked once, the first time a GTIN is received: what the product is (its name, a cartridge
with its needle count or a product, its size, how many units a box holds, when to reorder)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant import reference
from assistant.stock import NewItem
from ui.stock.window_parts import big


class StockItemDialog(QDialog):
    def __init__(self, gtin: str, reorder_level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A product received for the first time"))
        intro = QLabel(
            self.tr(
                "GTIN {gtin} has not been received before. Say once what it is; the next "
                "boxes are named from it."
            ).format(gtin=gtin)
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        big(self.name_edit, self.tr("Name"))
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Needle cartridge"), "cartridge")
        self.kind_box.addItem(self.tr("Serum or glide product"), "product")
        big(self.kind_box, self.tr("Kind"))
        self.needles_box = QComboBox()
        self.needles_box.addItem(self.tr("— choose —"), "")
        for count in reference.needle_counts():
            self.needles_box.addItem(count, count)
        big(self.needles_box, self.tr("Needles"))
        self.size_edit = QLineEdit()
        self.size_edit.setMaxLength(50)
        self.size_edit.setPlaceholderText(self.tr("as printed, e.g. 5 ml"))
        big(self.size_edit, self.tr("Size"))
        self.per_box_spin = QSpinBox()
        self.per_box_spin.setRange(1, 1000)
        big(self.per_box_spin, self.tr("Units in a box"))
        self.reorder_spin = QSpinBox()
        self.reorder_spin.setRange(0, 10000)
        self.reorder_spin.setValue(reorder_level)
        big(self.reorder_spin, self.tr("Reorder at (units)"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Kind"), self.kind_box)
        form.addRow(self.tr("Needles"), self.needles_box)
        form.addRow(self.tr("Size"), self.size_edit)
        form.addRow(self.tr("Units in a box"), self.per_box_spin)
        form.addRow(self.tr("Reorder at (units)"), self.reorder_spin)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Problem"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.needles_box.setEnabled(self.kind_box.currentData() == "cartridge")

    def item(self) -> NewItem:
        kind = str(self.kind_box.currentData())
        return NewItem(
            name=self.name_edit.text(),
            kind=kind,
            needle_count=str(self.needles_box.currentData() or "") if kind == "cartridge" else "",
            size=self.size_edit.text(),
            units_per_box=self.per_box_spin.value(),
            reorder_level=self.reorder_spin.value(),
        )

    def _accept(self) -> None:
        if not self.name_edit.text().strip():
            self.error_label.setText(self.tr("Enter the product's name."))
            return
        if self.kind_box.currentData() == "cartridge" and not self.needles_box.currentData():
            self.error_label.setText(self.tr("Choose the cartridge's needle count."))
            return
        self.accept()
