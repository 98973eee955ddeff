"""Every command of the README's command-line section works when pasted, in order, against
a fresh demo clinic.

The section's fenced blocks are read line by line: ``export NAME=VALUE`` lines set the
environment (the data folder is moved into the test's own folder), and each
``python main.py …`` line runs through ``main.py``'s own parser in this process, in a
working folder of its own (so the files the commands write land there), and must exit 0.
A block whose info string holds ``no-demo`` (```` ```sh no-demo ````) lists commands the demo
clinic cannot run (they need files of the reader's own): those are only checked to parse.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from assistant.patients.search import fold
from tests.cli_support import ROOT

README = ROOT / "README.md"
SECTION = "Command line"
SKIP_MARK = "no-demo"
PROGRAM = ("python", "main.py")


@dataclass(frozen=True)
class Line:
    words: tuple[str, ...]
    runs: bool  # False in a ``no-demo`` block

    def __str__(self) -> str:
        return shlex.join(self.words)


def section(text: str, title: str) -> str:
    """The text under the heading ``title`` (any level), up to the next heading of the same
    level or higher."""
    match = re.search(rf"^(#+) {re.escape(title)}\s*$", text, re.MULTILINE)
    assert match, f"the README has no '{title}' section"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def fenced_blocks(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each fenced block's info string and lines."""
    for match in re.finditer(r"^```([^\n`]*)\n(.*?)^```\s*$", text, re.MULTILINE | re.DOTALL):
        yield match.group(1).strip(), match.group(2).splitlines()


def commands(text: str) -> tuple[list[Line], dict[str, str]]:
    """The ``python main.py`` lines of the section, and what its ``export`` lines set."""
    lines: list[Line] = []
    env: dict[str, str] = {}
    for info, block in fenced_blocks(section(text, SECTION)):
        runs = SKIP_MARK not in info.split()
        for raw in block:
            words = shlex.split(raw, comments=True)
            if words[:1] == ["export"] and runs:
                for assignment in words[1:]:
                    name, _, value = assignment.partition("=")
                    env[name] = value
            elif tuple(words[:2]) == PROGRAM:
                lines.append(Line(tuple(words[2:]), runs))
            else:
                assert not raw.strip() or raw.lstrip().startswith("#") or words[0] == "export", (
                    f"a line of the command-line section that is not a Chairside command: {raw}"
                )
    return lines, env


def load_main() -> ModuleType:
    """``main.py`` as a module (it is a script, not part of a package)."""
    spec = importlib.util.spec_from_file_location("chairside_main_script", ROOT / "main.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_main(main: ModuleType, words: tuple[str, ...]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["main.py", *words]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main.main()
            except SystemExit as exc:  # --help, --version
                status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.argv = argv
    return status, out.getvalue(), err.getvalue()


def test_the_section_is_found_and_read() -> None:
    text = """# T\n## Command line\n```sh\nexport A=1 B=two\npython main.py x --y "a b"  # c\n```
```sh no-demo\npython main.py z\n```\n### Deeper\n```\npython main.py deeper\n```
## Next\n```\npython main.py elsewhere\n```\n"""
    lines, env = commands(text)
    assert env == {"A": "1", "B": "two"}
    assert [(line.words, line.runs) for line in lines] == [
        (("x", "--y", "a b"), True), (("z",), False), (("deeper",), True)
    ]  # fmt: skip


def test_every_readme_command_runs_on_a_fresh_demo_clinic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines, env = commands(README.read_text(encoding="utf-8"))
    runnable = [line for line in lines if line.runs]
    assert len(runnable) >= 10 and runnable[0].words[:1] == ("demo",), "demo comes first"
    # The README's own environment, with the data folder moved into this test's folder;
    # only the PIN unlocks the demo (the recovery key the other tests use is not set).
    assert env.get("CHAIRSIDE_PIN") == "2468" and "CHAIRSIDE_DATA_DIR" in env
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CHAIRSIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CHAIRSIDE_RECOVERY_KEY", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # the files the commands write land here
    main = load_main()
    outputs = {}
    for line in runnable:
        status, out, err = run_main(main, line.words)
        assert status == 0, f"`python main.py {line}` exited {status}: {err.strip()}"
        outputs[line.words] = out
    # What the README says they show: a demo patient found by a few letters of the family
    # name without its accent, and the demo's three practitioners.
    search = next(words for words in outputs if words[:1] == ("patients",) and "--json" in words)
    typed = search[search.index("--search") + 1]
    found = json.loads(outputs[search])
    assert found and typed.isascii()
    for entry in found:
        family = entry["name"].split()[-1]
        assert not family.isascii() and fold(family).startswith(typed), entry
    listed = next(out for words, out in outputs.items()
                  if words[:1] == ("practitioners",) and "--json" in words)  # fmt: skip
    assert json.loads(listed) == [
        {"number": 1, "name": "Dr Naomi Clarke", "active": True},
        {"number": 2, "name": "Ewa Kowalczyk", "active": True},
        {"number": 3, "name": "Marcus Reid", "active": True},
    ]


def test_commands_the_demo_cannot_run_still_parse() -> None:
    from assistant.cli import build_parser, parse_arguments

    lines, _ = commands(README.read_text(encoding="utf-8"))
    assert any(not line.runs for line in lines)
    for line in lines:
        parsed = parse_arguments(build_parser(), list(line.words))
        if isinstance(parsed, int):  # --help and --version end parsing with status 0
            assert parsed == 0, f"`python main.py {line}` does not parse"
        else:
            assert parsed.command is not None, f"`python main.py {line}` names no command"
