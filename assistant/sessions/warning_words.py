"""A session warning's sentence from its code and values, in the practitioner's language.

A warning is kept with its session as it was worded when the session was recorded
(``message``, part of the signed content) and with the values it was worded from
(``values``). A screen words it again from the values in the interface's language, with
its dates and decimals; the stored sentence is never changed. A warning kept before its
values were (no ``values``) is shown as it was stored."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from assistant import reference
from assistant.sessions.record import SessionWarning
from assistant.text.i18n import _, ngettext
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_decimals, screen_long_date

log = logging.getLogger(__name__)


Depth = Callable[[float], str]
Day = Callable[[date], str]


def describe_gap(days: int) -> str:
    if days >= 7:
        weeks = days // 7
        return ngettext("{n} week", "{n} weeks", weeks).format(n=weeks)
    return ngettext("{n} day", "{n} days", days).format(n=days)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def warning_message(
    code: str, zone: str | None, values: Mapping[str, Any], mm: Depth, day: Day
) -> str:
    """The sentence of a warning: ``mm`` words a depth, ``day`` a date (the stored sentence
    uses the record's own forms, a screen its language's). Raises ``KeyError`` or
    ``ValueError`` for values it cannot word."""
    name = data_label("zones", zone) if zone else ""
    if code == "device_depth":
        template = (
            _("{zone}: {depth} mm is above {bound} mm on {device} ({notes}).")
            if values.get("notes")
            else _("{zone}: {depth} mm is above {bound} mm on {device}.")
        )
        return template.format(
            zone=name,
            depth=mm(float(values["depth"])),
            bound=mm(float(values["bound"])),
            device=values.get("device") or _("this device"),
            notes=values.get("notes", ""),
        )
    if code == "zone_depth":
        message = _(
            "{zone}: {depth} mm is above the usual upper bound of {bound} mm for this "
            "zone (typical {typical})."
        ).format(
            zone=name,
            depth=mm(float(values["depth"])),
            bound=mm(float(values["bound"])),
            typical=_typical(values),
        )
        if zone == "full_face":  # one depth for the face stays at the eyes' band
            message += " " + _(
                "The full face covers the eyes and forehead: record deeper work on the cheeks "
                "or scars zone by zone."
            )
        return message
    if code == "pigmented_depth":
        return _(
            "{zone}: {depth} mm on Fitzpatrick type {type} skin is above {bound} mm "
            "(risk of post-inflammatory hyperpigmentation)."
        ).format(
            zone=name,
            depth=mm(float(values["depth"])),
            type=reference.fitzpatrick_numeral(int(values["type"])),
            bound=mm(float(values["bound"])),
        )
    if code == "pigmented_passes":
        return _(
            "{zone}: {passes} passes on Fitzpatrick type {type} skin is more than "
            "{bound} (risk of post-inflammatory hyperpigmentation)."
        ).format(
            zone=name,
            passes=int(values["passes"]),
            type=reference.fitzpatrick_numeral(int(values["type"])),
            bound=int(values["bound"]),
        )
    if code == "interval":
        return _(
            "Previous session on {previous} at {depth} mm: {weeks} weeks recommended, this one "
            "on {date} is only {gap} later (earliest recommended {earliest})."
        ).format(
            previous=day(_day(values["previous"])),
            depth=mm(float(values["depth"])),
            weeks=int(values["weeks"]),
            date=day(_day(values["date"])),
            gap=describe_gap(int(values["gap"])),
            earliest=day(_day(values["earliest"])),
        )
    if code == "device_age":
        return _(
            "Outside the device's cleared use: {device} is cleared for patients {cleared} and "
            "older; the patient is {age}."
        ).format(device=values.get("device", ""), cleared=values["cleared"], age=values["age"])
    raise KeyError(code)


def _typical(values: Mapping[str, Any]) -> str:
    low, high = values.get("typical_min"), values.get("typical_max")
    if low is None or high is None:
        return data_label("phrases", "per_sub_area")
    return f"{reference.format_mm(float(low))}–{reference.format_mm(float(high))} mm"


def screen_warning(warning: SessionWarning) -> str:
    """The warning worded in the interface's language, with its dates and decimal sign; as
    stored (with the decimal sign) when it was kept without its values."""
    if warning.values:
        try:
            return screen_decimals(
                warning_message(
                    warning.code,
                    warning.zone,
                    warning.values,
                    reference.format_mm,
                    screen_long_date,
                )
            )
        except (KeyError, ValueError, TypeError):
            log.warning("a %s warning kept with values it cannot word", warning.code)
    return screen_decimals(warning.message)
