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
import sys
from collections.abc import Callable, Sequence

from assistant import __version__, paths
from assistant.context import AppContext
from assistant.errors import ChairsideError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


# Command handlers are typed with this name; it is the application context.
CliContext = AppContext


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


def context_from_args(args: argparse.Namespace) -> AppContext:
    """The application context for these options (the one object every layer is given)."""
    return AppContext.from_options(args.data_dir, args.database_url)


def run_command(args: argparse.Namespace, context: AppContext | None = None) -> int:
    handler: Handler = args.handler
    context = context or context_from_args(args)
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
    context = context_from_args(args)
    from assistant.logs import configure_logging

    configure_logging(context.locations.log_dir(), verbose=args.verbose, console=True)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return run_command(args, context)
