"""A realistic large clinic database, built fast, for the interaction benchmarks.

Migrates an empty database with the project's ``init_db``, adds the clinic, practitioners
(with a known PIN), devices, cartridges and products through the app, issues one real consent
PDF, then bulk-inserts patients, their signed sessions with zones and products, some
amendments, a consent per patient (the one PDF's bytes reused) and the audit entries, hash
chained exactly as ``assistant.audit.chain`` does, in order. Sessions go in as drafts with
their zones and products and are then flipped to signed in bulk (the database refuses rows
added to a signed session), as the demo data does. Ends by running the app's own
``audit --verify`` check and printing its line.

    python benchmarks/make_clinic.py --patients 100000 --sessions 1000000 --out DIR
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, update  # noqa: E402

from assistant import reference
from assistant.access import auth  # noqa: E402
from assistant.audit import chain, integrity  # noqa: E402
from assistant.audit.actor import workstation  # noqa: E402
from assistant.consent import ConsentRequest, issue_in  # noqa: E402
from assistant.demo.clinic import TREATMENT_PLANS, _demo_details, demo_signature  # noqa: E402
from assistant.patients.search import search_terms, sort_key  # noqa: E402
from assistant.sessions import SessionDraft, ZoneEntry, derived_values  # noqa: E402
from assistant.storage.db import Database, init_db  # noqa: E402
from assistant.storage.models import (  # noqa: E402
    Amendment,
    AuditEvent,
    Cartridge,
    Clinic,
    Consent,
    Device,
    Patient,
    PatientSearchTerm,
    Practitioner,
    Product,
    ProductLot,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
)

PIN = "2468"
BATCH = 20_000  # rows per executemany
CHUNK_PATIENTS = 5_000  # patients generated (and their rows inserted) per round
REGULAR_EVERY = 500  # every 500th patient is a regular with 30 sessions
REGULAR_SESSIONS = 30
AMEND_SHARE = 0.02


@dataclass(order=True)
class Event:
    """One audit entry waiting for its place in the chain (ordered by time)."""

    at: datetime
    seq: int
    values: dict[str, Any] = field(compare=False)


def _plain_dt(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def setup(db: Database, today: date) -> dict[str, Any]:
    """Clinic, practitioners with a PIN, devices, cartridges and products, through the app."""
    with db.session() as session:
        session.add(Clinic(name="Harbour Skin Clinic", address="14 Quay Street\nBristol",
                           phone="0117 496 0123", out_of_hours_phone="07700 900456",
                           email="hello@harbourskin.example", paper_size="A4"))  # fmt: skip
        practitioners = [
            Practitioner(name="Dr Naomi Clarke", credentials="GMC 7012345"),
            Practitioner(name="Ewa Kowalczyk", credentials="RN, aesthetic nurse"),
            Practitioner(name="Marcus Reid", credentials="Level 4 skin therapist"),
        ]
        devices = [
            Device(make="Dermapen", model="4", serial="DP4-20931", min_depth_mm=0.2,
                   max_depth_mm=3.0),
            Device(make="SkinPen", model="Precision", serial="SP-88120", min_depth_mm=0.25,
                   max_depth_mm=2.5),
        ]  # fmt: skip
        cartridges = [
            Cartridge(name="Dermapen 4 cartridge", needle_count="16", lot_number="DP16-2611A",
                      expiry_date=today + timedelta(days=400)),
            Cartridge(name="SkinPen cartridge", needle_count="12", lot_number="SPC-51877",
                      expiry_date=today + timedelta(days=300)),
        ]  # fmt: skip
        glide = Product(name="Hyaluronic acid 1.5%", kind="glide", strength="")
        glide.lots = [ProductLot(lot_number="HA-2604", expiry_date=today + timedelta(200))]
        serum = Product(name="Growth-factor serum", kind="serum", strength="")
        serum.lots = [ProductLot(lot_number="GF-7719", expiry_date=today + timedelta(230))]
        anaesthetic = Product(name="LMX4 lidocaine cream", kind="anaesthetic", strength="4%")
        session.add_all([*practitioners, *devices, *cartridges, glide, serum, anaesthetic])
        session.flush()
        info = {
            "practitioners": [p.id for p in practitioners],
            "devices": [(d.id, d.min_depth_mm) for d in devices],
            "cartridges": [(c.id, c.needle_count, c.lot_number, c.expiry_date)
                           for c in cartridges],
            "products": [(p.id, p.name, p.kind, p.lots[0].lot_number, p.lots[0].expiry_date)
                         for p in (glide, serum)],
        }  # fmt: skip
    for pid in info["practitioners"]:
        auth.set_pin(db, pid, PIN, actor=None)
    return info


def first_consent(db: Database, info: dict[str, Any], today: date) -> dict[str, Any]:
    """Patient 1 through the app with a real consent; its row is the pattern for the others."""
    from assistant.patients.store import create_patient

    rng = random.Random(1)
    patient = create_patient(db, _demo_details(rng, today), actor=info["practitioners"][0])
    request = ConsentRequest(
        patient_id=patient.id,
        practitioner_id=info["practitioners"][0],
        areas=tuple(reference.zones()),
        device_id=info["devices"][0][0],
        patient_strokes=demo_signature(1),
    )
    moment = datetime.combine(today - timedelta(days=30), datetime.min.time()).replace(hour=9)
    with db.session() as session:
        record = issue_in(session, request, moment, moment.date())
        row = session.get(Consent, record.id)
        assert row is not None
        table = Consent.__table__
        return {c.name: getattr(row, c.key) for c in table.columns if c.name != "id"}


def session_values(
    rng: random.Random, sid: int, patient_id: int, treated_at: datetime, number: int,
    info: dict[str, Any], created_at: datetime,
) -> dict[str, Any]:  # fmt: skip
    practitioner = rng.choice(info["practitioners"])
    cartridge = rng.choice(info["cartridges"])
    return {
        "id": sid, "patient_id": patient_id, "practitioner_id": practitioner,
        "assessment_id": None, "state": "draft", "rules_version": None,
        "treated_at": treated_at, "ended_at": treated_at + timedelta(minutes=40),
        "consent_on_file": True, "consent_date": treated_at.date(),
        "photos_taken": rng.random() < 0.8, "device_id": info["devices"][0][0],
        "cartridge_id": cartridge[0], "cartridge_needles": cartridge[1],
        "cartridge_lot": cartridge[2], "cartridge_expiry": cartridge[3],
        "anaesthetic_product": "LMX4 lidocaine cream", "anaesthetic_strength": "4%",
        "anaesthetic_minutes": 30, "anaesthetic_removed_at": None,
        "tolerance": rng.randint(1, 6), "reactions": "", "adverse_events": "",
        "post_care": "", "notes": "", "warnings": [],
        "next_session_date": None, "interval_weeks": None,  # derived from the zones below
        "course_number": number % 4 + 1, "course_total": 4, "aftercare_printed_at": None,
        "signed_at": treated_at + timedelta(minutes=50), "signed_by_id": practitioner,
        "created_at": created_at, "updated_at": created_at, "version": 2,
    }  # fmt: skip


def content_hash(values: dict[str, Any], zones: list[list[Any]], products: list[list[Any]]) -> str:
    """What ``chain.signed_contents`` computes for the session once signed."""
    row = [chain._plain(values[f]) for f in chain.SESSION_FIELDS]
    row[chain.SESSION_FIELDS.index("state")] = "signed"
    return hashlib.sha256(
        chain.canonical({"session": row, "zones": zones, "products": products})
    ).hexdigest()


class Builder:
    def __init__(self, db: Database, info: dict[str, Any], consent: dict[str, Any],
                 patients: int, sessions: int, today: date, seed: int) -> None:  # fmt: skip
        self.db = db
        self.info = info
        self.consent = consent
        self.patients = patients
        self.sessions = sessions
        self.today = today
        self.rng = random.Random(seed)
        self.start = datetime.combine(today, datetime.min.time()) - timedelta(days=365 * 10)
        self.span = (datetime.combine(today, datetime.min.time()) - self.start) - timedelta(days=30)
        self.yesterday = datetime.combine(today, datetime.min.time()) - timedelta(days=1)
        self.events: list[Event] = []
        self.seq = 0
        self.next_session = 1
        self.next_amendment = 1
        self.next_entry = 0
        self.previous = chain.GENESIS
        self.counts = {"patients": 0, "sessions": 0, "amendments": 0, "consents": 0}
        self.host = workstation()

    def _event(self, at: datetime, **values: Any) -> None:
        self.seq += 1
        values.setdefault("changes", {})
        values.setdefault("content_hash", None)
        values.setdefault("workstation", self.host)
        heapq.heappush(self.events, Event(_plain_dt(at), self.seq, values))

    def session_counts(self) -> list[int]:
        """Sessions per patient (patient 2 on), about ``sessions`` in all."""
        others = self.patients - 1
        regulars = len(range(REGULAR_EVERY, self.patients + 1, REGULAR_EVERY))
        left = max(0, self.sessions - regulars * REGULAR_SESSIONS)
        mean = left / max(1, others - regulars)
        counts = []
        for pid in range(2, self.patients + 1):
            if pid % REGULAR_EVERY == 0:
                counts.append(REGULAR_SESSIONS)
            else:
                counts.append(max(0, int(self.rng.expovariate(1 / mean) + 0.5)) if mean else 0)
        # Nudge to the exact total.
        total = sum(counts)
        index = 0
        while total != self.sessions and counts:
            pid = index % len(counts)
            if (pid + 2) % REGULAR_EVERY:
                if total < self.sessions:
                    counts[pid] += 1
                    total += 1
                elif counts[pid] > 0:
                    counts[pid] -= 1
                    total -= 1
            index += 1
        return counts

    def run(self, progress: bool = True) -> None:
        counts = self.session_counts()
        started = time.perf_counter()
        for first in range(0, len(counts), CHUNK_PATIENTS):
            chunk = counts[first : first + CHUNK_PATIENTS]
            horizon = self._chunk(first + 2, chunk)
            self._flush_events(horizon)
            if progress:
                done = first + len(chunk) + 1
                print(
                    f"  {done:>9,} patients, {self.counts['sessions']:>10,} sessions, "
                    f"{self.next_entry:>10,} audit entries "
                    f"({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
        self._flush_events(None)
        self._vouch()

    def _vouch(self) -> None:
        """One "seal" entry for the rows bulk-inserted below the app, as the upgrade that put
        them under the chain writes for an existing database."""
        from assistant.audit import seal
        from assistant.storage.models import utcnow

        with self.db.engine.begin() as conn:
            records: dict[str, str] = {}
            for table in seal.SEALED_FIELDS:
                for row_id, digest in sorted(seal.live_records(conn, table).items()):
                    records[seal.key(table, row_id)] = digest
            self.next_entry += 1
            values: dict[str, Any] = {
                "id": self.next_entry, "at": utcnow(), "practitioner_id": None,
                "workstation": workstation(), "action": seal.ACTION, "entity": seal.ENTITY,
                "entity_id": None, "patient_id": None,
                "summary": f"Vouched for {len(records)} record(s) loaded in bulk",
                "changes": {"records": records}, "content_hash": seal.seal_hash(records),
            }  # fmt: skip
            values["chain_hash"] = chain.link(self.previous, chain.entry_content(values))
            self.previous = values["chain_hash"]
            conn.execute(insert(AuditEvent.__table__), [values])

    def _registered(self, pid: int) -> datetime:
        return self.start + self.span * ((pid - 1) / max(1, self.patients))

    def _chunk(self, first_pid: int, counts: list[int]) -> datetime:
        rng = self.rng
        patients, sessions, zones, products, amendments, consents = [], [], [], [], [], []
        terms: list[dict[str, Any]] = []
        practitioner = self.info["practitioners"][0]
        for offset, count in enumerate(counts):
            pid = first_pid + offset
            registered = _plain_dt(self._registered(pid) + timedelta(minutes=rng.randint(0, 600)))
            details = _demo_details(rng, self.today)
            key = sort_key(details.first_name, details.last_name)
            terms += [{"patient_id": pid, "term": t, "sort_key": key} for t in search_terms(
                details.first_name, details.last_name, details.phone, details.date_of_birth,
                details.email)]  # fmt: skip
            patients.append({
                "id": pid, "first_name": details.first_name, "last_name": details.last_name,
                "date_of_birth": details.date_of_birth, "phone": details.phone,
                "email": details.email, "fitzpatrick": details.fitzpatrick,
                "skin_type": details.skin_type, "concerns": list(details.concerns), "notes": "",
                "sort_key": key, "created_at": registered,
                "updated_at": registered, "erased_at": None, "version": 1,
            })  # fmt: skip
            self._event(registered, practitioner_id=practitioner, action="create",
                        entity="patient", entity_id=pid, patient_id=pid,
                        summary=f"Added patient {pid}")  # fmt: skip
            consent = dict(self.consent, patient_id=pid, signed_at=registered,
                           signed_on=registered.date(),
                           patient_name=f"{details.first_name} {details.last_name}")  # fmt: skip
            consents.append(consent)
            self._event(registered + timedelta(minutes=5), practitioner_id=practitioner,
                        action="create", entity="consent", entity_id=None, patient_id=pid,
                        summary="Issued consent (bulk clinic data)")  # fmt: skip
            plan = rng.choice(TREATMENT_PLANS)
            visit = registered + timedelta(days=rng.randint(0, 14))
            # Keep each history inside the ten years, every visit before today: every 2-8
            # weeks when there is room, closer together for a late patient with many.
            last = self.start + self.span + timedelta(days=20)
            per = (last - visit).days // max(1, count)
            gap, jitter = (min(56, per - 3), 3) if per > 10 else (max(1, per), 0)
            for number in range(count):
                sid = self.next_session
                self.next_session += 1
                treated = visit.replace(hour=rng.randint(9, 17), minute=rng.choice((0, 15, 30)))
                if visit >= self.yesterday:  # never after today: the rest in course order
                    treated = self.yesterday.replace(hour=9) + timedelta(minutes=number)
                values = session_values(rng, sid, pid, treated, number, self.info,
                                        _plain_dt(treated))  # fmt: skip
                sessions.append(values)
                zone_rows, product_rows = [], []
                for position, (zone, depth) in enumerate(plan):
                    row = {"session_id": sid, "position": position, "zone": zone,
                           "depth_mm": depth, "passes": rng.randint(2, 3), "speed": "8",
                           "endpoint": "pinpoint_bleeding" if depth >= 1.0 else "erythema",
                           "notes": ""}  # fmt: skip
                    zones.append(row)
                    zone_rows.append([row[f] for f in chain.ZONE_FIELDS])
                derived = derived_values(
                    SessionDraft(treated, zones=tuple(ZoneEntry(z, d, 1) for z, d in plan))
                )  # the interval and next date as the core derives them from the zones
                values["interval_weeks"] = derived.interval_weeks
                values["next_session_date"] = derived.recommended_next_date
                pid_, name, kind, lot, expiry = rng.choice(self.info["products"])
                prow = {"session_id": sid, "position": 0, "product_id": pid_,
                        "product_name": name, "kind": kind, "lot_number": lot,
                        "expiry_date": expiry}  # fmt: skip
                products.append(prow)
                product_rows.append([chain._plain(prow[f]) for f in chain.PRODUCT_FIELDS])
                self._event(values["signed_at"], practitioner_id=values["signed_by_id"],
                            action="sign", entity="treatment_session", entity_id=sid,
                            patient_id=pid, summary=f"Signed session {sid}",
                            changes={"state": ["draft", "signed"]},
                            content_hash=content_hash(values, zone_rows, product_rows))  # fmt: skip
                if rng.random() < AMEND_SHARE:
                    made = values["signed_at"] + timedelta(days=2)
                    amendment = {"id": self.next_amendment, "session_id": sid,
                                 "practitioner_id": values["signed_by_id"], "field": "reactions",
                                 "old_value": "", "new_value": "Mild redness, settled in 48 h",
                                 "reason": "Follow-up call", "created_at": made}  # fmt: skip
                    self.next_amendment += 1
                    amendments.append(amendment)
                    digest = hashlib.sha256(chain.canonical(
                        [chain._plain(amendment[f]) for f in chain.AMENDMENT_FIELDS]
                    )).hexdigest()  # fmt: skip
                    self._event(made, practitioner_id=values["signed_by_id"], action="amend",
                                entity="treatment_session", entity_id=sid, patient_id=pid,
                                summary=f"Amended signed session {sid}: reactions",
                                changes={"field": "reactions"}, content_hash=digest)  # fmt: skip
                visit += timedelta(days=gap + rng.randint(-jitter, jitter))
        with self.db.engine.begin() as conn:
            for table, rows in (
                (Patient, patients), (Consent, consents), (TreatmentSession, sessions),
                (ZoneTreatment, zones), (ProductUse, products), (PatientSearchTerm, terms),
            ):  # fmt: skip
                for at in range(0, len(rows), BATCH):
                    conn.execute(insert(table.__table__), rows[at : at + BATCH])
            ids = [s["id"] for s in sessions]
            for at in range(0, len(ids), BATCH):
                conn.execute(
                    update(TreatmentSession.__table__)
                    .where(TreatmentSession.__table__.c.id.in_(ids[at : at + BATCH]))
                    .values(state="signed")
                )
            for at in range(0, len(amendments), BATCH):
                conn.execute(insert(Amendment.__table__), amendments[at : at + BATCH])
        self.counts["patients"] += len(patients)
        self.counts["sessions"] += len(sessions)
        self.counts["amendments"] += len(amendments)
        self.counts["consents"] += len(consents)
        # Events before the next chunk's first registration can take their place now.
        return self._registered(first_pid + len(counts))

    def _flush_events(self, horizon: datetime | None) -> None:
        rows: list[dict[str, Any]] = []
        with self.db.engine.begin() as conn:
            while self.events and (horizon is None or self.events[0].at < horizon):
                event = heapq.heappop(self.events)
                self.next_entry += 1
                values = dict(event.values, id=self.next_entry, at=event.at)
                values["chain_hash"] = chain.link(self.previous, chain.entry_content(values))
                self.previous = values["chain_hash"]
                rows.append(values)
                if len(rows) >= BATCH:
                    conn.execute(insert(AuditEvent.__table__), rows)
                    rows = []
            if rows:
                conn.execute(insert(AuditEvent.__table__), rows)


def build(out: Path, patients: int, sessions: int, seed: int = 2026, quiet: bool = False) -> Any:
    """Build the clinic in ``out`` (a data folder); returns the final verification."""
    say = (lambda *a: None) if quiet else print
    out.mkdir(parents=True, exist_ok=True)
    path = out / "chairside.sqlite3"
    if path.exists():
        raise SystemExit(f"{path} already exists; choose an empty folder.")
    started = time.perf_counter()
    db = init_db(f"sqlite:///{path}", create=True)
    db.data_dir = out
    today = date.today()
    info = setup(db, today)
    consent = first_consent(db, info, today)
    with db.engine.connect() as conn:
        head = chain.chain_head(conn)
        last_patient = conn.execute(select(Patient.id).order_by(Patient.id.desc())).scalar()
    assert head is not None and last_patient == 1
    builder = Builder(db, info, consent, patients, sessions, today, seed)
    builder.next_entry, builder.previous = head.entry, head.hash
    say(f"building {patients:,} patients and {sessions:,} sessions in {out}")
    builder.run(progress=not quiet)
    built = time.perf_counter() - started
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    say(
        f"built in {built:.1f} s: {builder.counts['patients'] + 1:,} patients, "
        f"{builder.counts['sessions']:,} signed sessions, {builder.counts['amendments']:,} "
        f"amendments, {builder.counts['consents'] + 1:,} consents, {builder.next_entry:,} "
        "audit entries"
    )
    checked = time.perf_counter()
    result = integrity.check(db, full=True)
    say(result.line())
    now = time.perf_counter()
    say(f"verified in {now - checked:.1f} s; total {now - started:.1f} s")
    say(f"practitioners: Dr Naomi Clarke, Ewa Kowalczyk, Marcus Reid; PIN {PIN}")
    db.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.patients < 1 or args.sessions < 0:
        print("--patients must be at least 1 and --sessions at least 0.", file=sys.stderr)
        raise SystemExit(2)
    result = build(args.out, args.patients, args.sessions, args.seed)
    raise SystemExit(0 if result.intact else 1)


if __name__ == "__main__":
    main()
