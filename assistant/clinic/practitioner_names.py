"""Finding a practitioner by the name people say or type: "Naomi Clarke", "dr clarke",
"Ewa Kowalczyk" typed without its accents, or the practitioner's number.

The same rules serve ``--as`` before the database is open (the key file's names) and after
(the practitioners' table), so both answer alike. From the most exact to the loosest:

1. the number (``12`` or ``#12``);
2. the name exactly as stored, ignoring case;
3. the same words, without titles (Dr, Mrs, Prof…), punctuation, case and accents;
4. every word typed is one of the name's words ("Clarke", "dr naomi").

The first rule that finds anyone decides: one practitioner is the answer; several are an
ambiguity the caller reports, listing them so the user can give the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Titles and honorifics people put before a name, folded and without their full stop.
TITLES = frozenset(
    {
        "dr", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame",
        "dra", "sr", "sra", "srta", "mme", "mlle", "herr", "frau", "pan", "pani",
    }
)  # fmt: skip
_ID_DIGITS = 19  # the longest number a record id can have (2**63 - 1)


@dataclass(frozen=True)
class NameMatch:
    """Who ``wanted`` may mean: one id when it is clear, several when it is ambiguous."""

    ids: tuple[int, ...]

    @property
    def unique(self) -> int | None:
        return self.ids[0] if len(self.ids) == 1 else None


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name as compared: folded (lower case, no accents), punctuation
    dropped, titles left out."""
    from assistant.patients.search import fold  # pure; imported here to keep start-up light

    pieces = re.split(r"[\s.,-]+", fold(text))  # O'Neill is one word: oneill
    words = ("".join(c for c in piece if c.isalnum()) for piece in pieces)
    kept = tuple(word for word in words if word)
    without_titles = tuple(word for word in kept if word not in TITLES)
    return without_titles or kept  # a name that is only a title is still its own words


def as_number(text: str) -> int | None:
    """The number in ``12`` or ``#12``, else None."""
    digits = text.strip().removeprefix("#").strip()
    if digits.isdigit() and digits.isascii() and len(digits) <= _ID_DIGITS:
        return int(digits)
    return None


def match_name(people: Iterable[tuple[int, str]], wanted: str) -> NameMatch:
    """The practitioners among ``people`` (id, name) whom ``wanted`` names."""
    everyone: Sequence[tuple[int, str]] = list(people)
    text = wanted.strip()
    number = as_number(text)
    if number is not None:
        return NameMatch(tuple(pid for pid, _ in everyone if pid == number))
    exact = tuple(pid for pid, name in everyone if name.strip().casefold() == text.casefold())
    if exact:
        return NameMatch(exact)
    words = name_words(text)
    if not words:
        return NameMatch(())
    same = tuple(pid for pid, name in everyone if name_words(name) == words)
    if same:
        return NameMatch(same)
    return NameMatch(
        tuple(pid for pid, name in everyone if set(words) <= set(name_words(name)))
    )


def ambiguity(wanted: str, people: Iterable[tuple[int, str]], ids: Sequence[int]) -> str:
    """One line saying whom ``wanted`` could mean, with their numbers."""
    names = dict(people)
    listed = ", ".join(f"{names[pid]} (number {pid})" for pid in ids)
    return (
        f"--as: '{wanted.strip()}' could be any of {listed}; "
        "give the full name or the number."
    )
