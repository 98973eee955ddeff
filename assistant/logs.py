"""Logging set-up, done once by the entry point: a rotating file in the log folder."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

_configured = False


def configure_logging(log_dir: Path, verbose: bool = False, console: bool = False) -> None:
    """Log to a rotating file in ``log_dir`` (the data folder's ``logs``)."""
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / "chairside.log",
            maxBytes=2_000_000,
            backupCount=5,
            encoding="utf-8",
        )
        handler.setFormatter(formatter)
        root.addHandler(handler)
    except OSError as exc:  # a read-only data folder must not stop the app
        print(f"chairside: cannot write the log file ({exc})", file=sys.stderr)
        console = True
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream.setFormatter(formatter)
        root.addHandler(stream)
