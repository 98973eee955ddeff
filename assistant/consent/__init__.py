"""Consent the clinic can prove: versioned consent forms, consents issued complete with the
patient's drawn signature and the practitioner's PIN countersignature, the exact PDF issued
with its fingerprint and QR code, withdrawal, and whether a consent covers a session.

- ``assistant.consent.templates``: the forms and their versions (shipped and the clinic's);
- ``assistant.consent.signature``: signature strokes, checked and drawn as PNG;
- ``assistant.consent.issue``: issuing, withdrawing, listing, erasing;
- ``assistant.consent.document``: the PDF and the fingerprint;
- ``assistant.consent.validity``: ``consent_status`` and photo permissions;
- ``assistant.consent.verify``: checking a copy against the database.
"""

from __future__ import annotations

from assistant.consent.issue import (
    ConsentPreview,
    ConsentRequest,
    GuardianSignature,
    age_on,
    consent_pdf,
    erase_consents_in,
    get_consent,
    issue_consent,
    issue_in,
    list_consents,
    preview_consent,
    record_output,
    withdraw_consent,
)
from assistant.consent.issued import (
    NO_PHOTOS,
    PHOTO_SCOPE,
    TREATMENT_SCOPE,
    ConsentRecord,
    PhotoChoices,
    WithdrawalEntry,
)
from assistant.consent.templates import (
    PHOTO,
    TREATMENT,
    TemplateVersion,
    current_template,
    photo_choice_labels,
    save_clinic_template,
    template_versions,
)
from assistant.consent.validity import (
    ConsentContext,
    ConsentStatus,
    consent_status,
    consent_status_in,
    photo_permissions,
    set_valid_months,
    valid_months,
)
from assistant.consent.verify import Verification, read_pdf, verify_bytes, verify_file

__all__ = [
    "NO_PHOTOS",
    "PHOTO",
    "PHOTO_SCOPE",
    "TREATMENT",
    "TREATMENT_SCOPE",
    "ConsentContext",
    "ConsentPreview",
    "ConsentRecord",
    "ConsentRequest",
    "ConsentStatus",
    "GuardianSignature",
    "PhotoChoices",
    "TemplateVersion",
    "Verification",
    "WithdrawalEntry",
    "age_on",
    "consent_pdf",
    "consent_status",
    "consent_status_in",
    "current_template",
    "erase_consents_in",
    "get_consent",
    "issue_consent",
    "issue_in",
    "list_consents",
    "photo_choice_labels",
    "photo_permissions",
    "preview_consent",
    "read_pdf",
    "record_output",
    "save_clinic_template",
    "set_valid_months",
    "template_versions",
    "valid_months",
    "verify_bytes",
    "verify_file",
    "withdraw_consent",
]
