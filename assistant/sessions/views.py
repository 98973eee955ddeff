"""Sessions as the screens show them: a patient's timeline, unfinished drafts, everything the
session form needs loaded in one go, and the aftercare sheet for a stored session."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from assistant.audit import trail as audit
from assistant.audit.chain import chain_head
from assistant.clinic.store import get_clinic
from assistant.errors import NotFound
from assistant.patients.store import display_name
from assistant.rules import TreatmentRules, rules_in_session, treatment_rules
from assistant.sessions.carry import CarriedSettings, last_signed_in
from assistant.sessions.record import (
    DISCARDED,
    DRAFT,
    DeviceLimits,
    PreviousSession,
    ProductEntry,
    SessionRecord,
    ZoneEntry,
)
from assistant.sessions.store import _get_row, _history, _record_of
from assistant.storage.db import Database
from assistant.storage.models import (
    Assessment,
    Cartridge,
    Device,
    Patient,
    Practitioner,
    Product,
    ProductLot,
    TreatmentSession,
    ZoneTreatment,
)
from assistant.text.i18n import _
from assistant.text.screen_dates import screen_long_date

# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class SessionSummary:
    """One line of a patient's session timeline (amendments applied)."""

    id: int
    patient_id: int
    treated_at: datetime
    state: str
    practitioner: str
    zones: tuple[ZoneEntry, ...]
    deepest_depth_mm: float | None
    products: tuple[ProductEntry, ...]
    cartridge_needles: str
    cartridge_lot: str
    course_number: int | None
    course_total: int | None
    next_session_date: date | None
    warnings: int
    amendments: int
    signed_at: datetime | None

    @property
    def course(self) -> str:
        if self.course_number and self.course_total:
            return f"session {self.course_number} of {self.course_total}"
        return ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "patient_id": self.patient_id,
            "treated_at": self.treated_at.isoformat(timespec="minutes"),
            "state": self.state,
            "practitioner": self.practitioner,
            "zones": [dataclasses.asdict(z) for z in self.zones],
            "deepest_depth_mm": self.deepest_depth_mm,
            "products": [
                {k: audit._plain(v) for k, v in dataclasses.asdict(p).items()}
                for p in self.products
            ],
            "cartridge_needles": self.cartridge_needles,
            "cartridge_lot": self.cartridge_lot,
            "course_number": self.course_number,
            "course_total": self.course_total,
            "next_session_date": audit._plain(self.next_session_date),
            "warnings": self.warnings,
            "amendments": self.amendments,
            "signed_at": audit._plain(self.signed_at),
        }


def list_sessions(
    db: Database, patient_id: int, limit: int | None = None, offset: int = 0
) -> list[SessionSummary]:
    """The patient's sessions, newest first (discarded drafts left out); with ``limit``,
    that many from ``offset`` (a page of a long history)."""
    with db.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound(f"There is no patient with id {patient_id}.")
        rows = list(
            session.scalars(
                select(TreatmentSession)
                .where(
                    TreatmentSession.patient_id == patient_id,
                    TreatmentSession.state != DISCARDED,
                )
                .order_by(TreatmentSession.treated_at.desc(), TreatmentSession.id.desc())
                .limit(limit)
                .offset(offset)
                # Zones and products of the whole page in two reads, not two per session.
                .options(
                    selectinload(TreatmentSession.zones), selectinload(TreatmentSession.products)
                )
            )
        )
        names = dict(session.execute(select(Practitioner.id, Practitioner.name)).all())
        result = []
        for row in rows:
            record = _record_of(session, row)
            effective = record.effective
            result.append(
                SessionSummary(
                    id=row.id,
                    patient_id=row.patient_id,
                    treated_at=effective.treated_at,
                    state=row.state,
                    practitioner=names.get(effective.practitioner_id or 0, ""),
                    zones=effective.zones,
                    deepest_depth_mm=effective.deepest_depth,
                    products=effective.products,
                    cartridge_needles=effective.cartridge_needles,
                    cartridge_lot=effective.cartridge_lot,
                    course_number=effective.course_number,
                    course_total=effective.course_total,
                    next_session_date=effective.next_session_date,
                    warnings=len(record.warnings),
                    amendments=len(record.amendments),
                    signed_at=row.signed_at,
                )
            )
        return result


