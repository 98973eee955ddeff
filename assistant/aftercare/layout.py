"""The aftercare sheet laid out with ReportLab's Paragraph and Table: every text wraps (long
words, names and addresses break instead of running off the page), Arabic is shaped with
HarfBuzz and set right to left, Chinese breaks between characters.

Styles are built once per language and print size and cached: laying out is the cost, and it
grows linearly with the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.lists import format_list
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from assistant import reference
from assistant.aftercare.dates import TimelineStep, next_appointment_text, timeline
from assistant.aftercare.look import (
    CELL_PADDING,
    CHUNK,
    PAGE_ROOM,
    Look,
    Para,
    bullet,
    grid_style,
    look,
    plain_style,
)
from assistant.aftercare.sheet import AftercareSheet
from assistant.aftercare.template import AftercareTemplate
from assistant.errors import InvalidInput
from assistant.pdf.families import printable_any, register_family
from assistant.text.languages import babel_locale, format_moment

NORMAL_SHARES = (0.5, 0.46, 0.42, 0.38)  # of the width, for "what is normal" beside the box
FIRST_SHARE = 0.42  # tried first; the others only for a sheet that does not fit (``fit``)


def _logo(path: Path) -> Image:
    try:
        reader = ImageReader(str(path))
        width, height = reader.getSize()
    except Exception as exc:  # ReportLab/PIL raise many types for a bad file
        raise InvalidInput(
            f"The clinic logo {path} cannot be used: it is missing or not an image file "
            "(use PNG or JPEG).",
            "logo",
        ) from exc
    scale = min(4 * cm / width, 1.5 * cm / height)  # no taller than the name and address
    return Image(str(path), width=width * scale, height=height * scale)


def _natural_width(look_: Look, label: str, value: str) -> float:
    style = look_.styles["contact"]
    family = register_family(look_.language.family)
    return float(
        stringWidth(printable_any(f"{label}: "), family.regular, style.fontSize)
        + stringWidth(printable_any(value), family.bold, style.fontSize)
    )


def header(sheet: AftercareSheet, template: AftercareTemplate, lk: Look, width: float) -> list[Any]:
    h = template.headings
    clinic = sheet.clinic
    address = ", ".join(line.strip(" ,") for line in clinic.address.splitlines() if line.strip())
    left: list[Flowable] = lk.paras(clinic.name, "clinic", bold=True, typed=True)
    if address:
        left += lk.paras(address, typed=True)
    pairs = [
        (h["phone"], clinic.phone),
        (h["out_of_hours"], clinic.out_of_hours_phone),
    ]
    pairs = [(label, value.strip()) for label, value in pairs if value.strip()]
    # a phone number never breaks inside: it moves under its label when it must
    contact = [lk.labelled(label, value.replace(" ", "\N{NO-BREAK SPACE}"), "contact")
               for label, value in pairs]  # fmt: skip
    # the phone numbers take the room they need (within reason); the name and address the
    # rest. When both fit on their lines side by side, each label stays on its number's line.
    needed = max((_natural_width(lk, *pair) for pair in pairs), default=0) + 8
    family = register_family(lk.language.family)
    beside = max(
        stringWidth(printable_any(clinic.name), family.bold, lk.styles["clinic"].fontSize),
        stringWidth(printable_any(address), family.regular, lk.styles["body"].fontSize),
    )
    room = width - beside - 12 - (4.4 * cm if clinic.logo_path else 0)
    contact_width = needed if needed <= min(room, width * 0.55) else min(needed, width * 0.45)
    if len(clinic.name) + len(address) > CHUNK:
        # too long to sit beside the phone numbers: one after the other, so it can run on
        return [*left, *contact, Spacer(1, lk.sizes.rule_gap),
                HRFlowable(width="100%", thickness=1.2, color=colors.black)]  # fmt: skip
    cells: list[Any] = [left, contact]
    widths = [width - contact_width, contact_width]
    if clinic.logo_path:
        logo = _logo(Path(clinic.logo_path))
        cells.insert(0, logo)
        widths.insert(0, logo.drawWidth + 0.4 * cm)
        widths[1] -= widths[0]
    table = Table([lk.row(cells)], colWidths=lk.row(widths), style=plain_style())
    rule = HRFlowable(width="100%", thickness=1.2, color=colors.black)
    return [table, Spacer(1, lk.sizes.rule_gap), rule]


def details(
    sheet: AftercareSheet, template: AftercareTemplate, lk: Look, width: float
) -> list[Flowable]:
    h = template.headings
    names = [template.zones.get(z) or reference.zone(z).name for z in sheet.zones]
    # a list as the language writes one ("Mejillas, Frente y Nariz", "脸颊、额头和鼻子")
    areas = (
        ", ".join(names) if lk.language.code == "en" or len(names) < 2
        else format_list(names, locale=babel_locale(lk.language.locale))
    ) or "—"
    treated = format_moment(sheet.treated_at.replace(tzinfo=None), sheet.language)
    patient, practitioner = sheet.patient_name, sheet.practitioner
    people: list[Flowable]
    if len(patient) + len(practitioner) > CHUNK:
        people = [*lk.labelled_long(h["patient"], patient),
                  *lk.labelled_long(h["practitioner"], practitioner)]  # fmt: skip
    else:
        both = [lk.labelled(h["patient"], patient), lk.labelled(h["practitioner"], practitioner)]
        people = side_by_side(lk, both, width)
    return [
        *people,
        *side_by_side(lk, [lk.labelled(h["treated_at"], treated),
                           lk.labelled(h["next_appointment"],
                                       next_appointment_text(sheet, template))], width),
        lk.labelled(h["areas"], areas),
    ]  # fmt: skip


SIDE_GAP = 18  # between two labelled values on one line


def side_by_side(lk: Look, paras: list[Paragraph], width: float) -> list[Flowable]:
    """Two short labelled values on one line, in reading order, when both fit whole; one
    under the other when they do not."""
    natural = []
    for para in paras:
        para.wrap(width, 10_000)
        lines = para.blPara.lines
        if len(lines) != 1:
            return list(paras)
        spare = getattr(lines[0], "extraSpace", None)  # a line of several styles, or a
        natural.append(width - (lines[0][0] if spare is None else spare))  # simple one
    if sum(natural) + SIDE_GAP > width:
        return list(paras)
    first = natural[0] + SIDE_GAP
    return [Table([lk.row(list(paras))], colWidths=lk.row([first, width - first]),
                  style=plain_style())]  # fmt: skip


def _in_date_order(steps: list[TimelineStep]) -> list[TimelineStep]:
    """Steps by the date their row shows first, as the patient reads down the column: a
    step from the end of the treatment reads "Until <end>", any other "From <start>". At the
    same moment "until" comes before "from"; then by when they end ("as prescribed" last).
    The sort is stable, so steps with the same dates keep the template's order."""
    far = max((s.end for s in steps if s.end is not None), default=None)

    def shown(step: TimelineStep) -> datetime:
        return step.end if step.from_treatment and step.end is not None else step.start

    return sorted(
        steps,
        key=lambda s: (shown(s), not s.from_treatment, s.end or far or s.start, s.end is None),
    )


