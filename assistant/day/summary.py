"""The governance summary for the clinic's meeting (day.md): per month the signed sessions,
new patients and complications; complications per 100 sessions overall, by kind, by device,
by cartridge lot and by depth band (≤ 0.5, ≤ 1.5, > 1.5 mm); courses started and completed.
Drawn with ReportLab's own charts (``reportlab.graphics.charts``). No patient is named.

Complications count against the sessions of the period they followed: a complication after a
session of the period, whatever its onset date."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer
from sqlalchemy import select

from assistant import __version__
from assistant.audit import trail as audit
from assistant.clinic.store import get_clinic
from assistant.day.printing import MARGINS, grid, page_size, styles
from assistant.day.tables import Complication
from assistant.day.vocabulary import choices
from assistant.errors import InvalidInput
from assistant.output_files import write_private_file
from assistant.pdf import FONT, Footer, build_pdf, content_width
from assistant.sessions.reading import get_session_in
from assistant.sessions.record import SIGNED
from assistant.storage.db import Database
from assistant.storage.models import Device, Patient, TreatmentSession
from assistant.text.i18n import _

DEPTH_BANDS = ((0.5, "≤ 0.5 mm"), (1.5, "≤ 1.5 mm"), (None, "> 1.5 mm"))
MAX_DAYS = 3 * 366


def depth_band(deepest: float | None) -> str:
    if deepest is None:
        return "no depth"
    for limit, label in DEPTH_BANDS:
        if limit is None or deepest <= limit:
            return label
    return DEPTH_BANDS[-1][1]


@dataclass(frozen=True)
class Rate:
    label: str
    sessions: int
    complications: int

    @property
    def per_100(self) -> float:
        return 100.0 * self.complications / self.sessions if self.sessions else 0.0


@dataclass(frozen=True)
class Summary:
    start: date
    end: date  # inclusive
    months: tuple[str, ...]  # "2026-11"
    sessions_by_month: dict[str, int]
    new_patients_by_month: dict[str, int]
    complications_by_month: dict[str, int]
    by_kind: tuple[Rate, ...]
    by_severity: tuple[Rate, ...]
    by_device: tuple[Rate, ...]
    by_lot: tuple[Rate, ...]
    by_depth: tuple[Rate, ...]
    courses_started: int
    courses_completed: int
    sessions: int = 0
    complications: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def per_100(self) -> float:
        return 100.0 * self.complications / self.sessions if self.sessions else 0.0


def _months(start: date, end: date) -> tuple[str, ...]:
    result, day = [], start.replace(day=1)
    while day <= end:
        result.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return tuple(result)


def _rates(sessions: Counter[str], complications: Counter[str]) -> tuple[Rate, ...]:
    labels = sorted(set(sessions) | set(complications))
    return tuple(Rate(label, sessions[label], complications[label]) for label in labels)


def build_summary(db: Database, start: date, end: date) -> Summary:
    """Count the period from ``start`` to ``end`` (both included)."""
    if end < start:
        raise InvalidInput(_("The end date is before the start date."), "to")
    if (end - start).days > MAX_DAYS:
        raise InvalidInput(_("A summary covers at most three years."), "to")
    low = datetime.combine(start, datetime.min.time())
    high = datetime.combine(end + timedelta(days=1), datetime.min.time())
    months = _months(start, end)
    by_month: Counter[str] = Counter()
    groups: dict[int, tuple[str, str, str]] = {}  # session id: device, lot, depth band
    started = completed = 0
    with db.session() as session:
        devices = {d.id: f"{d.make} {d.model}".strip() for d in session.scalars(select(Device))}
        for row in session.scalars(
            select(TreatmentSession).where(
                TreatmentSession.state == SIGNED,
                TreatmentSession.treated_at >= low,
                TreatmentSession.treated_at < high,
            )
        ):
            draft = get_session_in(session, row.id).effective
            by_month[f"{draft.treated_at:%Y-%m}"] += 1
            groups[row.id] = (
                devices.get(draft.device_id or 0, "no device"),
                draft.cartridge_lot.strip() or "no lot",
                depth_band(draft.deepest_depth),
            )
            if draft.course_number == 1 and draft.course_total:
                started += 1
            if draft.course_total and draft.course_number == draft.course_total:
                completed += 1
        new_patients = Counter(
            f"{created:%Y-%m}"
            for created in session.scalars(
                select(Patient.created_at).where(
                    Patient.created_at >= low, Patient.created_at < high
                )
            )
        )
        events = [
            (kind, severity, session_id)
            for kind, severity, session_id in session.execute(
                select(Complication.kind, Complication.severity, Complication.session_id)
            )
            if session_id in groups
        ]
        onset_by_month = Counter(
            f"{onset:%Y-%m}"
            for onset, session_id in session.execute(
                select(Complication.onset_on, Complication.session_id)
            )
            if session_id in groups
        )
    total = len(groups)
    kinds, severities = choices("complication_kinds"), choices("severities")
    per = {
        index: (Counter(g[index] for g in groups.values()),
                Counter(groups[sid][index] for _k, _s, sid in events))
        for index in range(3)
    }  # fmt: skip
    return Summary(
        start=start,
        end=end,
        months=months,
        sessions_by_month={m: by_month[m] for m in months},
        new_patients_by_month={m: new_patients[m] for m in months},
        complications_by_month={m: onset_by_month[m] for m in months},
        by_kind=tuple(
            Rate(kinds[k], total, n) for k, n in sorted(Counter(k for k, _s, _i in events).items())
        ),
        by_severity=tuple(
            Rate(severities[k].split(" (")[0], total, n)
            for k, n in sorted(Counter(s for _k, s, _i in events).items())
        ),
        by_device=_rates(*per[0]),
        by_lot=_rates(*per[1]),
        by_depth=_rates(*per[2]),
        courses_started=started,
        courses_completed=completed,
        sessions=total,
        complications=len(events),
    )


# --------------------------------------------------------------------------- the PDF

CHART_HEIGHT = 170
BAR = colors.HexColor("#3b6e8f")
BAR_2 = colors.HexColor("#c9823b")


def _drawing(width: float, height: float, title: str) -> Drawing:
    drawing = Drawing(width, height + 22)
    drawing.add(String(0, height + 8, title, fontName=FONT, fontSize=10))
    return drawing


def vertical_chart(title: str, labels: list[str], series: list[list[float]],
                   width: float) -> Drawing:  # fmt: skip
    drawing = _drawing(width, CHART_HEIGHT, title)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 30
    chart.width, chart.height = width - 50, CHART_HEIGHT - 40
    chart.data = series if any(any(s) for s in series) else [[0] * len(labels)]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 8 else "n"
    chart.valueAxis.valueMin = 0
    highest = max((max(s, default=0) for s in series), default=0)
    chart.valueAxis.valueStep = max(1, -(-int(highest) // 5))  # whole counts
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    for index, colour in enumerate((BAR, BAR_2)):
        chart.bars[index].fillColor = colour
    drawing.add(chart)
    return drawing


def horizontal_chart(title: str, rates: tuple[Rate, ...], width: float) -> Drawing:
    rows = rates or (Rate("none", 0, 0),)
    height = max(60, 18 * len(rows) + 30)
    drawing = _drawing(width, height, title)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.38, 16
    chart.width, chart.height = width * 0.55, height - 24
    chart.data = [[round(r.per_100, 2) for r in rows]]
    chart.categoryAxis.categoryNames = [r.label[:48] for r in rows]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    drawing.add(chart)
    return drawing


def _rate_rows(rates: tuple[Rate, ...]) -> list[tuple[str, int, int, str]]:
    return [(r.label, r.sessions, r.complications, f"{r.per_100:.1f}") for r in rates]


def summary_story(summary: Summary, width: float, clinic_name: str) -> list[Flowable]:
    s = styles()
    months = list(summary.months)
    short = [m[2:] for m in months]
    rate_header = ("", "Sessions", "Complications", "Per 100 sessions")
    widths = (width * 0.46, width * 0.18, width * 0.18, width * 0.18)
    story: list[Flowable] = [
        Paragraph(
            f"Governance summary {summary.start.isoformat()} to {summary.end.isoformat()}",
            s["title"],
        ),  # fmt: skip
        Paragraph(
            f"{clinic_name or 'The clinic'}: {summary.sessions} signed session(s), "
            f"{summary.complications} complication(s), {summary.per_100:.1f} per 100 sessions; "
            f"{summary.courses_started} course(s) started and {summary.courses_completed} "
            "completed. No patient is named in this summary.",
            s["body"],
        ),
        Spacer(1, 6),
        vertical_chart(
            "Sessions (blue) and new patients (orange) per month",
            short,
            [
                [summary.sessions_by_month[m] for m in months],
                [summary.new_patients_by_month[m] for m in months],
            ],
            width,
        ),  # fmt: skip
        vertical_chart(
            "Complications per month (by onset)",
            short,
            [[summary.complications_by_month[m] for m in months]],
            width,
        ),
        vertical_chart(
            "Course completion: courses started (blue) and completed (orange)",
            ["courses"],
            [[summary.courses_started], [summary.courses_completed]],
            width,
        ),
        horizontal_chart("Complications per 100 sessions, by kind", summary.by_kind, width),
        horizontal_chart(
            "Complications per 100 sessions, by cartridge lot", summary.by_lot, width
        ),  # fmt: skip
        horizontal_chart(
            "Complications per 100 sessions, by depth band", summary.by_depth, width
        ),  # fmt: skip
        horizontal_chart("Complications per 100 sessions, by device", summary.by_device, width),
    ]
    for title, rates in (
        ("By kind", summary.by_kind),
        ("By severity", summary.by_severity),
        ("By device", summary.by_device),
        ("By cartridge lot", summary.by_lot),
        ("By depth band (deepest zone)", summary.by_depth),
    ):
        story.append(Paragraph(title, s["heading"]))
        rows = _rate_rows(rates) or [("none", summary.sessions, 0, "0.0")]
        story.append(grid(rate_header, rows, s, widths))
    story.append(Paragraph("Per month", s["heading"]))
    story.append(
        grid(
            ("Month", "Sessions", "New patients", "Complications"),
            [
                (
                    m,
                    summary.sessions_by_month[m],
                    summary.new_patients_by_month[m],
                    summary.complications_by_month[m],
                )
                for m in months
            ],
            s,
            (width * 0.25,) * 4,
        )  # fmt: skip
    )
    return story


def summary_pdf(db: Database, start: date, end: date) -> bytes:
    summary = build_summary(db, start, end)
    clinic = get_clinic(db)
    size = page_size(clinic.paper_size)
    pdf, _pages = build_pdf(
        summary_story(summary, content_width(size, MARGINS), clinic.name),
        page_size=size,
        margins=MARGINS,
        footer=Footer(
            (
                f"Governance summary {start.isoformat()} to {end.isoformat()} · "
                f"Chairside {__version__}",
            ),
            "No patient is named in this summary.",
            "Page {page} of {pages}",
        ),  # fmt: skip
        title=f"Governance summary {start.isoformat()} to {end.isoformat()}",
        author=clinic.name or "Chairside",
    )
    return pdf


def save_summary(
    db: Database, start: date, end: date, out: Path, actor: int | None, *, force: bool = False
) -> Path:
    """Write the summary PDF (never over a file unless ``force``), then audit it."""
    return save_summary_bytes(db, summary_pdf(db, start, end), start, end, out, actor, force)


def save_summary_bytes(
    db: Database,
    data: bytes,
    start: date,
    end: date,
    out: Path,
    actor: int | None,
    force: bool = False,
) -> Path:
    """Write a summary already drawn (the screen's), then audit it."""
    written = write_private_file(out, data, force=force)
    with db.session() as session:
        audit.record(
            session,
            "export",
            "summary",
            None,
            actor=actor,
            summary=f"Saved the governance summary {start.isoformat()} to {end.isoformat()} "
            f"to {written}",
        )
    return written
