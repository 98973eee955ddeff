"""Every character the screens can show exists in the shipped font (DejaVu Sans): a glyph the
font lacks is drawn as an empty box (the signed banner's padlock once was)."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

from PySide6.QtGui import QRawFont
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "DejaVuSans.ttf"


def _screen_characters() -> dict[str, str]:
    """Each non-ASCII character in a string literal under ui/, with where it is."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docstrings:
                    continue
                for char in node.value:
                    if ord(char) > 0x7F and char not in found:
                        found[char] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_the_shipped_font_has_every_character_on_screen(qtbot: QtBot) -> None:
    font = QRawFont(str(FONT), 12)
    assert font.isValid()
    characters = _screen_characters()
    assert "\N{WARNING SIGN}" in characters  # the scan sees \N{...} escapes too
    missing = {
        f"U+{ord(c):04X} {unicodedata.name(c, '?')}": where
        for c, where in characters.items()
        if not font.supportsCharacter(ord(c))
    }
    assert missing == {}
