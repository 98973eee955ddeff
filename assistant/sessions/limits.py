"""The clinical rules for a session record (no database): zone depth and passes against the
device and the skin type, the interval since the previous session, and what a draft may
hold and what a record needs before it is signed.

Warnings never block; values outside the device's limits are refused."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from assistant import reference
from assistant.clinic.store import PRODUCT_KINDS
from assistant.errors import InvalidInput
from assistant.sessions.record import (
    DeviceLimits,
    PreviousSession,
    SessionDraft,
    SessionWarning,
    ZoneEntry,
)
from assistant.text.dates import age_on
from assistant.text.i18n import _, ngettext
from assistant.text.labels import data_label, typical_range
from assistant.text.screen_dates import screen_long_date

if TYPE_CHECKING:
    from assistant.rules import TreatmentRules

TOLERANCE_MAX = 10
ANAESTHETIC_MINUTES_MAX = 240
COURSE_MAX = 20
INTERVAL_WEEKS_MAX = 104
MAX_LOT = 100
_EPSILON = 1e-9
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


# --------------------------------------------------------------------------- rules


def roman(fitzpatrick: int) -> str:
    return _ROMAN.get(fitzpatrick, str(fitzpatrick))


def check_zone(
    entry: ZoneEntry,
    device_limits: DeviceLimits | None = None,
    fitzpatrick: int | None = None,
    index: int = 0,
    treatment: TreatmentRules | None = None,
) -> list[SessionWarning]:
    """Warnings for one zone; ``InvalidInput`` (naming e.g. ``zones[2].depth_mm``) for an
    unknown zone or endpoint, a depth outside the device's limits or passes outside 1–8.
    ``treatment``: the clinic's rules in force (the shipped values when None)."""
    where = f"zones[{index}]"
    zone = reference.zone(entry.zone, f"{where}.zone")
    if treatment is not None:
        zone = treatment.zone(entry.zone, f"{where}.zone")
    name = data_label("zones", zone.id)  # in the practitioner's language, as the message
    limits = (device_limits or DeviceLimits.default()).narrowed()
    hard = treatment.limits if treatment is not None else reference.limits()
    depth = entry.depth_mm
    if not (limits.min_depth_mm - _EPSILON <= depth <= limits.max_depth_mm + _EPSILON):
        message = (
            _("{zone}: {depth} mm is outside the limits of {device} ({low}–{high} mm).")
            if limits.label
            else _("{zone}: {depth} mm is outside the limits of the device ({low}–{high} mm).")
        )
        raise InvalidInput(
            message.format(
                zone=name,
                depth=reference.format_mm(depth),
                device=limits.label,
                low=reference.format_mm(limits.min_depth_mm),
                high=reference.format_mm(limits.max_depth_mm),
            ),
            f"{where}.depth_mm",
        )
    if not hard.passes_min <= entry.passes <= hard.passes_max:
        raise InvalidInput(
            _("{zone}: {passes} passes is outside {low}–{high}.").format(
                zone=name, passes=entry.passes, low=hard.passes_min, high=hard.passes_max
            ),
            f"{where}.passes",
        )
    if entry.endpoint not in {e.id for e in reference.endpoints()}:
        known = ", ".join(e.id for e in reference.endpoints())
        raise InvalidInput(
            _("{zone}: unknown endpoint '{endpoint}' (expected {known}).").format(
                zone=name, endpoint=entry.endpoint, known=known
            ),
            f"{where}.endpoint",
        )
    warnings: list[SessionWarning] = []
    if limits.warn_above_mm is not None and depth > limits.warn_above_mm + _EPSILON:
        warnings.append(
            SessionWarning(
                "device_depth",
                zone.id,
                (
                    _("{zone}: {depth} mm is above {bound} mm on {device} ({notes}).")
                    if limits.notes
                    else _("{zone}: {depth} mm is above {bound} mm on {device}.")
                ).format(
                    zone=name,
                    depth=reference.format_mm(depth),
                    bound=reference.format_mm(limits.warn_above_mm),
                    device=limits.label or _("this device"),
                    notes=limits.notes,
                ),
            )
        )
    if depth > zone.warn_above_mm + _EPSILON:
        message = _(
            "{zone}: {depth} mm is above the usual upper bound of {bound} mm for this "
            "zone (typical {typical})."
        ).format(
            zone=name,
            depth=reference.format_mm(depth),
            bound=reference.format_mm(zone.warn_above_mm),
            typical=typical_range(zone),
        )
        if zone.id == "full_face":  # one depth for the face stays at the eyes' band
            message += " " + _(
                "The full face covers the eyes and forehead: record deeper work on the cheeks "
                "or scars zone by zone."
            )
        warnings.append(SessionWarning("zone_depth", zone.id, message))
    if fitzpatrick is not None and fitzpatrick >= hard.pigmented_skin_min_fitzpatrick:
        if depth > hard.pigmented_skin_depth_warn_mm + _EPSILON:
            warnings.append(
                SessionWarning(
                    "pigmented_depth",
                    zone.id,
                    _(
                        "{zone}: {depth} mm on Fitzpatrick type {type} skin is above {bound} mm "
                        "(risk of post-inflammatory hyperpigmentation)."
                    ).format(
                        zone=name,
                        depth=reference.format_mm(depth),
                        type=roman(fitzpatrick),
                        bound=reference.format_mm(hard.pigmented_skin_depth_warn_mm),
                    ),
                )
            )
        if entry.passes > hard.pigmented_skin_passes_warn:
            warnings.append(
                SessionWarning(
                    "pigmented_passes",
                    zone.id,
                    _(
                        "{zone}: {passes} passes on Fitzpatrick type {type} skin is more than "
                        "{bound} (risk of post-inflammatory hyperpigmentation)."
                    ).format(
                        zone=name,
                        passes=entry.passes,
                        type=roman(fitzpatrick),
                        bound=hard.pigmented_skin_passes_warn,
                    ),
                )
            )
    return warnings


