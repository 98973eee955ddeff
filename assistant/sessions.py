"""The session record: what the practitioner records at the chair, and its storage rules.

A session is a ``draft`` while it is typed (saved as the practitioner types, so a closed
window or a power cut loses seconds, not the visit), then ``signed``: from then on the stored
record never changes. Corrections are amendments — who, when, which field, old and new value,
why — kept beside the original and written to the audit log. The storage layer itself refuses
changes to a signed session (a ``before_flush`` listener here, and database triggers added by
migration 0003), so no code path can quietly rewrite a signed record.

Warnings (a depth above the zone's usual bound, deep or repeated passes on Fitzpatrick IV–VI
skin, a session sooner than the interval after the previous one) never block; each one shown
is stored with the session. Values outside the device's limits are refused.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, event, exists, func, inspect, or_, select
from sqlalchemy.orm import InstanceState, Session

from assistant import audit, reference
from assistant.checklist import AssessmentResult, format_long_date
from assistant.clinic import PRODUCT_KINDS, get_clinic
from assistant.db import Database
from assistant.errors import InvalidInput, NotFound, RecordLocked
from assistant.models import (
    Amendment,
    Assessment,
    Cartridge,
    Device,
    Patient,
    Practitioner,
    Product,
    ProductLot,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
    utcnow,
)

log = logging.getLogger(__name__)

DRAFT = "draft"
SIGNED = "signed"
DISCARDED = "discarded"

TOLERANCE_MAX = 10
ANAESTHETIC_MINUTES_MAX = 240
COURSE_MAX = 20
INTERVAL_WEEKS_MAX = 104
MIN_REASON_CHARS = 5
MAX_LOT = 100
_EPSILON = 1e-9
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


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

    code: str  # zone_depth, pigmented_depth, pigmented_passes, interval
    zone: str | None
    message: str

    def to_json(self) -> dict[str, str | None]:
        return {"code": self.code, "zone": self.zone, "message": self.message}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SessionWarning:
        return cls(str(data.get("code", "")), data.get("zone"), str(data.get("message", "")))


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

    @classmethod
    def default(cls) -> DeviceLimits:
        hard = reference.limits()
        return cls(hard.depth_min_mm, hard.depth_max_mm)

    def narrowed(self) -> DeviceLimits:
        hard = reference.limits()
        return DeviceLimits(
            max(self.min_depth_mm, hard.depth_min_mm),
            min(self.max_depth_mm, hard.depth_max_mm),
            self.label,
        )


@dataclass(frozen=True)
class PreviousSession:
    """An earlier session of the patient, as the interval rule needs it."""

    id: int
    treated_at: datetime
    deepest_depth_mm: float


# --------------------------------------------------------------------------- rules


def roman(fitzpatrick: int) -> str:
    return _ROMAN.get(fitzpatrick, str(fitzpatrick))


def check_zone(
    entry: ZoneEntry,
    device_limits: DeviceLimits | None = None,
    fitzpatrick: int | None = None,
    index: int = 0,
) -> list[SessionWarning]:
    """Warnings for one zone; ``InvalidInput`` (naming e.g. ``zones[2].depth_mm``) for an
    unknown zone or endpoint, a depth outside the device's limits or passes outside 1–8."""
    where = f"zones[{index}]"
    zone = reference.zone(entry.zone, f"{where}.zone")
    limits = (device_limits or DeviceLimits.default()).narrowed()
    hard = reference.limits()
    depth = entry.depth_mm
    if not (limits.min_depth_mm - _EPSILON <= depth <= limits.max_depth_mm + _EPSILON):
        device = f" of {limits.label}" if limits.label else " of the device"
        raise InvalidInput(
            f"{zone.name}: {reference.format_mm(depth)} mm is outside the limits{device} "
            f"({reference.format_mm(limits.min_depth_mm)}–"
            f"{reference.format_mm(limits.max_depth_mm)} mm).",
            f"{where}.depth_mm",
        )
    if not hard.passes_min <= entry.passes <= hard.passes_max:
        raise InvalidInput(
            f"{zone.name}: {entry.passes} passes is outside {hard.passes_min}–{hard.passes_max}.",
            f"{where}.passes",
        )
    if entry.endpoint not in {e.id for e in reference.endpoints()}:
        known = ", ".join(e.id for e in reference.endpoints())
        raise InvalidInput(
            f"{zone.name}: unknown endpoint '{entry.endpoint}' (expected {known}).",
            f"{where}.endpoint",
        )
    warnings: list[SessionWarning] = []
    if depth > zone.warn_above_mm + _EPSILON:
        warnings.append(
            SessionWarning(
                "zone_depth",
                zone.id,
                f"{zone.name}: {reference.format_mm(depth)} mm is above the usual upper bound "
                f"of {reference.format_mm(zone.warn_above_mm)} mm for this zone "
                f"(typical {zone.typical_range}).",
            )
        )
    if fitzpatrick is not None and fitzpatrick >= hard.pigmented_skin_min_fitzpatrick:
        if depth > hard.pigmented_skin_depth_warn_mm + _EPSILON:
            warnings.append(
                SessionWarning(
                    "pigmented_depth",
                    zone.id,
                    f"{zone.name}: {reference.format_mm(depth)} mm on Fitzpatrick type "
                    f"{roman(fitzpatrick)} skin is above "
                    f"{reference.format_mm(hard.pigmented_skin_depth_warn_mm)} mm "
                    "(risk of post-inflammatory hyperpigmentation).",
                )
            )
        if entry.passes > hard.pigmented_skin_passes_warn:
            warnings.append(
                SessionWarning(
                    "pigmented_passes",
                    zone.id,
                    f"{zone.name}: {entry.passes} passes on Fitzpatrick type "
                    f"{roman(fitzpatrick)} skin is more than {hard.pigmented_skin_passes_warn} "
                    "(risk of post-inflammatory hyperpigmentation).",
                )
            )
    return warnings


