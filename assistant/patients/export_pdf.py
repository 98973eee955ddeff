"""The patient's record as a readable PDF summary (the JSON export's companion)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)

from assistant import __version__
from assistant.audit.words import plain_summary
from assistant.files import write_file_atomically
from assistant.output_files import check_output_file
from assistant.patients.data import audit_export, collect, photo_entries
from assistant.patients.export_words import in_words as w
from assistant.patients.store import display_name
from assistant.pdf import (
    Footer,
    Margins,
    build_pdf,
    content_width,
    paragraph_style,
    printable,
    tables,
)
from assistant.pdf.bidi import BidiParagraph
from assistant.storage.db import Database

log = logging.getLogger(__name__)


# -- the PDF summary ---------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    body = paragraph_style("body", 10, leading=13)
    return {
        "body": body,
        "small": paragraph_style("small", 8.5, leading=11, parent=body),
        "title": paragraph_style("title", 17, bold=True, leading=21, parent=body, spaceAfter=4),
        "heading": paragraph_style(
            "heading", 12.5, bold=True, leading=16, parent=body, spaceBefore=10, spaceAfter=4
        ),
        "subheading": paragraph_style("subheading", 10.5, bold=True, parent=body, spaceBefore=6),
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
    return tables.pairs_table(pairs, styles, width, _text, paragraph=BidiParagraph)


def _grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    styles: Mapping[str, ParagraphStyle],
    widths: Sequence[float],
) -> Table:
    return tables.grid(header, rows, styles, widths, _text, paragraph=BidiParagraph)


ACTION_WORDS = {
    "create": "Created",
    "change": "Changed",
    "sign": "Signed",
    "amend": "Amended",
    "override": "Overrode verdict",
    "export": "Exported",
    "print": "Printed",
    "erase": "Erased",
    "login": "Signed in",
    "login_failed": "Wrong PIN",
    "logout": "Signed out",
    "lock": "Locked",
    "backup": "Backed up",
    "restore": "Restored",
}

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
    name = display_name(SimpleNamespace(**p))
    story: list[Flowable] = [
        BidiParagraph(f"Patient record: {_text(name)}", styles["title"]),
        BidiParagraph(
            f"Everything Chairside holds about patient {p['id']}, exported "
            f"{_text(w('exported_at', data['exported_at']))}.",
            styles["small"],
        ),
        BidiParagraph("Details", styles["heading"]),
        _pairs_table(
            [
                ("Patient number", p["id"]),
                ("First name", p["first_name"]),
                ("Last name", p["last_name"]),
                ("Date of birth", w("date_of_birth", p["date_of_birth"])),
                ("Phone", p["phone"]),
                ("Email", p["email"]),
                ("Fitzpatrick type", w("fitzpatrick", p["fitzpatrick"])),
                ("Skin type", w("skin_type", p["skin_type"])),
                ("Concerns", w("concerns", p["concerns"])),
                ("Notes", p["notes"]),
                ("Handout language", w("language", p.get("language"))),
                ("Large print", w("large_print", p.get("large_print"))),
                ("Record created", w("created_at", p["created_at"])),
                ("Last changed", w("updated_at", p["updated_at"])),
                ("Erased", w("erased_at", p["erased_at"])),
            ],
            styles,
            width,
        ),
    ]
    story.append(
        BidiParagraph(f"Suitability assessments ({len(data['assessments'])})", styles["heading"])
    )
    if not data["assessments"]:
        story.append(BidiParagraph("None.", styles["body"]))
    for a in data["assessments"]:
        story.append(
            KeepTogether(
                [
                    BidiParagraph(
                        f"Assessment of {_text(w('assessed_on', a['assessed_on']))}",
                        styles["subheading"],
                    ),
                    _pairs_table(
                        [
                            ("Outcome", w("outcome", a["outcome"])),
                            ("Deferred until", w("defer_until", a["defer_until"])),
                            ("Zones", w("zones", a["zones"])),
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
    story += _questionnaires(data.get("questionnaires", []), styles, width)
    story.append(BidiParagraph(f"Treatment sessions ({len(data['sessions'])})", styles["heading"]))
    if not data["sessions"]:
        story.append(BidiParagraph("None.", styles["body"]))
    for s in data["sessions"]:
        block: list[Flowable] = [
            BidiParagraph(
                f"Session of {_text(w('treated_at', s['treated_at']))}", styles["subheading"]
            ),
            _pairs_table(
                [(label, w(key, s.get(key))) for label, key in SESSION_FIELDS], styles, width
            ),
        ]
        if s["zones"]:
            block.append(Spacer(1, 4))
            block.append(
                _grid(
                    ["Zone", "Depth (mm)", "Passes", "Speed", "Endpoint", "Notes"],
                    [
                        [
                            w("zone", z["zone"]),
                            z["depth_mm"],
                            z["passes"],
                            z["speed"],
                            w("endpoint", z["endpoint"]),
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
                        [
                            u["product_name"],
                            w("kind", u["kind"]),
                            u["lot_number"],
                            w("expiry_date", u["expiry_date"]),
                        ]
                        for u in s["products"]
                    ],
                    styles,
                    [width * f for f in (0.4, 0.2, 0.2, 0.2)],
                )
            )
        if s["amendments"]:
            block.append(BidiParagraph("Amendments", styles["subheading"]))
            block.append(
                _grid(
                    ["When", "By", "Field", "Was", "Now", "Why"],
                    [
                        [
                            w("created_at", m["created_at"]),
                            m["practitioner"],
                            w("field", m["field"]),
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
        story.append(BidiParagraph("Changes to the details", styles["heading"]))
        story.append(
            _grid(
                ["When", "By", "Field", "Was", "Now"],
                [
                    [
                        w("at", h["at"]),
                        h["practitioner"],
                        w("field", h["field"]),
                        w(h["field"], h["old_value"]),
                        w(h["field"], h["new_value"]),
                    ]
                    for h in data["detail_changes"]
                ],
                styles,
                [width * f for f in (0.18, 0.18, 0.16, 0.24, 0.24)],
            )
        )
    if data.get("photos"):
        story.append(BidiParagraph(f"Photos ({len(data['photos'])})", styles["heading"]))
        story.append(
            _grid(
                ["Photo", "Session", "View", "Taken", "Added", "SHA-256"],
                [
                    [
                        ph["id"],
                        ph["session"],
                        ph["view"],
                        w("taken_at", ph["taken_at"]),
                        w("added_at", ph["added_at"]),
                        ph["sha256"][:16],
                    ]
                    for ph in data["photos"]
                ],
                styles,
                [width * f for f in (0.1, 0.1, 0.18, 0.2, 0.2, 0.22)],
            )
        )
    story.append(BidiParagraph(f"Audit trail ({len(data['audit'])} entries)", styles["heading"]))
    story.append(
        _grid(
            ["When", "Who", "Action", "What"],
            [
                [
                    w("at", e["at"]),
                    e["practitioner"],
                    ACTION_WORDS.get(e["action"], e["action"]),
                    plain_summary(e["summary"], p["id"], name),
                ]
                for e in data["audit"]
            ],
            styles,
            [width * f for f in (0.18, 0.18, 0.12, 0.52)],
        )
    )
    return story


def _questionnaires(
    found: Sequence[Mapping[str, Any]], styles: Mapping[str, ParagraphStyle], width: float
) -> list[Flowable]:
    """The questionnaires the patient answered: what they said, and what was confirmed."""
    story: list[Flowable] = [
        BidiParagraph(f"Questionnaires the patient answered ({len(found)})", styles["heading"])
    ]
    if not found:
        story.append(BidiParagraph("None.", styles["body"]))
    for q in found:
        confirmed = {k: v.get("answer") for k, v in (q.get("confirmed") or {}).items()}
        rows = [
            ("Language, device", f"{q['language']}, {q['device']}"),
            ("Wording", q["wording_version"]),
            ("Parent or guardian", q.get("guardian")),
            ("Confirmed", w("confirmed_at", q.get("confirmed_at"))),
        ]
        rows += [
            (qid, said if qid not in confirmed else f"{said} (confirmed: {_text(confirmed[qid])})")
            for qid, said in q["answers"].items()
        ]
        story.append(
            BidiParagraph(
                f"Received {_text(w('received_at', q['received_at']))}", styles["subheading"]
            )
        )
        story.append(_pairs_table(rows, styles, width))
    return story


def render_patient_pdf(data: Mapping[str, Any]) -> bytes:
    margins = Margins(1.8 * cm, 1.8 * cm, 1.6 * cm, 0.6 * cm)
    patient_id = data["patient"]["id"]
    pdf, _pages = build_pdf(
        _story(data, content_width(A4, margins)),
        page_size=A4,
        margins=margins,
        footer=Footer(
            (f"Patient record {patient_id} · exported by Chairside {__version__}",),
            "Confidential: personal health information.",
            "Page {page} of {pages}",
        ),
        title=f"Patient record {patient_id}",
        author="Chairside",
    )
    return pdf


def export_patient_pdf(
    db: Database, patient_id: int, out: Path, *, actor: int | None = None, force: bool = False
) -> Path:
    """Write a readable PDF summary of the patient's record to ``out`` (atomically; an
    existing file only with ``force``); the export is audited once the file is written."""
    check_output_file(out, force=force)
    with db.session() as session:
        data = collect(session, patient_id)
    data["photos"] = photo_entries(db, patient_id)
    pdf = render_patient_pdf(data)
    write_file_atomically(out, pdf, force=force)
    with db.session() as session:
        audit_export(session, patient_id, actor, "PDF", out)
    return out
