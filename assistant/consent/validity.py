"""Whether a patient's consent covers a session: the rules of ``consent.md`` ("Validity").

A consent covers a course of the same treatment while the form's version is still the one in
use in the consent's language (a Spanish consent stays valid while the Spanish form is
unchanged, whatever happens to the English one), it was signed no more than the clinic's
number of months before (12 by default), it names every area treated and the device used,
and the treatment consent has not been withdrawn. ``consent_status`` says why when none does,
so the visit can tell the patient why a consent is needed again."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Session

from assistant.audit import trail as audit
from assistant.consent.issued import (
    NO_PHOTOS,
    PHOTO_SCOPE,
    TREATMENT_SCOPE,
    ConsentRecord,
    PhotoChoices,
    area_name,
    record_of,
)
from assistant.consent.templates import TREATMENT, current_template_in
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from assistant.storage.models import Clinic, Consent
from assistant.text.i18n import _
from assistant.text.labels import data_label
from assistant.text.languages import language
from assistant.text.screen_dates import screen_long_date

DEFAULT_VALID_MONTHS = 12
MAX_VALID_MONTHS = 60


@dataclass(frozen=True)
class ConsentContext:
    """What a session needs a consent for."""

    on: date  # the session's (local) date
    areas: tuple[str, ...]  # zone ids
    device_id: int | None
    treatment: str = TREATMENT
    language: str | None = None  # only consents signed in this language; None: any


@dataclass(frozen=True)
class ConsentStatus:
    valid: bool
    consent_id: int | None
    reasons: tuple[str, ...]  # why no consent covers the session (empty when valid)

    @property
    def message(self) -> str:
        if self.valid:
            return _("Consent {id} covers this session.").format(id=self.consent_id)
        return _("A new consent is needed: {reasons}").format(reasons=" ".join(self.reasons))


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_months_in(session: Session) -> int:
    clinic = session.scalars(select(Clinic).order_by(Clinic.id)).first()
    return clinic.consent_valid_months if clinic is not None else DEFAULT_VALID_MONTHS


def valid_months(db: Database) -> int:
    with db.session() as session:
        return valid_months_in(session)


def set_valid_months(db: Database, months: int, actor: int | None) -> None:
    """The clinic's setting: how many months a treatment consent covers a course."""
    if not 1 <= months <= MAX_VALID_MONTHS:
        raise InvalidInput(
            _("Choose between 1 and {most} months.").format(most=MAX_VALID_MONTHS), "months"
        )
    with db.session() as session:
        clinic = session.scalars(select(Clinic).order_by(Clinic.id)).first()
        if clinic is None:
            clinic = Clinic()
            session.add(clinic)
            session.flush()
        old = clinic.consent_valid_months
        clinic.consent_valid_months = months
        audit.record(
            session,
            "change",
            "clinic",
            clinic.id,
            actor=actor,
            summary="Changed how long a consent stays valid",
            changes={"consent_valid_months": [old, months]},
        )


def _problems(
    record: ConsentRecord, context: ConsentContext, current_version: int, months: int
) -> list[str]:
    """Why ``record`` does not cover ``context``, as whole sentences in the practitioner's
    language, dates worded in it too ("Thursday 1 October 2026")."""
    problems = []
    signed = screen_long_date(record.signed_on)
    withdrawn = record.withdrawn_on(TREATMENT_SCOPE)
    if withdrawn is not None and withdrawn <= context.on:
        problems.append(
            _("The patient withdrew consent {id} on {date}.").format(
                id=record.id, date=screen_long_date(withdrawn)
            )
        )
    if record.signed_on > context.on:
        problems.append(
            _("Consent {id} was signed on {date}, after this session's date.").format(
                id=record.id, date=signed
            )
        )
    if record.template_version != current_version:
        changed = (
            _(
                "The consent form has changed since consent {id} was signed (version "
                "{signed} signed, version {current} now in use in {language})."
            )
            if record.language != "en"
            else _(
                "The consent form has changed since consent {id} was signed (version "
                "{signed} signed, version {current} now in use)."
            )
        )
        problems.append(
            changed.format(
                id=record.id,
                signed=record.template_version,
                current=current_version,
                language=_language_name(record.language),
            )
        )
    if add_months(record.signed_on, months) < context.on:
        problems.append(
            _("Consent {id} was signed on {date}, more than {months} months ago.").format(
                id=record.id, date=signed, months=months
            )
        )
    missing = [a for a in context.areas if a not in record.areas]
    if missing:
        names = ", ".join(data_label("zones", a, default=area_name(a)) for a in missing)
        problems.append(_("Consent {id} does not cover {areas}.").format(id=record.id, areas=names))
    if context.device_id is not None and record.device_id != context.device_id:
        problems.append(
            _("Consent {id} was given for another device ({device}).").format(
                id=record.id, device=record.device_label
            )
        )
    return problems


def _language_name(code: str) -> str:
    """A language's name in the practitioner's language ("Spanish", "español")."""
    return data_label("languages", language(code).code, default=language(code).name)


def consent_status_in(session: Session, patient_id: int, context: ConsentContext) -> ConsentStatus:
    rows = list(
        session.scalars(
            select(Consent)
            .where(Consent.patient_id == patient_id, Consent.treatment == context.treatment)
            .where(
                Consent.language == language(context.language).code
                if context.language is not None
                else sa_true()
            )
            .order_by(Consent.signed_at.desc(), Consent.id.desc())
        )
    )
    if not rows:
        if context.language is not None:
            name = _language_name(context.language)
            return ConsentStatus(
                False,
                None,
                (
                    _("No consent to this treatment in {language} is on record.").format(
                        language=name
                    ),
                ),
            )
        return ConsentStatus(False, None, (_("No consent to this treatment is on record."),))
    current: dict[str, int] = {}  # the version in use, by language
    months = valid_months_in(session)
    newest_reasons: list[str] = []
    for index, row in enumerate(rows):
        if row.language not in current:
            current[row.language] = current_template_in(
                session, context.treatment, row.language
            ).version
        problems = _problems(record_of(session, row), context, current[row.language], months)
        if not problems:
            return ConsentStatus(True, row.id, ())
        if index == 0:
            newest_reasons = problems
    return ConsentStatus(False, rows[0].id, tuple(newest_reasons))


def consent_status(db: Database, patient_id: int, context: ConsentContext) -> ConsentStatus:
    """Whether some consent of the patient covers ``context``; if not, why (newest consent)."""
    with db.session() as session:
        return consent_status_in(session, patient_id, context)


def photo_permissions(db: Database, patient_id: int, on: date) -> PhotoChoices:
    """What the patient's newest consent allows photos to be used for on ``on`` (nothing
    before any consent, nor after the photo consent was withdrawn)."""
    with db.session() as session:
        row = session.scalars(
            select(Consent)
            .where(Consent.patient_id == patient_id, Consent.signed_on <= on)
            .order_by(Consent.signed_at.desc(), Consent.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return NO_PHOTOS
        record = record_of(session, row)
        withdrawn = record.withdrawn_on(PHOTO_SCOPE)
        if withdrawn is not None and withdrawn <= on:
            return NO_PHOTOS
        return record.photo