@dataclass(frozen=True)
class DraftInfo:
    """An unfinished draft, as offered when the app opens again."""

    session_id: int
    patient_id: int
    patient_name: str
    treated_at: datetime
    updated_at: datetime
    zones: int


def unfinished_drafts(db: Database, patient_id: int | None = None) -> list[DraftInfo]:
    """Drafts never signed nor discarded, most recently edited first."""
    with db.session() as session:
        zone_count = (
            select(func.count(ZoneTreatment.id))
            .where(ZoneTreatment.session_id == TreatmentSession.id)
            .scalar_subquery()
        )
        stmt = (
            select(TreatmentSession, Patient, zone_count)
            .join(Patient, Patient.id == TreatmentSession.patient_id)
            .where(TreatmentSession.state == DRAFT)
            .order_by(TreatmentSession.updated_at.desc())
        )
        if patient_id is not None:
            stmt = stmt.where(TreatmentSession.patient_id == patient_id)
        return [
            DraftInfo(
                row.id,
                patient.id,
                display_name(patient),
                row.treated_at,
                row.updated_at,
                int(zones or 0),
            )
            for row, patient, zones in session.execute(stmt)
        ]


# --------------------------------------------------------------------------- the form's needs


@dataclass(frozen=True)
class PatientSummary:
    id: int
    name: str
    date_of_birth: date | None
    fitzpatrick: int | None


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class CartridgeChoice:
    id: int
    label: str
    needle_count: str
    lot_number: str
    expiry_date: date


@dataclass(frozen=True)
class DeviceChoice:
    id: int
    label: str
    limits: DeviceLimits


@dataclass(frozen=True)
class ProductChoice:
    id: int
    name: str
    kind: str
    strength: str
    lots: tuple[tuple[str, date | None], ...]


@dataclass(frozen=True)
class SessionContext:
    """Everything the session form shows, loaded in one go (off the UI thread)."""

    record: SessionRecord
    patient: PatientSummary
    practitioners: tuple[Choice, ...]
    devices: tuple[DeviceChoice, ...]
    cartridges: tuple[CartridgeChoice, ...]
    products: tuple[ProductChoice, ...]
    history: tuple[PreviousSession, ...] = field(default=())
    # The clinic's rules in force (zone bounds, intervals); None: the shipped values.
    treatment: TreatmentRules | None = None
    # What a draft took over from the last signed session before it (None: nothing).
    carried: CarriedSettings | None = None
    # The checklist verdict the session went ahead on, in words ("" when none is stored).
    verdict: str = ""


def session_context(db: Database, session_id: int) -> SessionContext:
    with db.session() as session:
        row = _get_row(session, session_id)
        record = _record_of(session, row)
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        draft = record.draft
        from assistant.clinic.devices import (
            device_limits_of,  # devices builds on the session record
        )

        practitioners = tuple(
            Choice(p.id, p.name)
            for p in session.scalars(select(Practitioner).order_by(Practitioner.name))
            if p.active or p.id == draft.practitioner_id
        )
        devices = tuple(
            DeviceChoice(
                d.id,
                f"{d.make} {d.model}" + (f" ({d.serial})" if d.serial else ""),
                device_limits_of(d),
            )
            for d in session.scalars(select(Device).order_by(Device.make, Device.model))
            if d.active or d.id == draft.device_id
        )
        cartridges = tuple(
            CartridgeChoice(c.id, c.name, c.needle_count, c.lot_number, c.expiry_date)
            for c in session.scalars(select(Cartridge).order_by(Cartridge.expiry_date))
            if c.active or c.id == draft.cartridge_id
        )
        products = []
        for product in session.scalars(select(Product).order_by(Product.kind, Product.name)):
            if not product.active:
                continue
            lots = tuple(
                (lot.lot_number, lot.expiry_date)
                for lot in session.scalars(
                    select(ProductLot)
                    .where(ProductLot.product_id == product.id)
                    .order_by(ProductLot.id.desc())
                )
            )
            products.append(
                ProductChoice(product.id, product.name, product.kind, product.strength, lots)
            )
        return SessionContext(
            record=record,
            patient=PatientSummary(
                patient.id,
                display_name(patient),
                patient.date_of_birth,
                patient.fitzpatrick,
            ),
            practitioners=practitioners,
            devices=devices,
            cartridges=cartridges,
            products=tuple(products),
            history=tuple(_history(session, patient.id, row.id)),
            treatment=treatment_rules(rules_in_session(session)),
            carried=None
            if record.is_signed
            else last_signed_in(session, patient.id, row.id, draft.treated_at),
            verdict=_verdict_words(session.get(Assessment, draft.assessment_id))
            if draft.assessment_id
            else "",
        )


