"""The audit trail as a lazily fetched table model, newest first, with the filters of the
audit screen. Rows are read in batches as the view scrolls, through the task runner
(``assistant.audit.pages.audit_page``): the screen never waits on the database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from assistant.audit.pages import AuditPage, AuditQuery, audit_page
from assistant.audit.phrases import field_words, screen_summary
from assistant.audit.trail import AuditEntry
from assistant.audit.words import entity_words
from assistant.storage.db import Database
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_number, screen_short_moment
from ui.table_model import RowsTableModel
from ui.tasks import SynchronousRunner, TaskRunner, show_error

Index = QModelIndex | QPersistentModelIndex


# lupdate reads the strings of translate("AuditTableModel", "…") calls (not of a wrapper)
translate = QCoreApplication.translate


ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("AuditTableModel", "Created"),
    "change": QT_TRANSLATE_NOOP("AuditTableModel", "Changed"),
    "sign": QT_TRANSLATE_NOOP("AuditTableModel", "Signed"),
    "amend": QT_TRANSLATE_NOOP("AuditTableModel", "Amended"),
    "override": QT_TRANSLATE_NOOP("AuditTableModel", "Overrode verdict"),
    "export": QT_TRANSLATE_NOOP("AuditTableModel", "Exported"),
    "print": QT_TRANSLATE_NOOP("AuditTableModel", "Printed"),
    "erase": QT_TRANSLATE_NOOP("AuditTableModel", "Erased"),
    "login": QT_TRANSLATE_NOOP("AuditTableModel", "Signed in"),
    "login_failed": QT_TRANSLATE_NOOP("AuditTableModel", "Wrong PIN"),
    "logout": QT_TRANSLATE_NOOP("AuditTableModel", "Signed out"),
    "lock": QT_TRANSLATE_NOOP("AuditTableModel", "Locked"),
    "backup": QT_TRANSLATE_NOOP("AuditTableModel", "Backed up"),
    "restore": QT_TRANSLATE_NOOP("AuditTableModel", "Restored"),
    "seal": QT_TRANSLATE_NOOP("AuditTableModel", "Sealed"),
}


def action_label(action: str) -> str:
    return QCoreApplication.translate("AuditTableModel", str(ACTION_LABELS.get(action, action)))


def local_time(at: datetime) -> datetime:
    """Audit times are stored as naive UTC; people read them in local time."""
    return at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def to_utc(local: datetime) -> datetime:
    return local.astimezone(UTC).replace(tzinfo=None)


def _value(value: Any) -> str:
    """A stored value as the screen shows it: decimals with the interface's sign."""
    return screen_number(str(value)) if isinstance(value, float) else str(value)


def describe_changes(changes: dict[str, Any]) -> str:
    lines = []
    for key, value in changes.items():
        if key == "fields" and isinstance(value, list):
            names = ", ".join(field_words(str(v)) for v in value)
            lines.append(translate("AuditTableModel", "Fields: {0}").format(names))
        elif isinstance(value, list) and len(value) == 2:
            lines.append(f"{field_words(key)}: {_value(value[0])} → {_value(value[1])}")
        else:
            lines.append(f"{field_words(key)}: {_value(value)}")
    return "\n".join(lines)


@dataclass(frozen=True)
class AuditFilter:
    """What the audit screen asks for; ``since``/``until`` are local times."""

    action: str | None = None
    practitioner_id: int | None = None
    patient_id: int | None = None
    patient_text: str = ""  # the patient list's search: any patient it finds
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""

    def with_(self, **changes: Any) -> AuditFilter:
        return replace(self, **changes)


class AuditTableModel(RowsTableModel):
    """Pages are read through the task runner, off the UI thread: ``busyChanged(True)`` while
    one is being read, ``loaded()`` once it is in the table."""

    BATCH = 200
    COLUMNS = ("at", "practitioner", "action", "record", "patient", "summary")
    busyChanged = Signal(bool)
    loaded = Signal()

    def __init__(self, db: Database, parent: Any = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner if runner is not None else SynchronousRunner()
        self._filter = AuditFilter()
        self._rows: list[AuditEntry] = []
        self._more = False
        self._reading = False
        self._generation = 0  # a page read for an earlier filter is dropped
        self._headers = (
            translate("AuditTableModel", "When"),
            translate("AuditTableModel", "Who"),
            translate("AuditTableModel", "Action"),
            translate("AuditTableModel", "Record"),
            translate("AuditTableModel", "Patient"),
            translate("AuditTableModel", "What"),
        )
        self.refresh()

    @property
    def audit_filter(self) -> AuditFilter:
        return self._filter

    @property
    def busy(self) -> bool:
        return self._reading

    def set_filter(self, audit_filter: AuditFilter) -> None:
        if audit_filter != self._filter:
            self._filter = audit_filter
            self.refresh()

    def _query(self) -> AuditQuery:
        f = self._filter
        return AuditQuery(
            action=f.action,
            practitioner_id=f.practitioner_id,
            patient_id=f.patient_id,
            patient_text=f.patient_text,
            since=to_utc(f.since) if f.since else None,
            until=to_utc(f.until) if f.until else None,
            text=f.text,
        )

    def _read(self, offset: int) -> None:
        db, query, batch = self.db, self._query(), self.BATCH
        generation = self._generation
        self._set_reading(True)
        self.runner.run(
            lambda: audit_page(db, query, offset, batch),
            lambda page: self._arrived(page, generation),
            lambda error: self._failed(error, generation),
            owner=self,
        )

    def refresh(self) -> None:
        """Read the first page again (the rows shown stay until it arrives)."""
        self._generation += 1
        self._read(0)

    def _arrived(self, page: AuditPage, generation: int) -> None:
        if generation != self._generation:
            return
        if page.offset == 0:
            self.beginResetModel()
            self._rows = list(page.entries)
            self._more = page.more
            self.endResetModel()
        else:
            self._more = page.more
            if page.entries:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(page.entries) - 1)
                self._rows.extend(page.entries)
                self.endInsertRows()
        self._set_reading(False)
        self.loaded.emit()

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation == self._generation:
            self._set_reading(False)
            show_error(None, error)

    def _set_reading(self, reading: bool) -> None:
        if reading != self._reading:
            self._reading = reading
            self.busyChanged.emit(reading)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._reading:
            return
        self._read(len(self._rows))

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        e = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "at":
                return screen_short_moment(local_time(e.at), seconds=True)
            if column == "practitioner":
                return e.practitioner or translate("AuditTableModel", "(none)")
            if column == "action":
                return action_label(e.action)
            if column == "record":
                return data_label("audit_records", e.entity, default=entity_words(e.entity))
            if column == "patient":
                return e.patient_name
            return screen_summary(e.summary, e.patient_id, e.patient_name)
        if role == Qt.ItemDataRole.ToolTipRole:
            details = describe_changes(e.changes)
            where = translate("AuditTableModel", "Workstation: {0}").format(e.workstation)
            shown = screen_summary(e.summary, e.patient_id, e.patient_name)
            return "\n".join(part for part in (shown, details, where) if part)
        if role == Qt.ItemDataRole.UserRole:
            return e
        return None
