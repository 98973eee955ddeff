"""Checking a copy of a consent PDF against the database, and exporting the issued bytes.

A copy is the one issued when the SHA-256 of its bytes is the one stored at issue, both in the
consent's row and in the audit entry of its issue (hash-chained, so a forger who replaces the
PDF and the row's hash together is still found out). A PDF whose
bytes differ but which names a consent of this database (the id and content fingerprint in
its keywords) was changed; any other PDF is unknown here."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.bounded import PDF_LIMIT, read_regular
from assistant.consent.fingerprint import KEYWORD_PREFIX
from assistant.errors import InvalidInput
from assistant.storage.db import Database
from assistant.storage.models import AuditEvent, Consent

PDF_MAGIC = b"%PDF-"
_KEYWORD = re.compile(
    re.escape(KEYWORD_PREFIX.encode()) + rb"(\d{1,12}) fingerprint=([0-9a-f]{64})"
)

MATCH = "match"
CHANGED = "changed"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    outcome: str  # match, changed, unknown
    consent_id: int | None
    message: str

    @property
    def matches(self) -> bool:
        return self.outcome == MATCH


def read_pdf(path: Path) -> bytes:
    """The file's bytes; ``InvalidInput`` when it cannot be read or is not a PDF."""
    try:
        data = read_regular(path, PDF_LIMIT)  # a regular file, and at most 64 MB
    except OSError as exc:
        raise InvalidInput(f"{path} cannot be read ({exc.strerror or exc}).", "file") from None
    if not data.startswith(PDF_MAGIC):
        raise InvalidInput(f"{path} is not a PDF file.", "file")
    return data


def verify_bytes(db: Database, data: bytes) -> Verification:
    digest = hashlib.sha256(data).hexdigest()
    with db.session() as session:
        row = session.scalars(
            select(Consent).where(Consent.pdf_sha256 == digest).order_by(Consent.id).limit(1)
        ).first()
        if row is not None:
            issued = _issued_digest(session, row.id)
            if issued is not None and issued != digest:
                return Verification(
                    CHANGED,
                    row.id,
                    f"Changed: this file is not the PDF issued as consent {row.id} (signed on "
                    f"{row.signed_on.isoformat()}); the audit trail records another.",
                )
            who = (
                f"patient {row.patient_id} ({row.patient_name})"
                if row.erased_at is None
                else f"patient {row.patient_id} (erased)"
            )
            return Verification(
                MATCH,
                row.id,
                f"Unchanged: consent {row.id} of {who}, {row.template_key} form version "
                f"{row.template_version}, signed on {row.signed_on.isoformat()}.",
            )
        claimed = _KEYWORD.search(data)
        if claimed is not None:
            named = session.get(Consent, int(claimed.group(1)))
            if named is not None and named.content_sha256 == claimed.group(2).decode():
                return Verification(
                    CHANGED,
                    named.id,
                    f"Changed: this file is not the PDF issued as consent {named.id} "
                    f"(signed on {named.signed_on.isoformat()}); its fingerprint differs.",
                )
    return Verification(UNKNOWN, None, "Unknown: this database did not issue this PDF.")


def _issued_digest(session: Session, consent_id: int) -> str | None:
    """The PDF's SHA-256 as the audit chain recorded it when the consent was issued ("" when
    that entry no longer matches its chain hash), or None when the entry does not hold one
    (a consent issued by an older version)."""
    # the chain only when a consent's entry is checked
    from assistant.audit.chain import GENESIS, entry_content, link

    entry = session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.entity == "consent",
            AuditEvent.entity_id == consent_id,
            AuditEvent.action == "create",
        )
        .order_by(AuditEvent.id)
        .limit(1)
    ).first()
    recorded = (entry.changes or {}).get("pdf_sha256") if entry is not None else None
    if entry is None or not isinstance(recorded, str):
        return None
    before = session.scalar(
        select(AuditEvent.chain_hash)
        .where(AuditEvent.id < entry.id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if entry.chain_hash != link(before or GENESIS, entry_content(entry)):
        return ""
    return recorded


def verify_file(db: Database, path: Path) -> Verification:
    return verify_bytes(db, read_pdf(path))
