"""Finding patients fast in a clinic of any size: the accent-aware sort key of the patient
list, the words a patient is found by, and search as you type served by indexes.

Every patient has a ``sort_key`` (family name, then given name, folded: lower case, without
accents, "Łukasz" beside "Lukasz") kept on the row, and a set of search terms kept in
``patient_search_term``: the folded words of the names and the e-mail address, the ISO birth
date, every ending of the phone digits, and the first character of each of these on its own.
A word typed in the search box matches a patient when it begins one of the patient's terms,
so each word is an index range, never a scan of every row; a single character (the first key
pressed, which begins the terms of most patients) is one exact term, whose matches the index
holds in list order. The list is read in pages in ``sort_key`` order ("keyset" paging,
after the last row shown) and counted only up to a bound, so typing costs the same with 100
patients or 100,000.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, func, insert, select, tuple_
from sqlalchemy.orm import Session

from assistant.storage.models import Patient, PatientSearchTerm

# Letters NFKD leaves whole, written the way their unaccented neighbours sort.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "ŋ": "n",
        "ĸ": "k",
    }
)
SORT_KEY_MAX = 200
TERM_MAX = 100
PHONE_SUFFIX_MIN = 3  # the shortest ending of a phone number that is searchable
COUNT_BOUND = 1000  # the list counts matches up to this many, then says "more than"
ENTRIES_BOUND = 20_000  # a word with more terms than this is checked along the list instead
_AFTER_LAST = "\U0010ffff"  # sorts after every character: the end of a prefix range
_FIELD_SEPARATOR = "\x1f"  # sorts before every character: "Lee, Zoe" before "Leeds, Anna"


def fold(text: str) -> str:
    """Lower case without accents, so "Zoë" is found by "zoe" and "Müller" sorts beside
    "Muller"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_LETTERS)


def _plain(text: str) -> str:
    """Folded, with letters, digits and single spaces only (O'Brien sorts as obrien)."""
    return " ".join("".join(c for c in word if c.isalnum()) for word in fold(text).split())


def sort_key(first_name: str, last_name: str) -> str:
    """Where a patient stands in the list: by family name, then given name."""
    return f"{_plain(last_name)}{_FIELD_SEPARATOR}{_plain(first_name)}"[:SORT_KEY_MAX]


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def search_terms(
    first_name: str,
    last_name: str,
    phone: str = "",
    date_of_birth: date | None = None,
    email: str = "",
    preferred_name: str = "",
) -> set[str]:
    """The words a patient is found by (a typed word must begin one of them): the names,
    the name the patient prefers, the e-mail, phone number endings and the birth date."""
    terms: set[str] = set()
    for text in (first_name, last_name, preferred_name, email):
        for word in fold(text).split():
            terms.add(word)
            parts = re.findall(r"[^\W_]+", word)  # Smith-Jones is found by "jones" too
            if len(parts) > 1:
                terms.update(parts)
    number = digits(phone)
    if number:
        terms.update(number[i:] for i in range(max(1, len(number) - PHONE_SUFFIX_MIN + 1)))
    if date_of_birth is not None:
        terms.add(date_of_birth.isoformat())
    terms = {t[:TERM_MAX] for t in terms if t}
    # Each first character on its own too: one typed letter is then an exact term, whose
    # matches the index gives in list order, rather than a range of tens of thousands of
    # terms to sort (or a walk along the whole list checking each patient).
    return terms | {t[0] for t in terms}


def query_terms(text: str) -> list[str]:
    """The typed words as the beginnings of terms: folded names, phone digits, ISO dates."""
    terms = []
    for token in text.split():
        parsed = _parse_loose_date(token)
        if parsed:
            terms.append(parsed)
        elif digits(token) and not re.search(r"[^\d+()\-./]", token):
            terms.append(digits(token))
        else:
            terms.append(fold(token))
    return [t[:TERM_MAX] for t in dict.fromkeys(terms) if t]


def _parse_loose_date(token: str) -> str | None:
    """A birth date typed as 31/12/1990, 31.12.1990 or 1990-12-31, as ISO; else None."""
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", token)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
            return date.fromisoformat(token).isoformat()
    except ValueError:
        return None
    return None


