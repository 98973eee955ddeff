"""A patient's complications: each event with its session, kind, severity and outcome; open
one to record what became of it, or save its report for a regulator's form."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.day.complications import ComplicationInfo, list_complications
from assistant.day.report import save_complication_report
from assistant.storage.db import Database
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_date
from ui.day.complication_dialog import ComplicationDialog, facts_words
from ui.plain_export import plain_export_caption
from ui.tasks import TaskRunner

ID_ROLE = Qt.ItemDataRole.UserRole


class ComplicationsDialog(QDialog):
    def __init__(self, db: Database, runner: TaskRunner, patient_id: int, actor: int | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._patient_id = patient_id
        self._actor = actor
        self.found: list[ComplicationInfo] = []
        self.setWindowTitle(self.tr("Complications"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [self.tr("Onset"), self.tr("Kind"), self.tr("Severity"), self.tr("Outcome"),
             self.tr("Session")]
        )  # fmt: skip
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(self.tr("The patient's complications"))
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda _item, _col: self.edit())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("&Open…"))
        self.edit_button.setToolTip(self.tr("Record the outcome, the treatment, the report"))
        self.edit_button.clicked.connect(self.edit)
        self.report_button = QPushButton(self.tr("Save the &report…"))
        self.report_button.setToolTip(
            self.tr("The fields of the MHRA Yellow Card and FDA MedWatch 3500, as a PDF")
        )
        self.report_button.clicked.connect(self.save_report)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        self._runner.run(
            partial(list_complications, self._db, None, self._patient_id), self._show, parent=self
        )

    def _show(self, found: list[ComplicationInfo]) -> None:
        self.found = found
        self.tree.clear()
        for info in found:
            d = info.details
            item = QTreeWidgetItem(
                [
                    screen_short_date(d.onset_on),
                    data_label("complication_kinds", d.kind),
                    data_label("severities", d.severity).split(" (")[0],
                    data_label("complication_outcomes", d.outcome) if d.outcome else "—",
                    screen_short_date(info.facts.treated_at),
                ]
            )
            item.setData(0, ID_ROLE, info.id)
            self.tree.addTopLevelItem(item)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self.status.setText(self.tr("No complication is recorded for this patient."))
        self.edit_button.setEnabled(bool(found))
        self.report_button.setEnabled(bool(found))

    def selected(self) -> ComplicationInfo | None:
        item = self.tree.currentItem()
        wanted = item.data(0, ID_ROLE) if item is not None else None
        return next((c for c in self.found if c.id == wanted), None)

    def edit(self) -> ComplicationDialog | None:
        info = self.selected()
        if info is None:
            return None
        facts = facts_words(info.facts)
        dialog = ComplicationDialog(
            self._db, self._runner, info.facts.session_id, facts, self._actor, self, info
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _info: self.refresh())
        dialog.open()
        return dialog

    def ask_report_path(self, info: ComplicationInfo) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            plain_export_caption(self.tr("Save the report")),
            str(Path.home() / f"adverse-event-report-{info.id}.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        return Path(path) if path else None

    def save_report(self) -> None:
        info = self.selected()
        path = self.ask_report_path(info) if info is not None else None
        if info is None or path is None:
            return
        # The save dialog has asked before replacing a file.
        self._runner.run(
            partial(save_complication_report, self._db, info.id, path, self._actor, force=True),
            lambda saved: self.status.setText(self.tr("Report saved to {0}.").format(saved)),
            self._failed,
            parent=self,
        )

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Save the report"), str(error))
