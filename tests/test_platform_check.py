"""Before Qt starts, missing X11 libraries are named with the packages that provide them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.start import platform_check
from ui.start.platform_check import check_platform_libraries, explain, missing_libraries

ROOT = Path(__file__).resolve().parent.parent
X11 = {"DISPLAY": ":0"}


def without(*sonames: str) -> platform_check.Probe:
    return lambda name: name not in sonames


def test_nothing_missing_means_qt_may_start() -> None:
    assert missing_libraries(X11, without(), "linux") == []
    assert check_platform_libraries(X11, without()) is None


def test_a_missing_xcb_cursor_names_the_packages_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    probe = without("libxcb-cursor.so.0", "libxkbcommon-x11.so.0")
    if not sys.platform.startswith("linux"):
        pytest.skip("the X11 check runs on Linux only")
    assert check_platform_libraries(X11, probe) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "libxcb-cursor.so.0" in err and "libxkbcommon-x11.so.0" in err
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in err
    assert "sudo dnf install xcb-util-cursor libxkbcommon-x11" in err


def test_packages_shared_by_several_libraries_are_named_once() -> None:
    missing = missing_libraries(
        X11, without("libxcb-shape.so.0", "libxcb-randr.so.0", "libxcb-xkb.so.1"), "linux"
    )
    assert "dnf install libxcb'" in explain(missing)


@pytest.mark.parametrize(
    "environ",
    [
        {},  # no display at all: nothing for X11 to open
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"},
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {"QT_QPA_PLATFORM": "xcb"},  # xcb asked for, but no display
    ],
)
def test_no_check_when_qt_will_not_use_x11(environ: dict[str, str]) -> None:
    assert missing_libraries(environ, without("libxcb-cursor.so.0"), "linux") == []


def test_a_wayland_desktop_needs_no_x11_libraries_unless_wayland_is_missing() -> None:
    desktop = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert missing_libraries(desktop, without("libxcb-cursor.so.0"), "linux") == []
    no_wayland = without("libxcb-cursor.so.0", "libwayland-client.so.0")
    assert [lib.soname for lib in missing_libraries(desktop, no_wayland, "linux")] == [
        "libxcb-cursor.so.0"
    ]
    forced = {**desktop, "QT_QPA_PLATFORM": "xcb"}
    assert missing_libraries(forced, without("libxcb-cursor.so.0"), "linux")


def test_other_systems_are_not_checked() -> None:
    assert missing_libraries(X11, without("libxcb-cursor.so.0"), "win32") == []
    assert missing_libraries(X11, without("libxcb-cursor.so.0"), "darwin") == []


def test_the_real_probe_finds_a_library_every_system_has_and_not_an_invented_one() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux sonames")
    assert platform_check.library_loads("libc.so.6")
    assert not platform_check.library_loads("libchairside-does-not-exist.so.0")


def test_the_list_covers_what_the_installed_qt_needs() -> None:
    """Every system library that Qt's X11 plugin and QtGui link to is in the list, so a
    newer Qt that needs one more is noticed here, not by a practitioner."""
    readelf = shutil.which("readelf")
    if readelf is None or not sys.platform.startswith("linux"):
        pytest.skip("needs readelf (binutils) on Linux")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    binaries = [
        qt / "lib" / "libQt6XcbQpa.so.6",
        qt / "lib" / "libQt6Gui.so.6",
        qt / "lib" / "libQt6DBus.so.6",
        qt / "plugins" / "platforms" / "libqxcb.so",
    ]
    runtime = ("libc.so", "libm.so", "libstdc++", "libgcc_s", "ld-linux", "libz.so",
               "libicu", "libzstd", "libQt6")  # fmt: skip
    listed = {library.soname for library in platform_check.XCB_LIBRARIES}
    for binary in binaries:
        if not binary.exists():
            pytest.skip(f"{binary.name} is not in this PySide6")
        dynamic = subprocess.run(
            [readelf, "-d", str(binary)], capture_output=True, text=True, timeout=60
        ).stdout
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
        assert needed, dynamic
        unlisted = {name for name in needed if not name.startswith(runtime)} - listed
        assert not unlisted, f"{binary.name} needs {sorted(unlisted)}"


def test_main_py_stops_before_qt_with_exit_2(tmp_path: Path) -> None:
    """The whole start-up path: main.py asks the check before importing the window."""
    code = (
        "import sys, runpy\n"
        "from ui.start import platform_check\n"
        "platform_check.library_loads = lambda name: name != 'libxcb-cursor.so.0'\n"
        "sys.argv = ['main.py']\n"
        "try:\n"
        "    runpy.run_path('main.py', run_name='__main__')\n"
        "finally:\n"
        "    print('Qt loaded' if 'PySide6.QtWidgets' in sys.modules else 'Qt not loaded')\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DISPLAY": ":99",
        "CHAIRSIDE_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    if not sys.platform.startswith("linux"):
        pytest.skip("the X11 check runs on Linux only")
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # no Qt abort
    assert "libxcb-cursor0" in result.stderr and "xcb-util-cursor" in result.stderr
    assert result.stdout.strip() == "Qt not loaded"
