"""Consent forms as versioned text: the shipped forms (``resources/consent.toml`` in English,
``resources/consent-CODE.toml`` in each other language) and the clinic's own edited copies,
stored in the database.

Every version is a ``consent_template`` row that is never changed (the database refuses it
too): saving an edit adds the next version, and the newest version of a form in a language is
the one in use in that language. Each (form, language) has its own history. A consent records
the version and language it was issued from, so what the patient read can always be shown
again.

Each shipped file also holds the fixed words the consent PDF prints (``labels``) and says
whether a fluent clinician has reviewed the translation (``reviewed``): the consent step
tells the practitioner when not, never the patient's copy."""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from babel.lists import format_list
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.errors import InvalidInput
from assistant.resources import load_toml
from assistant.storage.db import Database
from assistant.storage.models import ConsentTemplate
from assistant.text.labels import data_label
from assistant.text.languages import DEFAULT_LANGUAGE, language

TREATMENT = "microneedling"
PHOTO = "photo"
TEMPLATE_KEYS = (TREATMENT, PHOTO)
FIELDS = ("patient_name", "areas", "device", "practitioner")
MAX_BODY_CHARS = 20_000


@dataclass(frozen=True)
class TemplateVersion:
    """One version of a consent form."""

    id: int
    key: str
    version: int
    source: str  # shipped, clinic
    title: str
    body: str
    created_at: datetime
    language: str = DEFAULT_LANGUAGE

    @property
    def label(self) -> str:
        return f"{self.title}, version {self.version}"


def shipped_file(code: str = DEFAULT_LANGUAGE) -> str:
    """The shipped file of a language's forms: "consent.toml", "consent-es.toml"…"""
    code = language(code).code
    return "consent.toml" if code == DEFAULT_LANGUAGE else f"consent-{code}.toml"


