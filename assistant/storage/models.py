"""The database schema: SQLAlchemy 2 typed ORM models.

Portable across SQLite and PostgreSQL: no dialect-specific types, JSON for structured
answers, naive UTC for system timestamps (``*_at`` columns set by the app) and naive local
wall time for clinical times the practitioner enters (``treated_at``). Records of care are
never hard-deleted; a patient's erasure replaces personal details with a tombstone.
Schema changes go through Alembic (``assistant/storage/migrations``), never ``create_all``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.storage.model_base import Base
from assistant.text.dates import utcnow


class Clinic(Base):
    """The clinic profile: one row, shared by every workstation."""

    __tablename__ = "clinic"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    out_of_hours_phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    logo_path: Mapped[str | None] = mapped_column(String(500))
    paper_size: Mapped[str] = mapped_column(String(10), default="A4")
    # How long a signed treatment consent stays valid for a course (domain: 12 months).
    consent_valid_months: Mapped[int] = mapped_column(Integer, default=12, server_default="12")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Each save adds one; a save from an older copy is refused (``assistant.errors.StaleRecord``).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class Practitioner(Base):
    __tablename__ = "practitioner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    credentials: Mapped[str] = mapped_column(String(200), default="")
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Patient(Base):
    __tablename__ = "patient"
    __table_args__ = (
        # The list's order (sort key, then id) among the patients not erased.
        Index(
            "ix_patient_sort_key",
            "sort_key",
            "id",
            sqlite_where=text("erased_at IS NULL"),
            postgresql_where=text("erased_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # "given_first" ("Ana Silva") or "family_first" ("Nguyễn Lan"); a preferred name, when
    # given, is what screens and papers show (``assistant.patients.store.display_name``).
    name_order: Mapped[str] = mapped_column(
        String(20), default="given_first", server_default="given_first"
    )
    preferred_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    fitzpatrick: Mapped[int | None] = mapped_column(Integer)
    skin_type: Mapped[str | None] = mapped_column(String(20))
    concerns: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The language handouts are printed in (assistant.text.languages) and large print.
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    large_print: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Folded family name, then given name (``patient_search.sort_key``): the list's order.
    sort_key: Mapped[str] = mapped_column(
        String(200).with_variant(String(200, collation="C"), "postgresql"),
        default="",
        server_default="",
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    sessions: Mapped[list[TreatmentSession]] = relationship(back_populates="patient")

    __mapper_args__ = {"version_id_col": version}


class PatientSearchTerm(Base):
    """A word a patient is found by (``patient_search.search_terms``): a typed word matches
    when it begins the term, an index range on (term, sort_key, patient_id) that also gives
    the matches in list order."""

    __tablename__ = "patient_search_term"
    __table_args__ = (
        Index("ix_patient_search_term_term", "term", "sort_key", "patient_id"),
        {"sqlite_with_rowid": False},
    )

    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), primary_key=True)
    term: Mapped[str] = mapped_column(
        String(100).with_variant(String(100, collation="C"), "postgresql"), primary_key=True
    )
    # The patient's sort key, copied here so the matches of a word come in list order.
    sort_key: Mapped[str] = mapped_column(
        String(200).with_variant(String(200, collation="C"), "postgresql"), default=""
    )


class ClinicRuleChange(Base):
    """A clinical rule the clinic set (append-only): the rule set's version is
    "<shipped>+clinic.<id of the latest change>"."""

    __tablename__ = "clinic_rule_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(100), index=True)
    value: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Device(Base):
    __tablename__ = "device"

    id: Mapped[int] = mapped_column(primary_key=True)
    make: Mapped[str] = mapped_column(String(100))
    model: Mapped[str] = mapped_column(String(100))
    serial: Mapped[str] = mapped_column(String(100), default="")
    min_depth_mm: Mapped[float] = mapped_column(Float, default=0.1)
    max_depth_mm: Mapped[float] = mapped_column(Float, default=3.0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The shipped profile the record is based on (resources/treatment.toml), if any.
    profile: Mapped[str | None] = mapped_column(String(50))


class Cartridge(Base):
    """A box of needle cartridges of one lot, as received."""

    __tablename__ = "cartridge"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    needle_count: Mapped[str] = mapped_column(String(10))
    lot_number: Mapped[str] = mapped_column(String(100), index=True)
    expiry_date: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Product(Base):
    """A serum, glide, topical anaesthetic or post-care product."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # serum, glide, anaesthetic, post_care, prp
    strength: Mapped[str] = mapped_column(String(50), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    lots: Mapped[list[ProductLot]] = relationship(back_populates="product")


class ProductLot(Base):
    __tablename__ = "product_lot"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    lot_number: Mapped[str] = mapped_column(String(100), index=True)
    expiry_date: Mapped[date | None] = mapped_column(Date)

    product: Mapped[Product] = relationship(back_populates="lots")


class Assessment(Base):
    """A walk through the suitability checklist, with the verdict it produced."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    assessed_on: Mapped[date] = mapped_column(Date)
    checklist_version: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    zones: Mapped[list[Any]] = mapped_column(JSON, default=list)
    outcome: Mapped[str] = mapped_column(String(20))
    defer_until: Mapped[date | None] = mapped_column(Date)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    override_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TreatmentSession(Base):
    """One visit's treatment record: ``draft`` while typed, ``signed`` and read-only after."""

    __tablename__ = "treatment_session"
    __table_args__ = (Index("ix_treatment_session_patient_treated", "patient_id", "treated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    state: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    # The clinical rules' version its warnings were checked with ("2026.2+clinic.3").
    rules_version: Mapped[str | None] = mapped_column(String(40))
    treated_at: Mapped[datetime] = mapped_column(DateTime)  # local wall time of the start
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_on_file: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[date | None] = mapped_column(Date)
    photos_taken: Mapped[bool] = mapped_column(Boolean, default=False)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("device.id"))
    cartridge_id: Mapped[int | None] = mapped_column(ForeignKey("cartridge.id"))
    # Cartridge details are copied at the time of treatment so the record stands on its own.
    cartridge_needles: Mapped[str] = mapped_column(String(10), default="")
    cartridge_lot: Mapped[str] = mapped_column(String(100), default="", index=True)
    cartridge_expiry: Mapped[date | None] = mapped_column(Date)
    anaesthetic_product: Mapped[str] = mapped_column(String(200), default="")
    anaesthetic_strength: Mapped[str] = mapped_column(String(50), default="")
    anaesthetic_minutes: Mapped[int | None] = mapped_column(Integer)
    anaesthetic_removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    tolerance: Mapped[int | None] = mapped_column(Integer)
    reactions: Mapped[str] = mapped_column(Text, default="")
    adverse_events: Mapped[str] = mapped_column(Text, default="")
    post_care: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    next_session_date: Mapped[date | None] = mapped_column(Date)
    interval_weeks: Mapped[int | None] = mapped_column(Integer)
    course_number: Mapped[int | None] = mapped_column(Integer)
    course_total: Mapped[int | None] = mapped_column(Integer)
    aftercare_printed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Moved on by each save of the draft (and the signature), never after: a signed row stays
    # as signed. Every update is still checked against the version read.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    patient: Mapped[Patient] = relationship(back_populates="sessions")
    zones: Mapped[list[ZoneTreatment]] = relationship(
        back_populates="session", order_by="ZoneTreatment.position", cascade="all, delete-orphan"
    )
    products: Mapped[list[ProductUse]] = relationship(
        back_populates="session", order_by="ProductUse.position", cascade="all, delete-orphan"
    )
    amendments: Mapped[list[Amendment]] = relationship(
        back_populates="session", order_by="Amendment.id"
    )

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class ZoneTreatment(Base):
    __tablename__ = "zone_treatment"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    zone: Mapped[str] = mapped_column(String(40))
    depth_mm: Mapped[float] = mapped_column(Float)
    passes: Mapped[int] = mapped_column(Integer)
    speed: Mapped[str] = mapped_column(String(20), default="")
    endpoint: Mapped[str] = mapped_column(String(20), default="none")
    notes: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[TreatmentSession] = relationship(back_populates="zones")


class ProductUse(Base):
    """A serum, glide or other product applied in a session, with its lot for recalls."""

    __tablename__ = "product_use"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    product_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="serum")
    lot_number: Mapped[str] = mapped_column(String(100), default="", index=True)
    expiry_date: Mapped[date | None] = mapped_column(Date)

    session: Mapped[TreatmentSession] = relationship(back_populates="products")


class Amendment(Base):
    """A change to a signed session: the original stays; this row says what changed and why."""

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    field: Mapped[str] = mapped_column(String(100))
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    session: Mapped[TreatmentSession] = relationship(back_populates="amendments")


class AuditEvent(Base):
    """Append-only, hash-chained trail of every create, change, sign, amend, override, export,
    print, erasure and login. Nothing in Chairside updates or deletes these rows."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    workstation: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(30), index=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The SHA-256 of what a "sign" or "amend" entry vouches for (the signed content, or the
    # amendment), and of the previous entry's chain_hash followed by this entry's canonical
    # content (``assistant.audit.chain``): rewriting any entry breaks every later one.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class PatientHistory(Base):
    """Old and new values of a patient's details, one row per changed field.

    Kept apart from the append-only audit trail, whose row names only the fields that changed,
    so that erasing a patient can scrub these values while the audit skeleton stays intact."""

    __tablename__ = "patient_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    audit_event_id: Mapped[int | None] = mapped_column(ForeignKey("audit_event.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)


class Photo(Base):
    """A clinical photo of a patient: its bytes are kept by ``assistant.photos.storage`` under
    their SHA-256; this row says whose it is, which view, and who added it when."""

    __tablename__ = "photo"
    __table_args__ = (Index("ix_photo_patient_view", "patient_id", "view"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_session.id"), index=True)
    view: Mapped[str] = mapped_column(String(20))
    zone: Mapped[str | None] = mapped_column(String(40))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)  # camera time, when known
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)


class PhotoBlob(Base):
    """Photo bytes kept in the database itself, used when it is on a PostgreSQL server so
    that every workstation reaches them (a SQLite database keeps them as files instead)."""

    __tablename__ = "photo_blob"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PhotoConsent(Base):
    """The patient's answer about clinical photos, appended each time it is given, refused
    or withdrawn; the newest row applies from its time on. ``uses`` holds the separate
    yes/no answers for other uses (training without the face, marketing)."""

    __tablename__ = "photo_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # given, refused, withdrawn
    uses: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class ConsentTemplate(Base):
    """One version of a consent form's text. Rows are never changed: an edit adds a version."""

    __tablename__ = "consent_template"
    __table_args__ = (
        Index("ix_consent_template_key_language_version", "key", "language", "version",
              unique=True),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40))  # microneedling, photo
    # each language has its own history of versions (assistant.text.languages codes)
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))  # shipped, clinic
    shipped_version: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))


