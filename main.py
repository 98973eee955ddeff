"""Chairside: ``python main.py`` opens the window; ``python main.py COMMAND`` works headless."""

import sys

from assistant.cli import build_parser, context_from_args, run_command
from assistant.logs import configure_logging


def main() -> int:
    args = build_parser().parse_args()
    context = context_from_args(args)
    configure_logging(
        context.locations.log_dir(), verbose=args.verbose, console=args.command is not None
    )
    if args.command is None:
        from ui.app import run_gui

        return run_gui(context)
    return run_command(args, context)


if __name__ == "__main__":
    sys.exit(main())
