"""What each section of the session form reads back: its part of the draft.

A part's fields are named as the ``SessionDraft`` fields they fill, so the form puts a
draft together from its sections' parts (``merge``) without knowing their controls. The
values the zones imply (the interval) are none of them: the core computes those.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from assistant.sessions import ProductEntry, SessionDraft, ZoneEntry


@dataclass(frozen=True)
class HeaderPart:
    treated_at: datetime
    course_number: int | None
    course_total: int | None


@dataclass(frozen=True)
class TreatmentPart:
    practitioner_id: int | None
    device_id: int | None
    cartridge_id: int | None
    cartridge_needles: str
    cartridge_lot: str
    cartridge_expiry: date | None
    anaesthetic_product: str
    anaesthetic_strength: str
    anaesthetic_minutes: int | None
    consent_on_file: bool
    consent_date: date | None
    photos_taken: bool


@dataclass(frozen=True)
class ZonesPart:
    zones: tuple[ZoneEntry, ...]


@dataclass(frozen=True)
class ProductsPart:
    products: tuple[ProductEntry, ...]


@dataclass(frozen=True)
class ResponsePart:
    tolerance: int | None
    reactions: str
    adverse_events: str


@dataclass(frozen=True)
class AfterPart:
    ended_at: datetime | None
    post_care: str
    notes: str


@dataclass(frozen=True)
class NextPart:
    next_session_date: date | None


Part = HeaderPart | TreatmentPart | ZonesPart | ProductsPart | ResponsePart | AfterPart | NextPart


def merge(draft: SessionDraft, *parts: Part) -> SessionDraft:
    """``draft`` with every field the parts hold replaced by theirs."""
    values: dict[str, Any] = {}
    for part in parts:
        values.update({f.name: getattr(part, f.name) for f in dataclasses.fields(part)})
    return dataclasses.replace(draft, **values)
