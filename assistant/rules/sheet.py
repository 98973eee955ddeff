"""The rule sheet: every clinical rule in force (the shipped default or the clinic's value,
with its bounds and sources) for the clinic's medical lead to sign and file."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assistant.checklist import (
    after_reason_text,
    default_checklist,
    format_long_date,
    question_actions,
    question_message,
)
from assistant.clinic.store import get_clinic
from assistant.output_files import check_output_file, write_private_file
from assistant.pdf import Footer, Margins, build_pdf, content_width
from assistant.pdf.bidi import BidiParagraph
from assistant.pdf.families import family_markup, register_family
from assistant.rules import RuleInForce, RuleSet, apply_to_checklist
from assistant.rules.catalogue import RuleDefinition
from assistant.rules.words import bounds_words, rule_label, value_words
from assistant.storage.db import Database

_SIZE = 10.0
_SMALL = 9.0
_FAMILY = "noto"  # the aftercare sheet's and the consent's type
_ZONE_RULE = re.compile(
    r"^zone_(?P<zone>.+)_(?P<part>typical_min_mm|typical_max_mm|warn_above_mm)$"
)


@dataclass(frozen=True)
class RuleSheetResult:
    path: Path
    pages: int


def _styles() -> dict[str, ParagraphStyle]:
    family = register_family(_FAMILY)
    base = ParagraphStyle("body", fontName=family.regular, fontSize=_SIZE, leading=_SIZE * 1.25)
    bold = family.bold
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=_SMALL, leading=_SMALL * 1.25),
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=16, leading=20),
        "heading": ParagraphStyle("heading", parent=base, fontName=bold, fontSize=12.5,
                                  leading=15, spaceBefore=10, spaceAfter=4),
    }  # fmt: skip


def _heading(text: str, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A heading never alone at the foot of a page: a new page when little room is left."""
    return [CondPageBreak(HEADING_ROOM), _p(text, s["heading"])]


HEADING_ROOM = 80  # points: the heading and the first rows under it


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return BidiParagraph(family_markup(text, _FAMILY), style)


def _table(rows: list[list[Paragraph]], widths: list[float]) -> Table:
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    return Table(rows, colWidths=widths, repeatRows=1, style=style)


def words(canonical: str) -> str:
    """A rule's value as a medical lead reads it: "6 months", "not suitable", "0.5 mm"."""
    return value_words(canonical, "en").replace("_", " ")


def allowed(rule: RuleDefinition) -> str:
    return bounds_words(rule, "en").replace("_", " ")


@dataclass(frozen=True)
class _Row:
    label: str
    in_force: str
    default: str
    allowed: str
    sources: tuple[str, ...]
    changed: bool


# A clinic's value that a new revision's bounds no longer allow is kept in force, and said.
OUTSIDE_BOUNDS = "\noutside the bounds of this revision: review"


def _zone_rows(rules: list[RuleInForce]) -> list[_Row]:
    """A zone's three depth rules as one row: "typical 0.25 – 0.5 mm" and "warn above
    0.5 mm" on two lines."""
    parts = {_ZONE_RULE.match(r.id).group("part"): r for r in rules}  # type: ignore[union-attr]
    low, high, warn = (parts.get(k) for k in ("typical_min_mm", "typical_max_mm",
                                              "warn_above_mm"))  # fmt: skip

    def phrase(value: Callable[[RuleInForce], str]) -> str:
        said = []
        if low and high:
            said.append(f"typical {value(low).removesuffix(' mm')}\N{NO-BREAK SPACE}–"
                        f"\N{NO-BREAK SPACE}{value(high)}")  # fmt: skip
        if warn:
            said.append(f"warn above\N{NO-BREAK SPACE}{value(warn)}")
        return "\n".join(said)

    def in_force(rule: RuleInForce) -> str:
        value = words(rule.value) + (" (clinic)" if rule.changed else "")
        return value + (OUTSIDE_BOUNDS if rule.outside_bounds else "")

    first = rules[0]
    zone = first.definition.label.split(":")[0]
    sources = tuple(dict.fromkeys(s for r in rules for s in r.definition.sources))
    return [_Row(f"{zone}: needle depth", phrase(in_force),
                 phrase(lambda r: words(r.definition.default)),
                 allowed(first.definition), sources, any(r.changed for r in rules))]  # fmt: skip


