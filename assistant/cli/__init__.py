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
from pathlib import Path

from assistant import __version__, paths
from assistant.audit.actor import set_workstation
from assistant.cli import options
from assistant.cli.guard import OneLineArgumentParser, run_guarded
from assistant.context import AppContext
from assistant.errors import DatabaseUnavailable
from assistant.logs import configure_logging

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


# Command handlers are typed with this name; it is the application context. A command that
# makes a new clinic on purpose (``demo``) sets ``creates_database``; any other refuses a data
# folder without a database, so a mistyped ``--data-dir`` does not open a new, empty clinic.
CliContext = AppContext


Handler = Callable[[argparse.Namespace, CliContext], int]


def _named_sqlite_file(url: str) -> Path | None:
    # SQLAlchemy's URL parsing only when a database URL is checked
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        sa_url = make_url(url)
    except (ArgumentError, ValueError):
        return None  # not a URL: opening it says so
    if sa_url.get_backend_name() != "sqlite" or sa_url.database in (None, "", ":memory:"):
        return None
    return Path(str(sa_url.database)).expanduser()


def refuse_missing_database(context: AppContext) -> None:
    """``DatabaseUnavailable`` when the database in the data folder, or the SQLite file a
    database URL names, does not exist yet (a mistyped name never makes a new clinic)."""
    if not context.is_default_database:
        named = _named_sqlite_file(context.database_url)
        if named is None or named.is_dir() or not named.parent.is_dir():
            return  # a server, a folder, a missing folder: init_db says which
        if named.is_file() and named.stat().st_size > 0:
            return  # a database file that is there: init_db checks it
        raise DatabaseUnavailable(
            f"There is no database file {named.name} in {named.parent}.",
            "Check --database-url (or CHAIRSIDE_DATABASE_URL); run 'python main.py demo' "
            "to create a new clinic.",
        )
    database = context.locations.default_database_path
    if database.is_file() and database.stat().st_size > 0:
        return

    folder = context.locations.data_dir
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


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser. Without ``commands``, only the options the window takes
    (``names_a_command`` says when that is enough): the 24 command modules and what they
    import (the PDF engine, the calendar, every store) are not loaded before the window's
    sign-in opens."""
    parser = OneLineArgumentParser(
        prog="chairside",
        description="Chairside: patients, suitability checklist, session records and "
        "aftercare sheets for microneedling. Without a command, the window opens.",
    )
    parser.add_argument("--version", action=VersionAction, nargs=0, help="show the version and "
                        "which kind of database is in use (encrypted, plain, server), and exit")
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
    options.add_global_option(parser)
    options.add_global_options(parser)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        module.register(subparsers)  # type: ignore[attr-defined]
    options.accept_everywhere(parser)
    return parser


def names_a_command(window_parser: argparse.ArgumentParser, argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for more than ``window_parser`` (built without the commands)
    takes: a command, ``--help``, ``--version``, or anything it cannot read. Then the whole
    parser is built and reads ``argv`` as always, with its usual messages; the window's own
    start reads its options without loading a single command module."""
    if any(word in ("-h", "--help", "--version") for word in argv):
        return True
    window_parser.exit_on_error = False
    try:
        _known, rest = window_parser.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):
        return True
    finally:
        window_parser.exit_on_error = True
    return bool(rest)


KIND_WORDS = {
    "encrypted": "encrypted SQLite database",
    "plain": "plain (unencrypted) SQLite database",
    "new": "no database yet (a new one is encrypted)",
    "server": "database server (encryption at rest is the server's)",
}


def version_text(data_dir: str | None, database_url: str | None) -> str:
    """``Chairside 1.2.3`` and which kind of database these options use, without opening it."""
    try:
        context = AppContext.from_options(data_dir, database_url)
        kind = KIND_WORDS[context.database_kind()]
    except Exception:  # noqa: BLE001 - a bad URL: the version is still worth printing
        kind = "database not checked"
    return f"Chairside {__version__} ({kind})"


class VersionAction(argparse.Action):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        data_dir = getattr(namespace, "data_dir", None)
        print(version_text(data_dir, getattr(namespace, "database_url", None)))
        parser.exit()


def context_from_args(args: argparse.Namespace) -> AppContext:
    """The application context for these options (the one object every layer is given)."""
    return AppContext.from_options(args.data_dir, args.database_url)


def run_command(args: argparse.Namespace, context: AppContext | None = None) -> int:
    handler: Handler = args.handler
    context = context or context_from_args(args)
    refuse = not getattr(args, "creates_database", False)
    if getattr(args, "unencrypted", False):
        context.encrypt_new = False

    # a command's unlocking (argon2, the database layer): the window's start never loads it
    from assistant.cli import unlock

    def before_open(context: AppContext) -> None:
        if refuse:
            refuse_missing_database(context)
        unlock.unlock(args, context)

    context.before_open = before_open

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
    # input checks only once arguments are parsed: --help stays fast
    from assistant.cli.guard import say
    from assistant.cli.input_check import length_problem, text_problem

    problem = text_problem(sys.argv[1:] if argv is None else argv)
    if problem:
        say(problem)
        return EXIT_BAD_INPUT
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    problem = length_problem(args)
    if problem:
        say(problem)
        return EXIT_BAD_INPUT
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """The commands alone, without the window (the installed ``chairside`` runs ``main.main``)."""
    parser = build_parser()
    args = parse_arguments(parser, argv)
    if isinstance(args, int):
        return args
    context = context_from_args(args)

    configure_logging(context.locations.log_dir(), verbose=args.verbose, console=True)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return run_command(args, context)
