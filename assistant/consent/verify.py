"""Checking a copy of a consent PDF against the database, and exporting the issued bytes.

A copy is the one issued when the SHA-256 of its bytes is the one stored at issue. A PDF whose
bytes differ but which names a consent of this database (the id and content fingerprint in
its keywords) was changed; any other PDF is unknown here."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from assistant.consent.fingerprint import KEYWORD_PREFIX
from assistant.db import Database
from assistant.errors import InvalidInput
from assistant.models import Consent

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
        data = path.read_bytes()
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


def verify_file(db: Database, path: Path) -> Verification:
    return verify_bytes(db, read_pdf(path))