def timeline_table(
    sheet: AftercareSheet,
    template: AftercareTemplate,
    lk: Look,
    width: float,
    tz: ZoneInfo | None,
    fit: bool = False,
) -> Table:
    h = template.headings
    rows: list[tuple[list[str], list[str]]] = []
    previous: TimelineStep | None = None
    for step in _in_date_order(timeline(sheet, template, tz)):
        if previous is not None and (previous.start, previous.end) == (step.start, step.end):
            rows[-1][1].append(step.text)  # same dates as the row above: one row, no repetition
            continue
        rows.append((_when_lines(step, sheet, template), [step.text]))
        previous = step
    cell = lk.styles["cell"]
    family = register_family(lk.language.family)

    def measure(text: str) -> float:
        return float(stringWidth(printable_any(text), family.regular, cell.fontSize))

    # as wide as the longest date needs, within reason; narrower when that makes the table
    # shorter (the instructions then wrap less), a date then breaking after its weekday
    when_lines = [line for lines, _ in rows for line in lines]
    natural = max(measure(line) for line in when_lines) + 2 * CELL_PADDING + 2
    widest = min(natural, width * (0.5 if sheet.large_print else 0.42))
    what_cells = [[lk.para(text, "cell") for text in texts] for _, texts in rows]
    heading = lk.row([lk.para(h["timeline_when"], "cell_bold", True),
                      lk.para(h["timeline_what"], "cell_bold", True)])  # fmt: skip
    tables = []
    # large print keeps its dates on fewer lines: they are what the patient looks for
    shares = WHEN_SHARES if fit and not sheet.large_print else ()
    for when_width in sorted({widest, *(min(widest, width * r) for r in shares)}):
        inner = when_width - 2 * CELL_PADDING
        table_rows: list[list[Any]] = [heading]
        for (lines, _), what in zip(rows, what_cells, strict=True):
            text = "<br/>".join(lk.text(_held_date(line, inner, measure)) for line in lines)
            table_rows.append(lk.row([Para(text, cell), what]))
        ruled = grid_style(padding=lk.sizes.row_padding)
        tables.append(Table(table_rows, colWidths=lk.row([when_width, width - when_width]),
                            repeatRows=1, style=ruled))  # fmt: skip
    # the shortest; of two as short, the one with the wider dates
    return min(reversed(tables), key=lambda table: round(table.wrap(width, 100_000)[1]))


