"""The audit trail in plain words for people: what kind of record an entry is about, and its
summary with the patient's name instead of an id and field names instead of column names.
The stored entries stay as they are (they are hash-chained); only their display changes."""

from __future__ import annotations

import re

ENTITY_WORDS = {
    "assessment": "Suitability checklist",
    "clinic": "Clinic details",
    "clinic_rule": "Clinical rule",
    "consent": "Consent",
    "consent_template": "Consent form",
    "database": "Database",
    "demo": "Demo data",
    "patient": "Patient",
    "photo": "Photo",
    "photo_consent": "Photo consent",
    "practitioner": "Practitioner",
    "recall": "Product recall",
    "treatment_session": "Treatment session",
    "translation_approval": "Translation approval",
    "device": "Device",
    "intake_questionnaire": "Patient's questionnaire",
    "cartridge": "Cartridge",
    "product": "Product",
    "product_lot": "Product lot",
    "stock_item": "Stock item",
    "stock_lot": "Stock lot",
    "appointment": "Appointment",
    "follow_up": "Follow-up call",
    "complication": "Complication",
    "summary": "Governance summary",
    "record": "Record (seal)",
}

FIELD_WORDS = {
    "first_name": "first name",
    "last_name": "last name",
    "date_of_birth": "date of birth",
    "fitzpatrick": "Fitzpatrick type",
    "skin_type": "skin type",
    "name_order": "name order",
    "preferred_name": "preferred name",
    "treated_at": "treatment time",
    "ended_at": "end time",
    "device_id": "device",
    "cartridge_id": "cartridge",
    "cartridge_needles": "cartridge needles",
    "cartridge_lot": "cartridge lot",
    "cartridge_expiry": "cartridge expiry",
    "anaesthetic_product": "anaesthetic",
    "anaesthetic_strength": "anaesthetic strength",
    "anaesthetic_minutes": "anaesthetic time",
    "consent_on_file": "consent on file",
    "consent_date": "consent date",
    "photos_taken": "photos taken",
    "interval_weeks": "interval",
    "next_session_date": "next session date",
    "course_number": "session of the course",
    "course_total": "sessions in the course",
    "depth_mm": "depth",
    "practitioner_id": "practitioner",
    "aftercare_printed_at": "aftercare printed",
}

_SNAKE = re.compile(r"\b(?:[a-z]+(?:_[a-z]+)+|fitzpatrick)\b")
_PATIENT_ID = re.compile(r"\b(?:the record of |of )?patient (\d+)\b")


def entity_words(entity: str) -> str:
    """The kind of record in words ("treatment_session" -> "Treatment session")."""
    return ENTITY_WORDS.get(entity, entity.replace("_", " ").capitalize())


def field_words(name: str) -> str:
    return FIELD_WORDS.get(name, name.replace("_", " "))


def plain_summary(summary: str, patient_id: int | None, patient_name: str) -> str:
    """``summary`` with "patient 12" read as the patient's name and column names as words."""

    def name_of(match: re.Match[str]) -> str:
        if patient_name and patient_id is not None and int(match.group(1)) == patient_id:
            prefix = match.group(0)[: match.start(1) - match.start(0)]
            prefix = prefix.replace("patient ", "")
            return f"{prefix}{patient_name}"
        return match.group(0)

    text = _PATIENT_ID.sub(name_of, summary)
    return _SNAKE.sub(lambda m: field_words(m.group(0)), text)