@cache
def _shipped(code: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    return load_toml(shipped_file(code))


def shipped_version(code: str = DEFAULT_LANGUAGE) -> str:
    return str(_shipped(language(code).code)["version"])


def reviewed(code: str = DEFAULT_LANGUAGE) -> bool:
    """Whether a fluent clinician has reviewed the shipped wording in this language."""
    return bool(_shipped(language(code).code).get("reviewed", False))


def photo_choice_labels(code: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The photo consent's yes/no questions, by key (own_record, training, marketing)."""
    return {str(k): str(v) for k, v in _shipped(language(code).code)["photo_choices"].items()}


def labels(code: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The fixed words the consent PDF prints, in the language ("Signatures", "Page {page}
    of {pages}"…), by key."""
    return {str(k): str(v) for k, v in _shipped(language(code).code)["labels"].items()}


def area_names(areas: Sequence[str], code: str) -> tuple[str, ...]:
    """The areas' plain names in the language (the aftercare sheet's words)."""
    return tuple(data_label("zones", area, language(code).code) for area in areas)


def areas_text(names: Sequence[str], code: str) -> str:
    """The areas as one phrase, a list as the language writes one ("Mejillas y Frente",
    "脸颊和额头"); English keeps "Cheeks, Forehead"."""
    if language(code).code == DEFAULT_LANGUAGE or len(names) < 2:
        return ", ".join(names)
    return str(format_list(list(names), locale=language(code).locale))


def required_fields(key: str) -> tuple[str, ...]:
    return tuple(_shipped()["templates"][key].get("required_fields", ()))


def _version_of(row: ConsentTemplate) -> TemplateVersion:
    return TemplateVersion(
        row.id, row.key, row.version, row.source, row.title, row.body, row.created_at,
        row.language,
    )  # fmt: skip


def placeholders(body: str) -> set[str]:
    """The ``{field}`` names a form's text uses; malformed braces are ``InvalidInput``."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(body) if name is not None}
    except ValueError as exc:
        raise InvalidInput(
            f"The form's text has a stray brace ({exc}); write fields as {{patient_name}}.",
            "body",
        ) from None


def check_body(key: str, title: str, body: str) -> None:
    """A form's text must name only known fields and every field the form needs."""
    if key not in TEMPLATE_KEYS:
        raise InvalidInput(f"There is no consent form called '{key}'.", "key")
    if not title.strip():
        raise InvalidInput("Give the form a title.", "title")
    if not body.strip():
        raise InvalidInput("The form's text is empty.", "body")
    if len(body) > MAX_BODY_CHARS:
        raise InvalidInput(f"The form's text is longer than {MAX_BODY_CHARS} characters.", "body")
    used = placeholders(body)
    unknown = sorted(name for name in used if name not in FIELDS)
    if unknown:
        known = ", ".join("{" + f + "}" for f in FIELDS)
        raise InvalidInput(
            f"The form uses unknown field(s) {', '.join(unknown)}; the fields are {known}.",
            "body",
        )
    missing = [f for f in required_fields(key) if f not in used]
    if missing:
        raise InvalidInput(
            "The form must show " + ", ".join("{" + f + "}" for f in missing) + ".", "body"
        )


def _latest(session: Session, key: str, code: str) -> ConsentTemplate | None:
    return session.scalars(
        select(ConsentTemplate)
        .where(ConsentTemplate.key == key, ConsentTemplate.language == code)
        .order_by(ConsentTemplate.version.desc())
        .limit(1)
    ).first()


def current_template_in(
    session: Session, key: str, code: str = DEFAULT_LANGUAGE
) -> ConsentTemplate:
    """The version in use in the language; the shipped form becomes version 1 the first time
    it is needed, and a newer shipped form becomes the next version unless the clinic has its
    own copy in that language."""
    code = language(code).code
    latest = _latest(session, key, code)
    shipped = _shipped(code)["templates"][key]
    if latest is not None and (
        latest.source == "clinic" or latest.shipped_version == shipped_version(code)
    ):
        return latest
    row = ConsentTemplate(
        key=key,
        language=code,
        version=(latest.version + 1) if latest is not None else 1,
        source="shipped",
        shipped_version=shipped_version(code),
        title=str(shipped["title"]).strip(),
        body=str(shipped["body"]).strip(),
    )
    session.add(row)
    session.flush()
    return row


def current_template(db: Database, key: str, code: str = DEFAULT_LANGUAGE) -> TemplateVersion:
    with db.session() as session:
        return _version_of(current_template_in(session, key, code))


def template_versions(
    db: Database, key: str, code: str = DEFAULT_LANGUAGE
) -> list[TemplateVersion]:
    """Every version of a form in a language, newest first."""
    code = language(code).code
    with db.session() as session:
        current_template_in(session, key, code)
        rows = session.scalars(
            select(ConsentTemplate)
            .where(ConsentTemplate.key == key, ConsentTemplate.language == code)
            .order_by(ConsentTemplate.version.desc())
        )
        return [_version_of(row) for row in rows]


def get_template(db: Database, template_id: int) -> TemplateVersion:
    with db.session() as session:
        row = session.get(ConsentTemplate, template_id)
        if row is None:
            raise InvalidInput(f"There is no consent form version {template_id}.", "template")
        return _version_of(row)


def save_clinic_template(
    db: Database,
    key: str,
    title: str,
    body: str,
    actor: int | None,
    code: str = DEFAULT_LANGUAGE,
) -> TemplateVersion:
    """Save the clinic's edited copy of a form in a language as its next version there
    (audited). Saving the same text again adds nothing and returns the current version."""
    title = title.strip()
    body = body.strip()
    code = language(code).code
    check_body(key, title, body)
    with db.session() as session:
        current = current_template_in(session, key, code)
        if current.title == title and current.body == body:
            return _version_of(current)
        version = (
            session.scalar(
                select(func.max(ConsentTemplate.version)).where(
                    ConsentTemplate.key == key, ConsentTemplate.language == code
                )
            )
            or 0
        ) + 1
        row = ConsentTemplate(
            key=key,
            language=code,
            version=version,
            source="clinic",
            shipped_version=current.shipped_version,
            title=title,
            body=body,
            created_by_id=actor,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "change",
            "consent_template",
            row.id,
            actor=actor,
            summary=f"Saved version {version} of the consent form '{key}'"
            + (f" in {language(code).name}" if code != DEFAULT_LANGUAGE else ""),
            changes={"key": key, "language": code, "version": [current.version, version]},
        )
        return _version_of(row)


def fill(body: str, values: dict[str, str]) -> str:
    """The form's text with every field filled in; a blank value is ``InvalidInput``."""
    for name in placeholders(body):
        if not values.get(name, "").strip():
            raise InvalidInput(
                f"The consent cannot be issued with {name.replace('_', ' ')} left blank.", name
            )
    return body.format_map({name: values[name].strip() for name in placeholders(body)})
