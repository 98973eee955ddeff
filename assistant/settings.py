"""Per-workstation settings, declared with their defaults in one place.

Stored as JSON in the data folder; stored values are merged over the defaults, unknown keys
are kept, and a corrupt or unreadable file falls back to the defaults (and is kept aside as
``settings.json.corrupt`` so nothing is lost). Clinic-wide facts (clinic profile, devices)
live in the database instead, shared by every workstation.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from assistant import paths

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "backup_folder": "",  # empty: the backups folder inside the data folder
    "backup_keep": 14,  # how many automatic backups to keep
    "backup_on_exit": True,
    "last_backup_at": "",  # ISO timestamp of the last successful backup
    "idle_lock_minutes": 5,
    "demo_offered": False,
    "autosave_seconds": 2,
    "window_geometry": "",
    "photo_watch_folder": "",  # where a camera or phone drops new photos; empty: none
}


class Settings:
    """Settings for one data folder. Pass the object in; there is no global instance."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.settings_file()
        self._values: dict[str, Any] = dict(DEFAULTS)
        self.load_error: str | None = None
        self.load()

    def load(self) -> None:
        self._values = dict(DEFAULTS)
        if not self.path.exists():
            return
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(stored, dict):
                raise ValueError("the file does not hold a JSON object")
        except (OSError, ValueError) as exc:
            self.load_error = (
                f"The settings file {self.path} could not be read ({exc}); defaults are used."
            )
            log.warning(self.load_error)
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
            return
        for key, value in stored.items():
            default = DEFAULTS.get(key)
            if default is None or isinstance(value, type(default)):
                self._values[key] = value

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value
        self.save()

    def update(self, values: dict[str, Any]) -> None:
        self._values.update(values)
        self.save()

    def save(self) -> None:
        """Write atomically so a crash mid-write never leaves a half file."""
        if self.path.parent == paths.data_dir():
            paths.data_dir(ensure=True)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.unlink(missing_ok=True)
        paths.create_private_file(partial)  # owner-only from the start
        partial.write_text(json.dumps(self._values, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.path)

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)
