"""Realistic demo data: a clinic, its practitioners, devices, products with lots, and patients
with a history of signed sessions. Deterministic for a given seed.

Demo data never mixes with real records: it loads only into an empty database or one that
already holds demo data, and the first load leaves a permanent mark (its audit entry), so
the window can say DEMO. The demo practitioners sign in with ``DEMO_PIN``."""

from __future__ import annotations

import math
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from assistant import reference
from assistant.access.auth import hash_secret
from assistant.audit import chain
from assistant.audit import trail as audit
from assistant.clinic.devices import device_limits_of, snap_depth
from assistant.consent import ConsentRequest, PhotoChoices, issue_in
from assistant.demo.mark import (
    has_data,
    has_patients,
    has_practitioners,
    is_demo,
    is_demo_database,
)
from assistant.errors import InvalidInput
from assistant.paths import Locations
from assistant.patients import search as patient_search
from assistant.patients.search import fold
from assistant.patients.store import PatientDetails
from assistant.storage.db import Database, init_db
from assistant.storage.models import (
    Cartridge,
    Clinic,
    Device,
    Patient,
    Practitioner,
    Product,
    ProductLot,
    ProductUse,
    TreatmentSession,
    ZoneTreatment,
    utcnow,
)

# (first names, last names) by naming tradition, so each demo name is a plausible one.
NAME_POOLS = (
    (
        ("Amelia", "Olivia", "Hannah", "Grace", "Emily", "Sophie", "James", "Noah", "Liam"),
        ("Smith", "Jones", "Williams", "Brown", "Taylor", "O'Brien", "Walsh"),
    ),
    (("Siobhán", "Aoife", "Niamh", "Ciarán"), ("Ó Súilleabháin", "Murphy", "Kelly")),
    (
        ("Małgorzata", "Żaneta", "Agnieszka", "Mateusz", "Łucja"),
        ("Łukasiewicz", "Wójcik", "Nowak", "Kowalski", "Zieliński"),
    ),
    (("Ngọc", "Thị Minh", "Duc", "Phương", "Thảo"), ("Nguyễn", "Trần", "Lê", "Phạm")),
    (("Ελένη", "Σοφία", "Γιώργος", "Μαρία"), ("Παπαδοπούλου", "Γεωργίου", "Νικολάου")),
    (("Светлана", "Анна", "Ольга", "Дмитрий"), ("Иванова", "Георгиева", "Петрова")),
    (("Lucía", "Inés", "Tomás", "Carmen"), ("García", "Fernández", "López", "Martínez")),
    (("Chloé", "Zoë", "Isabelle", "Léa"), ("Dubois", "Lefèvre", "Moreau", "Müller")),
    (("Amara", "Chiamaka", "Oluwaseun", "Kwame"), ("Okafor", "Mensah", "Adeyemi", "Eze")),
    (("Priya", "Aisha", "Fatima", "Arjun"), ("Patel", "Khan", "Haddad", "Sharma")),
    (("Yuki", "Haruto", "Sakura"), ("Tanaka", "Suzuki", "Sato")),
    (("Björn", "Astrid", "Sofie"), ("Andersson", "Johansson", "Nilsson")),
)
POOL_WEIGHTS = (30, 5, 10, 8, 5, 5, 8, 6, 8, 8, 3, 4)
# Fitzpatrick types weighted as a mixed urban clientele.
FITZPATRICK_WEIGHTS = (10, 25, 25, 18, 12, 10)
TREATMENT_PLANS = (
    (("forehead", 0.5), ("cheeks", 1.5), ("nose", 0.5), ("chin", 1.0)),
    (("cheeks", 2.0), ("jawline", 1.5)),
    (("full_face", 1.0), ("neck", 0.5)),
    (("periorbital", 0.25), ("forehead", 0.5)),
    (("abdomen", 2.0),),
    (("scalp", 1.0),),
    (("cheeks", 1.5), ("upper_lip", 0.75), ("perioral", 0.75)),
)


# Demo patients' consents cover the face and neck (and their own plan), with the first device.
DEMO_CONSENT_AREAS = (
    "forehead", "periorbital", "nose", "upper_lip", "perioral", "chin", "cheeks", "jawline",
    "full_face", "neck",
)  # fmt: skip
# Each consent is a PDF; a large demo (benchmarks) gives consents to its first patients only.
DEMO_CONSENTS_MAX = 100