def recommended_interval_weeks(deepest_depth_mm: float) -> int:
    return reference.interval_weeks(deepest_depth_mm)


def recommended_next_date(treated_at: date | datetime, deepest_depth_mm: float) -> date:
    """The day of the next session: the interval for the deepest depth after this one."""
    day = treated_at.date() if isinstance(treated_at, datetime) else treated_at
    return day + timedelta(weeks=reference.interval_weeks(deepest_depth_mm))


def _describe_gap(days: int) -> str:
    if days >= 7:
        weeks = days // 7
        return f"{weeks} week" + ("s" if weeks != 1 else "")
    return f"{days} day" + ("s" if days != 1 else "")


def interval_warning(
    previous: PreviousSession | None, treated_at: datetime
) -> SessionWarning | None:
    """A warning when this session comes sooner than the interval the previous one needs."""
    if previous is None:
        return None
    weeks = reference.interval_weeks(previous.deepest_depth_mm)
    earliest = previous.treated_at.date() + timedelta(weeks=weeks)
    if treated_at.date() >= earliest:
        return None
    gap = (treated_at.date() - previous.treated_at.date()).days
    return SessionWarning(
        "interval",
        None,
        f"Previous session on {format_long_date(previous.treated_at.date())} at "
        f"{reference.format_mm(previous.deepest_depth_mm)} mm: {weeks} weeks recommended, "
        f"this one on {format_long_date(treated_at.date())} is only {_describe_gap(gap)} "
        f"later (earliest recommended {format_long_date(earliest)}).",
    )


def previous_session(
    history: Iterable[PreviousSession], treated_at: datetime, exclude_id: int | None = None
) -> PreviousSession | None:
    """The latest of ``history`` that started before ``treated_at``."""
    earlier = [p for p in history if p.treated_at < treated_at and p.id != exclude_id]
    return max(earlier, key=lambda p: (p.treated_at, p.id), default=None)


def compute_warnings(
    draft: SessionDraft,
    fitzpatrick: int | None,
    device_limits: DeviceLimits | None,
    previous: PreviousSession | None,
) -> list[SessionWarning]:
    """Every warning for the draft, in the order the form shows them (raises like
    :func:`check_zone` for values that are refused)."""
    warnings: list[SessionWarning] = []
    for index, entry in enumerate(draft.zones):
        warnings += check_zone(entry, device_limits, fitzpatrick, index)
    late = interval_warning(previous, draft.treated_at)
    if late is not None:
        warnings.append(late)
    return warnings


def validate_draft(draft: SessionDraft, device_limits: DeviceLimits | None = None) -> None:
    """``InvalidInput`` naming the field for anything a draft may not hold (incomplete is
    fine; wrong is not)."""
    for index, entry in enumerate(draft.zones):
        check_zone(entry, device_limits, None, index)
    if draft.tolerance is not None and not 0 <= draft.tolerance <= TOLERANCE_MAX:
        raise InvalidInput(f"Tolerance is scored 0 to {TOLERANCE_MAX}.", "tolerance")
    if draft.anaesthetic_minutes is not None and not (
        0 <= draft.anaesthetic_minutes <= ANAESTHETIC_MINUTES_MAX
    ):
        raise InvalidInput(
            f"Anaesthetic minutes must be between 0 and {ANAESTHETIC_MINUTES_MAX}.",
            "anaesthetic_minutes",
        )
    if draft.cartridge_needles and draft.cartridge_needles not in reference.needle_counts():
        raise InvalidInput(
            f"Needle count must be one of {', '.join(reference.needle_counts())}.",
            "cartridge_needles",
        )
    if len(draft.cartridge_lot) > MAX_LOT:
        raise InvalidInput(f"The lot number is longer than {MAX_LOT} characters.", "cartridge_lot")
    check_cartridge_expiry(draft)
    if draft.ended_at is not None and draft.ended_at < draft.treated_at:
        raise InvalidInput("The session cannot end before it starts.", "ended_at")
    if draft.next_session_date is not None and draft.next_session_date <= draft.treated_at.date():
        raise InvalidInput("The next session must be after this one.", "next_session_date")
    if draft.interval_weeks is not None and not 1 <= draft.interval_weeks <= INTERVAL_WEEKS_MAX:
        raise InvalidInput("The interval must be between 1 and 104 weeks.", "interval_weeks")
    if draft.course_total is not None and not 1 <= draft.course_total <= COURSE_MAX:
        raise InvalidInput(f"A course has 1 to {COURSE_MAX} sessions.", "course_total")
    if draft.course_number is not None:
        total = draft.course_total or COURSE_MAX
        if not 1 <= draft.course_number <= total:
            raise InvalidInput(
                f"Session number {draft.course_number} does not fit a course of {total}.",
                "course_number",
            )
    for index, product in enumerate(draft.products):
        if not product.product_name.strip():
            raise InvalidInput("Enter the product's name.", f"products[{index}].product_name")
        if product.kind not in PRODUCT_KINDS:
            raise InvalidInput(
                f"Product kind must be one of {', '.join(PRODUCT_KINDS)}.",
                f"products[{index}].kind",
            )
        if len(product.lot_number) > MAX_LOT:
            raise InvalidInput(
                f"The lot number is longer than {MAX_LOT} characters.",
                f"products[{index}].lot_number",
            )


