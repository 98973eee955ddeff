"""One adverse event as a regulator's device report asks for it (day.md): the fields of the
MHRA Yellow Card (UK, medical devices) and of FDA MedWatch Form 3500 (US, 21 CFR 803.32),
ready to copy into the regulator's own form. Chairside prepares the content; it never submits.

The patient appears by the clinic's number, age at the event and sex only — never by name or
contact details. Written in English, the language of both forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph, Spacer

from assistant import __version__, reference
from assistant.audit import trail as audit
from assistant.clinic.store import get_clinic
from assistant.day.complications import ComplicationInfo, get_complication
from assistant.day.printing import (
    MARGINS,
    NOT_RECORDED,
    grid,
    page_size,
    pairs_table,
    styles,
)
from assistant.day.vocabulary import choices
from assistant.output_files import write_private_file
from assistant.pdf import Footer, build_pdf, content_width
from assistant.storage.db import Database
from assistant.storage.models import Patient
from assistant.text.dates import age_on

COMMON_NAME = "Microneedling pen (powered microneedle device, 21 CFR 878.4430)"
SERIOUS_CRITERIA = (
    "life-threatening, hospitalisation, permanent impairment, or intervention needed to "
    "prevent permanent impairment"
)


def _patient_facts(db: Database, patient_id: int, on: date) -> tuple[str, str]:
    """(age at the event, Fitzpatrick type) — nothing that names the patient."""
    with db.session() as session:
        patient = session.get(Patient, patient_id)
        if patient is None or patient.date_of_birth is None:
            age = NOT_RECORDED
        else:
            age = f"{age_on(patient.date_of_birth, on)} years"
        skin = f"Fitzpatrick type {patient.fitzpatrick}" if patient and patient.fitzpatrick else ""
    return age, skin


def _zone_name(zone_id: str) -> str:
    zone = reference.zones().get(zone_id)
    return zone.name if zone is not None else zone_id


def _serious(value: bool | None) -> str:
    if value is None:
        return f"not assessed (serious means: {SERIOUS_CRITERIA})"
    return f"yes ({SERIOUS_CRITERIA})" if value else "no"


def report_story(db: Database, info: ComplicationInfo, today: date) -> list[Flowable]:
    s = styles()
    clinic = get_clinic(db)
    width = content_width(page_size(clinic.paper_size), MARGINS)
    d, f = info.details, info.facts
    age, skin = _patient_facts(db, info.patient_id, d.onset_on)
    outcome = choices("complication_outcomes").get(d.outcome or "", None)
    regulators = choices("regulators")
    story: list[Flowable] = [
        Paragraph(f"Adverse event report: complication {info.id}", s["title"]),
        Paragraph(
            "Prepared for the MHRA Yellow Card (medical devices) and FDA MedWatch Form 3500. "
            "Copy these fields into the regulator's form; Chairside does not submit reports.",
            s["small"],
        ),
        Paragraph("Patient (A. Patient information)", s["heading"]),
        pairs_table(
            [
                ("Patient identifier", f"clinic patient number {info.patient_id}"),
                ("Age at the event", age),
                ("Sex", NOT_RECORDED),
                ("Weight", NOT_RECORDED),
                ("Relevant history", skin),
            ],
            s,
            width,
        ),
        Paragraph("Event (B. Adverse event)", s["heading"]),
        pairs_table(
            [
                ("What happened", choices("complication_kinds")[d.kind]),
                ("Date of event (onset)", d.onset_on.isoformat()),
                ("Date of this report", today.isoformat()),
                ("Severity", choices("severities")[d.severity]),
                ("Serious injury", _serious(d.serious)),
                ("Description", d.description),
                ("Treatment given", d.treatment_given),
                ("Referral", d.referral),
                ("Outcome", outcome),
                ("Date resolved", d.resolved_on.isoformat() if d.resolved_on else None),
                (
                    "Device involvement",
                    f"event after microneedling session {f.session_id} on {f.treated_at:%Y-%m-%d}",
                ),
            ],
            s,
            width,
        ),  # fmt: skip
        Paragraph("Device (D. Suspect medical device)", s["heading"]),
        pairs_table(
            [
                ("Brand name / manufacturer", f.device_make),
                ("Model", f.device_model),
                ("Common device name", COMMON_NAME),
                ("Serial number", f.device_serial),
                ("Cartridge (needle module)", f.cartridge),
                ("Needles", f.cartridge_needles),
                ("Lot number", f.cartridge_lot),
                ("Expiry date", f.cartridge_expiry.isoformat() if f.cartridge_expiry else None),
                ("Unique device identifier (UDI)", d.udi),
                ("Operator of the device", "health professional"),
                ("Single-use device reprocessed", NOT_RECORDED),
            ],
            s,
            width,
        ),
        Paragraph("Procedure settings", s["heading"]),
        pairs_table(
            [
                ("Date of the procedure", f"{f.treated_at:%Y-%m-%d %H:%M}"),
                ("Topical anaesthetic", f.anaesthetic),
            ],
            s,
            width,
        ),
        Spacer(1, 4),
        grid(
            ("Area", "Depth (mm)", "Passes"),
            [(_zone_name(z.zone), f"{z.depth_mm:g}", z.passes) for z in f.zones],
            s,
            (width * 0.5, width * 0.25, width * 0.25),
        ),
        Paragraph("Other products used (C. Products)", s["heading"]),
        grid(
            ("Product", "Kind", "Lot", "Expiry"),
            [
                (p.name, p.kind, p.lot, p.expiry.isoformat() if p.expiry else None)
                for p in f.products
            ]
            or [("none recorded", "", "", "")],
            s,
            (width * 0.4, width * 0.2, width * 0.2, width * 0.2),
        ),  # fmt: skip
        Paragraph("Reporter (E. Initial reporter)", s["heading"]),
        pairs_table(
            [
                ("Health professional", f.practitioner),
                ("Clinic", clinic.name),
                ("Address", clinic.address),
                ("Phone", clinic.phone),
                ("Email", clinic.email),
            ],
            s,
            width,
        ),
        Paragraph("Reported to a regulator", s["heading"]),
        pairs_table(
            [
                ("Regulator", regulators.get(d.reported_to or "", None)),
                ("Date reported", d.reported_on.isoformat() if d.reported_on else None),
                ("Reference number", d.report_reference),
            ],
            s,
            width,
        ),
    ]
    return story


def complication_report_pdf(db: Database, complication_id: int, today: date | None = None) -> bytes:
    today = today or date.today()
    info = get_complication(db, complication_id)
    clinic = get_clinic(db)
    pdf, _pages = build_pdf(
        report_story(db, info, today),
        page_size=page_size(clinic.paper_size),
        margins=MARGINS,
        footer=Footer(
            (f"Adverse event report, complication {info.id} · Chairside {__version__}",),
            f"Prepared {today.isoformat()}. No patient name: identify by the clinic's number.",
            "Page {page} of {pages}",
        ),
        title=f"Adverse event report, complication {info.id}",
        author=clinic.name or "Chairside",
    )
    return pdf


def save_complication_report(
    db: Database,
    complication_id: int,
    out: Path,
    actor: int | None,
    *,
    force: bool = False,
    today: date | None = None,
) -> Path:
    """Write the report (never over a file unless ``force``), then audit the export."""
    data = complication_report_pdf(db, complication_id, today)
    written = write_private_file(out, data, force=force)
    info = get_complication(db, complication_id)
    with db.session() as session:
        audit.record(
            session,
            "export",
            "complication",
            complication_id,
            actor=actor,
            patient_id=info.patient_id,
            summary=f"Saved the adverse event report of complication {complication_id} to "
            f"{written}",
        )
    return written
