"""How a signed consent is named on paper and in its PDF: the keyword the PDF carries (read
back by ``assistant.consent.verify``) and the short fingerprint printed under the signature.
Shared by the records (``assistant.consent.issued``) and the document that prints them."""

from __future__ import annotations

KEYWORD_PREFIX = "chairside-consent-id="
SHORT_FINGERPRINT_CHARS = 16


def short_fingerprint(full: str) -> str:
    head = full[:SHORT_FINGERPRINT_CHARS].upper()
    return "-".join(head[i : i + 4] for i in range(0, len(head), 4))
