"""Chairside: ``python main.py`` opens the window; ``python main.py COMMAND`` works headless."""

import sys

from assistant.cli import apply_global_options, build_parser, run_command
from assistant.logs import configure_logging


def main() -> int:
    args = build_parser().parse_args()
    apply_global_options(args)
    configure_logging(verbose=args.verbose, console=args.command is not None)
    if args.command is None:
        from ui.app import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