# The demo practitioners' sign-in PIN (printed by ``main.py demo`` and shown by the window).
DEMO_PIN = "2468"
# The demo's devices, each linked to its shipped profile (depth limits and step).
DEMO_DEVICES = (
    ("Dermapen", "4", "DP4-20931", "dermapen_4"),
    ("SkinPen", "Precision", "SP-88120", "skinpen_precision"),
)
DEMO_FOLDER_SUFFIX = " demo"


@dataclass(frozen=True)
class DemoSummary:
    patients: int
    sessions: int


def demo_refusal(session: Session) -> str | None:
    """Why demo data may not go into this database (it holds real records), or None."""
    if is_demo(session):
        return None
    if not has_patients(session) and not has_practitioners(session):
        return None
    return (
        "This database holds real records; demo data goes only into an empty or demo "
        "database (use --data-dir with a new folder)."
    )


def demo_folder(data_dir: Path) -> Path:
    """Where the window keeps its demo clinic: beside the real data folder, never in it."""
    return data_dir.with_name(data_dir.name + DEMO_FOLDER_SUFFIX)


def load_demo_data(
    db: Database,
    patients: int = 60,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Add a demo clinic (if none) and ``patients`` patients with their session history.
    ``InvalidInput`` when the database holds real patients or practitioners."""
    rng = random.Random(seed)
    today = today or date.today()
    with db.session() as session:
        refusal = demo_refusal(session)
        if refusal is not None:
            raise InvalidInput(refusal, "database")
        if session.scalar(select(func.count(Clinic.id))) == 0:
            session.add(
                Clinic(
                    name="Harbour Skin Clinic",
                    address="14 Quay Street\nBristol BS1 4DJ\nUnited Kingdom",
                    phone="0117 496 0123",
                    out_of_hours_phone="07700 900456",
                    email="hello@harbourskin.example",
                    paper_size="A4",
                )
            )
        practitioners = list(session.scalars(select(Practitioner)))
        if not practitioners:
            pin_hash = demo_pin_hash()
            practitioners = [
                Practitioner(name=name, credentials=credentials, pin_hash=pin_hash)
                for name, credentials in (
                    ("Dr Naomi Clarke", "GMC 7012345"),
                    ("Ewa Kowalczyk", "RN, aesthetic nurse"),
                    ("Marcus Reid", "Level 4 skin therapist"),
                )
            ]
            session.add_all(practitioners)
            session.flush()
            _give_demo_practitioners_the_key(db, practitioners)
        devices = list(session.scalars(select(Device)))
        if not devices:
            devices = []
            for make, model, serial, profile_id in DEMO_DEVICES:
                profile = reference.device_profile(profile_id)
                devices.append(
                    Device(
                        make=make,
                        model=model,
                        serial=serial,
                        min_depth_mm=profile.min_depth_mm,
                        max_depth_mm=profile.max_depth_mm,
                        profile=profile_id,
                    )
                )
            session.add_all(devices)
        cartridges = list(session.scalars(select(Cartridge)))
        if not cartridges:
            cartridges = [
                Cartridge(
                    name="Dermapen 4 cartridge",
                    needle_count="16",
                    lot_number="DP16-2611A",
                    expiry_date=today + timedelta(days=400),
                ),
                Cartridge(
                    name="Dermapen 4 cartridge",
                    needle_count="36",
                    lot_number="DP36-2609C",
                    expiry_date=today + timedelta(days=250),
                ),
                Cartridge(
                    name="SkinPen cartridge",
                    needle_count="12",
                    lot_number="SPC-51877",
                    expiry_date=today + timedelta(days=300),
                ),
            ]
            session.add_all(cartridges)
        products = list(session.scalars(select(Product)))
        if not products:
            catalogue = (
                ("Hyaluronic acid 1.5%", "glide", "", ("HA-2604", "HA-2611")),
                ("Growth-factor serum", "serum", "", ("GF-7719",)),
                ("Peptide recovery serum", "serum", "", ("PR-0311",)),
                ("LMX4 lidocaine cream", "anaesthetic", "4%", ("LMX-2207",)),
                ("Post-treatment balm", "post_care", "", ("PTB-118",)),
            )
            for name, kind, strength, lots in catalogue:
                product = Product(name=name, kind=kind, strength=strength)
                product.lots = [
                    ProductLot(lot_number=lot, expiry_date=today + timedelta(days=200 + 30 * i))
                    for i, lot in enumerate(lots)
                ]
                products.append(product)
            session.add_all(products)
        session.flush()
        glides = [p for p in products if p.kind in ("glide", "serum")]
        anaesthetic = next((p for p in products if p.kind == "anaesthetic"), None)

        sessions_added = 0
        consents_given = 0
        batch = 500
        for start in range(0, patients, batch):
            rows: list[Patient] = []
            for _ in range(min(batch, patients - start)):
                details = _demo_details(rng, today)
                row = Patient(
                    first_name=details.first_name,
                    last_name=details.last_name,
                    date_of_birth=details.date_of_birth,
                    phone=details.phone,
                    email=details.email,
                    fitzpatrick=details.fitzpatrick,
                    skin_type=details.skin_type,
                    concerns=list(details.concerns),
                )
                rows.append(row)
                plan = rng.choice(TREATMENT_PLANS)  # one course per patient
                for number in range(rng.choice((0, 1, 2, 3, 4))):
                    row.sessions.append(
                        _demo_session(
                            rng,
                            today,
                            number,
                            practitioners,
                            devices,
                            cartridges,
                            glides,
                            anaesthetic,
                            plan,
                        )
                    )
                    sessions_added += 1
            session.add_all(rows)
            session.flush()
            for row in rows:
                patient_search.index_patient(session, row)  # its list order and search words
            for row in rows:
                if consents_given < DEMO_CONSENTS_MAX:
                    _demo_consent(session, row, practitioners[0], devices[0], today)
                    consents_given += 1
            _sign_demo_sessions(session, [s for p in rows for s in p.sessions])
            if progress:
                progress(start + len(rows), patients)
        audit.record(
            session,
            "create",
            "demo",
            None,
            actor=None,
            summary=f"Loaded demo data: {patients} patients, {sessions_added} sessions",
        )
    # the demo day only when demo data is loaded
    from assistant.demo.day import add_demo_day

    add_demo_day(db, today)  # stock and appointments, the first time
    return DemoSummary(patients, sessions_added)


def _sign_demo_sessions(session: Session, rows: list[TreatmentSession]) -> None:
    """Sign the demo's sessions as signing does: state, then a sealed "sign" entry each."""
    if not rows:
        return
    ids = [row.id for row in rows]
    session.execute(
        update(TreatmentSession)
        .where(TreatmentSession.id.in_(ids))
        .values(state="signed")
        .execution_options(synchronize_session=False)
    )
    for row in rows:
        session.expire(row, ["state"])
    contents = chain.signed_contents(session.connection(), ids)
    for row in rows:
        audit.record(
            session,
            "sign",
            "treatment_session",
            row.id,
            actor=row.signed_by_id,
            patient_id=row.patient_id,
            summary=f"Signed session {row.id} (demo data)",
            changes={"state": ["draft", "signed"]},
            content_hash=contents[row.id],
        )


def _demo_details(rng: random.Random, today: date) -> PatientDetails:
    firsts, lasts = rng.choices(NAME_POOLS, weights=POOL_WEIGHTS)[0]
    first = rng.choice(firsts)
    last = rng.choice(lasts)
    age_days = rng.randint(19 * 365, 68 * 365)
    concerns = rng.sample([c.id for c in reference.concerns()], k=rng.randint(1, 3))
    return PatientDetails(
        first_name=first,
        last_name=last,
        date_of_birth=today - timedelta(days=age_days),
        phone=f"07700 9{rng.randint(0, 99999):05d}",
        email=f"{_ascii(first)}.{_ascii(last)}{rng.randint(1, 999)}@mail.example".lower(),
        fitzpatrick=rng.choices(range(1, 7), weights=FITZPATRICK_WEIGHTS)[0],
        skin_type=rng.choice([c.id for c in reference.skin_types()]),
        concerns=tuple(concerns),
    )


def _ascii(text: str) -> str:
    folded = "".join(c for c in fold(text) if c.isascii() and c.isalnum())
    return folded or "patient"


def _demo_session(
    rng: random.Random,
    today: date,
    number: int,
    practitioners: list[Practitioner],
    devices: list[Device],
    cartridges: list[Cartridge],
    glides: list[Product],
    anaesthetic: Product | None,
    plan: tuple[tuple[str, float], ...],
) -> TreatmentSession:
    day = today - timedelta(days=30 * (4 - number) + rng.randint(0, 20))
    treated_at = datetime.combine(day, time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))))
    deepest = max(depth for _, depth in plan)
    practitioner = rng.choice(practitioners)
    cartridge = rng.choice(cartridges)
    glide = rng.choice(glides)
    lot = rng.choice(glide.lots)
    signed = treated_at + timedelta(minutes=50)
    # Drawn in the order they always were, so a seed still gives the same clinic.
    photos_taken = rng.random() < 0.8
    device = rng.choice(devices)
    tolerance = rng.randint(1, 6)
    limits = device_limits_of(device)
    return TreatmentSession(
        practitioner_id=practitioner.id,
        # Written as a draft with its zones, then signed (``_sign_demo_sessions``): the
        # database refuses rows added to a session that is already signed.
        state="draft",
        treated_at=treated_at,
        ended_at=treated_at + timedelta(minutes=40),
        consent_on_file=True,
        consent_date=day,
        photos_taken=photos_taken,
        device_id=device.id,
        cartridge_id=cartridge.id,
        cartridge_needles=cartridge.needle_count,
        cartridge_lot=cartridge.lot_number,
        cartridge_expiry=cartridge.expiry_date,
        anaesthetic_product=anaesthetic.name if anaesthetic else "",
        anaesthetic_strength=anaesthetic.strength if anaesthetic else "",
        anaesthetic_minutes=30,
        tolerance=tolerance,
        interval_weeks=reference.interval_weeks(deepest),
        next_session_date=day + timedelta(weeks=reference.interval_weeks(deepest)),
        course_number=number + 1,
        course_total=4,
        signed_at=signed,
        signed_by_id=practitioner.id,
        created_at=utcnow(),
        zones=[
            ZoneTreatment(
                position=i,
                zone=zone,
                depth_mm=snap_depth(depth, limits),  # a setting the device has
                passes=rng.randint(2, 3),
                speed="8",
                endpoint="pinpoint_bleeding" if depth >= 1.0 else "erythema",
            )
            for i, (zone, depth) in enumerate(plan)
        ],
        products=[
            ProductUse(
                position=0,
                product_id=glide.id,
                product_name=glide.name,
                kind=glide.kind,
                lot_number=lot.lot_number,
                expiry_date=lot.expiry_date,
            )
        ],
    )


