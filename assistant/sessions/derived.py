"""The values a session record implies rather than holds: the deepest depth, the interval
before the next session it asks for, and the day that interval points to.

They are computed here, from the record's zones and the clinic's interval table in force
(``resources/treatment.toml`` ``[[intervals]]``, or the clinic's own values), and nowhere
else: ``save_draft`` and ``sign_session`` store what this module computes, whatever a
caller sent, and the session form shows the same values as a preview before saving.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from assistant.sessions.limits import recommended_interval_weeks, recommended_next_date
from assistant.sessions.record import DERIVED_FIELDS, SessionDraft

if TYPE_CHECKING:
    from assistant.rules import TreatmentRules

__all__ = ["DERIVED_FIELDS", "DerivedValues", "derived_values", "with_derived_values"]


@dataclass(frozen=True)
class DerivedValues:
    """What the record's zones imply; all None while no zone is recorded."""

    deepest_depth_mm: float | None
    interval_weeks: int | None
    recommended_next_date: date | None


def derived_values(draft: SessionDraft, treatment: TreatmentRules | None = None) -> DerivedValues:
    """The deepest depth of ``draft``, the interval it asks for (the clinic's interval
    table ``treatment``, the shipped one when None) and the day it recommends."""
    deepest = draft.deepest_depth
    if deepest is None:
        return DerivedValues(None, None, None)
    weeks = recommended_interval_weeks(deepest, treatment)
    next_date = recommended_next_date(draft.treated_at, deepest, treatment)
    return DerivedValues(deepest, weeks, next_date)


def with_derived_values(
    draft: SessionDraft, treatment: TreatmentRules | None = None
) -> SessionDraft:
    """``draft`` as the core stores it: its derived fields computed, a caller's ignored."""
    weeks = derived_values(draft, treatment).interval_weeks
    if draft.interval_weeks == weeks:
        return draft
    return dataclasses.replace(draft, interval_weeks=weeks)
