"""Table models for the session form: the treated zones (with the zone's typical range and
live warnings beside each depth) and the products used with their lots.

Both work without a window; the form edits a zone through its editor panel and
``set_entry``, or inline through ``setData``. Warnings are text with a ⚠ sign and an icon,
never colour alone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from assistant import reference
from assistant.errors import InvalidInput
from assistant.rules import TreatmentRules
from assistant.sessions import (
    DEFAULT_PASSES,
    DeviceLimits,
    ProductEntry,
    SessionWarning,
    ZoneEntry,
    check_zone,
    default_depth,
    snap_zone_depth,
)
from assistant.sessions.warning_words import screen_warning
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_decimals, screen_mm, screen_short_date
from ui.table_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
WARNING_SIGN = "\N{WARNING SIGN}"


class ZoneTableModel(RowsTableModel):
    """One row per treated zone, in treatment order."""

    ZONE, DEPTH, TYPICAL, PASSES, SPEED, ENDPOINT, NOTES, WARNINGS = range(8)
    _FIELDS = {DEPTH: "depth_mm", PASSES: "passes", SPEED: "speed", ENDPOINT: "endpoint",
               NOTES: "notes"}  # fmt: skip

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ZoneEntry] = []
        self._warnings: list[list[SessionWarning]] = []
        self._errors: list[str] = []
        self._limits = DeviceLimits.default()
        self._fitzpatrick: int | None = None
        self._treatment: TreatmentRules | None = None
        self._read_only = False
        self._amended: dict[tuple[int, str], str] = {}
        self._refusal = ""
        self._headers = (
            self.tr("Zone"),
            self.tr("Depth (mm)"),
            self.tr("Typical"),
            self.tr("Passes"),
            self.tr("Speed"),
            self.tr("Endpoint"),
            self.tr("Notes"),
            self.tr("Warnings"),
        )

    # --- contents --------------------------------------------------------------------------

    def entries(self) -> tuple[ZoneEntry, ...]:
        return tuple(self._rows)

    def set_entries(self, entries: tuple[ZoneEntry, ...] | list[ZoneEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._recheck()
        self.endResetModel()

    def entry(self, row: int) -> ZoneEntry:
        return self._rows[row]

    def add_zone(self, zone_id: str) -> int:
        """Append a zone with a conservative starting depth; returns its row."""
        entry = ZoneEntry(zone_id, default_depth(zone_id, self._limits), DEFAULT_PASSES)
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(entry)
        self._recheck()
        self.endInsertRows()
        return row

    def remove_zone(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._recheck()
        self.endRemoveRows()

    def set_entry(self, row: int, entry: ZoneEntry) -> None:
        if self._rows[row] == entry:
            return
        self._rows[row] = entry
        self._recheck()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_context(
        self,
        limits: DeviceLimits,
        fitzpatrick: int | None,
        treatment: TreatmentRules | None = None,
    ) -> None:
        """The device's limits, the patient's skin type and the clinic's rules in force,
        which the warnings depend on."""
        self._limits = limits
        self._fitzpatrick = fitzpatrick
        self._treatment = treatment
        self._recheck()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 7))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def set_amended(self, amended: dict[tuple[int, str], str]) -> None:
        """Values changed by amendments, by (row, field), shown beside the original (the
        rows are drawn again only when these change: signing a draft changes none)."""
        if amended == self._amended:
            return
        self._amended = dict(amended)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 7))

    def warnings(self, row: int) -> list[SessionWarning]:
        return list(self._warnings[row])

    def error(self, row: int) -> str:
        """Why the row's values are refused (outside the device's limits), or ''."""
        return self._errors[row]

    def limits(self) -> DeviceLimits:
        return self._limits

    def treatment(self) -> TreatmentRules | None:
        """The clinic's rules the rows are checked with (None: the shipped ones)."""
        return self._treatment

    def refusal(self) -> str:
        """Why the last value typed into a cell was refused ('' when it was taken)."""
        return self._refusal

    def _recheck(self) -> None:
        self._warnings = []
        self._errors = []
        for row, entry in enumerate(self._rows):
            try:
                warnings = check_zone(entry, self._limits, self._fitzpatrick, row, self._treatment)
                self._warnings.append(warnings)
                self._errors.append("")
            except InvalidInput as exc:
                self._warnings.append([])
                self._errors.append(str(exc))

    # --- Qt model interface ------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self._FIELDS and not self._read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _problem_text(self, row: int) -> str:
        if self._errors[row]:
            return f"{WARNING_SIGN} " + self.tr("Refused: outside the device's limits")
        parts = []
        for warning in self._warnings[row]:
            if warning.code == "zone_depth":
                zone = self._zone(self._rows[row].zone)
                assert zone is not None
                parts.append(
                    self.tr("above {bound} mm").format(bound=screen_mm(zone.warn_above_mm))
                )
            elif warning.code == "pigmented_depth":
                parts.append(self.tr("deep for type {type}").format(type=self._roman()))
            elif warning.code == "pigmented_passes":
                parts.append(self.tr("passes for type {type}").format(type=self._roman()))
            elif warning.code == "device_depth" and self._limits.warn_above_mm is not None:
                parts.append(
                    self.tr("above {bound} mm for the device").format(
                        bound=screen_mm(self._limits.warn_above_mm)
                    )
                )
        return f"{WARNING_SIGN} " + "; ".join(parts) if parts else ""

    def _zone(self, zone_id: str) -> reference.Zone | None:
        """The zone with the clinic's depth bands when they are set."""
        if self._treatment is not None and zone_id in self._treatment.zones:
            return self._treatment.zones[zone_id]
        return reference.zones().get(zone_id)

    def _roman(self) -> str:
        if self._fitzpatrick is None:
            return ""
        return reference.fitzpatrick_numeral(self._fitzpatrick)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        entry = self._rows[row]
        zone = self._zone(entry.zone)
        if role == Qt.ItemDataRole.EditRole and column in self._FIELDS:
            return getattr(entry, self._FIELDS[column])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._display(entry, zone, row, column)
            field = self._FIELDS.get(column)
            if field and (row, field) in self._amended:
                text = self.tr("{original} → {amended} (amended)").format(
                    original=text, amended=self._amended[(row, field)]
                )
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TYPICAL and zone is not None:
                return self.tr("Warning above {bound} mm. {notes}").format(
                    bound=screen_mm(zone.warn_above_mm),
                    notes=data_label("zone_notes", zone.id) if zone.notes else "",
                )
            if column in (self.WARNINGS, self.DEPTH, self.PASSES, self.ZONE):
                messages = [self._errors[row]] if self._errors[row] else []
                messages += [screen_warning(w) for w in self._warnings[row]]
                return "\n".join(messages) or None
        # A warning is said once: its ⚠ and words, no second icon beside them.
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DEPTH, self.PASSES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, entry: ZoneEntry, zone: reference.Zone | None, row: int, column: int) -> str:
        if column == self.ZONE:
            return data_label("zones", entry.zone)
        if column == self.DEPTH:
            return screen_mm(entry.depth_mm)
        if column == self.TYPICAL:
            if zone is None:
                return ""
            if zone.typical_min_mm is None:
                return self.tr("per sub-area")
            return screen_decimals(zone.typical_range)
        if column == self.PASSES:
            return str(entry.passes)
        if column == self.SPEED:
            return entry.speed
        if column == self.ENDPOINT:
            return data_label("endpoints", entry.endpoint)
        if column == self.NOTES:
            return entry.notes
        if column == self.WARNINGS:
            return self._problem_text(row)
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self._read_only or not index.isValid():
            return False
        field = self._FIELDS.get(index.column())
        if field is None:
            return False
        entry = self._rows[index.row()]
        self._refusal = ""
        try:
            if field == "depth_mm":
                # the device's own settings: snapped to its step, refused outside its range
                value = snap_zone_depth(
                    entry.zone, float(value), self._limits, self._treatment, index.row()
                )
            elif field == "passes":
                value = int(value)
            elif field == "endpoint" and value not in {e.id for e in reference.endpoints()}:
                return False
            else:
                value = str(value)
            changed = replace(entry, **{field: value})
            check_zone(changed, self._limits, None, index.row(), self._treatment)
        except InvalidInput as exc:
            self._refusal = str(exc)
            return False  # refused: the cell keeps its value, the refusal says why
        except (TypeError, ValueError):
            return False
        self.set_entry(index.row(), changed)
        return True


class ProductTableModel(RowsTableModel):
    """Serums, glides and PRP used in the session, each with its lot."""

    PRODUCT, KIND, LOT, EXPIRY = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProductEntry] = []
        self._headers = (self.tr("Product"), self.tr("Kind"), self.tr("Lot"), self.tr("Expiry"))

    def entries(self) -> tuple[ProductEntry, ...]:
        return tuple(self._rows)

    def set_entries(self, entries: tuple[ProductEntry, ...] | list[ProductEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def add(self, entry: ProductEntry) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(entry)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if column == self.PRODUCT:
            return entry.product_name
        if column == self.KIND:
            return {
                "serum": self.tr("Serum"),
                "glide": self.tr("Glide"),
                "prp": self.tr("PRP (medical procedure)"),
                "anaesthetic": self.tr("Anaesthetic"),
                "post_care": self.tr("Post-care"),
            }.get(entry.kind, entry.kind)
        if column == self.LOT:
            return entry.lot_number or self.tr("— not recorded")
        if column == self.EXPIRY:
            return _short_date(entry.expiry_date)
        return None


def _short_date(day: date | None) -> str:
    return screen_short_date(day) if day else ""
