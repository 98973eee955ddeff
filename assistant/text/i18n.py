"""The core's messages in the practitioner's language: gettext catalogs, compiled with Babel
and read with the standard library's ``gettext`` (Babel's reader costs ~45 ms at every start).

Messages a practitioner reads at the chair (the session's clinical warnings, what is wrong
with a patient's details) are written as ``_("… {name} …").format(name=…)``, so the whole
sentence is translated, never English pieces glued together. The catalogs live in
``resources/locale/<code>/LC_MESSAGES/chairside.po`` (compiled to ``.mo`` beside it)::

    pybabel extract -k _ -o /tmp/chairside.pot assistant
    pybabel update -i /tmp/chairside.pot -d resources/locale -D chairside
    pybabel compile -d resources/locale -D chairside

The language is the practitioner's (the ``interface_language`` setting), chosen once at
start-up with ``use_language``; it is one per process, like the window's. Without it, or for
a language without a catalog, messages stay in English.
"""

from __future__ import annotations

import gettext
import logging

from assistant.resources import resource_path

log = logging.getLogger(__name__)

DOMAIN = "chairside"

_active: gettext.NullTranslations = gettext.NullTranslations()
_code = "en"


def catalog(code: str) -> gettext.NullTranslations:
    """The compiled catalog for ``code`` (English: messages as written)."""
    if code == "en":
        return gettext.NullTranslations()
    translations = gettext.translation(
        DOMAIN, str(resource_path("locale")), [code], fallback=True
    )
    if type(translations) is gettext.NullTranslations:
        log.warning("no message catalog for the language %r; messages stay in English", code)
    return translations


def use_language(code: str) -> None:
    """Translate the core's messages into ``code`` from now on (the practitioner's language)."""
    global _active, _code
    _active, _code = catalog(code), code


def current_language() -> str:
    return _code


def _(message: str) -> str:
    """``message`` in the practitioner's language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the message for ``count`` in the practitioner's language."""
    return _active.ngettext(singular, plural, count)
