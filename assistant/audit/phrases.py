"""The audit trail's summaries in the practitioner's language.

An entry's summary is stored in English as it was written (it is part of the hash chain and
never changes). To show it in another language, it is read back against the phrases below,
each one the English wording of a summary with its values as ``{placeholders}``: the phrase
it matches is translated (gettext, ``resources/locale``) and filled with its values, worded
for the screen (a patient's name instead of their number, dates and decimals by the
interface's language, states and fields in words). A summary that matches no phrase is shown
as stored, with names for numbers (``assistant.audit.words.plain_summary``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

from assistant.audit.words import FIELD_WORDS, entity_words, plain_summary
from assistant.day.followups import screen_followup_reason
from assistant.text import i18n
from assistant.text.labels import data_label
from assistant.text.screen_dates import screen_number, screen_short_date, screen_short_moment


def _(message: str) -> str:
    """Marks a phrase for pybabel; it is translated when shown (``i18n._``)."""
    return message


PHRASES = (
    _("Set the sign-in PIN of practitioner {practitioner}"),
    _("Changed the sign-in PIN of practitioner {practitioner}"),
    _("Added practitioner {practitioner}, the first to sign in"),
    _("Practitioner {practitioner} signed in"),
    _("Practitioner {practitioner} signed in ({purpose})"),
    _("Wrong PIN for practitioner {practitioner}"),
    _("Wrong PIN for practitioner {practitioner} ({purpose})"),
    _("Wrong PIN for practitioner {practitioner} before the database opened"),
    _("Wrong recovery key before the database opened"),
    _("Window locked ({lock})"),
    _("Practitioner {practitioner} signed out"),
    _("Made a new recovery key (the old one no longer opens the database)"),
    _("Added {entity}"),
    _("Changed {entity} {id}"),
    _("Clinic profile saved"),
    _(
        "Issued consent {consent} ({form} version {version}), countersigned by practitioner "
        "{practitioner}"
    ),
    _("Printed consent {consent}"),
    _("Printed consent {consent} to {path}"),
    _("Saved consent {consent}"),
    _("Saved consent {consent} to {path}"),
    _("Recorded the withdrawal of the {scope} consent of consent {consent} from {day}"),
    _("Saved version {version} of the consent form '{form}'"),
    _("Saved version {version} of the consent form '{form}' in {language}"),
    _("Changed how long a consent stays valid"),
    _("Booked appointment {appointment} for {moment}"),
    _("Booked before the earliest safe date {day} (reason in the details)"),
    _("Appointment {appointment}: {state} to {new_state}"),
    _("Appointment {appointment}: {state} to done (session {session} signed)"),
    _("Saved the calendar file of appointment {appointment} to {path}"),
    _("Recorded complication {complication} ({kind}, {severity}) after session {session}"),
    _("Changed complication {complication}: {fields}"),
    _("Follow-up call {call} due {day} after session {session} ({why})"),
    _("Follow-up call {call}: no answer, due again"),
    _("Follow-up call {call}: done"),
    _("Saved the adverse event report of complication {complication} to {path}"),
    _("Saved the governance summary {day} to {until} to {path}"),
    _("Loaded demo data: {patients} patients, {sessions} sessions"),
    _("Signed session {session} (demo data)"),
    _("Received the patient's questionnaire ({count} answers)"),
    _("Confirmed {count} of the patient's answers"),
    _("Confirmed {count} of the patient's answers, {changed} changed"),
    _("Exported the patient list ({rows} row(s)) to {path}"),
    _("Created patient record {patient}"),
    _("Changed {fields} of patient {patient}"),
    _("Added photo {photo} ({view}) to patient {patient}"),
    _("Added photo {photo} ({view}) to patient {patient}, session {session}"),
    _("Removed photo {photo} ({view}) of patient {patient}"),
    _("Exported {count} photo(s) of patient {patient} to {path}"),
    _("Viewed a {view} comparison of sessions {first} and {second} of patient {patient}"),
    _("Exported a {view} comparison of patient {patient} as a PDF"),
    _("Photo consent of patient {patient}: {status}"),
    _("Sealed the record as committed: {tables}"),
    _("Automatic backup to {path}"),
    _("Manual backup to {path}"),
    _("Restored the database from {path} (schema {revision})"),
    _("Restored the database from {path} (schema {revision}, upgraded to {head})"),
    _("Erased the personal details of patient {patient}"),
    _("Exported the record of patient {patient} as {what}"),
    _("Clinical rule {rule}: {old} → {new} (version {version}): {text}"),
    _("Discarded draft session {session}"),
    _("Discarded draft session {session}: {text}"),
    _("Amended {field} of session {session}"),
    _("Printed the aftercare sheet for session {session}"),
    _("Saved the aftercare sheet for session {session} as {path}"),
    _("Suitability checklist: {verdict}"),
    _("Overrode the verdict '{verdict}' (reason in the details)"),
    _("Exported the recall list for lot {lot} ({rows} row(s)) to {path}"),
    _("Started session {session} (draft)"),
    _("Signed session {session}"),
    _("Signed session {session} with {count} warning(s)"),
    _("Saved draft of session {session}: {fields}"),
    _("Stock {reason}: {quantity} of {item} lot {lot}; on hand {count}"),
    _("Stock {reason}: {quantity} of {item} lot {lot} (session {session}); on hand {count}"),
    _("Stock counted: {count} of {item} lot {lot}, as expected"),
    _("Added {entity} {item} (GTIN {gtin}) to stock"),
    _("Added product {item} (received in stock)"),
    _("Added cartridge lot {lot} (received in stock)"),
    _("Added product lot {lot} (received in stock)"),
    _("Received a new lot {lot} of {item}, expiring {day}"),
    _("Marked {item} lot {lot} recalled by its maker"),
    _("Cartridge lot {lot} no longer offered (none in stock)"),
    _("Translation into {language} approved by {reviewer}: {versions}"),
)

# Words a summary holds as values (states, reasons, verdicts), translated when shown.
WORDS = {
    "booked": _("booked"),
    "arrived": _("arrived"),
    "done": _("done"),
    "cancelled": _("cancelled"),
    "no_show": _("did not come"),
    "given": _("given"),
    "refused": _("refused"),
    "withdrawn": _("withdrawn"),
    "treatment": _("treatment"),
    "photo": _("photo"),
    "received": _("received"),
    "used": _("used"),
    "amended": _("amended"),
    "counted": _("counted"),
    "discarded": _("discarded"),
    "recalled": _("recalled"),
    "idle": _("idle"),
    "by hand": _("by hand"),
    "Suitable": _("Suitable"),
    "Caution": _("Caution"),
    "Defer": _("Defer"),
    "Not suitable": _("Not suitable"),
}

_NUMBER = r"\d+"
_PATTERNS = {
    "practitioner": _NUMBER,
    "patient": _NUMBER,
    "session": _NUMBER,
    "appointment": _NUMBER,
    "complication": _NUMBER,
    "consent": _NUMBER,
    "photo": _NUMBER,
    "call": _NUMBER,
    "id": _NUMBER,
    "first": _NUMBER,
    "second": _NUMBER,
    "count": r"-?\d+",
    "changed": _NUMBER,
    "rows": _NUMBER,
    "patients": _NUMBER,
    "sessions": _NUMBER,
    "quantity": r"[+-]\d+",
    "day": r"\d{4}-\d{2}-\d{2}",
    "until": r"\d{4}-\d{2}-\d{2}",
    "moment": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    """Each phrase as a pattern, with how many of its characters are words (the phrase with
    the most wins when several match)."""
    compiled = []
    for phrase in PHRASES:
        parts, end = [], 0
        for match in _PLACEHOLDER.finditer(phrase):
            parts.append(re.escape(phrase[end : match.start()]))
            name = match.group(1)
            parts.append(f"(?P<{name}>{_PATTERNS.get(name, '.+?')})")
            end = match.end()
        parts.append(re.escape(phrase[end:]))
        literal = len(_PLACEHOLDER.sub("", phrase))
        compiled.append((re.compile("".join(parts) + r"\Z", re.DOTALL), phrase, literal))
    return tuple(compiled)


def match_phrase(summary: str) -> tuple[str, dict[str, str]] | None:
    """The phrase ``summary`` was written from and its values, or None."""
    best: tuple[str, dict[str, str]] | None = None
    best_literal = -1
    for pattern, phrase, literal in _compiled():
        found = pattern.match(summary)
        if found and literal > best_literal:
            best, best_literal = (phrase, found.groupdict()), literal
    return best


def field_words(name: str) -> str:
    """A column or field name in the practitioner's words ("depth", "profundidad")."""
    if name in FIELD_WORDS:
        return i18n._(FIELD_WORDS[name])
    label = data_label("session_fields", name, default="")
    if label:
        return label[:1].lower() + label[1:] if not label[1:2].isupper() else label
    return name.replace("_", " ")


