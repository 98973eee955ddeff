"""Reading the JSON files that commands take as input, with messages that name the problem."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInput

MAX_JSON_CHARS = 5_000_000
MAX_NESTING = 20
MAX_INTEGER = 2**63 - 1


class _NumberRefused(ValueError):
    pass


class _NonFinite:
    """NaN or ±Infinity, kept until the key holding it is known, then refused."""

    def __init__(self, name: str) -> None:
        self.name = name


def _refuse_constant(name: str) -> _NonFinite:
    return _NonFinite(name)


def _find_non_finite(value: Any) -> _NonFinite | None:
    if isinstance(value, _NonFinite):
        return value
    if isinstance(value, list):
        return next((f for f in map(_find_non_finite, value) if f is not None), None)
    return None


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    for key, value in pairs:
        found = _find_non_finite(value)
        if found is not None:
            raise _NumberRefused(
                f"{key}: {found.name} is not a number Chairside accepts; write a plain number."
            )
    return dict(pairs)


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 19 or abs(int(text)) > MAX_INTEGER:
        raise _NumberRefused(f"the number {text[:30]}{'…' if len(text) > 30 else ''} is too large.")
    return int(text)


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_NESTING:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def read_json_object(path: Path, field: str, known_keys: Sequence[str]) -> dict[str, Any]:
    """The JSON object in ``path``; a missing or unreadable file, invalid JSON, anything but
    an object at the top, or a key outside ``known_keys`` is ``InvalidInput``."""
    # bounded reading only when a JSON file is given
    from assistant.bounded import read_regular

    if not path.exists() and not path.is_symlink():
        raise InvalidInput(f"{path}: no such file.", field)
    try:
        # A regular file only (a pipe or a device is refused, never read), and never more
        # than a description can be: the size is checked before a byte is read.
        text = read_regular(path, MAX_JSON_CHARS * 4, field).decode("utf-8")
    except InvalidInput as exc:
        raise InvalidInput(
            f"{path} cannot be read, so it is not valid JSON: {exc}", field
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path} cannot be read: {exc}.", field) from None
    if len(text) > MAX_JSON_CHARS:
        raise InvalidInput(f"{path} is too large for a description ({len(text):,} characters).")
    try:
        data = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_bounded_int, object_pairs_hook=_object
        )
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            field,
        ) from None
    except RecursionError:
        raise InvalidInput(f"{path} is nested too deeply to be a description.", field) from None
    except _NumberRefused as exc:
        raise InvalidInput(f"{path}: {exc}", field) from None
    if _find_non_finite(data) is not None:
        raise InvalidInput(f"{path}: NaN and Infinity are not numbers Chairside accepts.", field)
    if _depth(data) > MAX_NESTING:
        raise InvalidInput(f"{path} is nested too deeply to be a description.", field)
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected a JSON object at the top level.", field)
    unknown = sorted(set(data) - set(known_keys))
    if unknown:
        raise InvalidInput(
            f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(known_keys)}.",
            unknown[0],
        )
    return data
