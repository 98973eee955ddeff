"""Reading the GS1 code on a box: GTIN, lot, expiry and serial.

Cartridge and serum boxes carry a GS1 DataMatrix (or GS1-128) whose data is a string of
application identifiers: ``01`` GTIN, ``17`` expiry (YYMMDD; day ``00`` is the month's last
day), ``10`` lot, ``21`` serial, ``11`` production date. A keyboard-wedge scanner types it,
with or without a symbology identifier (``]d2``, ``]C1``, ``]Q3``) and with the group
separator (ASCII 29) after a variable-length value; a person may type the human-readable line
printed under the code, ``(01)09506000134352(17)271231(10)ABC123``. The parsing is done by
``biip``, a maintained GS1 library; this module only says what the box holds, or what on it
could not be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.errors import InvalidInput
from assistant.text.i18n import _

GROUP_SEPARATOR = "\x1d"


@dataclass(frozen=True)
class BoxCode:
    """What a GS1 code on a box says."""

    gtin: str
    lot: str
    expiry: date
    serial: str = ""
    produced: date | None = None


def read_code(code: str) -> BoxCode:
    """The GTIN, lot, expiry and serial of a scanned or typed GS1 code.

    ``InvalidInput`` (field ``code``) names what could not be read: nothing at all, a GTIN
    whose check digit is wrong, or a missing GTIN, lot or expiry."""
    # biip only when a code is read (190 ms off the window's start)
    from biip import ParseError
    from biip.gs1_messages import GS1Message

    text = code.strip().strip("\r\n")
    if not text:
        raise InvalidInput(_("Scan or type the code on the box."), "code")
    try:
        if text.startswith("("):
            message = GS1Message.parse_hri(text)
        else:
            # biip only when a code is read (190 ms off the window's start)
            import biip

            result = biip.parse(text)
            message_ais = (
                {e.ai.ai for e in result.gs1_message.element_strings}
                if result.gs1_message is not None
                else set()
            )
            if result.gtin is not None and "01" not in message_ais:
                raise InvalidInput(
                    _(
                        "This barcode holds only the product's number (GTIN {gtin}), without "
                        "its lot or expiry: scan the square GS1 code on the box."
                    ).format(gtin=result.gtin.value),
                    "code",
                )
            if result.gs1_message is None:
                raise ParseError(result.gs1_message_error or "")
            message = result.gs1_message
    except (ParseError, ValueError) as exc:
        raise InvalidInput(_unreadable(str(exc)), "code") from None
    found = {element.ai.ai: element for element in message.element_strings}
    gtin = found.get("01")
    if gtin is None:
        raise InvalidInput(_("The code has no GTIN (01): it does not name the product."), "code")
    if gtin.gtin is None:
        raise InvalidInput(
            _("The GTIN {gtin} in the code is not valid (its check digit is wrong).").format(
                gtin=gtin.value
            ),
            "code",
        )
    lot = found.get("10")
    if lot is None or not lot.value.strip():
        raise InvalidInput(_("The code has no lot number (10)."), "code")
    expiry = found.get("17")
    if expiry is None or expiry.date is None:
        raise InvalidInput(_("The code has no expiry date (17)."), "code")
    serial = found.get("21")
    produced = found.get("11")
    return BoxCode(
        gtin=gtin.value,
        lot=lot.value.strip(),
        expiry=expiry.date,
        serial=serial.value.strip() if serial is not None else "",
        produced=produced.date if produced is not None else None,
    )


def _unreadable(detail: str) -> str:
    """What could not be read, from the library's message naming the application identifier
    whose value did not fit (``… with GS1 AI (17) pattern …``)."""
    match = re.search(r"AI \((\d{2,4})\)", detail)
    which = match.group(1) if match else ""
    if which == "01":
        return _("The GTIN (01) in the code could not be read: it must be 14 digits.")
    if which == "17":
        return _("The expiry date (17) in the code is not a date (YYMMDD).")
    if which == "11":
        return _("The production date (11) in the code is not a date (YYMMDD).")
    if which == "10":
        return _("The lot number (10) in the code could not be read.")
    if which == "21":
        return _("The serial number (21) in the code could not be read.")
    return _(
        "The code could not be read as a GS1 code (GTIN, expiry and lot). "
        "Scan it again or type the line printed under it."
    )


def looks_like_gs1(text: str) -> bool:
    """Whether typed text is a GS1 code rather than a lot number typed by hand: it starts
    with a symbology identifier, a group separator, ``(01)`` or ``01`` and 14 digits."""
    stripped = text.strip()
    return stripped.startswith(("]d2", "]C1", "]Q3", "(01)", GROUP_SEPARATOR)) or (
        len(stripped) >= 16 and stripped.startswith("01") and stripped[2:16].isdigit()
    )
