"""The rule sheet: every clinical rule in force (the shipped default or the clinic's value,
with its bounds and sources) for the clinic's medical lead to sign and file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from assistant.aftercare import FONT, FONT_BOLD, register_fonts
from assistant.checklist import default_checklist, format_long_date, question_message
from assistant.clinic import get_clinic
from assistant.db import Database
from assistant.output_files import check_output_file, write_private_file
from assistant.pdf import deferred_canvas
from assistant.rules import RuleSet, apply_to_checklist

_SIZE = 9.5


@dataclass(frozen=True)
class RuleSheetResult:
    path: Path
    pages: int


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=_SIZE, leading=_SIZE * 1.25)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=10.5),
        "bold": ParagraphStyle("bold", parent=base, fontName=FONT_BOLD),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(rows: list[list[Paragraph]], widths: list[float]) -> Table:
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return Table(rows, colWidths=widths, repeatRows=1, style=style)


def rule_sheet_pdf(
    clinic_name: str, rules: RuleSet, paper: str = "A4", today: date | None = None
) -> tuple[bytes, int]:
    """The rule sheet as PDF bytes and its page count."""
    register_fonts()
    s = _styles()
    page = LETTER if paper == "Letter" else A4
    width = page[0] - 30 * mm
    checklist = default_checklist()
    story: list[object] = [
        _p("Clinical rules in force", s["title"]),
        _p(
            f"{clinic_name or 'Clinic'} · rules version {rules.version} · printed "
            f"{format_long_date(today or date.today())}",
            s["body"],
        ),
        Spacer(1, 4),
        _p(
            "Values the clinic may set, with the shipped default of revision "
            f"{checklist.version}, the bounds allowed and the sources. A value marked "
            "“clinic” was changed by the clinic (see the audit trail for who, when and why).",
            s["small"],
        ),
        _p("Values the clinic may set", s["heading"]),
    ]
    numbers: dict[str, int] = {}

    def cite(sources: tuple[str, ...]) -> str:
        for source in sources:
            numbers.setdefault(source, len(numbers) + 1)
        return ", ".join(f"[{numbers[source]}]" for source in sources)

    rows = [[_p(h, s["bold"]) for h in ("Rule", "In force", "Default", "Allowed", "Sources")]]
    for rule in rules.rules():
        value = f"{rule.value}\n(clinic)" if rule.changed else rule.value
        rows.append(
            [
                _p(f"{rule.definition.label}\n{rule.id}", s["small"]),
                _p(value, s["bold"] if rule.changed else s["body"]),
                _p(rule.definition.default, s["body"]),
                _p(rule.definition.bounds, s["small"]),
                _p(cite(rule.definition.sources), s["small"]),
            ]
        )
    story.append(_table(rows, [width * f for f in (0.38, 0.17, 0.15, 0.2, 0.1)]))
    story.append(_p("Checklist rules, with the values above in force", s["heading"]))

    in_force = apply_to_checklist(checklist, rules)
    rows = [[_p(h, s["bold"]) for h in ("Question", "Outcome", "Reason and actions", "Sources")]]
    for group in in_force.groups:
        for q in group.questions:
            rows.append(
                [
                    _p(q.text, s["small"]),
                    _p(q.outcome.label if q.kind.value != "choice" else "per choice", s["body"]),
                    _p("\n".join([question_message(q), *q.actions]), s["small"]),
                    _p(cite(in_force.rule_sources(q.id)), s["small"]),
                ]
            )
    story.append(_table(rows, [width * f for f in (0.3, 0.13, 0.47, 0.1)]))
    story.append(_p("Sources", s["heading"]))
    for source, number in numbers.items():
        story.append(_p(f"[{number}] {source}", s["small"]))
    story.append(Spacer(1, 14))
    story.append(
        KeepTogether(
            [
                _p("Reviewed and approved by the clinic's medical lead", s["heading"]),
                _table(
                    [
                        [_p(h, s["bold"]) for h in ("Name", "Signature", "Date")],
                        [_p("\n\n", s["body"]), _p("", s["body"]), _p("", s["body"])],
                    ],
                    [width * f for f in (0.4, 0.4, 0.2)],
                ),
            ]
        )
    )
    buffer = io.BytesIO()
    pages: list[int] = []

    def footer(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.drawString(
            15 * mm, 10 * mm, f"Clinical rules {rules.version} · Page {page} of {total}"
        )
        canvas.restoreState()
        if page == total:
            pages.append(total)

    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=f"Clinical rules {rules.version}",
    )
    document.build(story, canvasmaker=deferred_canvas(footer))
    return buffer.getvalue(), pages[0] if pages else 0


def write_rule_sheet(
    db: Database, rules: RuleSet, out: Path, *, force: bool = False
) -> RuleSheetResult:
    """Write the rule sheet to ``out`` (atomically, readable by its owner only; the folder
    must exist). An existing file is replaced only with ``force``."""
    check_output_file(out, force=force)  # refuse before drawing the PDF
    profile = get_clinic(db)
    data, pages = rule_sheet_pdf(profile.name, rules, profile.paper_size)
    write_private_file(out, data, force=force)
    return RuleSheetResult(out, pages)
