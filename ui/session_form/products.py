"""Serums and glide products used, each with its lot (what a recall searches)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.sessions import ProductEntry, SessionContext
from assistant.stock import ChairScan
from ui.session_form.common import big
from ui.session_form.zone_table_model import ProductTableModel
from ui.table_fit import ColumnFitter


class ProductsSection(QGroupBox):
    changed = Signal()

    def __init__(
        self, context: SessionContext, model: ProductTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Serums and glide products"))
        self._context = context
        self.product_model = model
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.product_box = QComboBox()
        for product in context.products:
            if product.kind in ("serum", "glide", "prp"):
                self.product_box.addItem(product.name, product.id)
        big(self.product_box, self.tr("Product"))
        self.lot_box = QComboBox()
        self.lot_box.setEditable(True)
        lot_line = self.lot_box.lineEdit()
        if lot_line is not None:
            lot_line.setPlaceholderText(self.tr("lot number"))
        big(self.lot_box, self.tr("Product lot number"))
        self.add_product_button = QPushButton(self.tr("Add"))
        big(self.add_product_button, self.tr("Add product"))
        row.addWidget(self.product_box, 2)
        row.addWidget(self.lot_box, 1)
        row.addWidget(self.add_product_button)
        layout.addLayout(row)
        self.product_table = QTableView()
        self.product_table.setModel(model)
        self.product_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.product_table.setAccessibleName(self.tr("Products used"))
        self.product_table.setTabKeyNavigation(False)  # Tab leaves the table
        # One line per product, each column whole; the product's name takes what is left.
        self.product_fitter = ColumnFitter(
            self.product_table,
            (
                ProductTableModel.PRODUCT,
                ProductTableModel.LOT,
                ProductTableModel.EXPIRY,
                ProductTableModel.KIND,
            ),
            stretch=ProductTableModel.PRODUCT,
        )
        self.product_table.setMinimumHeight(4 * 30)
        self.product_table.setMaximumHeight(6 * 30)
        layout.addWidget(self.product_table)
        self.remove_product_button = QPushButton(self.tr("Remove product"))
        big(self.remove_product_button, self.tr("Remove the selected product"))
        layout.addWidget(self.remove_product_button, 0, Qt.AlignmentFlag.AlignRight)
        self.product_box.currentIndexChanged.connect(self._product_chosen)
        self.add_product_button.clicked.connect(self._add_product)
        self.remove_product_button.clicked.connect(self._remove_product)
        self._product_chosen()
        self.tab_order: list[QWidget] = [
            self.product_box,
            self.lot_box,
            self.add_product_button,
            self.product_table,
            self.remove_product_button,
        ]

    def _product_chosen(self) -> None:
        product_id = self.product_box.currentData()
        self.lot_box.clear()
        for product in self._context.products:
            if product.id == product_id:
                for lot, _expiry in product.lots:
                    self.lot_box.addItem(lot)

    def _add_product(self) -> None:
        product_id = self.product_box.currentData()
        product = next((p for p in self._context.products if p.id == product_id), None)
        if product is None:
            return
        lot = self.lot_box.currentText().strip()
        expiry = next((e for number, e in product.lots if number == lot), None)
        self.product_model.add(ProductEntry(product.id, product.name, product.kind, lot, expiry))
        self.changed.emit()

    def use_product(self, scan: ChairScan) -> None:
        """Add the scanned serum with its lot and expiry, as if chosen and added."""
        if scan.product_id is None:
            return
        product = next((p for p in self._context.products if p.id == scan.product_id), None)
        if self.product_box.findData(scan.product_id) < 0:
            self.product_box.addItem(scan.name, scan.product_id)
        self.product_box.setCurrentIndex(self.product_box.findData(scan.product_id))
        self.lot_box.setEditText(scan.lot)
        self.product_model.add(
            ProductEntry(
                scan.product_id,
                product.name if product is not None else scan.name,
                product.kind if product is not None else "serum",
                scan.lot,
                scan.expiry,
            )
        )
        self.changed.emit()

    def _remove_product(self) -> None:
        row = self.product_table.currentIndex().row()
        if row >= 0:
            self.product_model.remove(row)
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (
            self.product_box,
            self.lot_box,
            self.add_product_button,
            self.remove_product_button,
        ):
            widget.setEnabled(not read_only)
