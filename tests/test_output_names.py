"""Default file names say what, whose and when."""

from __future__ import annotations

from datetime import date

from assistant.output_files import suggested_file_name


def test_a_default_file_name_carries_the_name_and_the_date() -> None:
    day = date(2026, 11, 24)
    assert suggested_file_name("aftercare", "Ana Silva", day) == (
        "aftercare-Ana-Silva-2026-11-24.pdf"
    )
    assert suggested_file_name("aftercare", "Nguyễn Thị Minh", day) == (
        "aftercare-Nguyễn-Thị-Minh-2026-11-24.pdf"
    )
    # nothing that could name another folder or hide the extension
    assert suggested_file_name("record", "../etc/passwd O'Brien", day) == (
        "record-etc-passwd-O-Brien-2026-11-24.pdf"
    )
