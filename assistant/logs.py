"""Logging set-up, done once by the entry point: a rotating file in the log folder."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from io import TextIOWrapper
from pathlib import Path

_configured = False


class _NoLogFile(Exception):
    pass


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files name patients' record numbers: owner-only (0600) on Linux and macOS, each
    new file included, whatever the process umask."""

    def _open(self) -> TextIOWrapper:
        from assistant import paths

        paths.create_private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging(verbose: bool = False, console: bool = False) -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant import paths

    # A command given a data folder that does not exist says so itself; its log must not
    # create the folder that a mistyped --data-dir names.
    file_logging = not (console and not paths.data_dir().is_dir())
    try:
        if not file_logging:
            raise _NoLogFile
        handler: logging.Handler = PrivateRotatingFileHandler(
            paths.log_dir(ensure=True) / "chairside.log",
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
