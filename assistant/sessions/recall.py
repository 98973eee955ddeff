"""Product and cartridge lot recall: every patient who received a lot, and the list as CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, func, or_, select

from assistant.audit import trail as audit
from assistant.errors import InvalidInput
from assistant.files import write_file_atomically
from assistant.sessions.limits import MAX_LOT
from assistant.sessions.record import DISCARDED
from assistant.storage.db import Database
from assistant.storage.models import Amendment, Patient, ProductUse, TreatmentSession
from assistant.text.i18n import _
from assistant.text.safety import check_one_line


@dataclass(frozen=True)
class RecallRow:
    """A patient who received a recalled lot, and in which session."""

    patient_id: int
    first_name: str
    last_name: str
    date_of_birth: date | None
    phone: str
    session_id: int
    treated_at: datetime
    state: str
    matched: str  # e.g. "product lot HA-2604 (Hyaluronic acid 1.5%)"; the CSV's words
    matched_words: str = ""  # the same in the practitioner's language, for the screen

    @property
    def patient_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


RECALL_COLUMNS = (
    "patient_id",
    "last_name",
    "first_name",
    "date_of_birth",
    "phone",
    "session_id",
    "session_date",
    "state",
    "matched",
)
_PHONE_LIKE = re.compile(r"^[0-9+()\-.\s/]*$")


def recall(db: Database, lot: str) -> list[RecallRow]:
    """Every session in which product lot or cartridge lot ``lot`` was used (case and
    surrounding spaces ignored; amended lots included), by patient name."""
    wanted = lot.strip().upper()
    if not wanted:
        raise InvalidInput(_("Enter the lot number to search for."), "lot")
    if len(wanted) > MAX_LOT:
        raise InvalidInput(
            f"A lot number is at most {MAX_LOT} characters; this one has {len(wanted):,}.", "lot"
        )
    check_one_line(wanted, "lot", "The lot number")
    found: dict[tuple[int, str], tuple[str, str]] = {}  # English, the practitioner's
    with db.session() as session:
        for session_id, name, lot_number in session.execute(
            select(ProductUse.session_id, ProductUse.product_name, ProductUse.lot_number).where(
                func.upper(func.trim(ProductUse.lot_number)) == wanted
            )
        ):
            found.setdefault(
                (session_id, f"p:{name}"),
                (
                    f"product lot {lot_number} ({name})",
                    _("product lot {lot} ({product})").format(lot=lot_number, product=name),
                ),
            )
        for session_id, lot_number, needles in session.execute(
            select(
                TreatmentSession.id,
                TreatmentSession.cartridge_lot,
                TreatmentSession.cartridge_needles,
            ).where(func.upper(func.trim(TreatmentSession.cartridge_lot)) == wanted)
        ):
            found.setdefault(
                (session_id, "cartridge"),
                (
                    f"cartridge lot {lot_number}, {needles} needles",
                    _("cartridge lot {lot}, {needles} needles").format(
                        lot=lot_number, needles=needles
                    ),
                )
                if needles
                else (
                    f"cartridge lot {lot_number}",
                    _("cartridge lot {lot}").format(lot=lot_number),
                ),
            )
        for session_id, path, new_value in session.execute(
            select(Amendment.session_id, Amendment.field, Amendment.new_value).where(
                or_(Amendment.field == "cartridge_lot", Amendment.field.like("products[%"))
                & (func.upper(func.trim(Amendment.new_value)) == wanted)
            )
        ):
            cartridge = path == "cartridge_lot"
            kind = "cartridge lot" if cartridge else "product lot"
            words = (
                _("cartridge lot {lot} (amended)")
                if cartridge
                else _("product lot {lot} (amended)")
            )
            found.setdefault(
                (session_id, f"a:{path}"),
                (f"{kind} {new_value} (amended)", words.format(lot=new_value)),
            )
        if not found:
            return []
        ids = sorted({session_id for session_id, _lot in found})
        rows: list[RecallRow] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row, patient in session.execute(
                select(TreatmentSession, Patient)
                .join(Patient, Patient.id == TreatmentSession.patient_id)
                .where(and_(TreatmentSession.id.in_(chunk), TreatmentSession.state != DISCARDED))
            ):
                for (session_id, _lot), (matched, words) in sorted(found.items()):
                    if session_id == row.id:
                        rows.append(
                            RecallRow(
                                patient.id,
                                patient.first_name,
                                patient.last_name,
                                patient.date_of_birth,
                                patient.phone,
                                row.id,
                                row.treated_at,
                                row.state,
                                matched,
                                words,
                            )
                        )
        rows.sort(key=lambda r: (r.last_name.casefold(), r.first_name.casefold(), r.treated_at))
        return rows


@dataclass(frozen=True)
class RecallComplication:
    """A complication recorded after a session that used the recalled lot."""

    id: int
    patient_id: int
    session_id: int
    kind: str  # id of resources/day.toml [complication_kinds]
    severity: str
    onset_on: date
    outcome: str | None


def recall_complications(db: Database, rows: Sequence[RecallRow]) -> list[RecallComplication]:
    """The complications of the sessions ``recall`` found, by onset."""
    # the day's tables only when a recall lists complications
    from assistant.day.tables import Complication

    ids = sorted({row.session_id for row in rows})
    found: list[RecallComplication] = []
    with db.session() as session:
        for start in range(0, len(ids), 500):
            for c in session.scalars(
                select(Complication).where(Complication.session_id.in_(ids[start : start + 500]))
            ):
                found.append(
                    RecallComplication(
                        c.id, c.patient_id, c.session_id, c.kind, c.severity, c.onset_on, c.outcome
                    )
                )
    return sorted(found, key=lambda c: (c.onset_on, c.id))


def _csv_safe(value: str, phone: bool = False) -> str:
    """Keep a spreadsheet from running a cell as a formula (a name typed as "=HYPERLINK…")."""
    if phone and _PHONE_LIKE.match(value):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def recall_csv(rows: Iterable[RecallRow]) -> str:
    """The recall list as CSV (UTF-8 text, a header line, one row per session and match)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(RECALL_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.patient_id,
                _csv_safe(row.last_name),
                _csv_safe(row.first_name),
                row.date_of_birth.isoformat() if row.date_of_birth else "",
                _csv_safe(row.phone, phone=True),
                row.session_id,
                row.treated_at.date().isoformat(),
                row.state,
                _csv_safe(row.matched),
            ]
        )
    return out.getvalue()


def record_recall_export(
    db: Database, lot: str, rows: Sequence[RecallRow], destination: str, actor: int | None
) -> None:
    """Audit an export of the recall list (it holds patients' names and phone numbers)."""
    with db.session() as session:
        audit.record(
            session,
            "export",
            "recall",
            None,
            actor=actor,
            summary=f"Exported the recall list for lot {lot.strip()} "
            f"({len(rows)} row(s)) to {destination}",
            changes={"lot": lot.strip(), "patients": sorted({r.patient_id for r in rows})},
        )


STANDARD_OUTPUT = "standard output (command line)"


def export_recall_csv(
    db: Database,
    lot: str,
    rows: Sequence[RecallRow],
    actor: int | None,
    out: Path | None = None,
) -> str:
    """The recall list as CSV with its audit entry: one call for the window and the command
    line. With ``out`` the file is written first (atomically, UTF-8 with a byte-order mark so
    spreadsheet programs read the accents); without, the text is for standard output."""
    text = recall_csv(rows)
    if out is not None:
        write_file_atomically(out, text.encode("utf-8-sig"))
    record_recall_export(db, lot, rows, str(out) if out is not None else STANDARD_OUTPUT, actor)
    return text