def check_cartridge_expiry(draft: SessionDraft) -> None:
    """An expired cartridge (expiry before the day of treatment) is refused."""
    expiry = draft.cartridge_expiry
    if expiry is not None and expiry < draft.treated_at.date():
        lot = f" lot {draft.cartridge_lot}" if draft.cartridge_lot else ""
        raise InvalidInput(
            f"The cartridge{lot} expired on {format_long_date(expiry)}, before this session "
            f"({format_long_date(draft.treated_at.date())}). Use an unexpired cartridge.",
            "cartridge_expiry",
        )


def validate_for_signing(draft: SessionDraft, device_limits: DeviceLimits | None = None) -> None:
    """What a record needs before it is signed; ``InvalidInput`` naming the first gap."""
    validate_draft(draft, device_limits)
    if draft.practitioner_id is None:
        raise InvalidInput("Choose the practitioner who treated the patient.", "practitioner_id")
    if not draft.zones:
        raise InvalidInput("Add at least one treated zone.", "zones")
    if not draft.consent_on_file:
        raise InvalidInput("Record that signed consent is on file.", "consent_on_file")
    if draft.device_id is None:
        raise InvalidInput("Choose the device used.", "device_id")
    if not draft.cartridge_lot.strip():
        raise InvalidInput("Record the cartridge and its lot number.", "cartridge_lot")
    if draft.cartridge_expiry is None:
        raise InvalidInput("Record the cartridge's expiry date.", "cartridge_expiry")


# --------------------------------------------------------------------------- amendments


_ZONE_FIELDS = {f.name: f for f in dataclasses.fields(ZoneEntry)}
_PRODUCT_FIELDS = {f.name: f for f in dataclasses.fields(ProductEntry) if f.name != "product_id"}
_DRAFT_FIELDS = {f.name: f for f in dataclasses.fields(SessionDraft)}
# Links to other records are chosen, not typed; an amendment corrects what was written.
_NOT_AMENDABLE = {"zones", "products", "assessment_id", "device_id", "cartridge_id"}
AMENDABLE_FIELDS = tuple(name for name in _DRAFT_FIELDS if name not in _NOT_AMENDABLE)
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
    if path not in AMENDABLE_FIELDS:
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


# --------------------------------------------------------------------------- storage guard


def _original_state(obj: TreatmentSession) -> str | None:
    committed = inspect(obj).committed_state
    if "state" in committed:
        value = committed["state"]
        return value if isinstance(value, str) else None
    return obj.state


_SIGNED_WRITABLE = {"aftercare_printed_at", "updated_at", "amendments"}


def _parent_signed(session: Session, child: ZoneTreatment | ProductUse) -> bool:
    state: InstanceState[Any] = inspect(child)
    parents: list[TreatmentSession] = []
    history = state.attrs.session.history
    parents += [p for p in (*history.deleted, *history.unchanged, *history.added) if p]
    session_ids = [child.session_id]
    if "session_id" in state.committed_state:
        session_ids.append(state.committed_state["session_id"])
    for session_id in session_ids:
        if session_id is not None:
            parent = session.get(TreatmentSession, session_id)
            if parent is not None:
                parents.append(parent)
    return any(
        inspect(p).persistent and _original_state(p) == SIGNED for p in parents if p is not None
    )


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_signed_sessions(session: Session, _context: Any, _instances: Any) -> None:
    with session.no_autoflush:
        for obj in list(session.dirty):
            if isinstance(obj, TreatmentSession) and _original_state(obj) == SIGNED:
                changed = {
                    attr.key for attr in inspect(obj).attrs if attr.history.has_changes()
                } - _SIGNED_WRITABLE
                if changed:
                    raise RecordLocked(
                        f"Session {obj.id} is signed and cannot be changed "
                        f"({', '.join(sorted(changed))}); record an amendment instead."
                    )
            elif isinstance(obj, ZoneTreatment | ProductUse):
                if session.is_modified(obj) and _parent_signed(session, obj):
                    raise RecordLocked(
                        "A signed session's zones and products cannot be changed; "
                        "record an amendment instead."
                    )
            elif isinstance(obj, Amendment) and session.is_modified(obj):
                raise RecordLocked("Amendments can never be changed.")
        for obj in list(session.deleted):
            if isinstance(obj, TreatmentSession) and _original_state(obj) == SIGNED:
                raise RecordLocked(f"Session {obj.id} is signed and cannot be deleted.")
            if isinstance(obj, ZoneTreatment | ProductUse) and _parent_signed(session, obj):
                raise RecordLocked("A signed session's zones and products cannot be removed.")
            if isinstance(obj, Amendment):
                raise RecordLocked("Amendments can never be deleted.")
        for obj in list(session.new):
            if isinstance(obj, ZoneTreatment | ProductUse) and _parent_signed(session, obj):
                raise RecordLocked(
                    "Nothing can be added to a signed session; record an amendment instead."
                )


# --------------------------------------------------------------------------- reading


def _zone_entry(row: ZoneTreatment) -> ZoneEntry:
    return ZoneEntry(row.zone, row.depth_mm, row.passes, row.speed, row.endpoint, row.notes)


def _product_entry(row: ProductUse) -> ProductEntry:
    return ProductEntry(row.product_id, row.product_name, row.kind, row.lot_number, row.expiry_date)


_SCALAR_FIELDS = tuple(name for name in _DRAFT_FIELDS if name not in ("zones", "products"))


