"""The interface in the practitioner's language: Qt translation files
(``resources/i18n/chairside_*.qm``, compiled from the ``.ts`` sources beside them) loaded
with ``QTranslator`` at start-up, by the ``interface_language`` setting.

To update the sources after changing strings in ``ui/``: ``pyside6-lupdate ui/*.py
ui/session_form/*.py -ts resources/i18n/chairside_es.ts``; after translating (Qt Linguist:
``pyside6-linguist``), ``pyside6-lrelease resources/i18n/chairside_es.ts``.
``tests/test_translations.py`` checks that the Spanish file covers every string in ``ui/``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from assistant.resources import resource_path
from assistant.text.i18n import current_language

log = logging.getLogger(__name__)


def i18n_dir() -> Path:
    return resource_path("i18n")

# Interface languages with a complete translation (English is the source).
INTERFACE_LANGUAGES = ("en", "es")

# The handout languages' names, for the translators (assistant.text.languages holds them).
LANGUAGE_NAMES = (
    QT_TRANSLATE_NOOP("Languages", "English"),
    QT_TRANSLATE_NOOP("Languages", "Spanish"),
    QT_TRANSLATE_NOOP("Languages", "French"),
    QT_TRANSLATE_NOOP("Languages", "German"),
    QT_TRANSLATE_NOOP("Languages", "Polish"),
    QT_TRANSLATE_NOOP("Languages", "Portuguese"),
    QT_TRANSLATE_NOOP("Languages", "Vietnamese"),
    QT_TRANSLATE_NOOP("Languages", "Arabic"),
    QT_TRANSLATE_NOOP("Languages", "Chinese (Simplified)"),
)


def language_name(english: str) -> str:
    """A language's name in the interface's language."""
    return QCoreApplication.translate("Languages", english)


def screen_locale() -> QLocale:
    """The locale of the interface's language, for the month and weekday names a date field
    shows ("26 nov 2026"); in English, the workstation's. Only date fields take it: numbers
    are typed the same way in every language (0.5 mm)."""
    code = current_language()
    return QLocale() if code == "en" else QLocale(code)


def qm_path(code: str) -> Path:
    return i18n_dir() / f"chairside_{code}.qm"


def ts_path(code: str) -> Path:
    return i18n_dir() / f"chairside_{code}.ts"


def install_translators(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Load Chairside's translation for ``code`` and Qt's own (standard buttons and dialogs)
    into ``app``; nothing for English or a language without a file. The translators are
    returned: keep them alive as long as the application."""
    if code == "en" or code not in INTERFACE_LANGUAGES:
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(qm_path(code))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("the interface translation %s cannot be loaded", qm_path(code))
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{code}", qt_folder):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
