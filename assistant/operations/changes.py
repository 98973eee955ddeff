"""What an operation changed, in the words of the screens that show it.

``OpChanges`` is a frozen set of flags in the manner of Anki's ``OpChanges``: an operation
reports which kinds of records it changed, and each screen decides whether that is
something it shows. The flags are derived from the tables a committed transaction wrote
(``TABLE_FLAGS``); every table of the schema belongs to one flag (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

# Each table of the schema, by the flag its writes raise.
TABLE_FLAGS: dict[str, str] = {
    "patient": "patients",
    "patient_history": "patients",
    "patient_search_term": "patients",
    "treatment_session": "sessions",
    "zone_treatment": "sessions",
    "amendment": "sessions",
    "product_use": "sessions",
    "assessment": "records",  # the checklist kept with a session
    "intake_questionnaire": "records",  # the patient's own questionnaire
    "consent": "consents",
    "consent_withdrawal": "consents",
    "consent_template": "consents",
    "photo": "photos",
    "photo_blob": "photos",
    "photo_consent": "photos",
    "appointment": "appointments",
    "follow_up": "followups",
    "complication": "complications",
    "stock_item": "stock",
    "stock_lot": "stock",
    "stock_movement": "stock",
    "cartridge": "stock",
    "product": "stock",
    "product_lot": "stock",
    "clinic": "settings",
    "clinic_rule_change": "settings",
    "practitioner": "settings",
    "device": "settings",
    "translation_approval": "settings",
    "audit_event": "audit",
    "sign_in_attempt": "audit",
}


@dataclass(frozen=True)
class OpChanges:
    """Which kinds of records an operation changed (all false: it changed nothing)."""

    patients: bool = False
    sessions: bool = False
    records: bool = False
    consents: bool = False
    photos: bool = False
    appointments: bool = False
    followups: bool = False
    complications: bool = False
    stock: bool = False
    settings: bool = False
    audit: bool = False

    @classmethod
    def flag_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def of(cls, *names: str) -> OpChanges:
        """The changes naming these flags (``OpChanges.of("stock")``)."""
        unknown = set(names) - set(cls.flag_names())
        if unknown:
            raise ValueError(f"Unknown kinds of change: {', '.join(sorted(unknown))}")
        return replace(cls(), **dict.fromkeys(names, True))

    @classmethod
    def from_tables(cls, tables: Iterable[str]) -> OpChanges:
        """The changes a transaction made by writing these tables. A table the map does not
        know (a new one not yet placed) counts as every kind, so no screen misses it."""
        names = set()
        for table in tables:
            flag = TABLE_FLAGS.get(table)
            if flag is None:
                return cls.of(*cls.flag_names())
            names.add(flag)
        return cls.of(*names)

    def touches(self, *names: str) -> bool:
        """Whether any of these kinds changed (what a screen asks before it reads again)."""
        return any(getattr(self, name) for name in names)

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges.of(*(n for n in self.flag_names() if self.touches(n) or other.touches(n)))

    def __bool__(self) -> bool:
        return self.touches(*self.flag_names())

    def names(self) -> tuple[str, ...]:
        return tuple(n for n in self.flag_names() if getattr(self, n))
