"""Logging set-up, done once by the entry point: a rotating file in the log folder."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from io import TextIOWrapper
from pathlib import Path

from assistant import paths
from assistant.paths import ensure_private_dir

_configured = False


class _NoLogFile(Exception):
    pass


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files name patients' record numbers: owner-only (0600) on Linux and macOS, each
    new file included, whatever the process umask."""

    def _open(self) -> TextIOWrapper:
        paths.create_private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging(log_dir: Path, verbose: bool = False, console: bool = False) -> None:
    """Log to a rotating, owner-only file in ``log_dir`` (the data folder's ``logs``)."""
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    # A command given a data folder that does not exist says so itself; its log must not
    # create the folder that a mistyped --data-dir names.
    file_logging = not (console and not log_dir.parent.is_dir())
    try:
        if not file_logging:
            raise _NoLogFile
        ensure_private_dir(log_dir)
        handler: logging.Handler = PrivateRotatingFileHandler(
            log_dir / "chairside.log",
            maxBytes=2_000_000,
            backupCount=5,
            encoding="utf-8",
        )
        handler.setFormatter(formatter)
        root.addHandler(handler)
    except _NoLogFile:
        pass
    except OSError as exc:  # a read-only data folder must not stop the app
        if not console:  # a command reports the folder itself, in its one line
            print(f"chairside: cannot write the log file ({exc})", file=sys.stderr)
        console = True
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream.setFormatter(formatter)
        root.addHandler(stream)
