"""Chairside core: clinical rules, storage and PDF output. Never imports Qt."""

__version__ = "0.1.0"

# Right-to-left text (Arabic sheets) needs ReportLab's bidi hook in place before ReportLab's
# text modules load; every module that prints imports this package first.
from assistant.text.bidi import install as _install_bidi  # noqa: E402

_install_bidi()