WHEN_SHARES = (0.38, 0.34, 0.3)  # of the width, tried for the timeline's dates


def _held_date(line: str, room: float, measure: Callable[[str], float]) -> str:
    """A date line too wide for its cell, held together after its weekday ("Hasta el
    martes, / 24 de noviembre, 21:30"), when that part fits; the line as it is otherwise."""
    if measure(line) <= room or ", " not in line:
        return line
    head, rest = line.split(", ", 1)
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in rest) or measure(rest) > room:
        return line
    return f"{head}, {rest.replace(' ', chr(0xA0))}"


def _when_lines(
    step: TimelineStep, sheet: AftercareSheet, template: AftercareTemplate
) -> list[str]:
    """A period with its end on a line of its own ("From …" / "until …"), so both moments
    read at a glance: the template's phrase is cut after its start."""
    phrase = template.headings["when_from_until"]
    if step.from_treatment or step.end is None or "{start}" not in phrase:
        return step.when(sheet.treated_at, template, sheet.language).splitlines()
    cut = phrase.index("{start}") + len("{start}")
    year = sheet.treated_at.year
    start = format_moment(step.start, sheet.language, year)
    end = format_moment(step.end, sheet.language, year)
    first, second = phrase[:cut].format(start=start), phrase[cut:].format(end=end)
    return [first.strip(), second.strip()]


def normal_and_call(
    sheet: AftercareSheet, template: AftercareTemplate, lk: Look, width: float,
    fit: bool = False,
) -> list[Flowable]:
    """"What is normal" beside the boxed "call the clinic" list (one under the other in
    large print). The box moves to the next page whole, never broken (unless it is taller
    than a page); "what is normal" may run on between its items (each item whole), so it
    leaves no half-empty page behind it."""
    h = template.headings
    clinic = sheet.clinic
    normal: list[Flowable] = [lk.para(h["normal"], "list_heading", True)]
    normal += [bullet(lk, item) for item in template.normal]
    call: list[Flowable] = [lk.para(h["call_clinic"], "list_heading", True)]
    if clinic.phone.strip():
        call.append(lk.labelled(h["phone"], clinic.phone.strip(), "phone"))
    if clinic.out_of_hours_phone.strip():
        call.append(lk.labelled(h["out_of_hours"], clinic.out_of_hours_phone, "small"))
    call.append(Spacer(1, 2))
    call += [bullet(lk, item) for item in template.call_clinic]
    pad = 5
    box = ("BOX", (0, 0), (0, 0), 1.5, colors.black)
    if sheet.large_print:
        boxed = _RunningTable([[call]], colWidths=[width],
                              style=plain_style([box, *_padding(pad)]))  # fmt: skip
        # the heading stays with the first item; the items follow one by one
        head = KeepTogether(normal[:2]) if len(normal) > 1 else normal[0]
        return [head, *normal[2:], Spacer(1, lk.sizes.gap), boxed]
    call_column = 0 if lk.rtl else 1
    normal_commands = [
        ("TOPPADDING", (1 - call_column, 0), (1 - call_column, 0), pad),  # headings line up
        ("RIGHTPADDING" if not lk.rtl else "LEFTPADDING", (1 - call_column, 0),
         (1 - call_column, 0), pad),
    ]  # fmt: skip
    commands = [
        ("BOX", (call_column, 0), (call_column, 0), 1.5, colors.black),
        *_padding(pad, call_column),
        *normal_commands,
    ]
    # the boxed column gets at least half the room (its lines matter more), and as much
    # more as makes the two columns end nearest each other
    tables = [
        _ListsTable(lk, normal, call, lk.row([share, width - share]), commands, normal_commands)
        for share in (width * ratio for ratio in (NORMAL_SHARES if fit else (FIRST_SHARE,)))
    ]
    return [min(tables, key=lambda table: table.wrap(width, 10_000)[1])]


