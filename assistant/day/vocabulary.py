"""The words of the complications register and the follow-up calls, from
``resources/day.toml``: ids are stored and typed, labels are English (on screen through
``assistant.text.labels.data_label``)."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.errors import InvalidInput
from assistant.resources import load_toml
from assistant.text.i18n import _

KINDS = (
    "complication_kinds",
    "severities",
    "complication_outcomes",
    "followup_outcomes",
    "regulators",
)


def choices(kind: str) -> Mapping[str, str]:
    """``{id: English label}`` of one list, in the file's order."""
    table = load_toml("day.toml")[kind]
    return {str(key): str(value) for key, value in table.items()}


def check_choice(kind: str, value: str, field: str) -> str:
    """``value`` when it is an id of the list, else ``InvalidInput`` listing the ids."""
    ids = choices(kind)
    if value not in ids:
        raise InvalidInput(
            _("{value} is not one of: {choices}.").format(value=value, choices=", ".join(ids)),
            field,
        )
    return value