def _draft_of(row: TreatmentSession) -> SessionDraft:
    values = {name: getattr(row, name) for name in _SCALAR_FIELDS}
    return SessionDraft(
        **values,
        zones=tuple(_zone_entry(z) for z in row.zones),
        products=tuple(_product_entry(p) for p in row.products),
    )


def _amendment_entries(session: Session, session_id: int) -> tuple[AmendmentEntry, ...]:
    stmt = (
        select(Amendment, Practitioner.name)
        .outerjoin(Practitioner, Practitioner.id == Amendment.practitioner_id)
        .where(Amendment.session_id == session_id)
        .order_by(Amendment.id)
    )
    return tuple(
        AmendmentEntry(
            a.id,
            a.field,
            a.old_value,
            a.new_value,
            a.reason,
            a.practitioner_id,
            name or "",
            a.created_at,
        )
        for a, name in session.execute(stmt)
    )


def _record_of(session: Session, row: TreatmentSession) -> SessionRecord:
    signer = session.get(Practitioner, row.signed_by_id) if row.signed_by_id else None
    return SessionRecord(
        id=row.id,
        patient_id=row.patient_id,
        state=row.state,
        draft=_draft_of(row),
        warnings=tuple(SessionWarning.from_json(w) for w in row.warnings or ()),
        signed_at=row.signed_at,
        signed_by_id=row.signed_by_id,
        signed_by_name=signer.name if signer else "",
        amendments=_amendment_entries(session, row.id),
        aftercare_printed_at=row.aftercare_printed_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _get_row(session: Session, session_id: int) -> TreatmentSession:
    row = session.get(TreatmentSession, session_id)
    if row is None:
        raise NotFound(f"There is no session with id {session_id}.")
    return row


def get_session(db: Database, session_id: int) -> SessionRecord:
    with db.session() as session:
        return _record_of(session, _get_row(session, session_id))


def _device_limits(session: Session, device_id: int | None) -> DeviceLimits:
    if device_id is None:
        return DeviceLimits.default()
    device = session.get(Device, device_id)
    if device is None:
        raise InvalidInput(f"There is no device with id {device_id}.", "device_id")
    return DeviceLimits(device.min_depth_mm, device.max_depth_mm, f"{device.make} {device.model}")


def _history(
    session: Session, patient_id: int, exclude_id: int | None, before: datetime | None = None
) -> list[PreviousSession]:
    """Earlier sessions of the patient with their deepest depth (amendments applied)."""
    has_zones = exists().where(ZoneTreatment.session_id == TreatmentSession.id)
    stmt = select(TreatmentSession.id, TreatmentSession.treated_at).where(
        TreatmentSession.patient_id == patient_id,
        TreatmentSession.state != DISCARDED,
        has_zones,
    )
    if exclude_id is not None:
        stmt = stmt.where(TreatmentSession.id != exclude_id)
    if before is not None:
        # Only the latest earlier session matters for the interval rule.
        stmt = stmt.where(TreatmentSession.treated_at < before)
        stmt = stmt.order_by(TreatmentSession.treated_at.desc()).limit(1)
    result = []
    for session_id, treated_at in session.execute(stmt).all():
        zones = tuple(
            ZoneEntry(zone, depth, passes)
            for zone, depth, passes in session.execute(
                select(ZoneTreatment.zone, ZoneTreatment.depth_mm, ZoneTreatment.passes)
                .where(ZoneTreatment.session_id == session_id)
                .order_by(ZoneTreatment.position)
            )
        )
        draft = apply_amendments(
            SessionDraft(treated_at=treated_at, zones=zones),
            [
                a
                for a in _amendment_entries(session, session_id)
                if a.field.startswith("zones[") or a.field == "treated_at"
            ],
        )
        result.append(PreviousSession(session_id, draft.treated_at, draft.deepest_depth or 0.0))
    return result


def session_warnings(
    db_or_session: Database | Session, draft: SessionDraft, patient: int | Patient
) -> list[SessionWarning]:
    """Every warning for ``draft`` of this patient (id or row), including the interval one."""
    if isinstance(db_or_session, Database):
        with db_or_session.session() as session:
            return session_warnings(session, draft, patient)
    session = db_or_session
    row = session.get(Patient, patient) if isinstance(patient, int) else patient
    if row is None:
        raise NotFound(f"There is no patient with id {patient}.")
    limits = _device_limits(session, draft.device_id)
    history = _history(session, row.id, None, draft.treated_at)
    return compute_warnings(
        draft, row.fitzpatrick, limits, previous_session(history, draft.treated_at)
    )


# --------------------------------------------------------------------------- writing


def local_now() -> datetime:
    """Local wall time to the minute, as clinical times are recorded."""
    return datetime.now().replace(second=0, microsecond=0)


def create_draft(
    db: Database,
    patient_id: int,
    actor: int | None,
    assessment_id: int | None = None,
    treated_at: datetime | None = None,
) -> int:
    """A new draft session for the patient; the course carries forward from the previous
    session ("session 2 of 4" after "1 of 4"; none once the course is complete)."""
    treated_at = treated_at or local_now()
    with db.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None or patient.erased_at is not None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        if assessment_id is not None:
            assessment = session.get(Assessment, assessment_id)
            if assessment is None or assessment.patient_id != patient_id:
                raise InvalidInput(
                    f"Assessment {assessment_id} does not belong to this patient.",
                    "assessment_id",
                )
        previous = session.execute(
            select(TreatmentSession.course_number, TreatmentSession.course_total)
            .where(
                TreatmentSession.patient_id == patient_id,
                TreatmentSession.state != DISCARDED,
                TreatmentSession.treated_at <= treated_at,
            )
            .order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc())
            .limit(1)
        ).first()
        course_number = course_total = None
        if (
            previous is not None
            and previous.course_number
            and previous.course_total
            and previous.course_number < previous.course_total
        ):
            course_number = previous.course_number + 1
            course_total = previous.course_total
        practitioner = session.get(Practitioner, actor) if actor is not None else None
        row = TreatmentSession(
            patient_id=patient_id,
            practitioner_id=practitioner.id if practitioner else None,
            assessment_id=assessment_id,
            state=DRAFT,
            treated_at=treated_at,
            course_number=course_number,
            course_total=course_total,
            warnings=[],
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "create",
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Started session {row.id} (draft)",
        )
        return row.id


