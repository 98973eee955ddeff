"""Build Chairside as desktop software: a folder that runs with no Python installed.

    pip install -e ".[build]" && python packaging/build.py

On Linux this writes ``dist/Chairside/`` (run ``dist/Chairside/Chairside``; the same
executable takes the command-line subcommands, e.g. ``Chairside --version``,
``Chairside demo``, ``Chairside aftercare …``) and the download
``dist/Chairside-VERSION-linux-ARCH.tar.gz``. Check a build with
``env -i dist/Chairside/Chairside --smoke-test``; CI does exactly that.

The bundle is made by PyInstaller from ``main.py`` with ``packaging/chairside.spec``. Every
file of the ``resources`` package (TOML content, fonts, QSS, icons, translations) and of the
Alembic migrations is collected by folder, so files added there later are included without
editing this script.
Qt modules the app does not use are left out to keep the bundle lean.

Windows and macOS (NOT TESTED: built and run only on Linux so far). Run the same command on
that system, with Python 3.11+ and ``pip install -e ".[build]"``; PyInstaller cannot build for
another system than the one it runs on.
- Windows: ``dist\\Chairside\\Chairside.exe``, zipped as
  ``dist\\Chairside-VERSION-windows-ARCH.zip``.
  The executable is a console program whose console is hidden when it is started from the
  Start menu or Explorer (``hide_console="hide-early"``), so commands typed in a terminal
  still print their output.
- macOS: ``dist/Chairside.app`` (windowed), zipped as
  ``dist/Chairside-VERSION-macos-ARCH.zip``; commands run as
  ``Chairside.app/Contents/MacOS/Chairside --version``. It is not signed or notarised:
  Gatekeeper asks the user to allow it (right click → Open) until it is.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "Chairside"
APP_ID = "org.chairside.Chairside"  # the desktop entry's and AppStream's name

# Qt modules (and others) that nothing in Chairside imports; leaving them out keeps their
# libraries and plugins out of the bundle.
EXCLUDED_MODULES = [
    "tkinter",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtSvgWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtStateMachine",
    "PySide6.QtHttpServer",
    "pytest",
    "hypothesis",
    "mypy",
    "PIL._avif",  # ReportLab reads PNG and JPEG logos; AVIF support alone is 5 MB
    "PIL.AvifImagePlugin",
    "psycopg",  # the PostgreSQL backend is for installs from source (pip install ".[postgres]")
]

# Qt plugins (folder, regular expression on the file name) for screens and devices Chairside
# does not run on: embedded framebuffers, VNC, the GTK theme (it would load the GTK the build
# machine has). The libraries only they needed go too (see chairside.spec). Kept: X11 (xcb),
# Wayland, offscreen (the smoke test), the desktop portal theme, image formats, printing.
UNUSED_QT_PLUGINS = [
    ("platforms", r"qeglfs|qlinuxfb|qminimalegl|qvnc|qvkkhrdisplay"),
    ("platformthemes", r"qgtk3"),
    ("egldeviceintegrations", r"."),
    ("generic", r"."),
]


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from assistant import __version__

    return __version__


def system_name() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def bundled_data() -> list[tuple[str, str]]:
    """(file, folder in the bundle) for every file of the ``resources`` package but its Python
    code, every file of the Alembic migrations, which Alembic reads from disk, and the data
    files of libraries that read their own (biip's table of GS1 application identifiers)."""
    from PyInstaller.utils.hooks import collect_data_files

    sys.path.insert(0, str(ROOT))
    data: list[tuple[str, str]] = collect_data_files("resources")
    data += collect_data_files("biip")
    for path in sorted((ROOT / "assistant" / "storage" / "migrations").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            data.append((str(path), path.parent.relative_to(ROOT).as_posix()))
    return data


def pyinstaller_arguments(dist: Path, work: Path) -> list[str]:
    return [
        str(Path(__file__).with_name("chairside.spec")),
        "--noconfirm",
        "--clean",
        "--log-level", "WARN",
        "--distpath", str(dist),
        "--workpath", str(work),
    ]  # fmt: skip


def add_desktop_files(folder: Path) -> None:
    """Linux: the install script, the menu entry and the AppStream description, inside the
    bundle, so the download installs itself (``Chairside/install.sh``)."""
    linux = Path(__file__).with_name("linux")
    shutil.copy2(linux / "install.sh", folder / "install.sh")
    (folder / "desktop").mkdir(exist_ok=True)
    for name in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml"):
        shutil.copy2(linux / name, folder / "desktop" / name)


def folder_size(path: Path) -> int:
    """Bytes on disk, counting each symbolic link once, as the link it is."""
    return sum(item.lstat().st_size for item in path.rglob("*") if not item.is_dir())


def archive(dist: Path, name: str) -> Path:
    """The download: a .tar.gz of the folder on Linux, a .zip elsewhere."""
    machine = platform.machine().lower() or "unknown"
    stem = f"{APP}-{version()}-{system_name()}-{machine}"
    if sys.platform.startswith("linux"):
        out = dist / f"{stem}.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=6) as tar:
            tar.add(dist / name, arcname=name)
        return out
    out = dist / f"{stem}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for item in sorted((dist / name).rglob("*")):
            zipped.write(item, item.relative_to(dist))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--no-archive", action="store_true", help="build the folder only, without the download"
    )
    args = parser.parse_args(argv)
    try:
        import PyInstaller.__main__
    except ImportError:
        print(
            'build: PyInstaller is missing; install it with: pip install -e ".[build]"',
            file=sys.stderr,
        )
        return 2
    dist: Path = args.dist.resolve()
    work = ROOT / "build" / "pyinstaller"
    started = time.monotonic()
    PyInstaller.__main__.run(pyinstaller_arguments(dist, work))
    name = f"{APP}.app" if sys.platform == "darwin" else APP
    folder = dist / name
    if sys.platform.startswith("linux"):
        add_desktop_files(folder)
    size = folder_size(folder) / 2**20
    print(f"build: {folder} ({size:.0f} MiB) in {time.monotonic() - started:.0f} s")
    if not args.no_archive:
        download = archive(dist, name)
        print(f"build: {download} ({download.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
