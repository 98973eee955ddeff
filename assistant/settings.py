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
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.files import replace_atomically

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "backup_folder": "",  # empty: the backups folder inside the data folder
    "backup_keep": 14,  # how many automatic backups to keep
    "backup_on_exit": True,
    "last_backup_at": "",  # ISO timestamp of the last successful backup
    "idle_lock_minutes": 5,
    "demo_offered": False,
    "encryption_offered": False,  # a plain database was offered encryption (or chosen plain)
    "autosave_seconds": 2,
    "window_geometry": "",
    "photo_watch_folder": "",  # where a camera or phone drops new photos; empty: none
    "interface_language": "en",  # the practitioner's language for the window (ui/i18n)
    "file_checked_on": "",  # ISO date of the last whole-file check of the database
    # Stock: a lot expiring within this many days warns when received and in Stock.
    "stock_expiry_warning_days": 30,
    # Stock: the reorder level a newly received item starts with (units on hand, all lots).
    "stock_reorder_level": 2,
    # The patient's questionnaire on a phone (assistant.intake): off until the clinic turns it
    # on and chooses the address of this computer on its own network.
    "intake_enabled": False,
    "intake_address": "",  # empty: this computer only (127.0.0.1)
    "intake_port": 0,  # 0: any free port (the QR code carries it)
    "intake_minutes": 30,  # how long a questionnaire link works
    "intake_review_days": 7,  # older answers are shown for review, not confirmed as today's
    "followup_days": 2,  # a follow-up call this many days after a signed session…
    "followup_depth_mm": 1.0,  # …where any zone was this deep or deeper (or had a reaction)
    "appointment_minutes": 60,  # the length of a new appointment
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
            whole = isinstance(value, int) and not isinstance(value, bool)
            if default is None or isinstance(value, type(default)) or (
                isinstance(default, float) and whole
            ):
                self._values[key] = value

    def __getitem__(self, key: str) -> Any:
        return self._values[key] if key in self._values else DEFAULTS[key]

    def get(self, key: str) -> Any:
        """The stored value, or the default declared in ``DEFAULTS`` (None for unknown keys)."""
        return self._values.get(key, DEFAULTS.get(key))

    # Typed views of the values a program reads; the defaults stay in ``DEFAULTS`` only.

    @property
    def backup_folder(self) -> str:
        return str(self["backup_folder"] or "").strip()

    @property
    def backup_keep(self) -> int:
        return int(self["backup_keep"])

    @property
    def backup_on_exit(self) -> bool:
        return bool(self["backup_on_exit"])

    @property
    def last_backup_at(self) -> str:
        return str(self["last_backup_at"] or "")

    @property
    def idle_lock_minutes(self) -> int:
        return int(self["idle_lock_minutes"])

    @property
    def demo_offered(self) -> bool:
        return bool(self["demo_offered"])

    @property
    def encryption_offered(self) -> bool:
        return bool(self["encryption_offered"])

    @property
    def autosave_seconds(self) -> float:
        return float(self["autosave_seconds"])

    @property
    def photo_watch_folder(self) -> str:
        return str(self["photo_watch_folder"] or "").strip()

    @property
    def interface_language(self) -> str:
        return str(self["interface_language"] or "en")

    @property
    def followup_days(self) -> int:
        return int(self["followup_days"])

    @property
    def followup_depth_mm(self) -> float:
        return float(self["followup_depth_mm"])

    @property
    def appointment_minutes(self) -> int:
        return int(self["appointment_minutes"])

    @property
    def window_geometry(self) -> str:
        return str(self["window_geometry"] or "")

    @property
    def stock_expiry_warning_days(self) -> int:
        return max(0, int(self["stock_expiry_warning_days"]))

    @property
    def stock_reorder_level(self) -> int:
        return max(0, int(self["stock_reorder_level"]))

    @property
    def intake_enabled(self) -> bool:
        return bool(self["intake_enabled"])

    @property
    def intake_address(self) -> str:
        return str(self["intake_address"] or "").strip() or "127.0.0.1"

    @property
    def intake_port(self) -> int:
        return int(self["intake_port"])

    @property
    def intake_minutes(self) -> int:
        return int(self["intake_minutes"])

    @property
    def intake_review_days(self) -> int:
        return int(self["intake_review_days"])

    def set(self, key: str, value: Any) -> None:
        self._values[key] = value
        self.save()

    def update(self, values: dict[str, Any]) -> None:
        self._values.update(values)
        self.save()

    def save(self) -> None:
        """Write atomically so a crash mid-write never leaves a half file."""
        if self.path.parent.exists():
            paths.make_private(self.path.parent)
        else:
            paths.ensure_private_dir(self.path.parent)
        text = json.dumps(self._values, indent=2, sort_keys=True)
        replace_atomically(self.path, text.encode("utf-8"))
        paths.make_private(self.path)

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)