def _words(value: str) -> str:
    return i18n._(WORDS[value]) if value in WORDS else value


def _fields(value: str) -> str:
    return ", ".join(field_words(name) for name in value.split(", "))


def _patient_of(patient_id: int | None, patient_name: str) -> Callable[[str], str]:
    def patient(value: str) -> str:
        if patient_name and patient_id is not None and int(value) == patient_id:
            return patient_name
        return i18n._("patient {n}").format(n=value)

    return patient


_SHOWN: dict[str, Callable[[str], str]] = {
    "day": lambda v: screen_short_date(date.fromisoformat(v)),
    "until": lambda v: screen_short_date(date.fromisoformat(v)),
    "moment": lambda v: screen_short_moment(datetime.fromisoformat(v)),
    "fields": _fields,
    "field": lambda v: field_words(v) if v.isidentifier() else v,
    "entity": lambda v: (
        entity_words(v).lower()
        if i18n.current_language() == "en"
        else data_label("audit_records", v, default=entity_words(v)).lower()
    ),
    "kind": lambda v: data_label("complication_kinds", v),
    "severity": lambda v: data_label("severities", v),
    "why": screen_followup_reason,
    "old": screen_number,
    "new": screen_number,
}
for _name in ("state", "new_state", "status", "scope", "reason", "lock", "verdict"):
    _SHOWN[_name] = _words


def screen_summary(summary: str, patient_id: int | None, patient_name: str) -> str:
    """An audit entry's summary in the interface's language (as stored in English)."""
    if i18n.current_language() == "en":
        return plain_summary(summary, patient_id, patient_name)
    found = match_phrase(summary)
    if found is None:
        return plain_summary(summary, patient_id, patient_name)
    phrase, values = found
    shown = dict(_SHOWN, patient=_patient_of(patient_id, patient_name))
    try:
        worded = {name: shown.get(name, str)(value) for name, value in values.items()}
    except ValueError:  # a date or number that is not one: the summary as stored
        return plain_summary(summary, patient_id, patient_name)
    return i18n._(phrase).format(**worded)
