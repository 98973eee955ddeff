"""The session record's shape: states, the dataclasses a session is made of, and how an
amendment names, parses, shows and applies a corrected field."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from assistant import reference
from assistant.errors import InvalidInput

log = logging.getLogger(__name__)

DRAFT = "draft"
SIGNED = "signed"
DISCARDED = "discarded"


# --------------------------------------------------------------------------- the record


@dataclass(frozen=True)
class ZoneEntry:
    """One treated zone: how deep, how many passes, at what speed, to which endpoint."""

    zone: str
    depth_mm: float
    passes: int
    speed: str = ""
    endpoint: str = "none"
    notes: str = ""


@dataclass(frozen=True)
class ProductEntry:
    """A serum, glide or PRP used in the session, with its lot (for recalls)."""

    product_id: int | None
    product_name: str
    kind: str = "serum"
    lot_number: str = ""
    expiry_date: date | None = None


@dataclass(frozen=True)
class SessionWarning:
    """A warning shown while the session was recorded; kept with the session."""

    code: str  # zone_depth, pigmented_depth, pigmented_passes, interval, device_*
    zone: str | None
    message: str  # as worded when recorded (signed with the record; never reworded)
    # What it was worded from (depths in mm, ISO dates), for a screen to word it again in
    # its own language (assistant.sessions.warning_words); empty for warnings kept before.
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "zone": self.zone, "message": self.message}
        if self.values:
            data["values"] = dict(self.values)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SessionWarning:
        values = data.get("values")
        return cls(
            str(data.get("code", "")),
            data.get("zone"),
            str(data.get("message", "")),
            dict(values) if isinstance(values, Mapping) else {},
        )


@dataclass(frozen=True)
class SessionDraft:
    """Every field of the session record the practitioner fills in."""

    treated_at: datetime  # local wall time of the start
    ended_at: datetime | None = None
    practitioner_id: int | None = None
    device_id: int | None = None
    cartridge_id: int | None = None
    # Copied from the cartridge lot so the record stands on its own.
    cartridge_needles: str = ""
    cartridge_lot: str = ""
    cartridge_expiry: date | None = None
    anaesthetic_product: str = ""
    anaesthetic_strength: str = ""
    anaesthetic_minutes: int | None = None
    anaesthetic_removed_at: datetime | None = None
    consent_on_file: bool = False
    consent_date: date | None = None
    photos_taken: bool = False
    tolerance: int | None = None
    reactions: str = ""
    adverse_events: str = ""
    post_care: str = ""
    notes: str = ""
    zones: tuple[ZoneEntry, ...] = ()
    products: tuple[ProductEntry, ...] = ()
    next_session_date: date | None = None
    interval_weeks: int | None = None
    course_number: int | None = None
    course_total: int | None = None
    assessment_id: int | None = None

    @property
    def deepest_depth(self) -> float | None:
        return max((z.depth_mm for z in self.zones), default=None)


@dataclass(frozen=True)
class AmendmentEntry:
    id: int
    field: str
    old_value: str
    new_value: str
    reason: str
    practitioner_id: int | None
    practitioner_name: str
    created_at: datetime


@dataclass(frozen=True)
class SessionRecord:
    """A stored session: ``draft`` holds the values as recorded (for a signed session, as
    signed); ``effective`` applies the amendments on top."""

    id: int
    patient_id: int
    state: str
    draft: SessionDraft
    warnings: tuple[SessionWarning, ...] = ()
    signed_at: datetime | None = None
    signed_by_id: int | None = None
    signed_by_name: str = ""
    amendments: tuple[AmendmentEntry, ...] = ()
    aftercare_printed_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1  # pass it back to ``save_draft`` so a stale copy is refused

    @property
    def is_signed(self) -> bool:
        return self.state == SIGNED

    @property
    def effective(self) -> SessionDraft:
        return apply_amendments(self.draft, self.amendments)


@dataclass(frozen=True)
class DeviceLimits:
    """The depths a device can be set to (never wider than the hard limits)."""

    min_depth_mm: float
    max_depth_mm: float
    label: str = ""
    # From the device's profile: depth entry snaps to the step; above warn_above_mm it warns.
    step_mm: float | None = None
    warn_above_mm: float | None = None
    notes: str = ""
    # The youngest age the device is cleared for (SkinPen: 22); younger patients are warned.
    cleared_age: int | None = None

    @classmethod
    def default(cls) -> DeviceLimits:
        hard = reference.limits()
        return cls(hard.depth_min_mm, hard.depth_max_mm)

    def narrowed(self) -> DeviceLimits:
        hard = reference.limits()
        return dataclasses.replace(
            self,
            min_depth_mm=max(self.min_depth_mm, hard.depth_min_mm),
            max_depth_mm=min(self.max_depth_mm, hard.depth_max_mm),
        )


@dataclass(frozen=True)
class PreviousSession:
    """An earlier session of the patient, as the interval rule needs it."""

    id: int
    treated_at: datetime
    deepest_depth_mm: float


# --------------------------------------------------------------------------- amendments


_ZONE_FIELDS = {f.name: f for f in dataclasses.fields(ZoneEntry)}
_PRODUCT_FIELDS = {f.name: f for f in dataclasses.fields(ProductEntry) if f.name != "product_id"}
_DRAFT_FIELDS = {f.name: f for f in dataclasses.fields(SessionDraft)}
# Links to other records are chosen, not typed; an amendment corrects what was written.
_NOT_AMENDABLE = {"zones", "products", "assessment_id", "device_id", "cartridge_id"}
# Computed by the core from the zones (``assistant.sessions.derived``), never typed: an
# amended depth amends them too. Amendments stored before still apply.
DERIVED_FIELDS = ("interval_weeks",)
AMENDABLE_FIELDS = tuple(
    name for name in _DRAFT_FIELDS if name not in _NOT_AMENDABLE and name not in DERIVED_FIELDS
)
_INDEXED = re.compile(r"^(zones|products)\[(\d+)\]\.(\w+)$")


def _field_type(path: str) -> str:
    """The declared type of an amendable field, as text (``"float"``, ``"date | None"``)."""
    match = _INDEXED.match(path)
    if match:
        group, _, name = match.groups()
        fields = _ZONE_FIELDS if group == "zones" else _PRODUCT_FIELDS
        if name not in fields:
            raise InvalidInput(f"'{path}' is not a field that can be amended.", "field")
        return str(fields[name].type)
    if path not in AMENDABLE_FIELDS and path not in DERIVED_FIELDS:
        raise InvalidInput(f"'{path}' is not a field that can be amended.", "field")
    return str(_DRAFT_FIELDS[path].type)


def parse_field_value(path: str, value: Any) -> Any:
    """A typed value for ``path`` from text (or an already typed value)."""
    kind = _field_type(path)
    optional = "None" in kind
    base = kind.replace("| None", "").strip()
    if isinstance(value, str):
        text = value.strip()
        if text == "" and optional:
            return None
    else:
        text = ""
    try:
        if value is None:
            if optional:
                return None
            raise ValueError
        if base == "str":
            return value if isinstance(value, str) else str(value)
        if base == "bool":
            if isinstance(value, bool):
                return value
            if text.lower() in ("yes", "true", "1"):
                return True
            if text.lower() in ("no", "false", "0"):
                return False
            raise ValueError
        if base == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(value) if not isinstance(value, str) else int(text)
        if base == "float":
            number = float(value) if not isinstance(value, str) else float(text)
            return round(number, 2)
        if base == "datetime":
            if isinstance(value, datetime):
                return value
            return datetime.fromisoformat(text)
        if base == "date":
            if isinstance(value, date) and not isinstance(value, datetime):
                return value
            return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidInput(
            f"'{value}' is not a valid value for {field_label(path)}.", path
        ) from None
    raise InvalidInput(f"'{path}' is not a field that can be amended.", "field")


def value_text(value: Any) -> str:
    """How a value is stored in an amendment and shown: ISO dates, yes/no, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return reference.format_mm(value)
    return str(value)


