"""Right-to-left text for ReportLab, on top of python-bidi.

ReportLab orders right-to-left text (Arabic paragraphs) with the ``rlbidi`` package, which is
published only on ReportLab's own index. This module gives ReportLab the one function it
calls, ``log2vis``, computed with python-bidi's implementation of the Unicode bidirectional
algorithm (UAX #9): ``install()`` registers it under that name before ReportLab's text
modules are imported (``assistant/__init__`` does so first thing).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from bidi import algorithm

_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def log2vis(
    text: str,
    base_direction: str | None = None,
    clean: bool = True,
    positions_V_to_L: list[int] | None = None,  # noqa: N803 - ReportLab's keyword
    **_: Any,
) -> str:
    """``text`` (logical order) in visual order, left to right; ``positions_V_to_L`` (when
    given) is filled with the logical index of each visual character."""
    storage = algorithm.get_empty_storage()
    direction = (base_direction or "").upper()
    if direction == "RTL":
        base_level = 1
    elif direction == "LTR":
        base_level = 0
    else:
        base_level = algorithm.get_base_level(text)
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    algorithm.get_embedding_levels(text, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    chars = [c for c in storage["chars"] if not (clean and c["ch"] in _BIDI_CONTROLS)]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [c["index"] for c in chars]
    return "".join(c["ch"] for c in chars)


def install() -> None:
    """Make ReportLab's right-to-left support use ``log2vis`` (before ReportLab's text
    modules are imported; an installed ``rlbidi`` is left in place)."""
    if "rlbidi" in sys.modules:
        return
    try:
        # optional: ReportLab's own bidi build is used when installed
        import rlbidi  # noqa: F401 - ReportLab's own build, when present
    except ImportError:
        module = types.ModuleType("rlbidi", __doc__)
        module.log2vis = log2vis  # type: ignore[attr-defined]
        sys.modules["rlbidi"] = module
