"""The product's modules (``assistant/``, ``ui/``, ``main.py``) import one another without a
cycle, counting the imports inside functions: an import moved into a function still ties
the two modules together, it only hides the cycle. Nor is there one through the imports
made only for type checking (``if TYPE_CHECKING:``): two modules that name each other even
for their types are one knot; the side that uses the other describes what it uses (a
``typing.Protocol``) instead. An import that stays inside a function
says why in a comment on its line or the line above (a start-up saving, measured). Old
migrations carry their own copies of what they compute, so a later change to the
application never changes what they did."""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("assistant", "ui")


def product_modules() -> dict[str, Path]:
    """Every module of the product by dotted name (a package by its own name)."""
    modules = {"main": ROOT / "main.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, typing_too: bool = False) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import that runs, at any depth; those under ``if TYPE_CHECKING:`` never do
    (they are counted too with ``typing_too``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _type_checking_only(node) and not typing_too:
            for other in node.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _imports(node, typing_too)


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    """The product module that ``name`` (a module, or a name inside one) belongs to."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(typing_too: bool = False) -> dict[str, set[str]]:
    """Module → the product modules it imports (``from package import module`` names the
    submodule, ``from module import name`` the module); with ``typing_too``, those it
    imports only for type checking as well."""
    modules = product_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")), typing_too):
            if isinstance(node, ast.Import):
                targets |= {_owner(alias.name, modules) for alias in node.names}
                continue
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                targets.add(full if full in modules else _owner(base, modules))
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach one another (Tarjan), largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so a deep graph needs no recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups, key=len, reverse=True)


def one_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A shortest way round from the group's first module back to itself."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    raise AssertionError(f"{group} is not a cycle")


def test_no_import_cycle_among_the_products_modules() -> None:
    graph = import_graph()
    cycles = [" → ".join(one_cycle(graph, group)) for group in strongly_connected(graph)]
    assert cycles == [], "import cycles (move the shared part into a module both import):\n" + (
        "\n".join(cycles)
    )


def test_no_import_cycle_even_through_the_imports_for_type_checking() -> None:
    graph = import_graph(typing_too=True)
    cycles = [" → ".join(one_cycle(graph, group)) for group in strongly_connected(graph)]
    assert cycles == [], (
        "import cycles through `if TYPE_CHECKING:` imports (describe what one side uses of "
        "the other with a typing.Protocol on the side that uses it):\n" + "\n".join(cycles)
    )


def test_the_cycle_finder_finds_a_cycle_and_names_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    assert one_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import ui.app\n"
        "def f():\n    import assistant.storage.db\n"
    )
    assert [n.names[0].name for n in _imports(tree) if isinstance(n, ast.Import)] == [
        "assistant.storage.db"
    ]
    assert [
        n.names[0].name for n in _imports(tree, typing_too=True) if isinstance(n, ast.Import)
    ] == ["ui.app", "assistant.storage.db"]


# -- an import inside a function says why ------------------------------------------------------

NOT_A_REASON = ("noqa", "type: ignore", "pragma", "fmt:")


def _reason_lines(source: str) -> set[int]:
    """The lines that carry a comment saying something (not only a linter's switch)."""
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            text = token.string.lstrip("#").strip()
            words = [part.strip() for part in text.split("#")]
            if any(w and not w.startswith(NOT_A_REASON) for w in words):
                lines.add(token.start[0])
    return lines


def inner_imports_without_reason(source: str) -> list[int]:
    """Lines of the imports inside a function with no comment on their lines or just above
    them; a comment above a run of imports on consecutive lines covers the run."""
    tree = ast.parse(source)
    reasons = _reason_lines(source)
    missing = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        nodes = sorted(
            _imports(ast.Module(body=function.body, type_ignores=[])), key=lambda n: n.lineno
        )
        first = previous_end = 0
        for node in nodes:
            end = node.end_lineno or node.lineno
            if node.lineno != previous_end + 1:
                first = node.lineno
            previous_end = end
            if not reasons & set(range(first - 1, end + 1)):
                missing.append(node.lineno)
    return sorted(set(missing))


def test_every_import_inside_a_function_says_why() -> None:
    missing = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in product_modules().values()
        for line in inner_imports_without_reason(path.read_text(encoding="utf-8"))
    ]
    assert missing == [], (
        "an import inside a function needs a one-line reason on its line or the line above "
        "(or move it to the top of the module):\n" + "\n".join(missing)
    )


def test_an_inner_import_without_a_reason_is_found() -> None:
    source = (
        "def a():\n    import json\n"
        "def b():\n    import json  # noqa: PLC0415\n"
        "def c():\n    # the PDF toolkit costs 90 ms at start\n    import json\n"
        "def d():\n    import json  # only when printing\n"
        "def e():\n    # Qt loads in its own step\n    import json\n    import csv\n\n"
        "    import os\n"
        "import os\n"
    )
    assert inner_imports_without_reason(source) == [2, 4, 15]


# -- migrations keep their own copies ----------------------------------------------------------


def test_migrations_import_no_application_code() -> None:
    found = []
    versions = sorted((ROOT / "assistant" / "storage" / "migrations" / "versions").glob("*.py"))
    assert len(versions) >= 21, "the migrations were not found where the test looks"
    for path in versions:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno} imports {name}"
                for name in names
                if (name == "assistant" or name.startswith("assistant."))
                and not name.startswith("assistant.storage.migrations")
            ]
    assert found == [], "a migration must not change when the application does:\n" + "\n".join(
        found
    )
