"""The complications register: adverse events recorded against a session (day.md).

Each record names the session, and through it the device, the cartridge and its lot, the
depths and passes, the products and their lots and the practitioner — read from the session
with its amendments (``SessionFacts``), never copied. Recall by lot lists the complications of
sessions that used the lot. Every change is audited in its transaction."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import reference
from assistant.audit import trail as audit
from assistant.day.tables import Complication
from assistant.day.vocabulary import check_choice
from assistant.errors import InvalidInput, NotFound
from assistant.sessions.reading import get_session_in
from assistant.sessions.recall import recall
from assistant.sessions.record import DISCARDED
from assistant.storage.db import Database
from assistant.storage.models import Cartridge, Device, Practitioner
from assistant.text.i18n import _
from assistant.text.safety import check_one_line

MAX_TEXT = 4000
RESOLVED = ("resolved", "resolved_with_sequelae")


@dataclass(frozen=True)
class ZoneFact:
    zone: str
    depth_mm: float
    passes: int


@dataclass(frozen=True)
class ProductFact:
    name: str
    kind: str
    lot: str
    expiry: date | None


@dataclass(frozen=True)
class SessionFacts:
    """What the session tells a regulator: device, cartridge, settings, products."""

    session_id: int
    treated_at: datetime
    practitioner: str
    device_make: str
    device_model: str
    device_serial: str
    cartridge: str
    cartridge_needles: str
    cartridge_lot: str
    cartridge_expiry: date | None
    zones: tuple[ZoneFact, ...]
    products: tuple[ProductFact, ...]
    anaesthetic: str

    @property
    def depths(self) -> str:
        """ "forehead 0.5 mm × 2, cheeks 1.5 mm × 3" """
        return ", ".join(
            f"{z.zone} {reference.format_mm(z.depth_mm)} mm × {z.passes}" for z in self.zones
        )

    @property
    def deepest_mm(self) -> float | None:
        return max((z.depth_mm for z in self.zones), default=None)

    def to_json(self) -> dict[str, object]:
        return {
            "session_id": self.session_id,
            "treated_at": self.treated_at.isoformat(timespec="minutes"),
            "practitioner": self.practitioner,
            "device": {
                "make": self.device_make,
                "model": self.device_model,
                "serial": self.device_serial,
            },
            "cartridge": {
                "name": self.cartridge,
                "needles": self.cartridge_needles,
                "lot": self.cartridge_lot,
                "expiry": self.cartridge_expiry.isoformat() if self.cartridge_expiry else None,
            },
            "zones": [
                {"zone": z.zone, "depth_mm": z.depth_mm, "passes": z.passes} for z in self.zones
            ],
            "products": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "lot": p.lot,
                    "expiry": p.expiry.isoformat() if p.expiry else None,
                }
                for p in self.products
            ],
            "anaesthetic": self.anaesthetic,
        }


@dataclass(frozen=True)
class ComplicationDetails:
    """What the practitioner records; ids of ``resources/day.toml`` for the choices."""

    kind: str
    onset_on: date
    severity: str
    description: str = ""
    serious: bool | None = None  # by the regulators' criteria; None: not said
    treatment_given: str = ""
    referral: str = ""
    outcome: str | None = None
    resolved_on: date | None = None
    udi: str = ""
    reported_to: str | None = None
    reported_on: date | None = None
    report_reference: str = ""


@dataclass(frozen=True)
class ComplicationInfo:
    id: int
    patient_id: int
    details: ComplicationDetails
    facts: SessionFacts
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.details.outcome not in RESOLVED

    def to_json(self) -> dict[str, object]:
        d = self.details
        return {
            "id": self.id,
            "patient_id": self.patient_id,
            "session_id": self.facts.session_id,
            "kind": d.kind,
            "onset": d.onset_on.isoformat(),
            "severity": d.severity,
            "serious": d.serious,
            "description": d.description,
            "treatment_given": d.treatment_given,
            "referral": d.referral,
            "outcome": d.outcome,
            "resolved_on": d.resolved_on.isoformat() if d.resolved_on else None,
            "udi": d.udi,
            "reported_to": d.reported_to,
            "reported_on": d.reported_on.isoformat() if d.reported_on else None,
            "report_reference": d.report_reference,
            "session": self.facts.to_json(),
        }


def session_facts_in(session: Session, session_id: int) -> SessionFacts:
    record = get_session_in(session, session_id)
    draft = record.effective
    device = session.get(Device, draft.device_id) if draft.device_id else None
    cartridge = session.get(Cartridge, draft.cartridge_id) if draft.cartridge_id else None
    practitioner = (
        session.get(Practitioner, draft.practitioner_id) if draft.practitioner_id else None
    )
    return SessionFacts(
        session_id=record.id,
        treated_at=draft.treated_at,
        practitioner=record.signed_by_name or (practitioner.name if practitioner else ""),
        device_make=device.make if device else "",
        device_model=device.model if device else "",
        device_serial=device.serial if device else "",
        cartridge=cartridge.name if cartridge else "",
        cartridge_needles=draft.cartridge_needles,
        cartridge_lot=draft.cartridge_lot,
        cartridge_expiry=draft.cartridge_expiry,
        zones=tuple(ZoneFact(z.zone, z.depth_mm, z.passes) for z in draft.zones),
        products=tuple(
            ProductFact(p.product_name, p.kind, p.lot_number, p.expiry_date) for p in draft.products
        ),
        anaesthetic=" ".join(
            part for part in (draft.anaesthetic_product, draft.anaesthetic_strength) if part
        ),
    )


def get_session_facts(db: Database, session_id: int) -> SessionFacts:
    with db.session() as session:
        return session_facts_in(session, session_id)


def _details(row: Complication) -> ComplicationDetails:
    return ComplicationDetails(
        **{f.name: getattr(row, f.name) for f in fields(ComplicationDetails)}
    )


def _info(session: Session, row: Complication) -> ComplicationInfo:
    return ComplicationInfo(
        row.id, row.patient_id, _details(row), session_facts_in(session, row.session_id),
        row.created_at,
    )  # fmt: skip


def _check(details: ComplicationDetails, treated_on: date, today: date) -> None:
    check_choice("complication_kinds", details.kind, "kind")
    check_choice("severities", details.severity, "severity")
    if details.outcome is not None:
        check_choice("complication_outcomes", details.outcome, "outcome")
    if details.reported_to is not None:
        check_choice("regulators", details.reported_to, "reported_to")
    if details.onset_on < treated_on:
        raise InvalidInput(
            _("The onset ({onset}) is before the session ({session}).").format(
                onset=details.onset_on.isoformat(), session=treated_on.isoformat()
            ),
            "onset",
        )
    for day, field in ((details.onset_on, "onset"), (details.reported_on, "reported_on")):
        if day is not None and day > today:
            raise InvalidInput(_("{date} is in the future.").format(date=day.isoformat()), field)
    if details.resolved_on is not None and details.resolved_on < details.onset_on:
        raise InvalidInput(_("The event cannot be resolved before its onset."), "resolved_on")
    for name in ("description", "treatment_given", "referral", "udi", "report_reference"):
        value = getattr(details, name)
        if len(value) > MAX_TEXT:
            raise InvalidInput(
                _("{label} is at most {most} characters.").format(label=name, most=MAX_TEXT),
                name,
            )
        if name in ("udi", "report_reference"):
            check_one_line(value, name, name)


def add_complication(
    db: Database,
    session_id: int,
    details: ComplicationDetails,
    actor: int | None,
    today: date | None = None,
) -> ComplicationInfo:
    """Record an adverse event against a session (audited)."""
    today = today or date.today()
    with db.session() as session:
        record = get_session_in(session, session_id)
        if record.state == DISCARDED:
            raise InvalidInput(
                _("Session {id} was discarded; record the event against the session given.")
                .format(id=session_id),
                "session",
            )  # fmt: skip
        details = replace(details, description=details.description.strip())
        _check(details, record.effective.treated_at.date(), today)
        row = Complication(
            patient_id=record.patient_id,
            session_id=session_id,
            created_by_id=actor,
            **{f.name: getattr(details, f.name) for f in fields(ComplicationDetails)},
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "create",
            "complication",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Recorded complication {row.id} ({row.kind}, {row.severity}) after "
            f"session {session_id}",
            changes={"kind": row.kind, "severity": row.severity, "onset": row.onset_on},
        )
        return _info(session, row)


def update_complication(
    db: Database,
    complication_id: int,
    details: ComplicationDetails,
    actor: int | None,
    today: date | None = None,
) -> ComplicationInfo:
    """Change what is recorded (outcome, date resolved, treatment, report…), audited with
    the fields changed and their old and new values."""
    today = today or date.today()
    with db.session() as session:
        row = _get(session, complication_id)
        facts = session_facts_in(session, row.session_id)
        _check(details, facts.treated_at.date(), today)
        old = _details(row)
        changes = audit.diff(_plain(old), _plain(details))
        if not changes:
            return _info(session, row)
        for name in changes:
            setattr(row, name, getattr(details, name))
        session.flush()
        audit.record(
            session,
            "change",
            "complication",
            row.id,
            actor=actor,
            patient_id=row.patient_id,
            summary=f"Changed complication {row.id}: {', '.join(sorted(changes))}",
            changes=changes,
        )
        return _info(session, row)


def _plain(details: ComplicationDetails) -> dict[str, Any]:
    return {f.name: getattr(details, f.name) for f in fields(ComplicationDetails)}


def _get(session: Session, complication_id: int) -> Complication:
    row = session.get(Complication, complication_id)
    if row is None:
        raise NotFound(f"There is no complication with id {complication_id}.")
    return row


def get_complication(db: Database, complication_id: int) -> ComplicationInfo:
    with db.session() as session:
        return _info(session, _get(session, complication_id))


def list_complications(
    db: Database, lot: str | None = None, patient_id: int | None = None
) -> list[ComplicationInfo]:
    """Every complication (of sessions that used product or cartridge lot ``lot``, amended
    lots included, as recall finds them), by onset."""
    session_ids = {row.session_id for row in recall(db, lot)} if lot is not None else None
    with db.session() as session:
        stmt = select(Complication).order_by(Complication.onset_on, Complication.id)
        if patient_id is not None:
            stmt = stmt.where(Complication.patient_id == patient_id)
        return [
            _info(session, row)
            for row in session.scalars(stmt)
            if session_ids is None or row.session_id in session_ids
        ]


def open_complications_in(session: Session, patient_id: int) -> list[int]:
    """Ids of the patient's complications not yet resolved."""
    return list(
        session.scalars(
            select(Complication.id).where(
                Complication.patient_id == patient_id,
                Complication.outcome.is_(None) | Complication.outcome.not_in(RESOLVED),
            )
        )
    )
