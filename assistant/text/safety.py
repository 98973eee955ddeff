"""Characters that must not reach a terminal or a name unmarked.

Control characters (an escape sequence can recolour or rewrite a terminal, a newline can
forge a second line of output) and the bidirectional-override characters (which make
"Adams\u202eslx.exe" read backwards) are shown escaped in terminal messages
(``for_terminal``) and refused in names and other one-line fields (``check_one_line``).
"""

from __future__ import annotations

import unicodedata

from assistant.errors import InvalidInput
from assistant.text.i18n import _

# Embeddings, overrides, isolates and the invisible direction marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def is_unsafe(char: str) -> bool:
    """A control character (C0, DEL, C1), a lone surrogate, or a bidirectional control."""
    return char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs")


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every unsafe character written as an escape (``\\x1b``, ``\\u202e``)."""
    if not any(is_unsafe(c) for c in text):
        return text
    return "".join(_escape(c) if is_unsafe(c) else c for c in text)


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters in ``text``, escaped, once each, in order of appearance."""
    found: list[str] = []
    for char in text:
        if is_unsafe(char) and _escape(char) not in found:
            found.append(_escape(char))
    return found


def check_one_line(text: str, field: str, label: str) -> str:
    """``text`` unchanged, or ``InvalidInput`` naming the control characters it holds."""
    found = unsafe_characters(text)
    if found:
        raise InvalidInput(
            _(
                "{label} holds control or text-direction characters ({characters}); retype it "
                "without them."
            ).format(label=label, characters=", ".join(found)),
            field,
        )
    return text


MAX_STORED_TEXT = 500


def bounded(value: object, limit: int = MAX_STORED_TEXT) -> object:
    """``value`` with every string in it cut to ``limit`` characters (marked with "…"), so
    free text a user typed (a search, a file name) cannot bloat an append-only record."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[: limit - 1] + "…"
    if isinstance(value, list | tuple):
        return [bounded(v, limit) for v in value]
    if isinstance(value, dict):
        return {str(k)[:limit]: bounded(v, limit) for k, v in value.items()}
    return value
