"""Side by side: the same view from two sessions, with their dates and depths.

``compare_photos`` picks the photo of ``view`` from two sessions (by default the first and
the latest session that have one) and records that the comparison was viewed (audited
``view``). ``comparison_pdf`` lays the two out at the same size on one page for the patient
(audited ``export``), with the fonts the aftercare sheet registers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Image, SimpleDocTemplate, Spacer, Table, TableStyle

from assistant import reference
from assistant.aftercare import FONT, FONT_BOLD, printable, register_fonts
from assistant.audit import trail as audit
from assistant.errors import InvalidInput
from assistant.files import write_file_atomically
from assistant.pdf.bidi import BidiParagraph
from assistant.photos import PhotoInfo, check_view, list_photos, photo_bytes
from assistant.sessions import list_sessions
from assistant.storage.db import Database


@dataclass(frozen=True)
class ComparisonSide:
    photo: PhotoInfo
    session_id: int
    treated_at: datetime
    depths: str  # "Cheeks 1.5 mm, Forehead 0.5 mm"


@dataclass(frozen=True)
class Comparison:
    patient_id: int
    view: str
    before: ComparisonSide
    after: ComparisonSide


def sessions_with_view(db: Database, patient_id: int, view: str) -> list[tuple[int, datetime]]:
    """Sessions (oldest first) that have a photo of ``view``: the choices for a comparison."""
    check_view(view)
    with_photo = {p.session_id for p in list_photos(db, patient_id, view=view) if p.session_id}
    return sorted(
        ((s.id, s.treated_at) for s in list_sessions(db, patient_id) if s.id in with_photo),
        key=lambda pair: (pair[1], pair[0]),
    )


def _depths(zones: tuple[object, ...], zone: str | None) -> str:
    names = reference.zones()
    parts = []
    for z in zones:
        key, depth = getattr(z, "zone", ""), getattr(z, "depth_mm", None)
        if zone and key != zone:
            continue
        label = names[key].name if key in names else key
        parts.append(f"{label} {reference.format_mm(depth)} mm" if depth is not None else label)
    return ", ".join(parts) or "no zones recorded"


def compare_photos(
    db: Database,
    patient_id: int,
    view: str,
    *,
    before_session: int | None = None,
    after_session: int | None = None,
    actor: int | None = None,
) -> Comparison:
    """The photos of ``view`` from two sessions (default: first and latest), audited ``view``."""
    choices = sessions_with_view(db, patient_id, view)
    if len(choices) < 2:
        raise InvalidInput(
            f"A comparison needs photos of the {view.replace('_', ' ')} view from two sessions; "
            f"this patient has them from {len(choices)}.",
            "view",
        )
    ids = [sid for sid, _ in choices]
    before_id = before_session if before_session is not None else ids[0]
    after_id = after_session if after_session is not None else ids[-1]
    for sid in (before_id, after_id):
        if sid not in ids:
            raise InvalidInput(f"Session {sid} has no {view} photo.", "session")
    if before_id == after_id:
        raise InvalidInput("Choose two different sessions to compare.", "session")
    sessions = {s.id: s for s in list_sessions(db, patient_id)}
    photos = list_photos(db, patient_id, view=view)

    def side(sid: int) -> ComparisonSide:
        photo = [p for p in photos if p.session_id == sid][-1]
        summary = sessions[sid]
        return ComparisonSide(photo, sid, summary.treated_at, _depths(summary.zones, photo.zone))

    first, second = sorted((before_id, after_id), key=lambda s: (sessions[s].treated_at, s))
    comparison = Comparison(patient_id, view, side(first), side(second))
    with db.session() as session:
        audit.record(
            session,
            "view",
            "photo",
            comparison.after.photo.id,
            actor=actor,
            patient_id=patient_id,
            summary=f"Viewed a {view} comparison of sessions {first} and {second} "
            f"of patient {patient_id}",
            changes={"photos": [comparison.before.photo.id, comparison.after.photo.id]},
        )
    return comparison


def _fitted(data: bytes, box_w: float, box_h: float) -> Image:
    width, height = PILImage.open(io.BytesIO(data)).size
    scale = min(box_w / width, box_h / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def render_comparison_pdf(db: Database, comparison: Comparison, title: str = "") -> bytes:
    register_fonts()
    heading = ParagraphStyle("h", fontName=FONT_BOLD, fontSize=16, leading=20)
    caption = ParagraphStyle("c", fontName=FONT, fontSize=11, leading=14, alignment=1)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
        topMargin=1.2 * cm, bottomMargin=1.2 * cm, title="Before and after", author="Chairside",
    )
    column = (doc.width - 0.6 * cm) / 2
    box_h = doc.height - 4.2 * cm
    cells, captions = [], []
    for label, side in (("Before", comparison.before), ("After", comparison.after)):
        cells.append(_fitted(photo_bytes(db, side.photo), column, box_h))
        text = (
            f"<b>{label}</b>: {side.treated_at:%d %B %Y}<br/>"
            f"{escape(printable(side.depths))}"
        )
        captions.append(BidiParagraph(text, caption))
    table = Table([cells, captions], colWidths=[column + 0.3 * cm] * 2)
    table.setStyle(
        TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, 0), "MIDDLE")])
    )
    view = comparison.before.photo.view_label
    story = [
        BidiParagraph(escape(printable(title or f"Your progress: {view} view")), heading),
        Spacer(1, 0.3 * cm),
        table,
    ]
    doc.build(story)
    return buffer.getvalue()


def comparison_pdf(
    db: Database, comparison: Comparison, out: Path, *, actor: int | None = None,
    title: str = "",
) -> Path:
    """Write the one-page comparison for the patient to ``out`` (audited ``export``)."""
    write_file_atomically(out, render_comparison_pdf(db, comparison, title))
    with db.session() as session:
        audit.record(
            session,
            "export",
            "photo",
            comparison.after.photo.id,
            actor=actor,
            patient_id=comparison.patient_id,
            summary=f"Exported a {comparison.view} comparison of patient "
            f"{comparison.patient_id} as a PDF",
            changes={
                "file": str(out),
                "photos": [comparison.before.photo.id, comparison.after.photo.id],
            },
        )
    return out
