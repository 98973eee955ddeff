"""Device profiles in use: a clinic's device record based on a shipped profile, its depth
limits and step, and depth entry snapped to that step."""

from __future__ import annotations

import math

from assistant import reference
from assistant.errors import InvalidInput
from assistant.sessions.record import DeviceLimits
from assistant.storage.models import Device
from assistant.text.i18n import _

_EPSILON = 1e-9


def device_limits_of(device: Device) -> DeviceLimits:
    """The limits of a stored device record, with its profile's step, warning and notes."""
    label = f"{device.make} {device.model}"
    profile = reference.device_profiles().get(device.profile or "")
    if profile is None:
        return DeviceLimits(device.min_depth_mm, device.max_depth_mm, label)
    return DeviceLimits(
        max(device.min_depth_mm, profile.min_depth_mm),
        min(device.max_depth_mm, profile.max_depth_mm),
        label,
        step_mm=profile.step_mm,
        warn_above_mm=profile.warn_above_mm,
        notes=profile.notes,
        cleared_age=profile.cleared_age,
    )


def limits_of_profile(profile_id: str) -> DeviceLimits:
    profile = reference.device_profile(profile_id)
    return DeviceLimits(
        profile.min_depth_mm,
        profile.max_depth_mm,
        profile.label,
        step_mm=profile.step_mm,
        warn_above_mm=profile.warn_above_mm,
        notes=profile.notes,
        cleared_age=profile.cleared_age,
    )


def snap_depth(value: float, limits: DeviceLimits, field: str = "depth_mm") -> float:
    """``value`` moved to the nearest setting of the device (its step, counted from 0), or
    ``InvalidInput`` naming the device's range when it lies outside it."""
    narrowed = limits.narrowed()
    if not math.isfinite(value) or not (
        narrowed.min_depth_mm - _EPSILON <= value <= narrowed.max_depth_mm + _EPSILON
    ):
        device = limits.label or _("the device")
        raise InvalidInput(
            _("{depth} mm is outside the range of {device} ({low}–{high} mm).").format(
                depth=reference.format_mm(value) if math.isfinite(value) else value,
                device=device,
                low=reference.format_mm(narrowed.min_depth_mm),
                high=reference.format_mm(narrowed.max_depth_mm),
            ),
            field,
        )
    step = limits.step_mm
    if not step:
        return round(value, 2)
    snapped = round(math.floor(value / step + 0.5 + _EPSILON) * step, 2)
    # never snap past the ends of the range
    if snapped < narrowed.min_depth_mm - _EPSILON:
        snapped = round(math.ceil(narrowed.min_depth_mm / step - _EPSILON) * step, 2)
    if snapped > narrowed.max_depth_mm + _EPSILON:
        snapped = round(math.floor(narrowed.max_depth_mm / step + _EPSILON) * step, 2)
    return snapped
