"""Arguments and environment values checked before anything uses them.

Every argument and every ``CHAIRSIDE_…`` environment value must be valid UTF-8 text (a
name in another encoding would end in a traceback the first time it is printed or
compared), and a folder or file named must fit what the file system can hold. Each problem
is one line and exit status 2, before a file or the database is touched; the value itself is
never echoed (it may be a PIN, or unprintable).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

ENVIRONMENT = (
    "CHAIRSIDE_DATA_DIR",
    "CHAIRSIDE_DATABASE_URL",
    "CHAIRSIDE_PIN",
    "CHAIRSIDE_RECOVERY_KEY",
)
MAX_PATH_BYTES = 4096  # PATH_MAX on Linux; longer names cannot be opened
MAX_NAME_BYTES = 255  # one folder or file name


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return False
    return True


def text_problem(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str | None:
    """Why the arguments or the environment cannot be used, or None."""
    environ = os.environ if environ is None else environ
    # An argument's value is shown escaped (it is a name or a number); an environment
    # value never (it may be a PIN).
    for number, argument in enumerate(argv, start=1):
        if not _is_text(argument):
            shown = argument if len(argument) <= 80 else argument[:80] + "…"
            return (
                f"argument {number} ({shown}) is not valid UTF-8 text; nothing was done."
            )  # said through ``say``, which writes the undecodable bytes as escapes
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value is not None and not _is_text(value):
            return f"{name} is not valid UTF-8 text; nothing was done."
    return None


def _too_long(value: str) -> bool:
    raw = value.encode("utf-8")
    return len(raw) > MAX_PATH_BYTES or any(len(part) > MAX_NAME_BYTES for part in raw.split(b"/"))


def length_problem(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> str | None:
    """A folder or file named (``--data-dir``, ``--out``, any file argument, or the data
    folder's environment value) too long for the file system, or None."""
    environ = os.environ if environ is None else environ
    named: list[tuple[str, str]] = [
        (key.replace("_", "-"), str(value))
        for key, value in sorted(vars(args).items())
        if isinstance(value, Path) or (key == "data_dir" and isinstance(value, str))
    ]
    for key, values in sorted(vars(args).items()):
        if isinstance(values, list):
            named.extend((key.replace("_", "-"), str(v)) for v in values if isinstance(v, Path))
    if "CHAIRSIDE_DATA_DIR" in environ:
        named.append(("CHAIRSIDE_DATA_DIR", environ["CHAIRSIDE_DATA_DIR"]))
    url = getattr(args, "database_url", None) or environ.get("CHAIRSIDE_DATABASE_URL")
    if url and url.startswith("sqlite"):
        named.append(("database-url", url.split("///", 1)[-1]))
    for option, value in named:
        if _too_long(value):
            label = f"--{option}" if option in ("data-dir", "database-url", "out") else option
            return (
                f"{label} cannot be read or written: it is too long to be a file or folder name "
                f"({len(value):,} characters); nothing was done."
            )
    return None
