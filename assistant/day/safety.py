"""The earliest safe date for a patient's next microneedling session (day.md).

It is the latest of the last signed session's date plus its interval (by the deepest depth,
amendments applied, with the clinic's intervals in force: ``TreatmentRules.interval_weeks``)
and every dated deferral of the latest assessment still running. An undated deferral ("until
resolved") does not move the date; it is listed beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.rules import rules_in_session, treatment_rules
from assistant.sessions.reading import get_session_in
from assistant.sessions.record import SIGNED
from assistant.storage.db import Database
from assistant.storage.models import Assessment, TreatmentSession
from assistant.text.i18n import _, ngettext
from assistant.text.screen_dates import screen_long_date


@dataclass(frozen=True)
class SafeReason:
    """One thing that keeps the next session from an earlier date."""

    until: date  # treatment may go ahead on or after this date
    kind: str  # "interval" or "deferral"
    words: str  # "4 weeks after a session at 1.5 mm", or the checklist's reason
    rule_id: str | None = None  # the checklist question, for a deferral

    def to_json(self) -> dict[str, object]:
        return {
            "until": self.until.isoformat(),
            "kind": self.kind,
            "why": self.words,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True)
class EarliestSafe:
    """The earliest safe date (None: nothing holds the patient back) and every reason."""

    on: date | None
    reasons: tuple[SafeReason, ...] = ()
    undated: tuple[str, ...] = ()  # undated deferrals: shown, not blocking

    @property
    def binding(self) -> SafeReason | None:
        """The reason that gives the date (the first of them when several agree)."""
        return next((r for r in self.reasons if r.until == self.on), None)

    def allows(self, day: date) -> bool:
        return self.on is None or day >= self.on

    def refusal(self) -> str:
        """ "not before Tuesday 22 December 2026: 4 weeks after a session at 1.5 mm" """
        reason = self.binding
        if self.on is None or reason is None:
            return ""
        return _("not before {date}: {why}").format(
            date=screen_long_date(self.on), why=reason.words
        )

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.on.isoformat() if self.on else None,
            "why": self.refusal() or None,
            "reasons": [r.to_json() for r in self.reasons],
            "undated_deferrals": list(self.undated),
        }


def interval_words(weeks: int, depth_mm: float) -> str:
    return ngettext(
        "{n} week after a session at {depth} mm",
        "{n} weeks after a session at {depth} mm",
        weeks,
    ).format(n=weeks, depth=reference.format_mm(depth_mm))


def last_signed_session_in(session: Session, patient_id: int) -> int | None:
    return session.scalar(
        select(TreatmentSession.id)
        .where(TreatmentSession.patient_id == patient_id, TreatmentSession.state == SIGNED)
        .order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc())
        .limit(1)
    )


def last_signed_session(db: Database, patient_id: int) -> int | None:
    """The patient's latest signed session (a complication is recorded against one)."""
    with db.session() as session:
        return last_signed_session_in(session, patient_id)


def earliest_safe_in(session: Session, patient_id: int, today: date) -> EarliestSafe:
    """The earliest safe date for the patient's next session, seen on ``today``."""
    reasons: list[SafeReason] = []
    last = last_signed_session_in(session, patient_id)
    if last is not None:
        draft = get_session_in(session, last).effective
        deepest = draft.deepest_depth
        if deepest is not None:
            weeks = treatment_rules(rules_in_session(session)).interval_weeks(deepest)
            reasons.append(
                SafeReason(
                    draft.treated_at.date() + timedelta(weeks=weeks),
                    "interval",
                    interval_words(weeks, deepest),
                )
            )
    undated: list[str] = []
    assessment = session.scalars(
        select(Assessment)
        .where(Assessment.patient_id == patient_id)
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        .limit(1)
    ).first()
    for reason in assessment.reasons if assessment is not None else []:
        if not isinstance(reason, dict) or reason.get("outcome") != "defer":
            continue
        message = str(reason.get("message") or reason.get("id") or "")
        until = reason.get("until")
        if not until:
            undated.append(message)
            continue
        day = date.fromisoformat(str(until))
        if day > today:
            reasons.append(SafeReason(day, "deferral", message, str(reason.get("id") or "")))
    reasons.sort(key=lambda r: r.until, reverse=True)
    on = reasons[0].until if reasons else None
    return EarliestSafe(on, tuple(reasons), tuple(undated))