def _flat(draft: SessionDraft) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(draft, name) for name in _SCALAR_FIELDS}
    values["zones"] = [dataclasses.asdict(z) for z in draft.zones]
    values["products"] = [
        {k: audit._plain(v) for k, v in dataclasses.asdict(p).items()} for p in draft.products
    ]
    return values


def _sync_children(
    session: Session,
    existing: list[Any],
    wanted: Sequence[Any],
    make: Any,
    collection: list[Any],
) -> None:
    """Update child rows in place by position, add the new ones, remove the extra: a draft
    saved after one keystroke writes one row, not ten."""
    for position, entry in enumerate(wanted):
        values = dataclasses.asdict(entry)
        if position < len(existing):
            child = existing[position]
            for key, value in values.items():
                if getattr(child, key) != value:
                    setattr(child, key, value)
            if child.position != position:
                child.position = position
        else:
            collection.append(make(position=position, **values))
    for child in existing[len(wanted) :]:
        collection.remove(child)


def save_draft(
    db: Database, session_id: int, draft: SessionDraft, actor: int | None
) -> SessionRecord:
    """Store the draft as typed (validated; warnings recomputed and kept). Refuses a signed
    session with ``RecordLocked``. Writes only what changed, with one audit row."""
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != DRAFT:
            raise RecordLocked(
                f"Session {session_id} is {row.state}; it can no longer be edited"
                + ("; record an amendment instead." if row.state == SIGNED else ".")
            )
        if draft.assessment_id != row.assessment_id:
            draft = dataclasses.replace(draft, assessment_id=row.assessment_id)
        limits = _device_limits(session, draft.device_id)
        validate_draft(draft, limits)
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        history = _history(session, row.patient_id, row.id, draft.treated_at)
        warnings = compute_warnings(
            draft, patient.fitzpatrick, limits, previous_session(history, draft.treated_at)
        )
        before = _draft_of(row)
        changes = audit.diff(_flat(before), _flat(draft))
        warnings_json = [w.to_json() for w in warnings]
        if changes or warnings_json != list(row.warnings or []):
            for name in _SCALAR_FIELDS:
                value = getattr(draft, name)
                if getattr(row, name) != value:
                    setattr(row, name, value)
            if warnings_json != list(row.warnings or []):
                row.warnings = warnings_json
            _sync_children(session, list(row.zones), draft.zones, ZoneTreatment, row.zones)
            _sync_children(session, list(row.products), draft.products, ProductUse, row.products)
            row.updated_at = utcnow()
            if changes:
                # Field names only: a draft changes with every keystroke, and its values are
                # in the record itself.
                audit.record(
                    session,
                    "change",
                    "treatment_session",
                    row.id,
                    actor=actor,
                    patient_id=row.patient_id,
                    summary=f"Saved draft of session {row.id}: {', '.join(changes)}",
                    changes={"fields": sorted(changes)},
                )
            session.flush()
        return SessionRecord(
            id=row.id,
            patient_id=row.patient_id,
            state=row.state,
            draft=draft,
            warnings=tuple(warnings),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


def sign_session(db: Database, session_id: int, actor: int | None) -> SessionRecord:
    """Sign the draft: it is checked for completeness and becomes read-only."""
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != DRAFT:
            raise RecordLocked(f"Session {session_id} is {row.state}; only a draft can be signed.")
        draft = _draft_of(row)
        limits = _device_limits(session, draft.device_id)
        validate_for_signing(draft, limits)
        signer_id = actor if actor is not None else draft.practitioner_id
        if signer_id is None or session.get(Practitioner, signer_id) is None:
            raise InvalidInput("Choose the practitioner who signs the record.", "practitioner_id")
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        history = _history(session, row.patient_id, row.id, draft.treated_at)
        warnings = compute_warnings(
            draft, patient.fitzpatrick, limits, previous_session(history, draft.treated_at)
        )
        row.warnings = [w.to_json() for w in warnings]
        row.state = SIGNED
        row.signed_at = utcnow()
        row.signed_by_id = signer_id
        audit.record(
            session,
            "sign",
            "treatment_session",
            row.id,
            actor=signer_id,
            patient_id=row.patient_id,
            summary=f"Signed session {row.id}"
            + (f" with {len(warnings)} warning(s)" if warnings else ""),
            changes={"state": [DRAFT, SIGNED]},
        )
        session.flush()
        return _record_of(session, row)


def discard_draft(db: Database, session_id: int, actor: int | None, reason: str = "") -> None:
    """Set an unfinished draft aside (kept, never deleted, but no longer offered)."""
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != DRAFT:
            raise RecordLocked(
                f"Session {session_id} is {row.state}; only a draft can be discarded."
            )
        row.state = DISCARDED
        audit.record(
            session,
            "change",
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Discarded draft session {row.id}" + (f": {reason}" if reason else ""),
            changes={"state": [DRAFT, DISCARDED]},
        )


def amend_session(
    db: Database, session_id: int, field: str, new_value: Any, reason: str, actor: int | None
) -> SessionRecord:
    """Correct a signed session: the original stays, an amendment records who, when, which
    field, the old and new value and why; the audit log gets an "amend" event."""
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_CHARS:
        raise InvalidInput("Write why the record is being amended.", "reason")
    with db.session() as session:
        row = _get_row(session, session_id)
        if row.state != SIGNED:
            raise InvalidInput(
                "Only a signed session is amended; a draft is simply edited.", "state"
            )
        record = _record_of(session, row)
        current = record.effective
        value = parse_field_value(field, new_value)
        old = get_field(current, field)
        if value == old:
            raise InvalidInput(f"{field_label(field)} already holds that value.", field)
        amended = set_field(current, field, value)
        validate_for_signing(amended, _device_limits(session, amended.device_id))
        entry = Amendment(
            session_id=row.id,
            practitioner_id=actor,
            field=field,
            old_value=value_text(old),
            new_value=value_text(value),
            reason=reason,
        )
        session.add(entry)
        session.flush()
        audit.record(
            session,
            "amend",
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Amended {field} of session {row.id}: {reason}",
            changes={field: [entry.old_value, entry.new_value], "reason": reason},
        )
        session.flush()
        return _record_of(session, row)


def mark_aftercare_printed(db: Database, session_id: int, actor: int | None) -> datetime:
    """Stamp the session with the time its aftercare sheet was printed (audit "print")."""
    with db.session() as session:
        row = _get_row(session, session_id)
        row.aftercare_printed_at = utcnow()
        audit.record(
            session,
            "print",
            "treatment_session",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Printed the aftercare sheet for session {row.id}",
        )
        return row.aftercare_printed_at


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class SessionSummary:
    """One line of a patient's session timeline (amendments applied)."""

    id: int
    patient_id: int
    treated_at: datetime
    state: str
    practitioner: str
    zones: tuple[ZoneEntry, ...]
    deepest_depth_mm: float | None
    products: tuple[ProductEntry, ...]
    cartridge_needles: str
    cartridge_lot: str
    course_number: int | None
    course_total: int | None
    next_session_date: date | None
    warnings: int
    amendments: int
    signed_at: datetime | None

    @property
    def course(self) -> str:
        if self.course_number and self.course_total:
            return f"session {self.course_number} of {self.course_total}"
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "patient_id": self.patient_id,
            "treated_at": self.treated_at.isoformat(timespec="minutes"),
            "state": self.state,
            "practitioner": self.practitioner,
            "zones": [dataclasses.asdict(z) for z in self.zones],
            "deepest_depth_mm": self.deepest_depth_mm,
            "products": [
                {k: audit._plain(v) for k, v in dataclasses.asdict(p).items()}
                for p in self.products
            ],
            "cartridge_needles": self.cartridge_needles,
            "cartridge_lot": self.cartridge_lot,
            "course_number": self.course_number,
            "course_total": self.course_total,
            "next_session_date": audit._plain(self.next_session_date),
            "warnings": self.warnings,
            "amendments": self.amendments,
            "signed_at": audit._plain(self.signed_at),
        }


