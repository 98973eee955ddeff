"""Access to the files in the ``resources`` package: TOML data, fonts, icons."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInput


def resource_path(*parts: str) -> Path:
    """A real filesystem path to a shipped resource (the package is installed as files)."""
    ref = resources.files("resources").joinpath(*parts)
    return Path(str(ref))


def load_toml_file(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning a syntax error into a message that names the file and line."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path.name} cannot be read: {exc}.") from exc


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A shipped TOML data file, read once per process."""
    return load_toml_file(resource_path(name))