def recommended_interval_weeks(
    deepest_depth_mm: float, treatment: TreatmentRules | None = None
) -> int:
    if treatment is not None:
        return treatment.interval_weeks(deepest_depth_mm)
    return reference.interval_weeks(deepest_depth_mm)


def recommended_next_date(
    treated_at: date | datetime, deepest_depth_mm: float, treatment: TreatmentRules | None = None
) -> date:
    """The day of the next session: the interval for the deepest depth after this one."""
    day = treated_at.date() if isinstance(treated_at, datetime) else treated_at
    return day + timedelta(weeks=recommended_interval_weeks(deepest_depth_mm, treatment))


def _describe_gap(days: int) -> str:
    if days >= 7:
        weeks = days // 7
        return ngettext("{n} week", "{n} weeks", weeks).format(n=weeks)
    return ngettext("{n} day", "{n} days", days).format(n=days)


def interval_warning(
    previous: PreviousSession | None,
    treated_at: datetime,
    treatment: TreatmentRules | None = None,
) -> SessionWarning | None:
    """A warning when this session comes sooner than the interval the previous one needs."""
    if previous is None:
        return None
    weeks = recommended_interval_weeks(previous.deepest_depth_mm, treatment)
    earliest = previous.treated_at.date() + timedelta(weeks=weeks)
    if treated_at.date() >= earliest:
        return None
    gap = (treated_at.date() - previous.treated_at.date()).days
    return SessionWarning(
        "interval",
        None,
        _(
            "Previous session on {previous} at {depth} mm: {weeks} weeks recommended, this one "
            "on {date} is only {gap} later (earliest recommended {earliest})."
        ).format(
            previous=screen_long_date(previous.treated_at.date()),
            depth=reference.format_mm(previous.deepest_depth_mm),
            weeks=weeks,
            date=screen_long_date(treated_at.date()),
            gap=_describe_gap(gap),
            earliest=screen_long_date(earliest),
        ),
    )


def previous_session(
    history: Iterable[PreviousSession], treated_at: datetime, exclude_id: int | None = None
) -> PreviousSession | None:
    """The latest of ``history`` that started before ``treated_at``."""
    earlier = [p for p in history if p.treated_at < treated_at and p.id != exclude_id]
    return max(earlier, key=lambda p: (p.treated_at, p.id), default=None)


def device_age_warning(
    device_limits: DeviceLimits | None, date_of_birth: date | None, on: date
) -> SessionWarning | None:
    """A patient younger than the device's cleared age is outside its cleared use."""
    cleared = device_limits.cleared_age if device_limits is not None else None
    if cleared is None or date_of_birth is None:
        return None
    age = age_on(date_of_birth, on)
    if age >= cleared:
        return None
    return SessionWarning(
        "device_age",
        None,
        _(
            "Outside the device's cleared use: {device} is cleared for patients {cleared} and "
            "older; the patient is {age}."
        ).format(device=device_limits.label if device_limits else "", cleared=cleared, age=age),
    )


def compute_warnings(
    draft: SessionDraft,
    fitzpatrick: int | None,
    device_limits: DeviceLimits | None,
    previous: PreviousSession | None,
    treatment: TreatmentRules | None = None,
    date_of_birth: date | None = None,
) -> list[SessionWarning]:
    """Every warning for the draft, in the order the form shows them (raises like
    :func:`check_zone` for values that are refused)."""
    warnings: list[SessionWarning] = []
    too_young = device_age_warning(device_limits, date_of_birth, draft.treated_at.date())
    if too_young is not None:
        warnings.append(too_young)
    for index, entry in enumerate(draft.zones):
        warnings += check_zone(entry, device_limits, fitzpatrick, index, treatment)
    late = interval_warning(previous, draft.treated_at, treatment)
    if late is not None:
        warnings.append(late)
    return warnings


