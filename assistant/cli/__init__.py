"""The command line: ``python main.py [options] [COMMAND ...]``.

With no command the GUI starts (``main.py`` hands over to ``ui``); with one, the matching
module in this package runs it headless. Each command module exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``(args, context) -> int``. Errors a user can act on (``ChairsideError``) print one line on
stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant import __version__, paths
from assistant.errors import ChairsideError

if TYPE_CHECKING:
    from assistant.db import Database

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class CliContext:
    """What a command may need, opened only when it asks (``check`` needs no database)."""

    def __init__(self) -> None:
        self._database: Database | None = None

    def database(self) -> Database:
        if self._database is None:
            from assistant.db import init_db

            self._database = init_db(paths.database_url())
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


Handler = Callable[[argparse.Namespace, CliContext], int]


def _command_modules() -> list[object]:
    # Imported here so that ``--help`` lists every command and each module stays independent.
    from assistant.cli import commands

    return commands.modules()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chairside",
        description="Chairside: patients, suitability checklist, session records and "
        "aftercare sheets for microneedling. Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"Chairside {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for the database, settings, logs and backups (env {paths.DATA_DIR_ENV})",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="SQLAlchemy URL of the database, e.g. postgresql+psycopg://host/chairside "
        f"(env {paths.DATABASE_URL_ENV}; default: SQLite in the data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(subparsers)  # type: ignore[attr-defined]
    return parser


def apply_global_options(args: argparse.Namespace) -> None:
    """Options that choose locations become environment so every layer sees the same."""
    if args.data_dir:
        os.environ[paths.DATA_DIR_ENV] = str(args.data_dir)
    if args.database_url:
        os.environ[paths.DATABASE_URL_ENV] = str(args.database_url)


def run_command(args: argparse.Namespace) -> int:
    handler: Handler = args.handler
    context = CliContext()
    try:
        return handler(args, context)
    except ChairsideError as exc:
        print(f"chairside: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        context.close()


def main(argv: Sequence[str] | None = None) -> int:
    """The commands alone, without the window (the installed ``chairside`` runs ``main.main``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    apply_global_options(args)
    from assistant.logs import configure_logging

    configure_logging(verbose=args.verbose, console=True)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return run_command(args)
