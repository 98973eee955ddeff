"""Chinese lines broken as Chinese is typeset (the rules of "kinsoku"): no opening bracket or
quote at the end of a line, no closing bracket, comma, full stop or colon at the start of one.

ReportLab breaks Chinese between any two characters and lets one closing mark of a short
list hang in the margin; it knows neither the full-width comma, colon and question mark nor
the opening marks. ``kinsoku_widths`` finds where a line breaks badly and gives the widths
to break the paragraph again with: the line before the bad break is made just short enough
for its last character to move down, with the mark, to the next line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.pdf.reportlab_internals import line_ends

# never at the end of a line: opening brackets and quotes
CANNOT_END = frozenset("([{（［｛〔〈《「『【“‘＜")
# never at the start of a line: closing brackets and quotes, and punctuation after a word
CANNOT_START = frozenset(")]}）］｝〕〉》」』】”’＞，。、：；！？,.:;!?…‥・ー％%")
ATTEMPTS = 12  # each moves one character; a paragraph never needs many


def kinsoku_widths(layout: Any, widths: list[float]) -> list[float] | None:
    """The line widths to break again with when a line of ``layout`` (broken at ``widths``)
    ends on an opening mark or the next starts on a closing one; None when none does."""
    ends = line_ends(layout)
    for index, (_, last, last_width) in enumerate(ends[:-1]):
        following = ends[index + 1][0]
        if last in CANNOT_END or following in CANNOT_START:
            if not last_width or ends[index][0] == "":
                return None
            changed = list(widths) + [widths[-1]] * (len(ends) + 1 - len(widths))
            changed[index] -= last_width + 0.01
            return changed
    return None


def break_cjk(break_lines: Callable[[list[float]], Any], max_widths: Any) -> Any:
    """``break_lines`` (ReportLab's ``breakLinesCJK``) run until no line breaks badly."""
    widths = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    layout = break_lines(list(widths))
    for _ in range(ATTEMPTS):
        changed = kinsoku_widths(layout, widths)
        if changed is None or min(changed) <= 0:
            break
        widths = changed
        layout = break_lines(list(widths))
    return layout
