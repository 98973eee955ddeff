"""A translation review a clinic can sign off: which files make a language's translation,
every string in them beside the English, and who approved which version of each file.

A language's translation is the aftercare sheet in use in it (``aftercare-CODE.toml``: the
clinic's own copy in the templates folder when there is one, else the shipped file) and the
shipped consent forms (``consent-CODE.toml``). An approval records the SHA-256 of each file
as it was approved: it belongs to the clinic's database, never to the shipped file, and a
file that changes afterwards no longer matches, so it reads as unreviewed again.
"""

from __future__ import annotations

import hashlib
import logging
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.aftercare.template import active_template_path
from assistant.audit import trail as audit
from assistant.errors import InvalidInput, NotFound
from assistant.resources import resource_path
from assistant.storage.db import Database
from assistant.storage.models import Practitioner, TranslationApproval
from assistant.text.languages import DEFAULT_LANGUAGE, language
from assistant.text.safety import check_one_line

log = logging.getLogger(__name__)

AFTERCARE, CONSENT = "aftercare", "consent"
MAX_REVIEWER = 200
# What a file says about itself or the timeline: not wording a reviewer reads.
_NOT_WORDING = frozenset({
    "version", "language", "variant", "register", "reviewed", "reviewer", "revision",
    "from", "until", "areas", "only_when", "follows", "required_fields",
})  # fmt: skip


@dataclass(frozen=True)
class TranslationFile:
    """One file of a language's translation, as it is in use now."""

    kind: str  # aftercare, consent
    language: str
    path: Path
    source: str  # shipped, clinic (the clinic's own edited copy)
    content_hash: str  # SHA-256 of its bytes

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class ReviewString:
    """One string of a translated file beside the English it translates."""

    file: str
    key: str  # "steps[17].text", "labels.role_guardian"
    english: str
    translation: str


@dataclass(frozen=True)
class Approval:
    language: str
    file: str
    source: str
    content_hash: str
    reviewer: str
    practitioner: str
    approved_at: datetime


@dataclass(frozen=True)
class ApprovedTranslations:
    """The file versions the clinic has approved: (file name, SHA-256) pairs."""

    versions: frozenset[tuple[str, str]] = frozenset()

    def covers(self, path: Path) -> bool:
        """Whether this version of the file at ``path`` was approved."""
        try:
            return (path.name, file_hash(path)) in self.versions
        except OSError:
            return False


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes (read again whenever the file changes)."""
    stat = path.stat()
    return _hash(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _hash(path: Path, _mtime_ns: int, _size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code(code: str) -> str:
    found = language(code).code
    if found == DEFAULT_LANGUAGE:
        raise InvalidInput(
            "English is the original the translations are checked against; choose another "
            "language.",
            "language",
        )
    return found


def translation_files(code: str, templates: Path | None = None) -> tuple[TranslationFile, ...]:
    """The files of the translation into ``code`` as they are in use now."""
    code = _code(code)
    aftercare, is_clinic = active_template_path(templates, code)
    consent = resource_path(f"consent-{code}.toml")
    return (
        TranslationFile(
            AFTERCARE, code, aftercare, "clinic" if is_clinic else "shipped", file_hash(aftercare)
        ),
        TranslationFile(CONSENT, code, consent, "shipped", file_hash(consent)),
    )


def _strings(data: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, text) for every text in parsed TOML, in the file's order."""
    if isinstance(data, Mapping):
        for name, value in data.items():
            if name not in _NOT_WORDING:
                yield from _strings(value, f"{key}.{name}" if key else str(name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, f"{key}[{index}]")
    elif isinstance(data, str) and data.strip():
        yield key, " ".join(data.split()) if "\n" not in data.strip() else data.strip()


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"{path.name} cannot be read: {exc}.", "language") from None


def review_strings(
    code: str, templates: Path | None = None
) -> list[tuple[TranslationFile, list[ReviewString]]]:
    """Every string of each file of the translation into ``code``, by key, beside the
    English (the English of the zone names is the treatment data's)."""
    result = []
    for item in translation_files(code, templates):
        english_path = (
            active_template_path(templates, DEFAULT_LANGUAGE)[0]
            if item.kind == AFTERCARE
            else resource_path("consent.toml")
        )
        english = dict(_strings(_read(english_path)))
        english.update({f"zones.{z.id}": z.name for z in reference.zones().values()})
        rows = [
            ReviewString(item.name, key, english.get(key, ""), text)
            for key, text in _strings(_read(item.path))
        ]
        result.append((item, rows))
    return result


