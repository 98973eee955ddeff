"""Reading the JSON files that commands take as input, with messages that name the problem."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInput


def read_json_object(path: Path, field: str, known_keys: Sequence[str]) -> dict[str, Any]:
    """The JSON object in ``path``; a missing or unreadable file, invalid JSON, anything but
    an object at the top, or a key outside ``known_keys`` is ``InvalidInput``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file.", field) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path} cannot be read: {exc}.", field) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            field,
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected a JSON object at the top level.", field)
    unknown = sorted(set(data) - set(known_keys))
    if unknown:
        raise InvalidInput(
            f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(known_keys)}.",
            unknown[0],
        )
    return data
