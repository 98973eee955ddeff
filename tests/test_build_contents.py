"""What packaging/build.py puts into the desktop bundle."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chairside_build", ROOT / "packaging/build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_resource_and_migration_file_goes_into_the_bundle() -> None:
    """Files added later to resources/ (translations, templates…) or to the migrations are
    bundled without editing the build: the build collects both folders whole."""
    pytest.importorskip("PyInstaller", reason='the build extra is not installed (".[build]")')
    bundled = {(Path(source).resolve(), folder) for source, folder in build_script().bundled_data()}
    expected = set()
    for top in (ROOT / "resources", ROOT / "assistant" / "storage" / "migrations"):
        for path in top.rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            if top.name == "resources" and path.suffix == ".py":
                continue  # code: compiled into the bundle
            expected.add((path.resolve(), path.parent.relative_to(ROOT).as_posix()))
    assert expected - bundled == set()
    versions = {path.name for path, _ in bundled if path.parent.name == "versions"}
    assert "0001_core_schema.py" in versions and "style.qss" in {p.name for p, _ in bundled}
