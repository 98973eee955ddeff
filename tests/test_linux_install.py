"""The Linux download installs itself into the user's ~/.local: program, command, menu entry,
icon and AppStream description, and uninstalls again without touching the records."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.chairside.Chairside"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the install script is for Linux"
)


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chairside_build", ROOT / "packaging/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A stand-in for the unpacked download, laid out as packaging/build.py lays it out."""
    folder = tmp_path / "download" / "Chairside"
    icons = folder / "_internal" / "resources" / "icons"
    icons.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "chairside.svg", icons)
    program = folder / "Chairside"
    program.write_text('#!/bin/sh\necho "Chairside 0.1.0"\n')
    program.chmod(0o755)
    build_script().add_desktop_files(folder)
    return folder


def run(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_install_then_uninstall_into_a_fresh_home(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    records = home / ".local" / "share" / "Chairside" / "chairside.sqlite3"
    records.parent.mkdir(parents=True)
    records.write_bytes(b"the practitioner's records")

    result = run(["sh", str(bundle / "install.sh")], home)
    assert result.returncode == 0, result.stderr
    assert "Chairside 0.1.0 is installed" in result.stdout
    assert "is not on your PATH" in result.stdout

    app = home / ".local" / "opt" / "chairside"
    share = home / ".local" / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    icon = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    command = home / ".local" / "bin" / "chairside"
    for path in (app / "Chairside", desktop, icon, metainfo, command):
        assert path.exists(), path
    assert f'Exec="{app}/Chairside"' in desktop.read_text().splitlines()
    assert "Icon=org.chairside.Chairside" in desktop.read_text().splitlines()
    assert run([str(command), "--version"], home).stdout.startswith("Chairside 0.1.0")
    if shutil.which("desktop-file-validate"):  # the entry as installed, with its full path
        checked = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True, timeout=60
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    again = run(["sh", str(bundle / "install.sh")], home)  # an update installs over it
    assert again.returncode == 0, again.stderr

    removed = run(["sh", str(app / "install.sh"), "--uninstall"], home)
    assert removed.returncode == 0, removed.stderr
    for path in (app, desktop, icon, metainfo, command):
        assert not path.exists() and not path.is_symlink(), path
    assert records.read_bytes() == b"the practitioner's records"
    assert str(records.parent) in removed.stdout


def test_install_script_refuses_to_run_outside_the_bundle(tmp_path: Path) -> None:
    result = run(["sh", str(LINUX / "install.sh")], tmp_path)
    assert result.returncode == 2
    assert "unpacked Chairside folder" in result.stderr


def test_desktop_entry_is_valid() -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (apt install desktop-file-utils)")
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_appstream_metainfo_is_valid() -> None:
    if shutil.which("appstreamcli") is None:
        pytest.skip("appstreamcli is not installed (apt install appstream)")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
