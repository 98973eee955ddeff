"""A patient's complete record for a subject-access request, and erasure of a patient.

``export_patient_json`` gathers everything Chairside holds about one patient: details,
suitability assessments, sessions with their zones, products and amendments, the history of
detail changes, the photos and the audit entries about the patient. ``write_patient_json``
writes the photo files themselves into a folder beside the JSON file (``<name>-photos/``).
``export_patient_pdf`` prints the same as a readable summary. Both are audited ``export``.

``erase_patient`` answers a request for erasure: the personal details are replaced by a
tombstone ("Erased", everything else cleared), the old values in ``patient_history`` are
scrubbed, the patient's photos are removed (rows and files), and the clinical skeleton the
law requires clinics to keep (session dates, zones, depths, lots, signatures, the audit trail)
stays. Audit rows never hold a patient's personal details (patient edits record field names
only), so nothing append-only needs changing.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import __version__
from assistant.aftercare import FONT, FONT_BOLD, printable, register_fonts, write_file_atomically
from assistant.consent import erase_consents_in
from assistant.consent.records import record_of as consent_record_of
from assistant.db import Database, wipe_free_space
from assistant.errors import InvalidInput, NotFound
from assistant.models import (
    Amendment,
    Assessment,
    Consent,
    Device,
    Patient,
    PatientHistory,
    Practitioner,
    TreatmentSession,
    ZoneTreatment,
    utcnow,
)
from assistant.output_files import check_output_file
from assistant.photos import delete_stored, export_filename, list_photos, remove_patient_photos
from assistant.records import audit

log = logging.getLogger(__name__)

EXPORT_FORMAT = "chairside-patient-record"
EXPORT_FORMAT_VERSION = 1
ERASED_NAME = "Erased"
WRONG_CONFIRMATION = (
    "The confirmation does not match patient {patient_id}'s number and full name exactly "
    "(as in their record, capitals and accents included); nothing was erased."
)
PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "notes",
    "concerns",
    "search_key",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _columns(row: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Every column of an ORM row as JSON values (new columns are exported without changes)."""
    skipped = set(skip)
    return {
        attr.key: _plain(getattr(row, attr.key))
        for attr in sa_inspect(row).mapper.column_attrs
        if attr.key not in skipped
    }


def _get_patient(session: Session, patient_id: int) -> Patient:
    row = session.get(Patient, patient_id)
    if row is None:
        raise NotFound(f"There is no patient with id {patient_id}.")
    return row


def _collect(session: Session, patient_id: int) -> dict[str, Any]:
    patient = _get_patient(session, patient_id)
    names = {pid: name for pid, name in session.execute(select(Practitioner.id, Practitioner.name))}
    devices = {
        d.id: f"{d.make} {d.model}" + (f" (serial {d.serial})" if d.serial else "")
        for d in session.scalars(select(Device))
    }
    assessments = [
        {**_columns(a), "practitioner": names.get(a.practitioner_id or -1, "")}
        for a in session.scalars(
            select(Assessment).where(Assessment.patient_id == patient_id).order_by(Assessment.id)
        )
    ]
    sessions = []
    for s in session.scalars(
        select(TreatmentSession)
        .where(TreatmentSession.patient_id == patient_id)
        .order_by(TreatmentSession.treated_at, TreatmentSession.id)
    ):
        sessions.append(
            {
                **_columns(s),
                "practitioner": names.get(s.practitioner_id or -1, ""),
                "signed_by": names.get(s.signed_by_id or -1, ""),
                "device": devices.get(s.device_id or -1, ""),
                "zones": [_columns(z, skip=("session_id",)) for z in s.zones],
                "products": [_columns(p, skip=("session_id",)) for p in s.products],
                "amendments": [
                    {
                        **_columns(a, skip=("session_id",)),
                        "practitioner": names.get(a.practitioner_id or -1, ""),
                    }
                    for a in s.amendments
                ],
            }
        )
    history = [
        {
            **_columns(h, skip=("patient_id",)),
            "practitioner": names.get(h.practitioner_id or -1, ""),
        }
        for h in session.scalars(
            select(PatientHistory)
            .where(PatientHistory.patient_id == patient_id)
            .order_by(PatientHistory.id)
        )
    ]
    events = audit.query_events(session, patient_id=patient_id, limit=1_000_000)
    trail = [
        {
            "id": e.id,
            "at": _plain(e.at),
            "practitioner": e.practitioner,
            "practitioner_id": e.practitioner_id,
            "workstation": e.workstation,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "summary": e.summary,
            "changes": _plain(e.changes),
        }
        for e in reversed(events)
    ]
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _plain(utcnow().replace(microsecond=0)) + "Z",
        "exported_by": "Chairside " + __version__,
        "patient": _columns(patient),
        "assessments": assessments,
        "sessions": sessions,
        "consents": [
            consent_record_of(session, row).to_json()
            for row in session.scalars(
                select(Consent).where(Consent.patient_id == patient_id).order_by(Consent.id)
            )
        ],
        "detail_changes": history,
        "photos": [],
        "audit": trail,
    }