def list_sessions(db: Database, patient_id: int) -> list[SessionSummary]:
    """The patient's sessions, newest first (discarded drafts left out)."""
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        rows = list(
            session.scalars(
                select(TreatmentSession)
                .where(
                    TreatmentSession.patient_id == patient_id,
                    TreatmentSession.state != DISCARDED,
                )
                .order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc())
            )
        )
        names = dict(session.execute(select(Practitioner.id, Practitioner.name)).all())
        result = []
        for row in rows:
            record = _record_of(session, row)
            effective = record.effective
            result.append(
                SessionSummary(
                    id=row.id,
                    patient_id=row.patient_id,
                    treated_at=effective.treated_at,
                    state=row.state,
                    practitioner=names.get(effective.practitioner_id or 0, ""),
                    zones=effective.zones,
                    deepest_depth_mm=effective.deepest_depth,
                    products=effective.products,
                    cartridge_needles=effective.cartridge_needles,
                    cartridge_lot=effective.cartridge_lot,
                    course_number=effective.course_number,
                    course_total=effective.course_total,
                    next_session_date=effective.next_session_date,
                    warnings=len(record.warnings),
                    amendments=len(record.amendments),
                    signed_at=row.signed_at,
                )
            )
        return result


@dataclass(frozen=True)
class DraftInfo:
    """An unfinished draft, as offered when the app opens again."""

    session_id: int
    patient_id: int
    patient_name: str
    treated_at: datetime
    updated_at: datetime
    zones: int


def unfinished_drafts(db: Database, patient_id: int | None = None) -> list[DraftInfo]:
    """Drafts never signed nor discarded, most recently edited first."""
    with db.session() as session:
        zone_count = (
            select(func.count(ZoneTreatment.id))
            .where(ZoneTreatment.session_id == TreatmentSession.id)
            .scalar_subquery()
        )
        stmt = (
            select(TreatmentSession, Patient, zone_count)
            .join(Patient, Patient.id == TreatmentSession.patient_id)
            .where(TreatmentSession.state == DRAFT)
            .order_by(TreatmentSession.updated_at.desc())
        )
        if patient_id is not None:
            stmt = stmt.where(TreatmentSession.patient_id == patient_id)
        return [
            DraftInfo(
                row.id,
                patient.id,
                f"{patient.first_name} {patient.last_name}".strip(),
                row.treated_at,
                row.updated_at,
                int(zones or 0),
            )
            for row, patient, zones in session.execute(stmt)
        ]