def _verdict_words(assessment: Assessment | None) -> str:
    """ "Caution (overridden: …)", as the record on screen shows the checklist's verdict, in
    the practitioner's language."""
    if assessment is None:
        return ""

    outcomes = {
        "suitable": _("Suitable"),
        "caution": _("Caution"),
        "defer": _("Defer"),
        "not_suitable": _("Not suitable"),
    }
    words = outcomes.get(assessment.outcome, assessment.outcome)
    if assessment.defer_until is not None:
        words = _("{verdict} until {date}").format(
            verdict=words, date=screen_long_date(assessment.defer_until)
        )
    if assessment.override_reason:
        words = _("{verdict}; overridden: {reason}").format(
            verdict=words, reason=assessment.override_reason
        )
    return _("{verdict} (checklist {version}, {date})").format(
        verdict=words,
        version=assessment.checklist_version,
        date=screen_long_date(assessment.assessed_on),
    )


# --------------------------------------------------------------------------- aftercare


def aftercare_sheet_for_session(db: Database, session_id: int) -> Any:
    """The aftercare sheet (``assistant.aftercare.AftercareSheet``) for a stored session,
    with its amendments applied."""

    # the sheet's modules only when a sheet is made: off the command line's start
    from assistant.aftercare import LANGUAGES, PAPERS, AftercareSheet, ZoneDepth
    from assistant.day.appointments import next_appointment_in

    profile = get_clinic(db)
    with db.session() as session:
        row = _get_row(session, session_id)
        record = _record_of(session, row)
        patient = session.get(Patient, row.patient_id)
        assert patient is not None
        draft = record.effective
        practitioner = (
            session.get(Practitioner, draft.practitioner_id) if draft.practitioner_id else None
        )
        paper = profile.paper_size if profile.paper_size in PAPERS else "A4"
        assessment = session.get(Assessment, draft.assessment_id) if draft.assessment_id else None
        fired = (
            {r.get("id") for r in (assessment.reasons or []) if isinstance(r, dict)}
            if (assessment is not None)
            else set()
        )
        head = chain_head(session.connection())
        in_force = treatment_rules(rules_in_session(session))
        booked = next_appointment_in(session, patient.id, draft.treated_at)
        return AftercareSheet(
            clinic=replace(profile, paper_size=paper),
            patient_name=display_name(patient),
            practitioner=practitioner.name if practitioner else "",
            treated_at=draft.ended_at or draft.treated_at,
            zones=tuple(dict.fromkeys(z.zone for z in draft.zones)),
            next_session=booked.starts_at.date() if booked else draft.next_session_date,
            next_appointment_at=booked.starts_at if booked else None,
            interval_weeks=draft.interval_weeks,
            zone_depths=tuple(ZoneDepth(z.zone, z.depth_mm, z.passes) for z in draft.zones),
            cold_sore_caution="cold_sore_history" in fired,
            sweat_window_hours=in_force.sweat_window_hours,
            scalp_products_hours=in_force.scalp_products_hours,
            record_anchor=head.label() if head else "",
            language=patient.language if patient.language in LANGUAGES else "en",
            large_print=bool(patient.large_print),
        )
