"""The one byte form the audit chain hashes: compact JSON, keys sorted, dates in ISO 8601,
UTF-8. Shared by the chain (``assistant.audit.chain``) and the seals over the rest of the
record (``assistant.audit.seal``). A format: changing it makes every existing chain look
broken."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# One encoder, built once (``json.dumps`` with options builds one per call).
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
)


def canonical(values: Any) -> bytes:
    """The one byte form that is hashed: compact JSON, keys sorted, dates in ISO 8601, UTF-8."""
    return _ENCODER.encode(values).encode()
