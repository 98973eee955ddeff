"""Chairside: ``python main.py`` opens the window; ``python main.py COMMAND`` works headless."""

import argparse
import sys

from assistant.cli import (
    build_parser,
    context_from_args,
    names_a_command,
    parse_arguments,
    run_command,
)
from assistant.logs import configure_logging


def parser_for(*, commands: bool) -> argparse.ArgumentParser:
    parser = build_parser(commands=commands)
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check that this installation works (offscreen, in a temporary folder) and exit",
    )
    return parser


def main() -> int:
    # The window's start reads its options without loading the command modules.
    parser = parser_for(commands=False)
    if names_a_command(parser, sys.argv[1:]):
        parser = parser_for(commands=True)
    args = parse_arguments(parser)  # one line and exit 2 for what cannot be used
    if isinstance(args, int):
        return args
    if args.smoke_test:
        # only for --smoke-test: the other modes never load it
        from ui.smoke_test import run_smoke_test

        return run_smoke_test()
    context = context_from_args(args)
    configure_logging(
        context.locations.log_dir(), verbose=args.verbose, console=args.command is not None
    )
    if args.command is None:
        # the window's modules load only without a command: commands start without Qt
        from ui.start.platform_check import check_platform_libraries

        problem = check_platform_libraries()
        if problem is not None:
            return problem
        # after the platform check, which must run before Qt loads anything
        from ui.app import run_gui

        return run_gui(context)
    return run_command(args, context)


if __name__ == "__main__":
    sys.exit(main())
