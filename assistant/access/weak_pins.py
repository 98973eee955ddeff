"""PINs too easy to guess, refused when a PIN is chosen.

A four-digit PIN is one of 10,000; people choose a few of them far more often than the rest.
Refused for a new PIN: one digit repeated (``7777``), a block repeated (``1212``,
``123123``), a run up or down the digits (``1234``, ``9876``, ``7890``), a year (``1900`` to
``2099``) and the ten PINs most often chosen (DataGenetics' count of 3.4 million PINs,
2012). A PIN already in use keeps working; only a new one is checked.
"""

from __future__ import annotations

from assistant.text.i18n import _

# The longest PIN or password accepted (a longer one is refused before it is hashed).
MAX_SECRET_CHARS = 200

MOST_COMMON = ("1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969")


def _repeated_block(pin: str) -> bool:
    size = len(pin)
    blocks = range(1, size // 2 + 1)
    return any(size % block == 0 and pin == pin[:block] * (size // block) for block in blocks)


def _run(pin: str) -> bool:
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9})


def weak_pin_reason(pin: str) -> str | None:
    """Why the all-digit ``pin`` is too easy to guess, or None."""
    if not pin.isdigit():
        return None
    if len(set(pin)) == 1:
        return _("A PIN of one repeated digit is too easy to guess.")
    if _repeated_block(pin):
        return _("A PIN made of a repeated group of digits is too easy to guess.")
    if _run(pin):
        return _("A PIN of digits in a row (like 1234 or 9876) is too easy to guess.")
    if len(pin) == 4 and 1900 <= int(pin) <= 2099:
        return _("A PIN that is a year is too easy to guess.")
    if pin in MOST_COMMON:
        return _("That PIN is one of the ten most often chosen; choose another.")
    return None