class _RunningTable(Table):
    """A table of one row that moves to the next page whole; only a row taller than
    ``PAGE_ROOM`` runs on to the next page (``splitInRow``). A split that would leave
    nothing for the next page (ReportLab measures right-to-left paragraphs a little taller
    than they are) keeps the table whole on this one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("splitInRow", 1)
        super().__init__(*args, **kwargs)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, height = self.wrap(avail_width, avail_height)
        if height <= PAGE_ROOM:
            return []
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) == 2 and all(
            not cell for row in getattr(parts[1], "_cellvalues", []) for cell in row
        ):
            return parts[:1]
        return parts


class _ListsTable(_RunningTable):
    """"What is normal" beside the boxed "call the clinic" list, one row. When the row does
    not fit the rest of the page, "what is normal" starts there (its heading with at least
    ``FIRST_ITEMS`` items, each whole) and the rest of it follows beside the whole box on
    the next page."""

    def __init__(
        self, lk: Look, normal: list[Flowable], call: list[Flowable], widths: list[float],
        commands: list[tuple[Any, ...]], normal_commands: list[tuple[Any, ...]],
    ) -> None:  # fmt: skip
        self._lk, self._normal, self._call = lk, normal, call
        self._widths, self._commands, self._normal_commands = widths, commands, normal_commands
        super().__init__([lk.row([normal, call])], colWidths=widths, style=plain_style(commands))

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        _, height = self.wrap(avail_width, avail_height)
        if height > PAGE_ROOM:
            return super().split(avail_width, avail_height)
        normal, lk = self._normal, self._lk
        for count in range(len(normal) - 1, min(len(normal), 1 + FIRST_ITEMS) - 1, -1):
            first = Table([lk.row([normal[:count], ""])], colWidths=self._widths,
                          style=plain_style(self._normal_commands))  # fmt: skip
            if first.wrap(avail_width, avail_height)[1] <= avail_height:
                rest = _RunningTable([lk.row([normal[count:], self._call])],
                                     colWidths=self._widths, style=plain_style(self._commands))
                return [first, rest]
        return []


FIRST_ITEMS = 2  # of "what is normal", at the least, under its heading at a page's foot


def _padding(pad: float, column: int = 0) -> list[tuple[Any, ...]]:
    where = ((column, 0), (column, 0))
    return [(side, *where, pad) for side in
            ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]  # fmt: skip


def depth_table(
    sheet: AftercareSheet, template: AftercareTemplate, lk: Look, width: float
) -> Flowable:
    h = template.headings
    rows: list[list[Any]] = [
        lk.row([lk.para(h[key], "cell_bold", True)
                for key in ("depth_zone", "depth_mm", "depth_passes")])
    ]  # fmt: skip
    for row in sheet.zone_depths:
        rows.append(
            lk.row(
                [
                    lk.para(template.zones.get(row.zone) or reference.zone(row.zone).name, "cell"),
                    lk.para(h["depth_value"].format(depth=reference.format_mm(row.depth_mm)),
                            "cell"),
                    lk.para(str(row.passes), "cell"),
                ]
            )
        )
    table = Table(rows, colWidths=lk.row([width * 0.5, width * 0.25, width * 0.25]),
                  repeatRows=1, style=grid_style())  # fmt: skip
    return KeepTogether([lk.para(h["depths"], "heading", True), table])


def story(
    sheet: AftercareSheet,
    template: AftercareTemplate,
    width: float,
    tz: ZoneInfo | None,
    fit: bool = False,
) -> list[Flowable]:
    """The sheet's flowables. ``fit``: the timeline's date column and the two lists are
    sized to make the sheet shortest (each tried at a few widths: this costs time, so it is
    done for a sheet that has run onto another page at the widths its text asks for), and
    its parts and ruled rows set closer (``FIT_PRINT``: the text keeps its size)."""
    lk = look(sheet.language, sheet.large_print, fit)
    gap = lk.sizes.gap
    parts: list[Flowable] = header(sheet, template, lk, width)
    parts += [Spacer(1, gap), lk.para(template.title, "title", True)]
    parts += details(sheet, template, lk, width)
    parts += [Spacer(1, lk.sizes.rule_gap), lk.para(template.intro)]
    if sheet.show_depth_table and sheet.zone_depths:
        parts.append(depth_table(sheet, template, lk, width))
    if sheet.notes.strip():
        parts.append(lk.para(template.headings["notes"], "heading", True))
        parts += lk.paras(sheet.notes, typed=True)
    parts += [Spacer(1, gap), timeline_table(sheet, template, lk, width, tz, fit)]
    parts += [Spacer(1, gap), *normal_and_call(sheet, template, lk, width, fit)]
    return parts