def validate_draft(
    draft: SessionDraft,
    device_limits: DeviceLimits | None = None,
    treatment: TreatmentRules | None = None,
) -> None:
    """``InvalidInput`` naming the field for anything a draft may not hold (incomplete is
    fine; wrong is not)."""
    for index, entry in enumerate(draft.zones):
        check_zone(entry, device_limits, None, index, treatment)
    if draft.tolerance is not None and not 0 <= draft.tolerance <= TOLERANCE_MAX:
        raise InvalidInput(
            _("Tolerance is scored 0 to {tolerance_max}.").format(tolerance_max=TOLERANCE_MAX),
            "tolerance",
        )
    if draft.anaesthetic_minutes is not None and not (
        0 <= draft.anaesthetic_minutes <= ANAESTHETIC_MINUTES_MAX
    ):
        raise InvalidInput(
            _("Anaesthetic minutes must be between 0 and {most}.").format(
                most=ANAESTHETIC_MINUTES_MAX
            ),
            "anaesthetic_minutes",
        )
    if draft.cartridge_needles and draft.cartridge_needles not in reference.needle_counts():
        raise InvalidInput(
            _("Needle count must be one of {counts}.").format(
                counts=", ".join(reference.needle_counts())
            ),
            "cartridge_needles",
        )
    if len(draft.cartridge_lot) > MAX_LOT:
        raise InvalidInput(
            _("The lot number is longer than {max_lot} characters.").format(max_lot=MAX_LOT),
            "cartridge_lot",
        )
    check_cartridge_expiry(draft)
    if draft.ended_at is not None and draft.ended_at < draft.treated_at:
        raise InvalidInput(_("The session cannot end before it starts."), "ended_at")
    if draft.next_session_date is not None and draft.next_session_date <= draft.treated_at.date():
        raise InvalidInput(_("The next session must be after this one."), "next_session_date")
    if draft.interval_weeks is not None and not 1 <= draft.interval_weeks <= INTERVAL_WEEKS_MAX:
        raise InvalidInput(_("The interval must be between 1 and 104 weeks."), "interval_weeks")
    if draft.course_total is not None and not 1 <= draft.course_total <= COURSE_MAX:
        raise InvalidInput(
            _("A course has 1 to {course_max} sessions.").format(course_max=COURSE_MAX),
            "course_total",
        )
    if draft.course_number is not None:
        total = draft.course_total or COURSE_MAX
        if not 1 <= draft.course_number <= total:
            raise InvalidInput(
                _("Session number {course_number} does not fit a course of {total}.").format(
                    course_number=draft.course_number, total=total
                ),
                "course_number",
            )
    for index, product in enumerate(draft.products):
        if not product.product_name.strip():
            raise InvalidInput(_("Enter the product's name."), f"products[{index}].product_name")
        if product.kind not in PRODUCT_KINDS:
            raise InvalidInput(
                _("Product kind must be one of {kinds}.").format(kinds=', '.join(PRODUCT_KINDS)),
                f"products[{index}].kind",
            )
        if len(product.lot_number) > MAX_LOT:
            raise InvalidInput(
                _("The lot number is longer than {max_lot} characters.").format(max_lot=MAX_LOT),
                f"products[{index}].lot_number",
            )


def check_cartridge_expiry(draft: SessionDraft) -> None:
    """An expired cartridge (expiry before the day of treatment) is refused."""
    expiry = draft.cartridge_expiry
    if expiry is not None and expiry < draft.treated_at.date():
        message = (
            _(
                "The cartridge lot {lot} expired on {expiry}, before this session ({day}). "
                "Use an unexpired cartridge."
            )
            if draft.cartridge_lot
            else _(
                "The cartridge expired on {expiry}, before this session ({day}). "
                "Use an unexpired cartridge."
            )
        )
        raise InvalidInput(
            message.format(
                lot=draft.cartridge_lot,
                expiry=screen_long_date(expiry),
                day=screen_long_date(draft.treated_at.date()),
            ),
            "cartridge_expiry",
        )


def validate_for_signing(draft: SessionDraft, device_limits: DeviceLimits | None = None) -> None:
    """What a record needs before it is signed; ``InvalidInput`` naming the first gap."""
    validate_draft(draft, device_limits)
    if draft.practitioner_id is None:
        raise InvalidInput(_("Choose the practitioner who treated the patient."), "practitioner_id")
    if not draft.zones:
        raise InvalidInput(_("Add at least one treated zone."), "zones")
    if not draft.consent_on_file:
        raise InvalidInput(_("Record that signed consent is on file."), "consent_on_file")
    if draft.device_id is None:
        raise InvalidInput(_("Choose the device used."), "device_id")
    if not draft.cartridge_lot.strip():
        raise InvalidInput(_("Record the cartridge and its lot number."), "cartridge_lot")
    if draft.cartridge_expiry is None:
        raise InvalidInput(_("Record the cartridge's expiry date."), "cartridge_expiry")


DEFAULT_PASSES = 1


def default_depth(zone_id: str, limits: DeviceLimits) -> float:
    """Where a new zone's depth starts: the shallow end of its typical range, within the
    device's limits (the practitioner sets the depth actually used)."""
    zone = reference.zone(zone_id)
    start = zone.typical_min_mm if zone.typical_min_mm is not None else 0.25
    narrowed = limits.narrowed()
    return min(max(start, narrowed.min_depth_mm), narrowed.max_depth_mm)
