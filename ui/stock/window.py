"""Stock: the cartridges and products on hand, what needs doing about them, and receiving a
delivery by scanning each box.

The scan field has the focus: a keyboard-wedge scanner types the box's GS1 code and Enter,
and the box is received (a product never received before is described once). A stock count,
discarding units and marking a lot recalled by its maker act on the lot chosen in the table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.errors import ChairsideError
from assistant.sessions import RecallRow, recall
from assistant.settings import DEFAULTS
from assistant.stock import (
    NewItem,
    ReceivedLot,
    StockLine,
    StockWarning,
    count_lot,
    discard_units,
    item_for_gtin,
    mark_recalled,
    read_code,
    receive_box,
    stock_lines,
    stock_warnings,
    stop_offering,
)
from assistant.storage.db import Database
from ui.stock.item_dialog import StockItemDialog
from ui.stock.scan_field import ScanField
from ui.stock.window_parts import StockTableModel, big
from ui.tasks import TaskRunner


class StockWindow(QDialog):
    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        settings: Any,
        actor: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._actor = actor
        self._warn_days = int(
            settings.stock_expiry_warning_days
            if settings is not None
            else DEFAULTS["stock_expiry_warning_days"]
        )
        self._reorder = int(
            settings.stock_reorder_level
            if settings is not None
            else DEFAULTS["stock_reorder_level"]
        )
        self.setWindowTitle(self.tr("Stock"))
        self.resize(980, 640)

        receive = QGroupBox(self.tr("Receive a delivery"))
        self.scan_field = ScanField()
        self.scan_field.setPlaceholderText(
            self.tr("Scan each box, or type its code and press Enter")
        )
        self.scan_field.setAccessibleName(self.tr("Code on the box"))
        self.boxes_spin = QSpinBox()
        self.boxes_spin.setRange(1, 999)
        self.boxes_spin.setPrefix(self.tr("Boxes: "))
        big(self.boxes_spin, self.tr("Boxes of this code"))
        self.receive_button = QPushButton(self.tr("Receive"))
        big(self.receive_button, self.tr("Receive the box"))
        self.receive_button.setAutoDefault(False)
        self.receive_message = QLabel(
            self.tr("The scanner types the code and Enter; nothing else to press.")
        )
        self.receive_message.setWordWrap(True)
        self.receive_message.setAccessibleName(self.tr("What was received"))
        row = QHBoxLayout()
        row.addWidget(self.scan_field, 1)
        row.addWidget(self.boxes_spin)
        row.addWidget(self.receive_button)
        receive_layout = QVBoxLayout(receive)
        receive_layout.addLayout(row)
        receive_layout.addWidget(self.receive_message)

        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setProperty("role", "warning")
        self.warnings_label.setAccessibleName(self.tr("Stock warnings"))
        self.model = StockTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(StockTableModel.ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("Lots in stock"))
        self.count_button = QPushButton(self.tr("Count…"))
        big(self.count_button, self.tr("Record a stock count of the chosen lot"))
        self.discard_button = QPushButton(self.tr("Discard…"))
        big(self.discard_button, self.tr("Discard units of the chosen lot"))
        self.stop_button = QPushButton(self.tr("No longer offer"))
        big(self.stop_button, self.tr("No longer offer the chosen empty lot at the chair"))
        self.recall_button = QPushButton(self.tr("Mark recalled…"))
        big(self.recall_button, self.tr("Mark the chosen lot recalled by its maker"))
        close_button = QPushButton(self.tr("Close"))
        big(close_button, self.tr("Close"))
        for button in (
            self.count_button, self.discard_button, self.stop_button, self.recall_button,
            close_button,
        ):  # fmt: skip
            button.setAutoDefault(False)
        self.action_message = QLabel()
        self.action_message.setWordWrap(True)
        self.action_message.setAccessibleName(self.tr("Result"))
        actions = QHBoxLayout()
        actions.addWidget(self.count_button)
        actions.addWidget(self.discard_button)
        actions.addWidget(self.stop_button)
        actions.addWidget(self.recall_button)
        actions.addStretch(1)
        actions.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(receive)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.action_message)
        layout.addLayout(actions)
        self.scan_field.scanned.connect(self.receive)
        self.receive_button.clicked.connect(self._receive_typed)
        self.count_button.clicked.connect(self.count)
        self.discard_button.clicked.connect(self.discard)
        self.stop_button.clicked.connect(self.stop_offering)
        self.recall_button.clicked.connect(self.mark_recalled)
        close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        QWidget.setTabOrder(self.scan_field, self.boxes_spin)
        QWidget.setTabOrder(self.boxes_spin, self.receive_button)
        QWidget.setTabOrder(self.receive_button, self.table)
        QWidget.setTabOrder(self.table, self.count_button)
        QWidget.setTabOrder(self.count_button, self.discard_button)
        QWidget.setTabOrder(self.discard_button, self.stop_button)
        QWidget.setTabOrder(self.stop_button, self.recall_button)
        QWidget.setTabOrder(self.recall_button, close_button)
        self._selection_changed()
        self.scan_field.setFocus()
        self.refresh()

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        today = date.today()
        days = self._warn_days
        self._runner.run(
            lambda: (stock_lines(self._db, today, days), stock_warnings(self._db, today, days)),
            self._show,
            self._failed,
            parent=self,
        )

    def _show(self, result: tuple[list[StockLine], list[StockWarning]]) -> None:
        lines, warnings = result
        self.model.set_rows(lines)
        if not lines:
            self.warnings_label.setText(
                self.tr("Nothing in stock yet: scan the boxes of a delivery to receive them.")
            )
        else:
            self.warnings_label.setText(
                "\n".join("\N{WARNING SIGN} " + w.message for w in warnings)
                or self.tr("No stock warnings.")
            )
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        self.action_message.setText("\N{WARNING SIGN} " + str(error))

    def chosen(self) -> StockLine | None:
        return self.model.line(self.table.currentIndex().row())

    def _selection_changed(self, *_args: object) -> None:
        line = self.chosen()
        self.count_button.setEnabled(line is not None)
        self.discard_button.setEnabled(line is not None and line.on_hand > 0)
        self.stop_button.setEnabled(
            line is not None and line.offered and line.on_hand <= 0 and line.kind == "cartridge"
        )
        self.recall_button.setEnabled(line is not None and not line.recalled)

    # --- receiving -------------------------------------------------------------------------

    def _receive_typed(self) -> None:
        code = self.scan_field.text()
        if code.strip():
            self.scan_field.clear()
            self.receive(code)

    def receive(self, code: str) -> None:
        try:
            gtin = read_code(code).gtin
        except ChairsideError as exc:
            self._receive_problem(str(exc))
            return
        boxes = self.boxes_spin.value()
        self._runner.run(
            lambda: item_for_gtin(self._db, gtin),
            lambda known: self._receive_known(code, gtin, boxes, known is not None),
            lambda error: self._receive_problem(str(error)),
            parent=self,
        )

    def ask_new_item(self, gtin: str) -> NewItem | None:
        dialog = StockItemDialog(gtin, self._reorder, self)
        return dialog.item() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _receive_known(self, code: str, gtin: str, boxes: int, known: bool) -> None:
        details = None
        if not known:
            details = self.ask_new_item(gtin)
            if details is None:
                self._receive_problem(self.tr("Not received: the product was not described."))
                return
        today = date.today()
        self._runner.run(
            lambda: receive_box(
                self._db,
                code,
                self._actor,
                quantity=boxes,
                details=details,
                today=today,
                warn_days=self._warn_days,
            ),  # fmt: skip
            self._received,
            lambda error: self._receive_problem(str(error)),
            parent=self,
        )

    def _received(self, lot: ReceivedLot) -> None:
        text = self.tr("Received {added} of {name}, lot {lot}: {on_hand} on hand.").format(
            added=lot.added, name=lot.name, lot=lot.lot, on_hand=lot.on_hand
        )
        if lot.warning:
            text += "\n\N{WARNING SIGN} " + lot.warning
        self.receive_message.setText(text)
        self.boxes_spin.setValue(1)
        self.scan_field.setFocus()
        self.refresh()

    def _receive_problem(self, message: str) -> None:
        self.receive_message.setText("\N{WARNING SIGN} " + message)
        self.scan_field.setFocus()

    # --- counting, discarding, recall ----------------------------------------------------------

    def ask_count(self, line: StockLine) -> int | None:
        value, ok = QInputDialog.getInt(
            self,
            self.tr("Stock count"),
            self.tr("Units of {name}, lot {lot}, on the shelf:").format(
                name=line.name, lot=line.lot
            ),
            max(line.on_hand, 0),
            0,
            100000,
        )
        return value if ok else None

    def ask_discard(self, line: StockLine) -> int | None:
        value, ok = QInputDialog.getInt(
            self,
            self.tr("Discard"),
            self.tr("Units of {name}, lot {lot}, to discard (expired, damaged, sent back):").format(
                name=line.name, lot=line.lot
            ),
            line.on_hand,
            1,
            max(line.on_hand, 1),
        )
        return value if ok else None

    def confirm_recall(self, line: StockLine) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Mark recalled"),
            self.tr(
                "Mark lot {lot} of {name} recalled by its maker? It can no longer be used at "
                "the chair or received."
            ).format(lot=line.lot, name=line.name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _act(self, fn: Any, done: str) -> None:
        self._runner.run(
            fn,
            lambda _result: self._acted(done),
            self._failed,
            parent=self,
        )

    def _acted(self, done: str) -> None:
        self.action_message.setText(done)
        self.refresh()

    def count(self) -> None:
        line = self.chosen()
        counted = self.ask_count(line) if line is not None else None
        if line is None or counted is None:
            return
        self._act(
            lambda: count_lot(self._db, line.gtin, line.lot, counted, self._actor),
            self.tr("Counted {count} of lot {lot}.").format(count=counted, lot=line.lot),
        )

    def discard(self) -> None:
        line = self.chosen()
        units = self.ask_discard(line) if line is not None else None
        if line is None or units is None:
            return
        self._act(
            lambda: discard_units(self._db, line.lot_id, units, self._actor),
            self.tr("Discarded {count} of lot {lot}.").format(count=units, lot=line.lot),
        )

    def stop_offering(self) -> None:
        line = self.chosen()
        if line is None:
            return
        self._act(
            lambda: stop_offering(self._db, line.lot_id, self._actor),
            self.tr("Lot {lot} is no longer offered at the chair.").format(lot=line.lot),
        )

    def mark_recalled(self) -> None:
        line = self.chosen()
        if line is None or not self.confirm_recall(line):
            return
        lot = line.lot
        self._runner.run(
            lambda: self._mark_and_list(lot),
            lambda rows: self._recalled(lot, len({r.patient_id for r in rows})),
            self._failed,
            parent=self,
        )

    def _mark_and_list(self, lot: str) -> list[RecallRow]:
        """On the database thread: mark the lot, then who received it."""
        mark_recalled(self._db, lot, self._actor)
        return recall(self._db, lot)

    def _recalled(self, lot: str, patients: int) -> None:
        self.action_message.setText(
            self.tr(
                "Lot {lot} is marked recalled. {patients} patient(s) received it: "
                "Records › Recall lists them."
            ).format(lot=lot, patients=patients)
        )
        self.refresh()
