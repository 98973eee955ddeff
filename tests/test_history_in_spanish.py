"""What was stored in English (a session's warnings, the audit trail's summaries) reads in
the interface's language on a Spanish screen, worded again from the values kept with it;
the stored words themselves never change."""

from __future__ import annotations

from datetime import date, datetime

from assistant.sessions import (
    DeviceLimits,
    PreviousSession,
    SessionWarning,
    ZoneEntry,
    check_zone,
    interval_warning,
    screen_warning,
)
from assistant.sessions.rules import device_age_warning


def _english_warnings() -> list[SessionWarning]:
    dermapen = DeviceLimits(0.1, 3.0, "Dermapen 4", warn_above_mm=1.0, notes="its own advice")
    warnings = check_zone(ZoneEntry("forehead", 2.0, 6), dermapen, 5)
    warnings += check_zone(ZoneEntry("full_face", 1.5, 2), dermapen, 2)
    previous = PreviousSession(1, datetime(2026, 11, 3, 10, 0), 1.5)
    late = interval_warning(previous, datetime(2026, 11, 17, 9, 0))
    young = device_age_warning(
        DeviceLimits(0.1, 3.0, "Dermapen 4", cleared_age=22), date(2008, 1, 1), date(2026, 11, 17)
    )
    assert late is not None and young is not None
    return [*warnings, late, young]


def test_warnings_stored_in_english_read_in_spanish(spanish: None) -> None:
    from assistant import i18n

    i18n.use_language("en")
    stored = [SessionWarning.from_json(w.to_json()) for w in _english_warnings()]
    i18n.use_language("es")
    codes = {w.code for w in stored}
    assert codes == {
        "device_depth", "zone_depth", "pigmented_depth", "pigmented_passes", "interval",
        "device_age",
    }  # fmt: skip
    shown = [screen_warning(w) for w in stored]
    for warning, text in zip(stored, shown, strict=True):
        assert text != warning.message
        english = warning.message.split(":")[-1].split("(")[0].strip()
        assert english not in text, (english, text)
        assert "mm" not in text or "," in text or "1 mm" in text
    assert "1,5 mm" in " ".join(shown)
    assert "martes, 3 de noviembre de 2026" in shown[-2]
    assert all(" is " not in text and " on " not in text for text in shown), shown
    # the stored words are untouched
    assert all(" is " in w.message for w in stored)


def test_a_warning_kept_without_its_values_shows_as_stored(spanish: None) -> None:
    old = SessionWarning.from_json(
        {"code": "zone_depth", "zone": "upper_lip", "message": "Upper lip: 0.8 mm is above."}
    )
    assert old.values == {}
    assert screen_warning(old) == "Upper lip: 0,8 mm is above."


def test_the_values_are_stored_with_the_warning() -> None:
    (warning,) = check_zone(ZoneEntry("forehead", 1.5, 2), None, 2)
    data = warning.to_json()
    assert data["values"]["depth"] == 1.5
    assert SessionWarning.from_json(data).values == data["values"]
    assert screen_warning(SessionWarning.from_json(data)) == warning.message