def _give_demo_practitioners_the_key(db: Database, practitioners: list[Practitioner]) -> None:
    """On an encrypted database, the demo PIN unlocks it too: each demo practitioner gets a
    copy of the database key in the key file, as setting a PIN gives any practitioner."""
    path = db.key_file()
    if path is None or not path.exists():
        return  # plain, or opened with its raw key and no key file (benchmarks, tools)
    from assistant.access.auth import wrap_key_for

    for row in practitioners:
        wrap_key_for(db, row, DEMO_PIN)


def demo_pin_hash() -> str:
    return hash_secret(DEMO_PIN)


def demo_signature(seed: int) -> tuple[tuple[tuple[float, float], ...], ...]:
    """A made-up handwritten signature: a looping stroke and an underline."""
    rng = random.Random(seed)
    loops = rng.randint(3, 6)
    height = rng.uniform(25, 45)
    stroke = tuple(
        (10 + i * 2.0, 60 - height * math.sin(i / 6 * math.pi) * rng.uniform(0.7, 1.0))
        for i in range(loops * 12)
    )
    underline = tuple((5 + i * 20.0, 85 + rng.uniform(-2, 2)) for i in range(loops * 2))
    return (stroke, underline)


def _demo_consent(
    session: Session, patient: Patient, practitioner: Practitioner, device: Device, today: date
) -> None:
    """A signed consent dated before the patient's first session (or a week ago)."""
    first = min((s.treated_at.date() for s in patient.sessions), default=today - timedelta(7))
    plan = [z.zone for s in patient.sessions for z in s.zones]
    areas = tuple(dict.fromkeys([*DEMO_CONSENT_AREAS, *plan]))
    request = ConsentRequest(
        patient_id=patient.id,
        practitioner_id=practitioner.id,
        areas=areas,
        device_id=device.id,
        patient_strokes=demo_signature(patient.id),
        photo=PhotoChoices(own_record=True, training=patient.id % 3 == 0, marketing=False),
    )
    signed_at = datetime.combine(first, time(9, 0))
    issue_in(session, request, signed_at, first)


def create_demo_clinic(
    folder: Path,
    patients: int = 60,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """A demo clinic in its own data folder (the window's first-start offer): created and
    filled the first time, left as it is afterwards. The real clinic is never touched."""
    locations = Locations.resolve(folder)
    locations.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":  # made up, but a clinic's folder: this user's only
        locations.data_dir.chmod(0o700)
    db = init_db(locations.default_database_url)
    try:
        if is_demo_database(db) and has_data(db):
            return DemoSummary(0, 0)
        return load_demo_data(db, patients=patients, progress=progress)
    finally:
        db.dispose()