# -- keeping the index -------------------------------------------------------------------------


def index_patient(session: Session, row: Patient) -> None:
    """Write the row's sort key and replace its search terms (inside the caller's
    transaction; the row must have its id)."""
    key = sort_key(row.first_name, row.last_name)
    if row.sort_key != key:  # an unchanged key writes nothing (and keeps the row's version)
        row.sort_key = key
    forget_patient(session, row.id)
    if row.erased_at is not None:
        return
    terms = search_terms(
        row.first_name,
        row.last_name,
        row.phone,
        row.date_of_birth,
        row.email,
        row.preferred_name or "",
    )
    if terms:
        session.execute(
            insert(PatientSearchTerm),
            [{"patient_id": row.id, "term": t, "sort_key": row.sort_key} for t in terms],
        )


def forget_patient(session: Session, patient_id: int) -> None:
    """Remove every search term of the patient (before new ones, or on erasure)."""
    session.execute(delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == patient_id))


# -- searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One page of matching patients, in list order, and how many match (up to a bound)."""

    patients: Sequence[Any]  # rows of the list's columns (LIST_COLUMNS), by name
    more: bool  # another page follows
    count: int  # exact when ``count_exact``, else a lower bound (more than COUNT_BOUND)
    count_exact: bool


# Searching reads the tables directly (SQLAlchemy Core), not through the mapped classes:
# the list fills the first window without waiting for the ORM to configure its mappers.
PATIENT = Patient.__table__
TERMS = PatientSearchTerm.__table__
# What a line of the list shows: read as plain rows, not whole patient objects.
LIST_COLUMNS = (
    PATIENT.c.id,
    PATIENT.c.first_name,
    PATIENT.c.last_name,
    PATIENT.c.date_of_birth,
    PATIENT.c.phone,
    PATIENT.c.fitzpatrick,
    PATIENT.c.sort_key,
    PATIENT.c.name_order,
    PATIENT.c.preferred_name,
)


def _prefix(term: str, table: Any = None) -> Any:
    column = (TERMS if table is None else table).c.term
    return and_(column >= term, column < term + _AFTER_LAST)


def _has_term(term: str, patient_id: Any = None) -> ColumnElement[bool]:
    patient_id = PATIENT.c.id if patient_id is None else patient_id
    other = TERMS.alias()
    return exists().where(other.c.patient_id == patient_id, _prefix(term, other))


def _begins(term: str) -> ColumnElement[bool]:
    """The terms that begin with ``term``: for one character, its own term (each term's
    first character is one, ``search_terms``), one entry per patient."""
    return TERMS.c.term == term if len(term) == 1 else _prefix(term)


def _candidates(session: Session, term: str, bound: int) -> set[int] | None:
    """The patients with a term beginning with ``term``, or None when more than ``bound``."""
    ids = set(
        session.scalars(
            select(TERMS.c.patient_id).where(_begins(term)).distinct().limit(bound + 1)
        )
    )
    return ids if len(ids) <= bound else None


def _entries(session: Session, term: str, bound: int) -> int | None:
    """How many terms begin with ``term`` (an index-only count), or None above ``bound``."""
    matching = select(TERMS.c.term).where(_prefix(term)).limit(bound + 1).subquery()
    entries = int(session.scalar(select(func.count()).select_from(matching)) or 0)
    return entries if entries <= bound else None


def count(session: Session, text: str = "", bound: int | None = None) -> int:
    """How many patients match (no more than ``bound + 1`` counted when given)."""
    where: list[ColumnElement[bool]] = [PATIENT.c.erased_at.is_(None)]
    where += [_has_term(term) for term in query_terms(text)]
    if bound is None:
        return int(session.scalar(select(func.count(PATIENT.c.id)).where(*where)) or 0)
    return _bounded_count(session, where, bound)