# --------------------------------------------------------------------------- recall


@dataclass(frozen=True)
class RecallRow:
    """A patient who received a recalled lot, and in which session."""

    patient_id: int
    first_name: str
    last_name: str
    date_of_birth: date | None
    phone: str
    session_id: int
    treated_at: datetime
    state: str
    matched: str  # e.g. "product lot HA-2604 (Hyaluronic acid 1.5%)"

    @property
    def patient_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


RECALL_COLUMNS = (
    "patient_id",
    "last_name",
    "first_name",
    "date_of_birth",
    "phone",
    "session_id",
    "session_date",
    "state",
    "matched",
)
_PHONE_LIKE = re.compile(r"^[0-9+()\-.\s/]*$")


def recall(db: Database, lot: str) -> list[RecallRow]:
    """Every session in which product lot or cartridge lot ``lot`` was used (case and
    surrounding spaces ignored; amended lots included), by patient name."""
    wanted = lot.strip().upper()
    if not wanted:
        raise InvalidInput("Enter the lot number to search for.", "lot")
    found: dict[tuple[int, str], str] = {}
    with db.session() as session:
        for session_id, name, lot_number in session.execute(
            select(ProductUse.session_id, ProductUse.product_name, ProductUse.lot_number).where(
                func.upper(func.trim(ProductUse.lot_number)) == wanted
            )
        ):
            found.setdefault((session_id, f"p:{name}"), f"product lot {lot_number} ({name})")
        for session_id, lot_number, needles in session.execute(
            select(
                TreatmentSession.id,
                TreatmentSession.cartridge_lot,
                TreatmentSession.cartridge_needles,
            ).where(func.upper(func.trim(TreatmentSession.cartridge_lot)) == wanted)
        ):
            needles_text = f", {needles} needles" if needles else ""
            found.setdefault((session_id, "cartridge"), f"cartridge lot {lot_number}{needles_text}")
        for session_id, path, new_value in session.execute(
            select(Amendment.session_id, Amendment.field, Amendment.new_value).where(
                or_(Amendment.field == "cartridge_lot", Amendment.field.like("products[%"))
                & (func.upper(func.trim(Amendment.new_value)) == wanted)
            )
        ):
            kind = "cartridge lot" if path == "cartridge_lot" else "product lot"
            found.setdefault((session_id, f"a:{path}"), f"{kind} {new_value} (amended)")
        if not found:
            return []
        ids = sorted({session_id for session_id, _ in found})
        rows: list[RecallRow] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row, patient in session.execute(
                select(TreatmentSession, Patient)
                .join(Patient, Patient.id == TreatmentSession.patient_id)
                .where(and_(TreatmentSession.id.in_(chunk), TreatmentSession.state != DISCARDED))
            ):
                for (session_id, _), matched in sorted(found.items()):
                    if session_id == row.id:
                        rows.append(
                            RecallRow(
                                patient.id,
                                patient.first_name,
                                patient.last_name,
                                patient.date_of_birth,
                                patient.phone,
                                row.id,
                                row.treated_at,
                                row.state,
                                matched,
                            )
                        )
        rows.sort(key=lambda r: (r.last_name.casefold(), r.first_name.casefold(), r.treated_at))
        return rows


