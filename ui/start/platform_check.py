"""Before Qt starts: are the system libraries of the screen plugin there?

Qt's X11 plugin (xcb) needs a dozen system libraries that a fresh Debian or Ubuntu desktop
may lack (libxcb-cursor0 most often). Without them Qt aborts with a message that names a
library but not what to install. This check runs first and, when one is missing, gives one
line naming the packages to install on Debian/Ubuntu and on Fedora.

It only looks when Qt would use X11: ``QT_QPA_PLATFORM`` unset or ``xcb``, and a display to
show the window on. It imports nothing of Qt, so it runs before Qt loads anything.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

EXIT_MISSING_LIBRARIES = 2


@dataclass(frozen=True)
class SystemLibrary:
    soname: str
    debian: str  # Debian and Ubuntu package
    fedora: str  # Fedora package


# What Qt's xcb plugin (libqxcb.so, libQt6XcbQpa.so) and QtGui load from the system (their
# NEEDED entries; a test compares this list with the installed Qt), beyond the C and C++
# runtime every desktop has.
XCB_LIBRARIES = (
    SystemLibrary("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    SystemLibrary("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    SystemLibrary("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    SystemLibrary("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    SystemLibrary("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    SystemLibrary("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    SystemLibrary("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    SystemLibrary("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    SystemLibrary("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    SystemLibrary("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    SystemLibrary("libxcb.so.1", "libxcb1", "libxcb"),
    SystemLibrary("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    SystemLibrary("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    SystemLibrary("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    SystemLibrary("libX11.so.6", "libx11-6", "libX11"),
    SystemLibrary("libEGL.so.1", "libegl1", "libglvnd-egl"),
    SystemLibrary("libGL.so.1", "libgl1", "libglvnd-glx"),
    SystemLibrary("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    SystemLibrary("libfreetype.so.6", "libfreetype6", "freetype"),
    SystemLibrary("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
    SystemLibrary("libgthread-2.0.so.0", "libglib2.0-0", "glib2"),
    SystemLibrary("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
)

# Enough of Qt's Wayland plugin to know that Qt will not need X11 on a Wayland desktop.
WAYLAND_LIBRARIES = ("libwayland-client.so.0", "libwayland-cursor.so.0", "libxkbcommon.so.0")

Probe = Callable[[str], bool]


def _bundle_folders() -> list[Path]:
    """Where a built bundle keeps the libraries it ships (they need no system package)."""
    folders: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle))
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            folders += [Path(location), Path(location) / "Qt" / "lib"]
    return folders


def library_loads(soname: str) -> bool:
    """True when the dynamic loader can open ``soname`` (or the bundle ships it)."""
    if any((folder / soname).exists() for folder in _bundle_folders()):
        return True
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _uses_x11(environ: Mapping[str, str], probe: Probe) -> bool:
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        first = platform.split(";")[0].split(":")[0].strip()
        return first == "xcb" and bool(environ.get("DISPLAY"))
    if not environ.get("DISPLAY"):
        return False  # no X11 display: Qt uses Wayland or says it has no display
    # On a Wayland desktop with Qt's Wayland libraries there, Qt needs no X11.
    wayland = bool(environ.get("WAYLAND_DISPLAY"))
    return not (wayland and all(probe(name) for name in WAYLAND_LIBRARIES))


def missing_libraries(
    environ: Mapping[str, str] | None = None,
    probe: Probe | None = None,
    platform: str = sys.platform,
) -> list[SystemLibrary]:
    """The system libraries Qt will need and cannot load; empty when all is well."""
    if not platform.startswith("linux"):
        return []
    env = os.environ if environ is None else environ
    probe = probe or library_loads
    if not _uses_x11(env, probe):
        return []
    return [library for library in XCB_LIBRARIES if not probe(library.soname)]


def explain(missing: list[SystemLibrary]) -> str:
    """One line: what is missing and the packages to install."""
    names = ", ".join(library.soname for library in missing)
    debian = " ".join(dict.fromkeys(library.debian for library in missing))
    fedora = " ".join(dict.fromkeys(library.fedora for library in missing))
    return (
        f"chairside: the window cannot open because system libraries are missing ({names}). "
        f"Install them, then start Chairside again: on Debian or Ubuntu "
        f"'sudo apt install {debian}', on Fedora 'sudo dnf install {fedora}'."
    )


def check_platform_libraries(
    environ: Mapping[str, str] | None = None, probe: Probe | None = None
) -> int | None:
    """Before Qt starts: None when Qt can start, else print one line and give exit status 2."""
    missing = missing_libraries(environ, probe)
    if not missing:
        return None
    print(explain(missing), file=sys.stderr)
    return EXIT_MISSING_LIBRARIES