def _rows(rules: RuleSet) -> list[_Row]:
    rows: list[_Row] = []
    zones: dict[str, list[RuleInForce]] = {}
    for rule in rules.rules():
        match = _ZONE_RULE.match(rule.id)
        if match:
            if match.group("zone") not in zones:
                zones[match.group("zone")] = []
                rows.append(_Row(match.group("zone"), "", "", "", (), False))  # a place
            zones[match.group("zone")].append(rule)
            continue
        value = words(rule.value) + (" (clinic)" if rule.changed else "")
        if rule.outside_bounds:
            value += OUTSIDE_BOUNDS
        rows.append(_Row(rule_label(rule.definition, "en"), value,
                         words(rule.definition.default), allowed(rule.definition),
                         rule.definition.sources, rule.changed))  # fmt: skip
    placed: list[_Row] = []
    for row in rows:
        placed += _zone_rows(zones[row.label]) if row.label in zones and not row.in_force else [row]
    return placed


def rule_sheet_pdf(
    clinic_name: str, rules: RuleSet, paper: str = "A4", today: date | None = None
) -> tuple[bytes, int]:
    """The rule sheet as PDF bytes and its page count: each rule's label, the value in force,
    the shipped default and the values allowed in words, with its sources, in the type of
    the other printed documents."""
    s = _styles()
    page = LETTER if paper == "Letter" else A4
    margins = Margins(15 * mm, 15 * mm, 14 * mm, 4 * mm)
    width = content_width(page, margins)
    checklist = default_checklist()
    story: list[Flowable] = [
        _p("Clinical rules in force", s["title"]),
        _p(
            f"{clinic_name or 'Clinic'} · rules version {rules.version} · printed "
            f"{format_long_date(today or date.today())}",
            s["body"],
        ),
        Spacer(1, 4),
        _p(
            "Values the clinic may set, with the shipped default of revision "
            f"{checklist.version}, the values allowed and the sources. A value marked "
            "“clinic” was changed by the clinic (see the audit trail for who, when and why).",
            s["small"],
        ),
        *_heading("Values the clinic may set", s),
    ]
    numbers: dict[str, int] = {}

    def cite(sources: tuple[str, ...]) -> str:
        for source in sources:
            numbers.setdefault(source, len(numbers) + 1)
        return ", ".join(f"[{numbers[source]}]" for source in sources)

    header = ("Rule", "In force", "Default", "Allowed", "Sources")
    table: list[list[Paragraph]] = [[_p(h, s["bold"]) for h in header]]
    for row in _rows(rules):
        table.append([
            _p(row.label, s["body"]),
            _p(row.in_force, s["bold"] if row.changed else s["body"]),
            _p(row.default, s["body"]),
            _p(row.allowed, s["small"]),
            _p(cite(row.sources), s["small"]),
        ])  # fmt: skip
    story.append(_table(table, [width * f for f in (0.3, 0.22, 0.22, 0.16, 0.1)]))
    story += _heading("Checklist rules, with the values above in force", s)

    in_force = apply_to_checklist(checklist, rules)
    table = [[_p(h, s["bold"]) for h in ("Question", "Outcome", "Reason and actions", "Sources")]]
    for group in in_force.groups:
        for q in group.questions:
            outcome = q.outcome.label if q.kind.value != "choice" else "per choice"
            texts = [question_message(q), *question_actions(q)]
            if q.after is not None:
                message, actions = after_reason_text(q)
                outcome += f"\nthen {q.after.outcome.label.lower()}"
                texts += [f"Then, until {q.after.window.describe()} after the last date: "
                          f"{message}", *actions]  # fmt: skip
            table.append([
                _p(q.text, s["small"]),
                _p(outcome, s["body"]),
                _p("\n".join(texts), s["small"]),
                _p(cite(in_force.rule_sources(q.id)), s["small"]),
            ])  # fmt: skip
    story.append(_table(table, [width * f for f in (0.3, 0.13, 0.47, 0.1)]))
    story += _heading("Sources", s)
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
                        [Spacer(1, 30), Spacer(1, 30), Spacer(1, 30)],
                    ],
                    [width * f for f in (0.4, 0.4, 0.2)],
                ),
            ]
        )
    )
    family = register_family(_FAMILY)
    footer = Footer(
        (f"{clinic_name or 'Clinic'} · Clinical rules {rules.version}",
         f"Clinical rules {rules.version}"),
        "", "Page {page} of {pages}", size=_SMALL, font=family.regular, font_bold=family.bold,
        markup=lambda text, bold: family_markup(text, _FAMILY, bold),
    )  # fmt: skip
    title = f"Clinical rules {rules.version}"
    return build_pdf(story, page_size=page, margins=margins, footer=footer, title=title,
                     author=clinic_name or "Chairside")  # fmt: skip


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
