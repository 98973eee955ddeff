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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant import __version__, paths
from assistant.cli.acting import add_global_option
from assistant.cli.guard import OneLineArgumentParser, run_guarded
from assistant.records.actor import set_workstation

if TYPE_CHECKING:
    from assistant.db import Database

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class CliContext:
    """What a command may need, opened only when it asks (``check`` needs no database).

    ``creates_database`` is set for commands that make a new clinic on purpose (``demo``);
    any other command refuses a data folder without a database, so a mistyped ``--data-dir``
    does not silently open a new, empty clinic."""

    def __init__(self, creates_database: bool = False) -> None:
        self._database: Database | None = None
        self.creates_database = creates_database

    def database(self) -> Database:
        if self._database is None:
            from assistant.db import init_db

            if not self.creates_database:
                refuse_missing_database()
            self._database = init_db(paths.database_url())
        return self._database

    def database_if_present(self) -> Database | None:
        """The database when the data folder has one; ``None`` (nothing created) when not,
        for commands that work without one (``check`` then uses the shipped rules)."""
        if self._database is None and not self.creates_database:
            from assistant.errors import DatabaseUnavailable

            try:
                refuse_missing_database()
            except DatabaseUnavailable:
                return None
        return self.database()

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


Handler = Callable[[argparse.Namespace, CliContext], int]


def refuse_missing_database() -> None:
    """``DatabaseUnavailable`` when the database in the data folder does not exist yet."""
    if os.environ.get(paths.DATABASE_URL_ENV):
        return  # a server, or a file named on purpose: init_db checks it
    database = paths.default_database_path()
    if database.is_file() and database.stat().st_size > 0:
        return
    from assistant.errors import DatabaseUnavailable

    folder = paths.data_dir()
    where = (
        f"The data folder {folder} does not exist"
        if not folder.is_dir()
        else (f"There is no Chairside database in {folder}")
    )
    raise DatabaseUnavailable(
        f"{where}.",
        "Check --data-dir (or CHAIRSIDE_DATA_DIR); start Chairside or run "
        "'python main.py demo' to create a new clinic.",
    )


def _command_modules() -> list[object]:
    # Imported here so that ``--help`` lists every command and each module stays independent.
    from assistant.cli import commands

    return commands.modules()


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineArgumentParser(
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
    add_global_option(parser)
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
    context = CliContext(creates_database=bool(getattr(args, "creates_database", False)))

    def run() -> int:
        try:
            return handler(args, context)
        finally:
            context.close()
            set_workstation(None)

    return run_guarded(run)


def parse_arguments(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None = None
) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status when parsing ended (``--help``, a usage
    error already reported in one line)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """The commands alone, without the window (the installed ``chairside`` runs ``main.main``)."""
    parser = build_parser()
    args = parse_arguments(parser, argv)
    if isinstance(args, int):
        return args
    apply_global_options(args)
    from assistant.logs import configure_logging

    configure_logging(verbose=args.verbose, console=True)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return run_command(args)
