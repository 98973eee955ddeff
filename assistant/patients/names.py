"""A patient's name as they write it, shared by the patient records (``assistant.patients.store``)
and the audit trail (``assistant.audit.trail``), which the records write to."""

from __future__ import annotations

from typing import Protocol

NAME_ORDER_GIVEN_FIRST = "given_first"
NAME_ORDER_FAMILY_FIRST = "family_first"
NAME_ORDERS = (NAME_ORDER_GIVEN_FIRST, NAME_ORDER_FAMILY_FIRST)


class _Named(Protocol):
    @property
    def first_name(self) -> str: ...

    @property
    def last_name(self) -> str: ...


def display_name(patient: _Named) -> str:
    """The patient's name as they write it: the one function every list, screen and printed
    document uses. A preferred name replaces the rest; family-name-first order (Vietnamese,
    Chinese, Hungarian…) puts the family name before the given name."""
    preferred = (getattr(patient, "preferred_name", "") or "").strip()
    if preferred:
        return preferred
    first, last = patient.first_name.strip(), patient.last_name.strip()
    if getattr(patient, "name_order", "") == NAME_ORDER_FAMILY_FIRST:
        return f"{last} {first}".strip()
    return f"{first} {last}".strip()