def _csv_safe(value: str, phone: bool = False) -> str:
    """Keep a spreadsheet from running a cell as a formula (a name typed as "=HYPERLINK…")."""
    if phone and _PHONE_LIKE.match(value):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def recall_csv(rows: Iterable[RecallRow]) -> str:
    """The recall list as CSV (UTF-8 text, a header line, one row per session and match)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(RECALL_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.patient_id,
                _csv_safe(row.last_name),
                _csv_safe(row.first_name),
                row.date_of_birth.isoformat() if row.date_of_birth else "",
                _csv_safe(row.phone, phone=True),
                row.session_id,
                row.treated_at.date().isoformat(),
                row.state,
                _csv_safe(row.matched),
            ]
        )
    return out.getvalue()


def record_recall_export(
    db: Database, lot: str, rows: Sequence[RecallRow], destination: str, actor: int | None
) -> None:
    """Audit an export of the recall list (it holds patients' names and phone numbers)."""
    with db.session() as session:
        audit.record(
            session,
            "export",
            "recall",
            None,
            actor=actor,
            summary=f"Exported the recall list for lot {lot.strip()} "
            f"({len(rows)} row(s)) to {destination}",
            changes={"lot": lot.strip(), "patients": sorted({r.patient_id for r in rows})},
        )


# --------------------------------------------------------------------------- assessments


def save_assessment(
    db: Database,
    patient_id: int,
    result: AssessmentResult,
    zones: Sequence[str],
    actor: int | None,
) -> int:
    """Store the accepted checklist (answers, verdict, zones); an override is audited with
    its reason."""
    for index, zone_id in enumerate(zones):
        reference.zone(zone_id, f"zones[{index}]")
    verdict = result.verdict
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        practitioner = session.get(Practitioner, actor) if actor is not None else None
        row = Assessment(
            patient_id=patient_id,
            practitioner_id=practitioner.id if practitioner else None,
            assessed_on=result.assessed_on,
            checklist_version=verdict.checklist_version,
            answers=result.answers_to_json(),
            zones=list(zones),
            outcome=verdict.outcome.value,
            defer_until=verdict.defer_until,
            reasons=[
                {**reason.to_dict(), "until": audit._plain(reason.until)}
                for reason in verdict.reasons
            ],
            override_reason=result.override_reason,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "create",
            "assessment",
            row.id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Suitability checklist: {verdict.outcome.label}",
            changes={"outcome": [None, verdict.outcome.value]},
        )
        if result.override_reason:
            audit.record(
                session,
                "override",
                "assessment",
                row.id,
                actor=actor,
                patient_id=patient_id,
                summary=f"Overrode the verdict '{verdict.outcome.label}': {result.override_reason}",
                changes={"outcome": verdict.outcome.value, "reason": result.override_reason},
            )
        return row.id


def last_assessment_answers(db: Database, patient_id: int) -> dict[str, Any] | None:
    """The answers (as JSON values) of the patient's latest assessment, or None."""
    with db.session() as session:
        answers = session.scalar(
            select(Assessment.answers)
            .where(Assessment.patient_id == patient_id)
            .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
            .limit(1)
        )
        return dict(answers) if answers is not None else None


# --------------------------------------------------------------------------- the form's needs


@dataclass(frozen=True)
class PatientSummary:
    id: int
    name: str
    date_of_birth: date | None
    fitzpatrick: int | None


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class CartridgeChoice:
    id: int
    label: str
    needle_count: str
    lot_number: str
    expiry_date: date


@dataclass(frozen=True)
class DeviceChoice:
    id: int
    label: str
    limits: DeviceLimits


@dataclass(frozen=True)
class ProductChoice:
    id: int
    name: str
    kind: str
    strength: str
    lots: tuple[tuple[str, date | None], ...]


@dataclass(frozen=True)
class SessionContext:
    """Everything the session form shows, loaded in one go (off the UI thread)."""

    record: SessionRecord
    patient: PatientSummary
    practitioners: tuple[Choice, ...]
    devices: tuple[DeviceChoice, ...]
    cartridges: tuple[CartridgeChoice, ...]
    products: tuple[ProductChoice, ...]
    history: tuple[PreviousSession, ...] = field(default=())


def session_context(db: Database, session_id: int) -> SessionContext:
    with db.session() as session:
        row = _get_row(session, session_id)
        record = _record_of(session, row)
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        draft = record.draft
        practitioners = tuple(
            Choice(p.id, p.name)
            for p in session.scalars(select(Practitioner).order_by(Practitioner.name))
            if p.active or p.id == draft.practitioner_id
        )
        devices = tuple(
            DeviceChoice(
                d.id,
                f"{d.make} {d.model}" + (f" ({d.serial})" if d.serial else ""),
                DeviceLimits(d.min_depth_mm, d.max_depth_mm, f"{d.make} {d.model}"),
            )
            for d in session.scalars(select(Device).order_by(Device.make, Device.model))
            if d.active or d.id == draft.device_id
        )
        cartridges = tuple(
            CartridgeChoice(c.id, c.name, c.needle_count, c.lot_number, c.expiry_date)
            for c in session.scalars(select(Cartridge).order_by(Cartridge.expiry_date))
            if c.active or c.id == draft.cartridge_id
        )
        products = []
        for product in session.scalars(select(Product).order_by(Product.kind, Product.name)):
            if not product.active:
                continue
            lots = tuple(
                (lot.lot_number, lot.expiry_date)
                for lot in session.scalars(
                    select(ProductLot)
                    .where(ProductLot.product_id == product.id)
                    .order_by(ProductLot.id.desc())
                )
            )
            products.append(
                ProductChoice(product.id, product.name, product.kind, product.strength, lots)
            )
        return SessionContext(
            record=record,
            patient=PatientSummary(
                patient.id,
                f"{patient.first_name} {patient.last_name}".strip(),
                patient.date_of_birth,
                patient.fitzpatrick,
            ),
            practitioners=practitioners,
            devices=devices,
            cartridges=cartridges,
            products=tuple(products),
            history=tuple(_history(session, patient.id, row.id)),
        )


# --------------------------------------------------------------------------- aftercare


def aftercare_sheet_for_session(db: Database, session_id: int) -> Any:
    """The aftercare sheet (``assistant.aftercare.AftercareSheet``) for a stored session,
    with its amendments applied."""
    from pathlib import Path

    from assistant.aftercare import PAPERS, AftercareSheet, ClinicInfo, ZoneDepth

    profile = get_clinic(db)
    with db.session() as session:
        row = _get_row(session, session_id)
        record = _record_of(session, row)
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        draft = record.effective
        practitioner = (
            session.get(Practitioner, draft.practitioner_id) if draft.practitioner_id else None
        )
        paper = profile.paper_size if profile.paper_size in PAPERS else "A4"
        return AftercareSheet(
            clinic=ClinicInfo(
                name=profile.name,
                address=profile.address,
                phone=profile.phone,
                out_of_hours_phone=profile.out_of_hours_phone,
                logo_path=Path(profile.logo_path) if profile.logo_path else None,
                paper=paper,  # type: ignore[arg-type]
            ),
            patient_name=f"{patient.first_name} {patient.last_name}".strip(),
            practitioner=practitioner.name if practitioner else "",
            treated_at=draft.ended_at or draft.treated_at,
            zones=tuple(dict.fromkeys(z.zone for z in draft.zones)),
            next_session=draft.next_session_date,
            interval_weeks=draft.interval_weeks,
            zone_depths=tuple(ZoneDepth(z.zone, z.depth_mm, z.passes) for z in draft.zones),
        )
