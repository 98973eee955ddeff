"""What the screens and commands know of a practitioner: shared by the clinic's records
(``assistant.clinic.store``) and the PINs (``assistant.access.auth``), which both return it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PractitionerInfo:
    id: int
    name: str
    credentials: str
    active: bool
    has_pin: bool
