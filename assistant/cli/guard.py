"""Running a command so that no input, however odd, ends in a traceback.

- Every error message is one line on stderr, with control and text-direction characters
  escaped (``assistant.text.safety.for_terminal``), then exit status 2.
- A usage mistake (unknown option, a value of the wrong kind) is one line too, instead of
  argparse's usage block; a misspelled command or choice names the nearest one ("did you
  mean `sessions`?").
- Output piped into a program that stops reading (``| head``) ends quietly with status 141
  (128 + SIGPIPE, what the shell reports for programs killed by it).
- Anything unexpected is a bug: its traceback goes to the log file and the user reads one
  line saying so, with exit status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from assistant.errors import ChairsideError
from assistant.text.safety import for_terminal

log = logging.getLogger(__name__)

EXIT_BROKEN_PIPE = 141


def say(message: str) -> None:
    """One line on stderr, prefixed and escaped."""
    text = for_terminal(" ".join(str(message).split("\n")).strip())
    with contextlib.suppress(OSError, ValueError):  # stderr gone too: nothing more to say
        print(f"chairside: {text}", file=sys.stderr, flush=True)


class OneLineArgumentParser(argparse.ArgumentParser):
    """argparse with its error as one line (and ``--help`` for the usage)."""

    def error(self, message: str) -> NoReturn:
        say(f"{message} (see: {self.prog} --help)")
        raise SystemExit(2)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        listed = ", ".join(f"'{name}'" for name in names)
        hint = did_you_mean(str(value), names)
        raise argparse.ArgumentError(
            action, f"invalid choice: '{value}'{hint} (choose from {listed})"
        )


def did_you_mean(typed: str, names: list[str]) -> str:
    """``; did you mean `sessions`?`` for the name nearest to ``typed``, or nothing."""
    folded = {name.casefold(): name for name in names}
    nearest = difflib.get_close_matches(typed.casefold(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean `{folded[nearest[0]]}`?" if nearest else ""


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at the null device so the interpreter's final flush
    does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def run_guarded(action: Callable[[], int]) -> int:
    """Run ``action`` and turn every way it can fail into an exit status and one line."""
    try:
        status = action()
        sys.stdout.flush()
        return status
    except ChairsideError as exc:
        say(str(exc))
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        say("interrupted; nothing more was done.")
        return 130
    except RecursionError:
        say("the input is nested too deeply to be read.")
        return 2
    except MemoryError:
        say("the input is too large to be read.")
        return 2
    except SystemExit:
        raise
    except Exception as exc:
        log.critical("Unexpected error", exc_info=True)
        say(
            f"something unexpected went wrong ({type(exc).__name__}); nothing more was done. "
            "The details are in the log file."
        )
        return 1
