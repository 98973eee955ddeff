"""``tools/screenshots.py --scale 2`` draws the screens as on a 200 % display; the scale is
fixed when Qt starts, so it refuses to run inside an application already started."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tools import screenshots


def test_only_the_scales_of_real_screens_are_accepted(tmp_path: Path) -> None:
    assert screenshots.main(["--out", str(tmp_path), "--scale", "3"]) == 2
    assert screenshots.main(["--out", str(tmp_path), "--scale", "x"]) == 2


def test_a_scale_needs_a_process_of_its_own(qtbot: QtBot, tmp_path: Path, capsys) -> None:
    out = tmp_path / "shots"
    assert screenshots.main(["--out", str(out), "--size", "2048x1536", "--scale", "2"]) == 2
    assert "--scale needs a process of its own" in capsys.readouterr().err
    assert not out.exists()  # nothing taken at the wrong scale


def test_the_dark_palette_is_light_text_on_dark_surfaces(qtbot: QtBot) -> None:
    from PySide6.QtGui import QPalette

    palette = screenshots.dark_palette()
    roles = QPalette.ColorRole
    for surface, text in ((roles.Window, roles.WindowText), (roles.Base, roles.Text)):
        assert palette.color(surface).lightness() < 60
        assert palette.color(text).lightness() > 200
    disabled = palette.color(QPalette.ColorGroup.Disabled, roles.ButtonText)
    assert disabled.lightness() < palette.color(roles.ButtonText).lightness()
