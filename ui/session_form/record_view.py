"""A signed session record as a document: full-contrast text, not greyed-out controls.

Zones with their depths, products with their lots, the checklist's verdict, who signed and
when; each amended value shows the value in force with the original beside it (who changed
it, when and why). Amend… (on the form) opens the amendment editor."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTextBrowser, QWidget

from assistant.reference import fitzpatrick_numeral
from assistant.sessions import AmendmentEntry, SessionContext, SessionRecord, get_field
from assistant.sessions.warning_words import screen_warning
from assistant.text.labels import data_label
from assistant.text.screen_dates import (
    screen_long_date,
    screen_mm,
    screen_short_moment,
)

# lupdate reads the strings of translate("RecordDocument", "…") calls (not of a wrapper)
translate = QCoreApplication.translate


def _e(value: object) -> str:
    return html.escape(str(value)) if value not in (None, "") else "—"


def _yes_no(value: bool) -> str:
    return translate("RecordDocument", "yes") if value else translate("RecordDocument", "no")


def _local(utc: datetime) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone()


def _when(moment: datetime) -> str:
    return f"{screen_long_date(moment.date())} {moment.strftime('%H:%M')}"


class _Amended:
    """The amendments of a record, by field path."""

    def __init__(self, amendments: Sequence[AmendmentEntry]) -> None:
        self.by_path: dict[str, list[AmendmentEntry]] = {}
        for amendment in amendments:
            self.by_path.setdefault(amendment.field, []).append(amendment)

    def cell(self, record: SessionRecord, path: str, shown: str) -> str:
        """The value in force, with each amendment's original beside it."""
        notes = [
            translate("RecordDocument", "amended from “{old}” by {who}, {when}: {why}").format(
                old=html.escape(a.old_value or "—"),
                who=html.escape(a.practitioner_name or translate("RecordDocument", "unknown")),
                when=html.escape(screen_short_moment(a.created_at)),
                why=html.escape(a.reason),
            )
            for a in self.by_path.get(path, [])
        ]
        if not notes:
            return shown
        return f"<b>{shown}</b>" + "".join(f"<br><i>{note}</i>" for note in notes)