def check_reviewer(text: str) -> str:
    """The reviewer as one line "NAME, role", or ``InvalidInput`` saying what is wanted."""
    check_one_line(str(text), "reviewer", "The reviewer")
    reviewer = " ".join(str(text).split())
    name, _, role = reviewer.partition(",")
    if not name.strip() or not role.strip():
        raise InvalidInput(
            'Give the reviewer as "NAME, role" (for example "Dr Ana Ruiz, dermatologist").',
            "reviewer",
        )
    if len(reviewer) > MAX_REVIEWER:
        raise InvalidInput(
            f"The reviewer is longer than {MAX_REVIEWER} characters.", "reviewer"
        )
    return reviewer


def approve_translation(
    db: Database, code: str, reviewer: str, actor: int, templates: Path | None = None
) -> tuple[Approval, ...]:
    """Record that ``reviewer`` ("NAME, role") approved the translation into ``code`` as its
    files are now, entered by practitioner ``actor``; one audited entry names every file and
    the SHA-256 approved."""
    reviewer = check_reviewer(reviewer)
    files = translation_files(code, templates)
    with db.session() as session:
        practitioner = session.get(Practitioner, actor)
        if practitioner is None:
            raise NotFound(f"There is no practitioner with id {actor}.")
        rows = [
            TranslationApproval(
                language=item.language, file=item.name, source=item.source,
                content_hash=item.content_hash, reviewer=reviewer, practitioner_id=actor,
            )
            for item in files
        ]  # fmt: skip
        session.add_all(rows)
        session.flush()
        versions = {item.name: item.content_hash for item in files}
        combined = hashlib.sha256(
            "".join(f"{name}:{digest}\n" for name, digest in sorted(versions.items())).encode()
        ).hexdigest()
        audit.record(
            session,
            "sign",
            "translation_approval",
            rows[0].id,
            actor=actor,
            summary=f"Translation into {language(code).name} approved by {reviewer}: "
            + ", ".join(f"{name} {digest[:12]}" for name, digest in versions.items()),
            changes={"language": files[0].language, "reviewer": reviewer, "files": versions},
            content_hash=combined,
        )
        approvals = tuple(_approval(row, practitioner.name) for row in rows)
    log.info("translation %s approved (%s)", files[0].language, ", ".join(versions))
    return approvals


def _approval(row: TranslationApproval, practitioner: str) -> Approval:
    return Approval(
        row.language, row.file, row.source, row.content_hash, row.reviewer, practitioner,
        row.approved_at,
    )  # fmt: skip


def approved_in(session: Session) -> ApprovedTranslations:
    """:func:`approved_translations` inside an open database session."""
    rows = session.execute(select(TranslationApproval.file, TranslationApproval.content_hash))
    return ApprovedTranslations(frozenset((str(f), str(h)) for f, h in rows))


def consent_approved_in(session: Session, code: str) -> bool:
    """Whether the clinic approved the shipped consent forms of ``code`` as they are now."""
    if language(code).code == DEFAULT_LANGUAGE:
        return True
    return approved_in(session).covers(resource_path(f"consent-{language(code).code}.toml"))


def consent_approved(db: Database, code: str) -> bool:
    """:func:`consent_approved_in` in a session of its own."""
    with db.session() as session:
        return consent_approved_in(session, code)


def approved_translations(db: Database) -> ApprovedTranslations:
    """Every file version the clinic has approved."""
    with db.session() as session:
        return approved_in(session)


def approvals(db: Database, code: str) -> list[Approval]:
    """The approvals recorded for the translation into ``code``, oldest first."""
    code = _code(code)
    with db.session() as session:
        rows = session.execute(
            select(TranslationApproval, Practitioner.name)
            .join(Practitioner, Practitioner.id == TranslationApproval.practitioner_id)
            .where(TranslationApproval.language == code)
            .order_by(TranslationApproval.id)
        ).all()
        return [_approval(row, name) for row, name in rows]