def _audit_export(
    session: Session, patient_id: int, actor: int | None, what: str, out: Path | None
) -> None:
    audit.record(
        session,
        "export",
        "patient",
        patient_id,
        actor=actor,
        patient_id=patient_id,
        summary=f"Exported the record of patient {patient_id} as {what}",
        changes={"format": what, "file": str(out) if out else None},
    )


def _photo_entries(db: Database, patient_id: int) -> list[dict[str, Any]]:
    entries = []
    for photo in list_photos(db, patient_id):
        entry = photo.to_json()
        del entry["file"]  # where this workstation keeps it is not part of the record
        entries.append({**entry, "file_name": export_filename(photo)})
    return entries


def photos_folder_for(out: Path) -> Path:
    """Where ``write_patient_json`` puts the photo files: ``<name>-photos/`` beside ``out``."""
    return out.with_name(f"{out.stem}-photos")


def export_patient_json(
    db: Database, patient_id: int, *, actor: int | None = None, out: Path | None = None
) -> dict[str, Any]:
    """The patient's complete record as JSON values (audited as an export)."""
    with db.session() as session:
        data = _collect(session, patient_id)
        _audit_export(session, patient_id, actor, "JSON", out)
    data["photos"] = _photo_entries(db, patient_id)
    return data


def write_patient_json(
    db: Database, patient_id: int, out: Path, *, actor: int | None = None, force: bool = False
) -> Path:
    """Write the JSON export to ``out`` atomically (an existing file only with ``force``),
    and the photo files beside it; the export is audited once the file is written."""
    from assistant.photos import export_photos

    check_output_file(out, force=force)
    with db.session() as session:
        data = _collect(session, patient_id)
    data["photos"] = _photo_entries(db, patient_id)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)
    if data["photos"]:
        folder = photos_folder_for(out)
        folder.mkdir(exist_ok=True, mode=0o700)
        export_photos(db, patient_id, folder, actor=actor)
    write_file_atomically(out, text.encode("utf-8"), force=force)
    with db.session() as session:
        _audit_export(session, patient_id, actor, "JSON", out)
    return out


# -- the PDF summary ---------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "subheading": ParagraphStyle(
            "subheading", parent=body, fontName=FONT_BOLD, fontSize=10.5, spaceBefore=6
        ),
    }


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?", text):
        text = text[:16].replace("T", " ")
    return escape(printable(text)).replace("\n", "<br/>")


def _pairs_table(
    pairs: Sequence[tuple[str, Any]], styles: Mapping[str, ParagraphStyle], width: float
) -> Table:
    rows = [
        [Paragraph(escape(label), styles["small"]), Paragraph(_text(value), styles["body"])]
        for label, value in pairs
    ]
    table = Table(rows, colWidths=[width * 0.3, width * 0.7])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    styles: Mapping[str, ParagraphStyle],
    widths: Sequence[float],
) -> Table:
    data = [[Paragraph(f"<b>{escape(h)}</b>", styles["small"]) for h in header]]
    data += [[Paragraph(_text(cell), styles["small"]) for cell in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
            ]
        )
    )
    return table


