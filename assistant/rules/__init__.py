"""The clinical rules in force: the shipped values of the current revision and the values
the clinic set within their bounds. Every change needs a practitioner and a reason, is
audited, and makes a new rule-set version ("2026.3+clinic.N"); every verdict stores the
version that produced it. A value the clinic set under an earlier revision that falls
outside a bound of this one is kept in force as it is and flagged (``outside_bounds``), for
the clinic to review: never changed silently.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.audit import trail as audit
from assistant.checklist import Checklist, Outcome, default_checklist
from assistant.checklist.loading import translated_checklist
from assistant.errors import InvalidInput, NotFound
from assistant.rules.catalogue import (
    DEPTH,
    RuleDefinition,
    catalogue,
    definition,
    interval_rule_id,
    numeric,
    parse_value,
    window_of,
    within_bounds,
    within_earlier_bounds,
)
from assistant.storage.db import Database
from assistant.storage.models import ClinicRuleChange, Practitioner
from assistant.text.i18n import _, current_language

log = logging.getLogger(__name__)

MAX_REASON = 2000


@dataclass(frozen=True)
class RuleInForce:
    definition: RuleDefinition
    value: str
    changed: bool  # the clinic's value, not the shipped default
    # the clinic's value lies outside the bounds of the current revision: kept, flagged
    outside_bounds: bool = False

    @property
    def id(self) -> str:
        return self.definition.id


@dataclass(frozen=True)
class RuleSet:
    """The values in force and the version they make."""

    version: str
    values: Mapping[str, str] = field(default_factory=dict)  # the clinic's values only
    # rules whose clinic value lies outside the current bounds (kept in force, flagged)
    outside: frozenset[str] = frozenset()

    def value(self, rule_id: str) -> str:
        return self.values.get(rule_id, definition(rule_id).default)

    def number(self, rule_id: str) -> float:
        return numeric(definition(rule_id), self.value(rule_id))

    def rules(self) -> list[RuleInForce]:
        return [
            RuleInForce(
                rule,
                self.values.get(rule.id, rule.default),
                rule.id in self.values,
                rule.id in self.outside,
            )
            for rule in catalogue().values()
        ]

    def flagged(self) -> list[RuleInForce]:
        """The clinic's values outside the bounds of the current revision."""
        return [rule for rule in self.rules() if rule.outside_bounds]


def shipped_version() -> str:
    return default_checklist().version


def shipped_rules() -> RuleSet:
    return RuleSet(shipped_version())


def rules_in_force(db: Database) -> RuleSet:
    """The rules in force in this database; ``InvalidInput`` naming the rule and its bounds
    when a stored value cannot be read (a damaged store changes nothing)."""
    with db.session() as session:
        return rules_in_session(session)


def rules_in_session(session: Session) -> RuleSet:
    """:func:`rules_in_force` inside an open database session."""
    rows = session.scalars(select(ClinicRuleChange).order_by(ClinicRuleChange.id)).all()
    values: dict[str, str] = {}
    for row in rows:
        try:
            rule = definition(row.rule_id)
        except InvalidInput:
            raise InvalidInput(
                _(
                    "The clinic's rule store is damaged: change {id} names an unknown rule "
                    "'{rule_id}'. Nothing was changed."
                ).format(id=row.id, rule_id=row.rule_id),
                row.rule_id,
            ) from None
        try:
            value = parse_value(rule, row.value, check_bounds=False)
            if not within_bounds(rule, value) and not within_earlier_bounds(rule, value):
                parse_value(rule, row.value)  # the message naming the bounds
            values[rule.id] = value
        except InvalidInput as exc:
            raise InvalidInput(
                _(
                    "The clinic's rule store is damaged: change {id}: {exc} Nothing was changed."
                ).format(id=row.id, exc=exc),
                rule.id,
            ) from None
    last = rows[-1].id if rows else None
    values = {k: v for k, v in values.items() if v != definition(k).default}
    version = shipped_version() + (f"+clinic.{last}" if last is not None else "")
    outside = frozenset(k for k, v in values.items() if not within_bounds(definition(k), v))
    return RuleSet(version, values, outside)


def set_rule(db: Database, rule_id: str, value: str, reason: str, actor: int) -> RuleSet:
    """Set a rule to ``value`` (refused with the bounds when outside them) as practitioner
    ``actor`` with a written reason; audited. Returns the rules now in force."""
    rule = definition(rule_id)
    canonical = parse_value(rule, value)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            _("{rule_id}: write the reason for the change.").format(rule_id=rule_id), "reason"
        )
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("The reason is longer than {max_reason} characters.").format(max_reason=MAX_REASON),
            "reason",
        )
    current = rules_in_force(db)  # refuses to build on a damaged store
    _check_consistent(rule, canonical, current)
    old = current.value(rule_id)
    with db.session() as session:
        if session.get(Practitioner, actor) is None:
            raise NotFound(f"There is no practitioner with id {actor}.")
        row = ClinicRuleChange(
            rule_id=rule_id, value=canonical, reason=reason, practitioner_id=actor
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "change",
            "clinic_rule",
            row.id,
            actor=actor,
            summary=f"Clinical rule {rule_id}: {old} → {canonical} "
            f"(version {shipped_version()}+clinic.{row.id}): {reason}",
            changes={rule_id: [old, canonical], "reason": reason},
        )
    log.info("clinical rule %s set to %s", rule_id, canonical)
    return rules_in_force(db)