class TranslationApproval(Base):
    """A fluent clinician's approval of one version (SHA-256 of its bytes) of a translated
    file in use (``aftercare-es.toml``, ``consent-es.toml``); the clinic's, never shipped."""

    __tablename__ = "translation_approval"

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(10))
    file: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(20))  # shipped, clinic (its own edited copy)
    content_hash: Mapped[str] = mapped_column(String(64))
    reviewer: Mapped[str] = mapped_column(String(200))  # "NAME, role" as they signed
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"))
    approved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Consent(Base):
    """A consent as issued: the filled-in text, the signatures, and the exact PDF handed over.

    Nothing here changes after issue except an erasure, which removes the patient's details
    and signatures but keeps the dates, versions and fingerprints."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    treatment: Mapped[str] = mapped_column(String(40))
    template_id: Mapped[int] = mapped_column(ForeignKey("consent_template.id"))
    template_key: Mapped[str] = mapped_column(String(40))
    template_version: Mapped[int] = mapped_column(Integer)
    # the language the patient read and signed (the forms' language)
    language: Mapped[str] = mapped_column(String(10), default="en", server_default="en")
    photo_template_id: Mapped[int] = mapped_column(ForeignKey("consent_template.id"))
    photo_template_version: Mapped[int] = mapped_column(Integer)
    patient_name: Mapped[str] = mapped_column(String(200))
    areas: Mapped[list[Any]] = mapped_column(JSON, default=list)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("device.id"))
    device_label: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    photo_own_record: Mapped[bool] = mapped_column(Boolean, default=True)
    photo_training: Mapped[bool] = mapped_column(Boolean, default=False)
    photo_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    patient_strokes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    patient_signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    guardian_name: Mapped[str] = mapped_column(String(200), default="")
    guardian_relation: Mapped[str] = mapped_column(String(100), default="")
    guardian_strokes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    guardian_signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"))
    practitioner_name: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    signed_on: Mapped[date] = mapped_column(Date)  # the local date the patient signed
    content_sha256: Mapped[str] = mapped_column(String(64))
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)


class ConsentWithdrawal(Base):
    """The patient withdrew a consent (``treatment`` or ``photo``) from ``withdrawn_on``."""

    __tablename__ = "consent_withdrawal"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id"), index=True)
    scope: Mapped[str] = mapped_column(String(20))
    withdrawn_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class SignInAttempt(Base):
    """Wrong PINs in a row per practitioner when there is no key file (``access.pin_counter``)."""

    __tablename__ = "sign_in_attempt"

    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime)


# Tables kept with their subsystem live in its own module on the same metadata; importing the
# module (not its names) here puts them in ``Base.metadata`` wherever the schema is assembled.
import assistant.day.tables  # noqa: E402, F401
import assistant.intake.table  # noqa: E402, F401
import assistant.stock.tables  # noqa: E402, F401