SESSION_FIELDS = (
    ("State", "state"),
    ("Practitioner", "practitioner"),
    ("Signed", "signed_at"),
    ("Signed by", "signed_by"),
    ("Device", "device"),
    ("Cartridge", "cartridge_needles"),
    ("Cartridge lot", "cartridge_lot"),
    ("Cartridge expiry", "cartridge_expiry"),
    ("Anaesthetic", "anaesthetic_product"),
    ("Anaesthetic minutes", "anaesthetic_minutes"),
    ("Consent on file", "consent_on_file"),
    ("Photos taken", "photos_taken"),
    ("Tolerance (0–10)", "tolerance"),
    ("Reactions", "reactions"),
    ("Adverse events", "adverse_events"),
    ("Post-care", "post_care"),
    ("Notes", "notes"),
    ("Next session", "next_session_date"),
    ("Course", "course_number"),
    ("Aftercare printed", "aftercare_printed_at"),
)


def _story(data: Mapping[str, Any], width: float) -> list[Flowable]:
    styles = _styles()
    p = data["patient"]
    name = f"{p['first_name']} {p['last_name']}".strip()
    story: list[Flowable] = [
        Paragraph(f"Patient record: {_text(name)}", styles["title"]),
        Paragraph(
            f"Everything Chairside holds about patient {p['id']}, exported "
            f"{_text(data['exported_at'].rstrip('Z'))} UTC.",
            styles["small"],
        ),
        Paragraph("Details", styles["heading"]),
        _pairs_table(
            [
                ("Patient number", p["id"]),
                ("First name", p["first_name"]),
                ("Last name", p["last_name"]),
                ("Date of birth", p["date_of_birth"]),
                ("Phone", p["phone"]),
                ("Email", p["email"]),
                ("Fitzpatrick type", p["fitzpatrick"]),
                ("Skin type", p["skin_type"]),
                ("Concerns", p["concerns"]),
                ("Notes", p["notes"]),
                ("Record created", p["created_at"]),
                ("Last changed", p["updated_at"]),
                ("Erased", p["erased_at"]),
            ],
            styles,
            width,
        ),
    ]
    story.append(
        Paragraph(f"Suitability assessments ({len(data['assessments'])})", styles["heading"])
    )
    if not data["assessments"]:
        story.append(Paragraph("None.", styles["body"]))
    for a in data["assessments"]:
        story.append(
            KeepTogether(
                [
                    Paragraph(f"Assessment of {_text(a['assessed_on'])}", styles["subheading"]),
                    _pairs_table(
                        [
                            ("Outcome", a["outcome"]),
                            ("Deferred until", a["defer_until"]),
                            ("Zones", a["zones"]),
                            (
                                "Reasons",
                                [
                                    r.get("message", r) if isinstance(r, dict) else r
                                    for r in a["reasons"]
                                ],
                            ),
                            ("Override reason", a["override_reason"]),
                            ("Practitioner", a["practitioner"]),
                            ("Checklist version", a["checklist_version"]),
                        ],
                        styles,
                        width,
                    ),
                ]
            )
        )
    story.append(Paragraph(f"Treatment sessions ({len(data['sessions'])})", styles["heading"]))
    if not data["sessions"]:
        story.append(Paragraph("None.", styles["body"]))
    for s in data["sessions"]:
        block: list[Flowable] = [
            Paragraph(f"Session of {_text(s['treated_at'])}", styles["subheading"]),
            _pairs_table([(label, s.get(key)) for label, key in SESSION_FIELDS], styles, width),
        ]
        if s["zones"]:
            block.append(Spacer(1, 4))
            block.append(
                _grid(
                    ["Zone", "Depth (mm)", "Passes", "Speed", "Endpoint", "Notes"],
                    [
                        [
                            z["zone"],
                            z["depth_mm"],
                            z["passes"],
                            z["speed"],
                            z["endpoint"],
                            z["notes"],
                        ]
                        for z in s["zones"]
                    ],
                    styles,
                    [width * f for f in (0.2, 0.12, 0.1, 0.13, 0.2, 0.25)],
                )
            )
        if s["products"]:
            block.append(Spacer(1, 4))
            block.append(
                _grid(
                    ["Product", "Kind", "Lot", "Expiry"],
                    [
                        [u["product_name"], u["kind"], u["lot_number"], u["expiry_date"]]
                        for u in s["products"]
                    ],
                    styles,
                    [width * f for f in (0.4, 0.2, 0.2, 0.2)],
                )
            )
        if s["amendments"]:
            block.append(Paragraph("Amendments", styles["subheading"]))
            block.append(
                _grid(
                    ["When", "By", "Field", "Was", "Now", "Why"],
                    [
                        [
                            m["created_at"],
                            m["practitioner"],
                            m["field"],
                            m["old_value"],
                            m["new_value"],
                            m["reason"],
                        ]
                        for m in s["amendments"]
                    ],
                    styles,
                    [width * f for f in (0.15, 0.15, 0.14, 0.18, 0.18, 0.2)],
                )
            )
        story.extend(block)
    if data["detail_changes"]:
        story.append(Paragraph("Changes to the details", styles["heading"]))
        story.append(
            _grid(
                ["When", "By", "Field", "Was", "Now"],
                [
                    [h["at"], h["practitioner"], h["field"], h["old_value"], h["new_value"]]
                    for h in data["detail_changes"]
                ],
                styles,
                [width * f for f in (0.18, 0.18, 0.16, 0.24, 0.24)],
            )
        )
    if data.get("photos"):
        story.append(Paragraph(f"Photos ({len(data['photos'])})", styles["heading"]))
        story.append(
            _grid(
                ["Photo", "Session", "View", "Taken", "Added", "SHA-256"],
                [
                    [
                        ph["id"], ph["session"], ph["view"], ph["taken_at"], ph["added_at"],
                        ph["sha256"][:16],
                    ]
                    for ph in data["photos"]
                ],
                styles,
                [width * f for f in (0.1, 0.1, 0.18, 0.2, 0.2, 0.22)],
            )
        )
    story.append(Paragraph(f"Audit trail ({len(data['audit'])} entries)", styles["heading"]))
    story.append(
        _grid(
            ["When (UTC)", "Who", "Action", "What"],
            [[e["at"], e["practitioner"], e["action"], e["summary"]] for e in data["audit"]],
            styles,
            [width * f for f in (0.18, 0.18, 0.12, 0.52)],
        )
    )
    return story