def _check_consistent(rule: RuleDefinition, value: str, current: RuleSet) -> None:
    """A zone's typical range must stay a range (from ≤ up to)."""
    if rule.kind != DEPTH or not rule.id.startswith("zone_"):
        return
    stem = rule.id.rsplit("_typical_", 1)[0]
    low_id, high_id = f"{stem}_typical_min_mm", f"{stem}_typical_max_mm"
    if rule.id not in (low_id, high_id):
        return
    values = {low_id: current.value(low_id), high_id: current.value(high_id), rule.id: value}
    if numeric(rule, values[low_id]) > numeric(rule, values[high_id]):
        raise InvalidInput(
            _(
                "{rule}: {value} would make the typical range {low}–{high}; "
                "the start must not be above the end."
            ).format(rule=rule.id, value=value, low=values[low_id], high=values[high_id]),
            rule.id,
        )


# --------------------------------------------------------------------------- applying


def apply_to_checklist(checklist: Checklist, rules: RuleSet) -> Checklist:
    """The checklist with the clinic's values in force, carrying the rule set's version."""
    questions = dict(checklist.questions)
    for rule_id, value in rules.values.items():
        rule = definition(rule_id)
        if rule.kind == "window":
            questions[rule_id] = dataclasses.replace(questions[rule_id], window=window_of(value))
        elif rule.kind == "outcome":
            question = questions[rule.question or rule_id]
            outcome = Outcome(value)
            variant = question.variants.get(outcome)
            questions[question.id] = dataclasses.replace(
                question,
                outcome=outcome,
                message=variant.message if variant else question.message,
                actions=variant.actions if variant else question.actions,
            )
        elif rule.kind == "scope":
            questions["cold_sore_history"] = dataclasses.replace(
                questions["cold_sore_history"], zones=value
            )
    threshold = int(rules.number("pigmented_skin_min_fitzpatrick"))
    fact_rules = tuple(
        dataclasses.replace(r, threshold=threshold) if r.fact == "fitzpatrick" else r
        for r in checklist.fact_rules
    )
    groups = tuple(
        dataclasses.replace(g, questions=tuple(questions[q.id] for q in g.questions))
        for g in checklist.groups
    )
    return dataclasses.replace(
        checklist,
        version=rules.version,
        groups=groups,
        fact_rules=fact_rules,
        questions={q.id: q for g in groups for q in g.questions},
    )


def checklist_in_force(db: Database) -> Checklist:
    """The checklist with the clinic's rules, its texts in the practitioner's language."""
    texts = translated_checklist(default_checklist(), current_language())
    return apply_to_checklist(texts, rules_in_force(db))


@dataclass(frozen=True)
class TreatmentRules:
    """The session-record values in force: zone bounds, passes, pigmented skin, intervals."""

    version: str
    zones: Mapping[str, reference.Zone]
    limits: reference.TreatmentLimits
    intervals: tuple[tuple[float, int], ...]
    sweat_window_hours: int
    scalp_products_hours: int = 72

    def zone(self, zone_id: str, field_name: str = "zone") -> reference.Zone:
        reference.zone(zone_id, field_name)  # the message naming the known zones
        return self.zones[zone_id]

    def interval_weeks(self, deepest_depth_mm: float) -> int:
        for max_depth, weeks in self.intervals:
            if deepest_depth_mm <= max_depth + 1e-9:
                return weeks
        return self.intervals[-1][1]


def treatment_rules(rules: RuleSet) -> TreatmentRules:
    zones = {}
    for zone in reference.zones().values():
        changes: dict[str, float] = {}
        for key in ("typical_min_mm", "typical_max_mm", "warn_above_mm"):
            rule_id = f"zone_{zone.id}_{key}"
            if rule_id in rules.values:
                changes[key] = rules.number(rule_id)
        zones[zone.id] = dataclasses.replace(zone, **changes)  # type: ignore[arg-type]
    limits = dataclasses.replace(
        reference.limits(),
        passes_max=int(rules.number("passes_max")),
        pigmented_skin_min_fitzpatrick=int(rules.number("pigmented_skin_min_fitzpatrick")),
        pigmented_skin_depth_warn_mm=rules.number("pigmented_skin_depth_warn_mm"),
        pigmented_skin_passes_warn=int(rules.number("pigmented_skin_passes_warn")),
    )
    shipped = reference.intervals()
    intervals = tuple(
        (depth, int(rules.number(interval_rule_id(depth, last=index == len(shipped) - 1))))
        for index, (depth, _weeks) in enumerate(shipped)
    )
    return TreatmentRules(
        rules.version, zones, limits, intervals, int(rules.number("sweat_window_hours")),
        int(rules.number("scalp_products_hours")),
    )


def treatment_in_force(db: Database) -> TreatmentRules:
    return treatment_rules(rules_in_force(db))


__all__ = [
    "RuleDefinition",
    "RuleInForce",
    "RuleSet",
    "TreatmentRules",
    "apply_to_checklist",
    "catalogue",
    "checklist_in_force",
    "definition",
    "parse_value",
    "rules_in_force",
    "set_rule",
    "shipped_rules",
    "treatment_in_force",
    "treatment_rules",
]