def record_html(record: SessionRecord, context: SessionContext) -> str:
    draft = record.effective
    amended = _Amended(record.amendments)

    def field(path: str, text: str | None = None) -> str:
        value = get_field(draft, path)
        shown = _e(text if text is not None else value)
        return amended.cell(record, path, shown)

    practitioners = {p.id: p.label for p in context.practitioners}
    devices = {d.id: d.label for d in context.devices}
    treated = draft.treated_at
    parts = [
        "<h2>"
        + translate("RecordDocument", "Session of {0}, {1}").format(
            html.escape(screen_long_date(treated.date())), treated.strftime("%H:%M")
        )
        + "</h2>"
    ]
    if record.signed_at is not None:
        parts.append(
            "<p><b>"
            + translate("RecordDocument", "Signed by {0} on {1}.").format(
                html.escape(record.signed_by_name or "—"), _when(_local(record.signed_at))
            )
            + "</b></p>"
        )
    patient = context.patient
    fitz = (
        translate("RecordDocument", "Fitzpatrick {0}").format(
            fitzpatrick_numeral(patient.fitzpatrick)
        )
        if patient.fitzpatrick
        else ""
    )
    cartridge = (
        translate("RecordDocument", "{needles} needles, lot {lot}, expires {expiry}").format(
            needles=draft.cartridge_needles or "—",
            lot=draft.cartridge_lot or "—",
            expiry=screen_long_date(draft.cartridge_expiry) if draft.cartridge_expiry else "—",
        )
        if draft.cartridge_lot
        else ""
    )
    anaesthetic = " ".join(
        part
        for part in (
            draft.anaesthetic_product,
            draft.anaesthetic_strength,
            translate("RecordDocument", "{0} min").format(draft.anaesthetic_minutes)
            if draft.anaesthetic_minutes
            else "",
        )
        if part
    )
    rows = [
        (
            translate("RecordDocument", "Patient"),
            _e(" · ".join(p for p in (patient.name, fitz) if p)),
        ),
        (
            translate("RecordDocument", "Practitioner"),
            _e(practitioners.get(draft.practitioner_id or 0, "")),
        ),
        (
            translate("RecordDocument", "Consent on file"),
            field("consent_on_file", _yes_no(draft.consent_on_file))
            + (f" ({screen_long_date(draft.consent_date)})" if draft.consent_date else ""),
        ),
        (
            translate("RecordDocument", "Photos taken"),
            field("photos_taken", _yes_no(draft.photos_taken)),
        ),
        (translate("RecordDocument", "Device"), _e(devices.get(draft.device_id or 0, ""))),
        (translate("RecordDocument", "Cartridge"), _e(cartridge)),
        (translate("RecordDocument", "Anaesthetic"), _e(anaesthetic)),
    ]
    if context.verdict:  # a session recorded without the checklist has no verdict to show
        rows.insert(2, (translate("RecordDocument", "Checklist verdict"), _e(context.verdict)))
    parts.append(_table(rows))

    parts.append("<h3>" + translate("RecordDocument", "Zones") + "</h3>")
    header = [
        translate("RecordDocument", "Zone"),
        translate("RecordDocument", "Depth"),
        translate("RecordDocument", "Passes"),
        translate("RecordDocument", "Speed"),
        translate("RecordDocument", "Endpoint"),
        translate("RecordDocument", "Notes"),
    ]
    body = []
    for index, zone in enumerate(draft.zones):
        path = f"zones[{index}]"
        body.append(
            [
                _e(data_label("zones", zone.zone)),
                amended.cell(record, f"{path}.depth_mm", f"{screen_mm(zone.depth_mm)} mm"),
                amended.cell(record, f"{path}.passes", _e(zone.passes)),
                amended.cell(record, f"{path}.speed", _e(zone.speed)),
                amended.cell(
                    record, f"{path}.endpoint", _e(data_label("endpoints", zone.endpoint))
                ),
                amended.cell(record, f"{path}.notes", _e(zone.notes)),
            ]
        )
    parts.append(_grid(header, body))

    parts.append("<h3>" + translate("RecordDocument", "Serums and glide products") + "</h3>")
    products = [
        [
            _e(product.product_name),
            _e(data_label("product_kinds", product.kind)),
            amended.cell(record, f"products[{index}].lot_number", _e(product.lot_number)),
            amended.cell(
                record,
                f"products[{index}].expiry_date",
                _e(screen_long_date(product.expiry_date) if product.expiry_date else ""),
            ),
        ]
        for index, product in enumerate(draft.products)
    ]
    parts.append(
        _grid(
            [
                translate("RecordDocument", "Product"),
                translate("RecordDocument", "Kind"),
                translate("RecordDocument", "Lot"),
                translate("RecordDocument", "Expiry"),
            ],
            products,
        )
        if products
        else "<p>" + translate("RecordDocument", "None used.") + "</p>"
    )

    parts.append("<h3>" + translate("RecordDocument", "Response and aftercare") + "</h3>")
    after = [
        (translate("RecordDocument", "Tolerance (pain 0–10)"), field("tolerance")),
        (translate("RecordDocument", "Immediate reactions"), field("reactions")),
        (translate("RecordDocument", "Adverse events"), field("adverse_events")),
        (
            translate("RecordDocument", "Finished at"),
            field("ended_at", draft.ended_at.strftime("%H:%M") if draft.ended_at else ""),
        ),
        (translate("RecordDocument", "Post-care products given"), field("post_care")),
        (
            translate("RecordDocument", "Next session"),
            field(
                "next_session_date",
                screen_long_date(draft.next_session_date) if draft.next_session_date else "",
            ),
        ),
        (
            translate("RecordDocument", "Aftercare sheet printed"),
            _e(
                _when(_local(record.aftercare_printed_at))
                if record.aftercare_printed_at
                else translate("RecordDocument", "not yet")
            ),
        ),
        (translate("RecordDocument", "Notes"), field("notes")),
    ]
    parts.append(_table(after))
    if record.warnings:
        parts.append(
            "<h3>"
            + translate("RecordDocument", "Warnings shown when it was recorded")
            + "</h3><ul>"
        )
        parts += [f"<li>{html.escape(screen_warning(w))}</li>" for w in record.warnings]
        parts.append("</ul>")
    return "".join(parts)


def _table(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><th align='left' valign='top' width='30%'>{html.escape(label)}</th>"
        f"<td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table width='100%' cellspacing='0' cellpadding='4'>{cells}</table>"


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td valign='top'>{c}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='4' "
        f"style='border-collapse: collapse'><tr>{head}</tr>{body}</table>"
    )


class RecordDocument(QTextBrowser):
    """The signed record, to read (and select and copy), in the palette's own text colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("RecordDocument", "The signed record"))
        self.setOpenLinks(False)
        # Text and tables wrap to the width: it never scrolls sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_record(self, record: SessionRecord, context: SessionContext) -> None:
        self.setHtml(record_html(record, context))

    def text(self) -> str:
        return self.toPlainText()
