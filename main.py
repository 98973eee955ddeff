"""Chairside: ``python main.py`` opens the window; ``python main.py COMMAND`` works headless."""

import sys

from assistant.cli import apply_global_options, build_parser, run_command
from assistant.logs import configure_logging


def main() -> int:
    parser = build_parser()
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check that this installation works (offscreen, in a temporary folder) and exit",
    )
    args = parser.parse_args()
    if args.smoke_test:
        from ui.smoke_test import run_smoke_test

        return run_smoke_test()
    apply_global_options(args)
    configure_logging(verbose=args.verbose, console=args.command is not None)
    if args.command is None:
        from ui.platform_check import check_platform_libraries

        problem = check_platform_libraries()
        if problem is not None:
            return problem
        from ui.app import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
