"""The options every command takes, before or after its name: ``--as PRACTITIONER``
(``assistant.cli.acting``) and ``--recovery-key`` (``assistant.cli.unlock``).

Their names and help live here, apart from the code that acts on them, so the window's start
reads its command line without loading what signing in from a terminal needs (argon2, the
database layer).
"""

from __future__ import annotations

import argparse

PIN_ENV = "CHAIRSIDE_PIN"
DEST = "acting_as"
HELP = (
    "the practitioner doing this: their name as people say it (title, case and accents "
    "aside) or number (see 'practitioners'); the PIN is asked for, or read from $" + PIN_ENV
)
RECOVERY_DEST = "recovery_key"
RECOVERY_ENV = "CHAIRSIDE_RECOVERY_KEY"
RECOVERY_HELP = (
    "open an encrypted database with the clinic's recovery key (asked for, or read from "
    f"${RECOVERY_ENV})"
)


def add_global_option(parser: argparse.ArgumentParser) -> None:
    """``chairside --as NAME COMMAND …``."""
    parser.add_argument("--as", dest=DEST, metavar="PRACTITIONER", default=None, help=HELP)


def add_actor_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """``chairside COMMAND --as NAME …``; ``required`` for commands that may not run without."""
    parser.add_argument(
        "--as",
        dest=DEST,
        metavar="PRACTITIONER",
        default=argparse.SUPPRESS,  # keeps a --as given before the command name
        help=HELP + (" (required)" if required else ""),
    )
    parser.set_defaults(actor_required=required)


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-key", dest=RECOVERY_DEST, action="store_true", help=RECOVERY_HELP
    )


def accept_everywhere(parser: argparse.ArgumentParser) -> None:
    """Every command (and sub-command) takes ``--as`` and ``--recovery-key`` after its name
    too, keeping a value given before it."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in set(action.choices.values()):
            if "--as" not in sub._option_string_actions:
                sub.add_argument(
                    "--as", dest=DEST, metavar="PRACTITIONER", default=argparse.SUPPRESS, help=HELP
                )
            if "--recovery-key" not in sub._option_string_actions:
                sub.add_argument(
                    "--recovery-key",
                    dest=RECOVERY_DEST,
                    action="store_true",
                    default=argparse.SUPPRESS,
                    help=RECOVERY_HELP,
                )
            accept_everywhere(sub)
