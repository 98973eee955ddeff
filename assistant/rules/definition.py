"""One configurable clinical value as the catalogue declares it: shared by the catalogue
(``assistant.rules.catalogue``) and the words it is shown in (``assistant.rules.words``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleDefinition:
    """One configurable value."""

    id: str
    label: str
    kind: str
    default: str  # canonical text
    low: str | None = None  # bounds, canonical text (None for a list of choices)
    high: str | None = None
    choices: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # in words
    # the checklist question it sets, when its id is not the question's own
    # ("isotretinoin_last_dose_outcome": the outcome of a question whose id names its window)
    question: str = ""
    # the bounds of earlier revisions, canonical texts: a stored clinic value within one of
    # them is kept and flagged; outside all of them the store is damaged
    earlier: tuple[tuple[str, str], ...] = ()

    @property
    def bounds(self) -> str:
        """The allowed values in words: "0 days – 12 months" or "perioral or facial"."""
        if self.choices:
            return " or ".join(self.choices)
        return f"{self.low} – {self.high}"