def find(
    session: Session,
    text: str = "",
    limit: int = 100,
    after: tuple[str, int] | None = None,
    offset: int = 0,
    count_bound: int = COUNT_BOUND,
    counted: bool = True,
) -> Found:
    """Patients matching every typed word, in ``sort_key`` order, from after the row
    ``after`` (its sort key and id) or from ``offset``; counted unless ``counted`` is
    False.

    Each word is read the cheapest way: a word few patients have gives their ids (and the
    page is sorted from those); otherwise the word with the fewest terms drives an
    index-only walk of its terms, which carry the sort key; a word too common for either
    (one letter) is checked row by row along the list's own index, where matches are
    dense."""
    words = query_terms(text)
    ids: set[int] | None = None
    common: list[str] = []
    for word in words:
        found = _candidates(session, word, count_bound)
        if found is None:
            common.append(word)
        else:
            ids = found if ids is None else ids & found
            if not ids:
                return Found((), False, 0, True)
    if ids is None and common:
        single = [word for word in common if len(word) == 1]
        sizes = [(_entries(session, w, ENTRIES_BOUND), w) for w in common if len(w) > 1]
        known = sorted((size, word) for size, word in sizes if size is not None)
        if known or single:
            driver = known[0][1] if known else single[0]
            others = [w for w in common if w != driver]
            return _driven_by_terms(
                session, driver, others, limit, after, offset, count_bound, counted
            )
    where: list[ColumnElement[bool]] = [PATIENT.c.erased_at.is_(None)]
    where += [_has_term(word) for word in common]
    if ids is not None:
        where.append(PATIENT.c.id.in_(sorted(ids)))
    page_where = list(where)
    if after is not None:
        page_where.append(tuple_(PATIENT.c.sort_key, PATIENT.c.id) > tuple_(*after))
    rows = list(
        session.execute(
            select(*LIST_COLUMNS)
            .where(*page_where)
            .order_by(PATIENT.c.sort_key, PATIENT.c.id)
            .limit(limit + 1)
            .offset(offset)
        )
    )
    if not counted:
        matches = 0  # the caller knows already (the next page of the same list)
    elif len(common) == 1 and ids is None:
        matches = count_bound + 1  # the one word begins more patients' terms than the bound
    else:
        matches = _bounded_count(session, where, count_bound)
    return Found(
        rows[:limit], len(rows) > limit, min(matches, count_bound), matches <= count_bound
    )


def _driven_by_terms(
    session: Session,
    driver: str,
    others: list[str],
    limit: int,
    after: tuple[str, int] | None,
    offset: int,
    count_bound: int,
    counted: bool,
) -> Found:
    """The page read from the terms beginning with ``driver`` (which carry the sort key),
    each checked for the ``others``; then those patients' rows."""
    term = TERMS.c
    # A single character is a term of its own: its matches are already in list order.
    where: list[Any] = [_begins(driver)]
    where += [_has_term(word, term.patient_id) for word in others]
    page_where = list(where)
    if after is not None:
        page_where.append(tuple_(term.sort_key, term.patient_id) > tuple_(*after))
    keys = session.execute(
        select(term.sort_key, term.patient_id)
        .where(*page_where)
        .distinct()
        .order_by(term.sort_key, term.patient_id)
        .limit(limit + 1)
        .offset(offset)
    ).all()
    ids = [patient_id for _key, patient_id in keys[:limit]]
    by_id = {p.id: p for p in session.execute(select(*LIST_COLUMNS).where(PATIENT.c.id.in_(ids)))}
    rows = [by_id[i] for i in ids if i in by_id]
    if not counted:
        matches = 0
    elif not others:
        matches = count_bound + 1  # the driving word alone begins more than the bound
    else:
        matching = (
            select(term.patient_id).where(*where).distinct().limit(count_bound + 1).subquery()
        )
        matches = int(session.scalar(select(func.count()).select_from(matching)) or 0)
    return Found(rows, len(keys) > limit, min(matches, count_bound), matches <= count_bound)


def _bounded_count(session: Session, where: Iterable[ColumnElement[bool]], bound: int) -> int:
    """How many rows match, counting no further than ``bound + 1``."""
    matching = select(PATIENT.c.id).where(*where).limit(bound + 1).subquery()
    return int(session.scalar(select(func.count()).select_from(matching)) or 0)
