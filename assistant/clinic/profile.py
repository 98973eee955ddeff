"""The clinic's profile: one type for the settings, the database and every printed sheet.

Plain data with no storage or Qt, so the aftercare sheet, the rule sheet and the settings
dialog all use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ClinicProfile:
    name: str = ""
    address: str = ""
    phone: str = ""
    out_of_hours_phone: str = ""
    email: str = ""
    logo_path: str | None = None
    # "A4" or "Letter"; the sheets refuse any other with a clear message.
    paper_size: str = "A4"
    # The version read; saving checks it (0: a new profile, or a caller that does not care).
    version: int = field(default=0, compare=False)