def render_patient_pdf(data: Mapping[str, Any]) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        title=f"Patient record {data['patient']['id']}",
        author="Chairside",
    )
    doc.build(_story(data, doc.width))
    return buffer.getvalue()


def export_patient_pdf(
    db: Database, patient_id: int, out: Path, *, actor: int | None = None, force: bool = False
) -> Path:
    """Write a readable PDF summary of the patient's record to ``out`` (atomically; an
    existing file only with ``force``); the export is audited once the file is written."""
    check_output_file(out, force=force)
    with db.session() as session:
        data = _collect(session, patient_id)
    data["photos"] = _photo_entries(db, patient_id)
    pdf = render_patient_pdf(data)
    write_file_atomically(out, pdf, force=force)
    with db.session() as session:
        _audit_export(session, patient_id, actor, "PDF", out)
    return out


# -- erasure -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureResult:
    patient_id: int
    erased_at: datetime
    history_rows_scrubbed: int
    # Clinical text kept by law that still mentions the patient (for the practitioner to review).
    mentions_kept: tuple[str, ...] = ()
    # Another connection kept the old pages in use; the next start finishes wiping them.
    wipe_pending: bool = False


def erasure_confirmation(db: Database, patient_id: int) -> str:
    """What the user must type to confirm: the patient's number and full name."""
    with db.session() as session:
        row = _get_patient(session, patient_id)
        return f"{row.id} {row.first_name} {row.last_name}".strip()