def get_field(draft: SessionDraft, path: str) -> Any:
    match = _INDEXED.match(path)
    if match:
        group, index_text, name = match.groups()
        items: tuple[Any, ...] = getattr(draft, group)
        index = int(index_text)
        if index >= len(items):
            raise InvalidInput(f"The record has no {group[:-1]} number {index + 1}.", "field")
        return getattr(items[index], name)
    _field_type(path)
    return getattr(draft, path)


def set_field(draft: SessionDraft, path: str, value: Any) -> SessionDraft:
    match = _INDEXED.match(path)
    if match:
        group, index_text, name = match.groups()
        items = list(getattr(draft, group))
        index = int(index_text)
        if index >= len(items):
            raise InvalidInput(f"The record has no {group[:-1]} number {index + 1}.", "field")
        item_change: dict[str, Any] = {name: value}
        items[index] = dataclasses.replace(items[index], **item_change)
        group_change: dict[str, Any] = {group: tuple(items)}
        return dataclasses.replace(draft, **group_change)
    change: dict[str, Any] = {path: value}
    return dataclasses.replace(draft, **change)


def apply_amendments(draft: SessionDraft, amendments: Iterable[AmendmentEntry]) -> SessionDraft:
    """The record with every amendment applied in order."""
    for amendment in amendments:
        try:
            draft = set_field(
                draft, amendment.field, parse_field_value(amendment.field, amendment.new_value)
            )
        except InvalidInput:
            log.warning("amendment %s on %s cannot be applied", amendment.id, amendment.field)
    return draft


def effective_value(record: SessionRecord, path: str) -> Any:
    """The current value of a field: the last amendment's, or the original."""
    return get_field(record.effective, path)


def field_label(path: str) -> str:
    """A field name as the practitioner reads it: "Cheeks depth (mm)" needs the record;
    this gives "Zone 2: depth mm" for ``zones[1].depth_mm``."""
    match = _INDEXED.match(path)
    if match:
        group, index_text, name = match.groups()
        noun = "Zone" if group == "zones" else "Product"
        return f"{noun} {int(index_text) + 1}: {name.replace('_', ' ')}"
    return path.replace("_", " ").capitalize()
