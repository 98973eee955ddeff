"""The audit trail as a lazily fetched table model, newest first, with the filters of the
audit screen. Rows are read in batches as the view scrolls."""

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
)

from assistant.audit.trail import AuditEntry, query_events
from assistant.audit.words import entity_words, field_words, plain_summary
from assistant.patients.store import find_patients
from assistant.storage.db import Database
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_short_moment
from ui.table_model import RowsTableModel

PATIENTS_SEARCHED = 500  # a name matching more patients than this asks for more letters

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


def describe_changes(changes: dict[str, Any]) -> str:
    lines = []
    for key, value in changes.items():
        if key == "fields" and isinstance(value, list):
            names = ", ".join(field_words(str(v)) for v in value)
            lines.append(translate("AuditTableModel", "Fields: {0}").format(names))
        elif isinstance(value, list) and len(value) == 2:
            lines.append(f"{field_words(key)}: {value[0]!s} → {value[1]!s}")
        else:
            lines.append(f"{field_words(key)}: {value!s}")
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
    BATCH = 200
    COLUMNS = ("at", "practitioner", "action", "record", "patient", "summary")

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self._filter = AuditFilter()
        self._rows: list[AuditEntry] = []
        self._exhausted = True
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

    def set_filter(self, audit_filter: AuditFilter) -> None:
        if audit_filter != self._filter:
            self._filter = audit_filter
            self.refresh()

    def _fetch(self, offset: int) -> list[AuditEntry]:
        f = self._filter
        patient_ids = None
        if f.patient_text.strip() and f.patient_id is None:
            found = find_patients(self.db, f.patient_text.strip(), PATIENTS_SEARCHED)
            patient_ids = [row.id for row in found.rows]
        with self.db.session() as session:
            return list(
                query_events(
                    session,
                    action=f.action,
                    practitioner_id=f.practitioner_id,
                    patient_id=f.patient_id,
                    patient_ids=patient_ids,
                    since=to_utc(f.since) if f.since else None,
                    until=to_utc(f.until) if f.until else None,
                    text=f.text.strip() or None,
                    limit=self.BATCH,
                    offset=offset,
                )
            )

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self._fetch(0)
        self._exhausted = len(self._rows) < self.BATCH
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        more = self._fetch(len(self._rows))
        self._exhausted = len(more) < self.BATCH
        if more:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

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
            return plain_summary(e.summary, e.patient_id, e.patient_name)
        if role == Qt.ItemDataRole.ToolTipRole:
            details = describe_changes(e.changes)
            where = translate("AuditTableModel", "Workstation: {0}").format(e.workstation)
            shown = plain_summary(e.summary, e.patient_id, e.patient_name)
            return "\n".join(part for part in (shown, details, where) if part)
        if role == Qt.ItemDataRole.UserRole:
            return e
        return None
