"""Where the database lives, in words for the status bar and the About box: "Local database
in ~/.local/share/Chairside", "Clinic server db.example on PostgreSQL". Never the raw URL,
which may hold a user name and reads as noise to a practitioner."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assistant.text.i18n import _

_ENGINES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB"}


def _home_relative(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def describe_database(url: str) -> str:
    """The database's place in words."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return _("Database in an unrecognised place")
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return _("Temporary database in memory")
        folder = _home_relative(Path(parsed.database).expanduser().parent)
        return _("Local database in {folder}").format(folder=folder)
    engine = _ENGINES.get(backend, backend.capitalize())
    host = parsed.host or _("this computer")
    return _("Clinic server {host} on {engine}").format(host=host, engine=engine)