def _identifiers(row: Patient) -> list[str]:
    found = [f"{row.first_name} {row.last_name}".strip(), row.email.strip()]
    if len(row.last_name.strip()) >= 3:
        found.append(row.last_name.strip())
    digits = re.sub(r"\D", "", row.phone)
    if len(digits) >= 6:
        found += [row.phone.strip(), digits]
    if row.date_of_birth:
        found += [row.date_of_birth.isoformat(), row.date_of_birth.strftime("%d/%m/%Y")]
    return [f.casefold() for f in found if f]


def _mentions(session: Session, patient_id: int, identifiers: list[str]) -> tuple[str, ...]:
    def mentions(text: Any) -> bool:
        haystack = (text if isinstance(text, str) else json.dumps(text, default=str)).casefold()
        return any(i in haystack for i in identifiers)

    places: list[str] = []
    sessions = list(
        session.scalars(select(TreatmentSession).where(TreatmentSession.patient_id == patient_id))
    )
    for s in sessions:
        for column in ("notes", "reactions", "adverse_events", "post_care"):
            if mentions(getattr(s, column)):
                places.append(f"{column.replace('_', ' ')} of session {s.id}")
        for z in session.scalars(select(ZoneTreatment).where(ZoneTreatment.session_id == s.id)):
            if mentions(z.notes):
                places.append(f"zone notes of session {s.id}")
        for m in session.scalars(select(Amendment).where(Amendment.session_id == s.id)):
            if mentions([m.old_value, m.new_value, m.reason]):
                places.append(f"amendment {m.id} of session {s.id}")
    for a in session.scalars(select(Assessment).where(Assessment.patient_id == patient_id)):
        if mentions([a.answers, a.override_reason]):
            places.append(f"assessment {a.id}")
    return tuple(places)


def erase_patient(
    db: Database, patient_id: int, actor: int | None, confirmation: str
) -> ErasureResult:
    """Replace the patient's personal details with a tombstone (audited ``erase``).

    ``confirmation`` must be the patient's number and full name (``erasure_confirmation``):
    the second confirmation, after the screen's or the command's own question."""
    erased_at = utcnow()
    with db.session() as session:
        if db.is_sqlite:
            # Overwrite the old values on disk too, not only in the tables.
            session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
        row = _get_patient(session, patient_id)
        if row.erased_at is not None:
            raise InvalidInput(f"Patient {patient_id} has already been erased.", "patient")
        expected = f"{row.id} {row.first_name} {row.last_name}".strip()
        # Exactly as written, and never echoed: whoever typed it wrong may not know the name.
        if not hmac.compare_digest(confirmation.encode(), expected.encode()):
            raise InvalidInput(WRONG_CONFIRMATION.format(patient_id=patient_id), "confirm")
        mentions = _mentions(session, row.id, _identifiers(row))
        row.first_name = ERASED_NAME
        row.last_name = ""
        row.date_of_birth = None
        row.phone = ""
        row.email = ""
        row.notes = ""
        row.concerns = []
        row.search_key = ""
        row.erased_at = erased_at
        scrubbed = 0
        for entry in session.scalars(
            select(PatientHistory).where(PatientHistory.patient_id == patient_id)
        ):
            entry.old_value = None
            entry.new_value = None
            scrubbed += 1
        photos_removed, doomed_photos = remove_patient_photos(session, patient_id)
        consents = erase_consents_in(session, patient_id, erased_at)
        session.flush()
        audit.record(
            session,
            "erase",
            "patient",
            patient_id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Erased the personal details of patient {patient_id}",
            changes={
                "fields": list(PERSONAL_FIELDS),
                "history_rows_scrubbed": scrubbed,
                "photos_removed": photos_removed,
                "consents_blanked": consents,
            },
        )
    delete_stored(db, doomed_photos)
    pending = False
    if db.is_sqlite and db.sqlite_path is not None:
        pending = not wipe_free_space(db.engine, db.sqlite_path)
    log.info("Erased the personal details of patient %s", patient_id)
    return ErasureResult(patient_id, erased_at, scrubbed, mentions, pending)
