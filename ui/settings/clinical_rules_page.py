"""Settings → Clinical rules: every value the clinic may set, with the shipped default, the
value in force and the allowed bounds; a change needs the signed-in practitioner's PIN and a
written reason, and makes a new rule-set version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assistant.access.auth import verify_login
from assistant.errors import ChairsideError
from assistant.operations import OpChanges
from assistant.rules import RuleInForce, RuleSet, rules_in_force, set_rule
from assistant.rules.words import bounds_words, rule_label, value_words
from assistant.storage.db import Database
from ui.table_model import Index, RowsTableModel
from ui.tasks import Operations

AskPin = Callable[[QWidget], str | None]


class ClinicalRulesModel(RowsTableModel):
    RULE, IN_FORCE, DEFAULT, BOUNDS = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Rule"), self.tr("In force"), self.tr("Default"),
                         self.tr("Allowed"))  # fmt: skip
        self.version = ""

    def set_rules(self, rules: RuleSet) -> None:
        self.beginResetModel()
        self._rows = rules.rules()
        self.version = rules.version
        self.endResetModel()

    def rule(self, row: int) -> RuleInForce:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule: RuleInForce = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.RULE:
                return rule_label(rule.definition)
            if index.column() == self.IN_FORCE:
                # text, not colour alone: a clinic value says so
                shown = value_words(rule.value) + (self.tr(" (clinic)") if rule.changed else "")
                if rule.outside_bounds:  # set under an earlier revision: kept, to review
                    shown += self.tr(" ⚠ outside the current bounds: review")
                return shown
            if index.column() == self.DEFAULT:
                return value_words(rule.definition.default)
            return bounds_words(rule.definition)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([rule.id, *rule.definition.sources])
        return None


def _ask_pin(parent: QWidget) -> str | None:
    pin, ok = QInputDialog.getText(
        parent,
        parent.tr("Confirm the change"),
        parent.tr("Your PIN, to change a clinical rule:"),
        QLineEdit.EchoMode.Password,
    )
    return pin if ok else None


class ClinicalRulesPage(QWidget):
    """``ruleChanged(version)`` after a change is saved. The rules are read again whenever an
    operation announced on ``operations`` changes the clinic's settings (this page's own
    change among them)."""

    ruleChanged = Signal(str)

    def __init__(
        self,
        db: Database,
        actor: int | None,
        parent: QWidget | None = None,
        ask_pin: AskPin = _ask_pin,
        *,
        operations: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.ask_pin = ask_pin
        self.operations = operations or Operations()
        self.operations.operationDidExecute.connect(self.on_operation_did_execute)
        self.model = ClinicalRulesModel(self)
        self.version_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAccessibleName(self.tr("Clinical rules"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.sources_label = QLabel()
        self.sources_label.setWordWrap(True)
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName(self.tr("New value"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason for the change"))
        self.save_button = QPushButton(self.tr("Change the rule"))
        self.save_button.setAccessibleName(self.tr("Change the rule"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("New value (with its unit)"), self.value_edit)
        form.addRow(self.tr("Reason"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sources_label)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        self.load()

    def load(self) -> None:
        try:
            rules = rules_in_force(self.db)
        except ChairsideError as exc:
            self.message.setText(self.tr("⚠ {error}").format(error=str(exc)))
            self.save_button.setEnabled(False)
            return
        self.model.set_rules(rules)
        self.version_label.setText(self.tr("Rules version {v}").format(v=rules.version))
        self.save_button.setEnabled(self.actor is not None)
        flagged = rules.flagged()
        if flagged:
            self.message.setText(
                self.tr(
                    "⚠ Kept as the clinic set them, but outside the bounds of this revision: "
                    "{rules}. Review each one and set it again within the bounds allowed."
                ).format(rules=", ".join(rule_label(r.definition) for r in flagged))
            )
        elif self.actor is None:
            self.message.setText(self.tr("Sign in to change a clinical rule."))

    def on_operation_did_execute(self, changes: OpChanges, handler: object) -> None:
        """The rules read again, the chosen one kept; a value being typed stays, unless this
        page's own change was just saved (then the rule's new value shows)."""
        if not changes.touches("settings"):
            return
        row = self.table.currentIndex().row()
        chosen = self.model.rule(row).id if row >= 0 else None
        typed = self.value_edit.text()
        self.load()
        if chosen is not None:
            self.select_rule(chosen)
        if handler is not self:
            self.value_edit.setText(typed)

    def select_rule(self, rule_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.rule(row).id == rule_id:
                self.table.selectRow(row)
                return

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        rule = self.model.rule(current.row())
        self.value_edit.setText(value_words(rule.value))
        sources = "\n".join(f"• {s}" for s in rule.definition.sources)
        self.sources_label.setText(
            self.tr("{rule}: allowed {bounds}. Sources:\n{sources}").format(
                rule=rule.id, bounds=bounds_words(rule.definition), sources=sources
            )
        )

    def save(self) -> bool:
        row = self.table.currentIndex().row()
        if row < 0:
            self.message.setText(self.tr("⚠ Choose a rule first."))
            return False
        if self.actor is None:
            self.message.setText(self.tr("⚠ Sign in to change a clinical rule."))
            return False
        rule = self.model.rule(row)
        pin = self.ask_pin(self)
        if pin is None:
            return False
        db, actor, value, reason = (
            self.db, self.actor, self.value_edit.text(), self.reason_edit.text()
        )  # fmt: skip

        def change() -> RuleSet:
            verify_login(db, actor, pin, purpose="change a clinical rule")
            return set_rule(db, rule.id, value, reason, actor)

        try:  # the page shows the new rules as any change is shown (on_operation_did_execute)
            rules = self.operations.perform_here(change, handler=self)
        except ChairsideError as exc:
            self.message.setText(self.tr("⚠ {error}").format(error=str(exc)))
            return False
        self.reason_edit.clear()
        self.message.setText(
            self.tr("✓ {rule} is now {value} (rules version {v}).").format(
                rule=rule.id, value=value_words(rules.value(rule.id)), v=rules.version
            )
        )
        self.ruleChanged.emit(rules.version)
        return True
