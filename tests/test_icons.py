"""The shipped icon set: every icon the interface draws is a Lucide SVG shipped with its
licence, drawn sharp at 200 % scaling and in its colour role."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui import icons

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "resources" / "icons" / "lucide"


def test_every_icon_is_shipped_with_its_licence_and_source() -> None:
    for name in set(icons.NAMES.values()):
        assert (SHIPPED / f"{name}.svg").is_file(), name
    assert "ISC License" in (SHIPPED / "LICENCE.txt").read_text(encoding="utf-8")
    source = (SHIPPED / "SOURCE.txt").read_text(encoding="utf-8")
    assert "lucide-static 1.87.0" in source
    shipped = {p.stem for p in SHIPPED.glob("*.svg")}
    assert shipped == set(icons.NAMES.values())  # only the icons drawn, each named in SOURCE
    assert all(name in source for name in shipped)


def test_an_icon_is_drawn_at_twice_the_pixels_on_a_200_percent_screen(qtbot: QtBot) -> None:
    drawn = icons.icon("warning").pixmap(QSize(20, 20), 2.0)
    assert drawn.size() == QSize(40, 40) and drawn.devicePixelRatio() == 2.0
    image = drawn.toImage()
    opaque = [
        image.pixelColor(x, y)
        for x in range(40)
        for y in range(40)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert len(opaque) > 100  # drawn, not an empty square
    assert {c.name() for c in opaque} == {icons.COLOURS["caution"]}  # its colour role
    single = icons.icon("warning").pixmap(QSize(20, 20), 1.0)
    assert single.size() == QSize(20, 20)


def test_a_label_s_icon_follows_the_widget_s_pixel_ratio(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = icons.icon_label("suitable", icons.LARGE)
    label.setParent(parent)
    shown = label.pixmap()
    ratio = label.devicePixelRatioF()
    assert shown.size() == QSize(round(32 * ratio), round(32 * ratio))
    assert label.property("icon") == "suitable" and label.size() == QSize(32, 32)


def test_a_disabled_icon_is_muted(qtbot: QtBot) -> None:
    from PySide6.QtGui import QIcon

    normal = icons.icon("next", "on-accent").pixmap(QSize(16, 16), 1.0).toImage()
    muted = icons.icon("next", "on-accent").pixmap(QSize(16, 16), 1.0, QIcon.Mode.Disabled)
    assert normal != muted.toImage()


def test_a_banner_draws_its_icon_beside_its_words(qtbot: QtBot) -> None:
    label = icons.IconLabel("warning", "A new consent is needed: the hands are not covered.")
    qtbot.addWidget(label)
    label.resize(500, 40)
    label.show()
    assert label.text().startswith("A new consent")  # the words alone, no "⚠" in them
    image = label.grab().toImage()
    left = {
        image.pixelColor(x, y).name()
        for x in range(0, icons.SIZE + 12)
        for y in range(image.height())
    }
    assert icons.COLOURS["caution"] in left  # the icon, drawn in the warning's colour


def test_every_icon_on_screen_comes_from_the_shipped_set() -> None:
    """The platform style's icons (QStyle.standardIcon) differ from system to system and
    from the Lucide set: the interface draws none of them."""
    root = Path(__file__).resolve().parents[1] / "ui"
    used = [
        f"{path.relative_to(root.parent)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "standardIcon" in line or "StandardPixmap" in line
    ]
    assert used == []


def test_the_banners_draw_lucide_icons(qtbot: QtBot) -> None:
    from ui.audit.backup_banner import BackupBanner
    from ui.audit.integrity_banner import IntegrityBanner

    backup, integrity = BackupBanner(), IntegrityBanner()
    qtbot.addWidget(backup)
    qtbot.addWidget(integrity)
    assert backup.icon.property("icon") == "warning"
    assert integrity.icon.property("icon") == "error"
    assert not backup.icon.pixmap().isNull()
